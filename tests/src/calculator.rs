//! An implementation of the WS-Addressing fixture's `Calculator` service, for
//! `tests/addressing.rs` and the zeep interop check.

use std::sync::Mutex;

use soap_runtime::{Fault, Message};

use crate::addressing::calculator_server::CalculatorService;
use crate::addressing::{
    Divide, DivideByZero, DivideFault, DivideResponse, Echo, EchoResponse, Notify,
};

/// Echoes text (a `Sender` fault for `"fail"`), divides (the declared `DivideByZero` fault for
/// a zero divisor) and records notifications.
#[derive(Debug, Default)]
pub struct Calculator {
    /// Events received by `Notify`, in order.
    pub events: Mutex<Vec<String>>,
}

impl CalculatorService for Calculator {
    async fn echo(&self, request: Message<Echo, ()>) -> Result<Message<EchoResponse, ()>, Fault> {
        if request.body.text == "fail" {
            return Err(Fault::sender("echo refused"));
        }
        Ok(Message::new(EchoResponse {
            text: request.body.text,
        }))
    }

    async fn divide(
        &self,
        request: Message<Divide, ()>,
    ) -> Result<Message<DivideResponse, ()>, Fault> {
        let Divide { dividend, divisor } = request.body;
        match dividend.checked_div(divisor) {
            Some(quotient) => Ok(Message::new(DivideResponse { quotient })),
            None => Err(Fault::sender("division by zero")
                .with_detail_choice(&DivideFault::DivideByZeroFault(DivideByZero { dividend }))),
        }
    }

    async fn notify(&self, request: Message<Notify, ()>) -> Result<Message<(), ()>, Fault> {
        if let Ok(mut events) = self.events.lock() {
            events.push(request.body.event);
        }
        Ok(Message::new(()))
    }
}
