//! Body forms: document/literal bare with two parts, an empty body, rpc/encoded wrappers with
//! `xsi:type`, and a one-way operation, through a hand-written `Binding` in the shape the
//! generator emits, over `Loopback` (and over HTTP when the features are on).

use std::future::Future;
use std::sync::{Arc, Mutex};

use soap_runtime::__private::*;

const NS: &str = "urn:shop";

#[derive(Debug, Clone, PartialEq, Default, XmlContent)]
#[xml(ns = NS)]
struct Item {
    name: String,
    qty: u32,
}

/// Document/literal bare, two parts: `Key` and `Item` directly in the body.
#[derive(Debug, Clone, PartialEq, Default, XmlContent)]
#[xml(ns = NS)]
struct StoreParts {
    #[xml(rename = "Key")]
    key: String,
    #[xml(rename = "Item")]
    item: Item,
}

/// One part: `Count`.
#[derive(Debug, Clone, PartialEq, Default, XmlContent)]
#[xml(ns = NS)]
struct StoreResult {
    #[xml(rename = "Count")]
    count: u32,
}

/// rpc/encoded: unqualified part accessors with `xsi:type`.
#[derive(Debug, Clone, PartialEq, Default, XmlContent)]
struct AddArgs {
    #[xml(xsi_type(name = "int", ns = XS_NS))]
    a: i32,
    #[xml(xsi_type(name = "int", ns = XS_NS))]
    b: i32,
    #[xml(xsi_type(name = "string", ns = XS_NS))]
    note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, XmlContent)]
struct AddResult {
    #[xml(rename = "return", xsi_type(name = "long", ns = XS_NS))]
    result: i64,
}

#[derive(Debug, Clone, PartialEq, Default, XmlContent)]
#[xml(ns = NS)]
struct Notify {
    text: String,
}

const STORE: OperationInfo = OperationInfo {
    name: "Store",
    soap_action: "urn:shop/Store",
    request: BodyForm::Parts(Some((NS, "Key"))),
    response: BodyForm::Parts(Some((NS, "Count"))),
};
const STATUS: OperationInfo = OperationInfo {
    name: "Status",
    soap_action: "urn:shop/Status",
    request: BodyForm::Parts(None),
    response: BodyForm::Parts(Some((NS, "Count"))),
};
const ADD: OperationInfo = OperationInfo {
    name: "Add",
    soap_action: "urn:shop#Add",
    request: BodyForm::Encoded(NS, "Add"),
    response: BodyForm::Encoded(NS, "AddResponse"),
};
const NOTIFY: OperationInfo = OperationInfo {
    name: "Notify",
    soap_action: "urn:shop/Notify",
    request: BodyForm::Element(NS, "Notify"),
    response: BodyForm::None,
};
const CLEAR: OperationInfo = OperationInfo {
    name: "Clear",
    soap_action: "urn:shop/Clear",
    request: BodyForm::Parts(None),
    response: BodyForm::Parts(None),
};

#[derive(Debug, Clone, Copy, Default)]
struct Shop;

impl Binding for Shop {
    type RequestHeaders = ();
    type ResponseHeaders = ();
    const PORT_TYPE: &'static str = "Shop";
    const ENDPOINT: &'static str = "http://shop.invalid/";
    const VERSION: SoapVersion = SoapVersion::Soap11;
    const OPERATIONS: &'static [&'static OperationInfo] = &[&STORE, &STATUS, &ADD, &NOTIFY, &CLEAR];
}

trait ShopService: Send + Sync + 'static {
    fn store(
        &self,
        r: Request<Shop, StoreParts>,
    ) -> impl Future<Output = ServerResult<Shop, StoreResult>> + Send;
    fn status(
        &self,
        r: Request<Shop, ()>,
    ) -> impl Future<Output = ServerResult<Shop, StoreResult>> + Send;
    fn add(
        &self,
        r: Request<Shop, AddArgs>,
    ) -> impl Future<Output = ServerResult<Shop, AddResult>> + Send;
    fn notify(
        &self,
        r: Request<Shop, Notify>,
    ) -> impl Future<Output = ServerResult<Shop, ()>> + Send;
    fn clear(&self, r: Request<Shop, ()>) -> impl Future<Output = ServerResult<Shop, ()>> + Send;
}

impl<S: ShopService> Dispatch<S> for Shop {
    async fn dispatch(service: &S, call: ServerCall<'_>) -> ServerResponse {
        match call.operation_index() {
            0 => call.serve(|r| service.store(r)).await,
            1 => call.serve(|r| service.status(r)).await,
            2 => call.serve(|r| service.add(r)).await,
            3 => call.serve(|r| service.notify(r)).await,
            4 => call.serve(|r| service.clear(r)).await,
            _ => call.no_such_operation(),
        }
    }
}

#[derive(Default)]
struct Impl {
    items: Mutex<Vec<(String, Item)>>,
    notes: Mutex<Vec<String>>,
}

impl ShopService for Arc<Impl> {
    async fn store(&self, r: Request<Shop, StoreParts>) -> ServerResult<Shop, StoreResult> {
        let mut items = self.items.lock().unwrap();
        items.push((r.body.key, r.body.item));
        Ok(Message::new(StoreResult {
            count: items.len() as u32,
        }))
    }

    async fn status(&self, _: Request<Shop, ()>) -> ServerResult<Shop, StoreResult> {
        let count = self.items.lock().unwrap().len() as u32;
        Ok(Message::new(StoreResult { count }))
    }

    async fn add(&self, r: Request<Shop, AddArgs>) -> ServerResult<Shop, AddResult> {
        if r.body.note.as_deref() == Some("fail") {
            return Err(Fault::sender("asked to fail"));
        }
        Ok(Message::new(AddResult {
            result: i64::from(r.body.a) + i64::from(r.body.b),
        }))
    }

    async fn notify(&self, r: Request<Shop, Notify>) -> ServerResult<Shop, ()> {
        self.notes.lock().unwrap().push(r.body.text);
        Ok(Message::new(()))
    }

    async fn clear(&self, _: Request<Shop, ()>) -> ServerResult<Shop, ()> {
        self.items.lock().unwrap().clear();
        Ok(Message::new(()))
    }
}

/// A transport recording the last request and response envelopes.
struct Recording<T> {
    inner: T,
    last: Mutex<(String, String, u16)>,
}

impl<T: Transport> Transport for Recording<T> {
    async fn send(&self, request: TransportRequest) -> Result<TransportResponse, TransportError> {
        let sent = request.body.clone();
        let response = self.inner.send(request).await?;
        let received = String::from_utf8_lossy(&response.body).into_owned();
        *self.last.lock().unwrap() = (sent, received, response.status);
        Ok(response)
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

type ShopClient = Client<Shop, Recording<Loopback<Server<Shop, Arc<Impl>>>>>;

fn client(service: &Arc<Impl>) -> ShopClient {
    Client::new(Recording {
        inner: Loopback(Server::new(Arc::clone(service))),
        last: Mutex::default(),
    })
}

fn last(client: &ShopClient) -> (String, String, u16) {
    client.core().transport().last.lock().unwrap().clone()
}

fn store_request(key: &str) -> Request<Shop, StoreParts> {
    Message::new(StoreParts {
        key: key.into(),
        item: Item {
            name: "pen".into(),
            qty: 3,
        },
    })
}

#[test]
fn parts_body_round_trip_and_empty_body() {
    let service = Arc::new(Impl::default());
    let client = client(&service);
    let response: Response<Shop, StoreResult> =
        block_on(client.call(&STORE, store_request("k1"))).unwrap();
    assert_eq!(response.body.count, 1);
    let (sent, received, status) = last(&client);
    assert_eq!(status, 200);
    // The parts are the body's children, no wrapper.
    assert!(
        sent.contains(
            r#"<s:Body><Key xmlns="urn:shop">k1</Key><Item xmlns="urn:shop"><name>pen</name>"#
        ),
        "{sent}"
    );
    assert!(
        received.contains(r#"<s:Body><Count xmlns="urn:shop">1</Count></s:Body>"#),
        "{received}"
    );
    assert_eq!(service.items.lock().unwrap()[0].1.qty, 3);

    // An empty body, routed by SOAPAction.
    let response: Response<Shop, StoreResult> =
        block_on(client.call(&STATUS, Message::new(()))).unwrap();
    assert_eq!(response.body.count, 1);
    let (sent, _, _) = last(&client);
    assert!(sent.contains("<s:Body/>"), "{sent}");

    // An empty request and an empty response.
    let response: Response<Shop, ()> = block_on(client.call(&CLEAR, Message::new(()))).unwrap();
    assert_eq!(response.body, ());
    let (_, received, status) = last(&client);
    assert_eq!(status, 200);
    assert!(received.contains("<s:Body/>"), "{received}");
    assert!(service.items.lock().unwrap().is_empty());
}

fn raw(action: Option<&str>, body: &str) -> ServerRequest {
    ServerRequest {
        body: format!(
            "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>{body}</s:Body></s:Envelope>"
        )
        .into_bytes(),
        soap_action: action.map(str::to_owned),
        content_type: Some("text/xml".into()),
    }
}

#[test]
fn parts_dispatch_by_first_part_or_action() {
    let service = Arc::new(Impl::default());
    let server: Server<Shop, _> = Server::new(Arc::clone(&service));
    // No action: the first part's element selects Store (parts in any order are read).
    let body =
        "<Key xmlns='urn:shop'>k</Key><Item xmlns='urn:shop'><qty>2</qty><name>x</name></Item>";
    let response = block_on(server.handle(raw(None, body)));
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(service.items.lock().unwrap()[0].1.name, "x");
    // A missing part is a Sender fault.
    let response = block_on(server.handle(raw(None, "<Key xmlns='urn:shop'>k</Key>")));
    assert_eq!(response.status, 500);
    assert!(response.body.contains("Client"), "{}", response.body);
    assert!(
        response.body.contains("{urn:shop}Item"),
        "{}",
        response.body
    );
    // An empty body without action: the first operation taking an empty body (Status).
    let response = block_on(server.handle(raw(None, "")));
    assert!(response.body.contains(">1</Count>"), "{}", response.body);
    // With an action: Clear, which answers an empty body.
    let response = block_on(server.handle(raw(Some("urn:shop/Clear"), "")));
    assert_eq!(response.status, 200);
    assert!(response.body.contains("<s:Body/>"), "{}", response.body);
    assert!(service.items.lock().unwrap().is_empty());
    // Clear's action with an element in the body: not an empty body.
    let response = block_on(server.handle(raw(Some("urn:shop/Clear"), "<x/>")));
    assert_eq!(response.status, 500);
    assert!(
        response
            .body
            .contains("unexpected body element x, expected an empty Body"),
        "{}",
        response.body
    );
}

#[test]
fn rpc_encoded_both_versions() {
    let service = Arc::new(Impl::default());
    let mut client = client(&service);
    for (version, style) in [
        (
            SoapVersion::Soap11,
            "http://schemas.xmlsoap.org/soap/encoding/",
        ),
        (
            SoapVersion::Soap12,
            "http://www.w3.org/2003/05/soap-encoding",
        ),
    ] {
        client.core_mut().set_version(version);
        let args = AddArgs {
            a: 40,
            b: 2,
            note: Some("n".into()),
        };
        let response: Response<Shop, AddResult> =
            block_on(client.call(&ADD, Message::new(args))).unwrap();
        assert_eq!(response.body.result, 42);
        let (sent, received, _) = last(&client);
        let wrapper =
            format!(r#"<Add xmlns="urn:shop" s:encodingStyle="{style}" xmlns:p1="{XS_NS}">"#);
        assert!(sent.contains(&wrapper), "{sent}");
        assert!(
            sent.contains(
                r#"<a xmlns="" xsi:type="p1:int">40</a><b xmlns="" xsi:type="p1:int">2</b>"#
            ),
            "{sent}"
        );
        assert!(sent.contains(r#"xsi:type="p1:string">n</note>"#), "{sent}");
        assert!(
            received.contains(&format!(
                r#"<AddResponse xmlns="urn:shop" s:encodingStyle="{style}" xmlns:p1="#
            )),
            "{received}"
        );
        assert!(
            received.contains(r#"<return xmlns="" xsi:type="p1:long">42</return>"#),
            "{received}"
        );

        // Faults come back as usual.
        let args = AddArgs {
            note: Some("fail".into()),
            ..AddArgs::default()
        };
        let err = block_on(client.call::<_, AddResult>(&ADD, Message::new(args))).unwrap_err();
        assert_eq!(
            err.fault().map(|f| f.reason.as_str()),
            Some("asked to fail")
        );
    }
}

#[test]
fn one_way_answers_202_without_body() {
    let service = Arc::new(Impl::default());
    let client = client(&service);
    let request = Message::new(Notify { text: "hi".into() });
    let response: Response<Shop, ()> = block_on(client.call(&NOTIFY, request)).unwrap();
    assert_eq!(response.body, ());
    let (_, received, status) = last(&client);
    assert_eq!((status, received.as_str()), (202, ""));
    assert_eq!(*service.notes.lock().unwrap(), ["hi"]);
    // A service answering a one-way operation with an envelope is accepted too, a fault is a
    // fault, and a non-2xx status without a body an HTTP error.
    for (status, body, ok) in [
        (
            200,
            Fault::sender("x").to_envelope(SoapVersion::Soap11),
            false,
        ),
        (500, String::new(), false),
        (
            200,
            write_envelope(SoapVersion::Soap11, |_| {}, |_| {}),
            true,
        ),
        (202, " \r\n".to_owned(), true),
    ] {
        let transport = Canned(TransportResponse {
            status,
            content_type: None,
            body: body.into_bytes(),
        });
        let client: Client<Shop, _> = Client::new(transport);
        let request = Message::new(Notify { text: "x".into() });
        let result: ClientResult<Shop, ()> = block_on(client.call(&NOTIFY, request));
        assert_eq!(result.is_ok(), ok, "{status} {result:?}");
    }
}

struct Canned(TransportResponse);

impl Transport for Canned {
    async fn send(&self, _: TransportRequest) -> Result<TransportResponse, TransportError> {
        Ok(self.0.clone())
    }
}

#[cfg(all(feature = "http-client", feature = "http-server"))]
#[tokio::test]
async fn one_way_and_parts_over_http() {
    use soap_runtime::{HttpTransport, SoapHttpServer};
    let service = Arc::new(Impl::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = SoapHttpServer::new(Server::<Shop, _>::new(Arc::clone(&service)));
    tokio::spawn(soap_runtime::serve(listener, server));
    let transport = Recording {
        inner: HttpTransport::new().unwrap(),
        last: Mutex::default(),
    };
    let client: Client<Shop, _> = Client::with_endpoint(transport, format!("http://{addr}/shop"));
    let request = Message::new(Notify {
        text: "by http".into(),
    });
    let _: Response<Shop, ()> = client.call(&NOTIFY, request).await.unwrap();
    let (_, received, status) = client.core().transport().last.lock().unwrap().clone();
    assert_eq!((status, received.as_str()), (202, ""));
    assert_eq!(*service.notes.lock().unwrap(), ["by http"]);
    let response: Response<Shop, StoreResult> =
        client.call(&STORE, store_request("h")).await.unwrap();
    assert_eq!(response.body.count, 1);
}
