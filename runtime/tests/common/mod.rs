//! Shared by the tests: an echo service in the shape the generator emits (hand-written
//! dispatch, and as a `Binding` with `Dispatch`), and (with the HTTP features, in `net.rs`)
//! helpers for loopback servers and raw requests.
#![allow(dead_code, unused_imports)] // Each test crate uses its own subset.

use soap_runtime::__private::*;

#[cfg(all(feature = "http-client", feature = "http-server"))]
mod net;
#[cfg(all(feature = "http-client", feature = "http-server"))]
pub use net::*;

pub const NS: &str = "urn:echo";

/// A body of one `text` element, hand-written in the shape the generator emits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub text: String,
}

impl XmlContent for Text {
    fn write_content(&self, w: &mut XmlWriter) {
        w.element(NS, "text", &self.text);
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut text = None;
        while r.next_content(false)? == Content::Child {
            if text.is_none() && r.is(NS, "text") {
                text = Some(read_required(r)?);
            } else {
                r.skip()?;
            }
        }
        Ok(Text {
            text: text.ok_or_else(|| missing(r, NS, "text"))?,
        })
    }
}

pub static ECHO: OperationInfo = OperationInfo {
    name: "Echo",
    soap_action: "urn:echo/Echo",
    request: BodyForm::Element(NS, "Echo"),
    response: BodyForm::Element(NS, "EchoResponse"),
};
pub static PING: OperationInfo = OperationInfo {
    name: "Ping",
    soap_action: "",
    request: BodyForm::Element(NS, "Ping"),
    response: BodyForm::Element(NS, "PingResponse"),
};
pub static FAIL: OperationInfo = OperationInfo {
    name: "Fail",
    soap_action: "urn:echo/Fail",
    request: BodyForm::Element(NS, "Fail"),
    response: BodyForm::Element(NS, "FailResponse"),
};
pub static OPS: &[&OperationInfo] = &[&ECHO, &PING, &FAIL];

/// Echo, Ping, and Fail (a `Sender` fault).
pub struct Echo;

impl SoapService for Echo {
    async fn handle(&self, request: ServerRequest) -> ServerResponse {
        let call = match ServerCall::parse(&request, OPS) {
            Ok(call) => call,
            Err(response) => return response,
        };
        match call.operation_index() {
            0 => {
                call.serve(|m: Message<Text, ()>| async move { Ok(Message::<_, ()>::new(m.body)) })
                    .await
            }
            1 => {
                call.serve(|_: Message<(), ()>| async { Ok(Message::<(), ()>::new(())) })
                    .await
            }
            _ => {
                call.serve(|_: Message<(), ()>| async {
                    Err::<Message<(), ()>, _>(Fault::sender("bad input"))
                })
                .await
            }
        }
    }
}

/// The echo operation as a generated binding would declare it.
pub struct EchoBinding;

impl Binding for EchoBinding {
    type RequestHeaders = ();
    type ResponseHeaders = ();
    const PORT_TYPE: &'static str = "Echo";
    const ENDPOINT: &'static str = "http://echo.invalid/";
    const VERSION: SoapVersion = SoapVersion::Soap11;
    const OPERATIONS: &'static [&'static OperationInfo] = &[&ECHO];
}

/// Answers Echo with the text it got.
pub struct EchoImpl;

impl Dispatch<EchoImpl> for EchoBinding {
    async fn dispatch(_: &EchoImpl, call: ServerCall<'_>) -> ServerResponse {
        call.serve(|m: Message<Text, ()>| async move { Ok(Message::<_, ()>::new(m.body)) })
            .await
    }
}

pub const WSDL: &str = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/">
  <wsdl:service name="Echo">
    <wsdl:port name="P11"><soap:address location="http://wsdl-address.invalid/Echo.svc"/></wsdl:port>
    <wsdl:port name="P12"><soap12:address location="http://wsdl-address.invalid/Echo.svc"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#;
