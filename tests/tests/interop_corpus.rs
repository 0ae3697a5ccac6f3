//! Interop on real-world WSDLs: clients generated from three WSDLs of the shared corpus
//! (`../shared/corpus`), each run over HTTP on loopback against a server that gSOAP generated
//! from the same WSDL (`interop/gsoap-corpus/<id>/server.cpp`):
//! - `docdata-payments`: document/literal (bare), multi-file, attributes, choices, simple
//!   content, optional and repeated elements (`create`);
//! - `cxf-rpc-lit`: rpc/literal (`greetUs`, `sendReceiveData`);
//! - `mantisconnect`: rpc/encoded, SOAP 1.1, SOAP-encoded arrays of integers, strings and
//!   structs, xsi:type on every part (`mc_issue_add`, `mc_issue_get`,
//!   `mc_filter_search_issue_ids`).
//!
//! Both directions are checked: each peer prints one `seen <operation> <text>` line per request
//! with what gSOAP decoded, which the test compares with what the client sent; and the responses,
//! whose values the peers derive from the request, are compared with what the client decoded.
//!
//! The peers are built by `scripts/test` (or `interop/gsoap-corpus/build.sh OUTDIR`) and found
//! through `$GSOAP_CORPUS_DIR` (`<dir>/<id>/server`).
// Without ../shared only the test that reports it is left.
#![cfg_attr(shared_missing, allow(unused))]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::Mutex;
use std::time::Duration;

use soap_runtime::{
    FaultCode, HttpTransport, Message, Transport, TransportError, TransportRequest,
    TransportResponse,
};
use wsdl_codegen_tests::support::block_on;

#[cfg(not(shared_missing))]
#[allow(dead_code)] // only some of the generated items are used
mod docdata {
    include!(concat!(env!("OUT_DIR"), "/corpus/docdata_payments.rs"));
}
#[cfg(not(shared_missing))]
#[allow(dead_code)] // only some of the generated items are used
mod cxf {
    include!(concat!(env!("OUT_DIR"), "/corpus/cxf_rpc_lit.rs"));
}
#[cfg(not(shared_missing))]
#[allow(dead_code)] // only some of the generated items are used
mod mantis {
    include!(concat!(env!("OUT_DIR"), "/corpus/mantisconnect.rs"));
}

/// A running gSOAP peer; killed on drop.
struct Peer {
    child: Child,
    url: String,
    seen: Receiver<String>,
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Peer {
    fn start(id: &str) -> Peer {
        let dir = std::env::var_os("GSOAP_CORPUS_DIR").unwrap_or_else(|| {
            panic!("GSOAP_CORPUS_DIR is not set: run `scripts/test`, or build the peers with `bash interop/gsoap-corpus/build.sh OUTDIR` and set GSOAP_CORPUS_DIR to that OUTDIR (absolute)")
        });
        let binary = PathBuf::from(dir).join(id).join("server");
        let mut child = Command::new(&binary)
            .arg("0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let Some(port) = first.strip_prefix("listening on ").map(str::to_owned) else {
            let _ = child.kill();
            let mut stderr = String::new();
            if let Some(mut err) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut err, &mut stderr);
            }
            panic!("the gSOAP peer {id} did not start: first line {first:?}, stderr: {stderr}");
        };
        // The peer logs every fault on stderr: drain it so the pipe never fills.
        if let Some(mut err) = child.stderr.take() {
            std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
        }
        let (tx, seen) = mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Peer {
            child,
            url: format!("http://127.0.0.1:{port}/"),
            seen,
        }
    }

    /// The peer's next `seen <operation> …` line, without `seen `.
    fn seen(&self) -> String {
        let line = self
            .seen
            .recv_timeout(Duration::from_secs(10))
            .expect("the peer logs what it received");
        line.strip_prefix("seen ")
            .unwrap_or_else(|| panic!("unexpected line from the peer: {line:?}"))
            .to_owned()
    }

    /// Nothing more was logged (a request the peer rejected before decoding it fully).
    fn assert_quiet(&self) {
        if let Ok(line) = self.seen.recv_timeout(Duration::from_millis(200)) {
            panic!("the peer logged {line:?}");
        }
    }
}

/// Records the envelopes exchanged, to check what went over the wire.
struct Recording {
    inner: HttpTransport,
    exchanged: Mutex<Vec<(String, String)>>,
}

impl Recording {
    fn new() -> Recording {
        Recording {
            inner: HttpTransport::new().expect("HTTP client"),
            exchanged: Mutex::new(Vec::new()),
        }
    }

    fn last(&self) -> (String, String) {
        self.exchanged
            .lock()
            .ok()
            .and_then(|e| e.last().cloned())
            .expect("an exchange was recorded")
    }
}

impl Transport for Recording {
    fn effective_endpoint<'a>(&'a self, endpoint: &'a str) -> std::borrow::Cow<'a, str> {
        self.inner.effective_endpoint(endpoint)
    }

    async fn send(&self, request: TransportRequest) -> Result<TransportResponse, TransportError> {
        let sent = request.body.clone();
        let response = self.inner.send(request).await?;
        if let Ok(mut all) = self.exchanged.lock() {
            all.push((sent, String::from_utf8_lossy(&response.body).into_owned()));
        }
        Ok(response)
    }
}

/// A file of the shared corpus.
#[cfg(not(shared_missing))]
fn corpus_file(path: &str) -> PathBuf {
    wsdl_codegen_tests::schema::workspace()
        .join("../shared/corpus")
        .join(path)
}

#[cfg(shared_missing)]
#[test]
fn corpus_interop_needs_the_shared_corpus() {
    panic!("../shared/corpus is missing: the clients of tests/interop_corpus.rs are generated from it (see tests/build.rs)");
}

#[cfg(not(shared_missing))]
mod docdata_payments {
    use super::docdata::payment_service_soap_client::{
        PaymentServiceSoapApi, PaymentServiceSoapClient,
    };
    use super::docdata::*;
    use super::*;
    use soap_runtime::Decimal;
    use wsdl_codegen_tests::schema::{fresh_dir, python, split_envelope};

    const DOCDATA_XSD: &str =
        "WsdlToPhp__PackageGenerator/tests/resources/docdatapayments/1_3.1.xsd";
    /// `python -c VALIDATE_PY XSD FILE…`: validates each FILE against XSD with `xmlschema`.
    const VALIDATE_PY: &str = "import sys, xmlschema
schema = xmlschema.XMLSchema(sys.argv[1])
found = [(f, next(iter(schema.iter_errors(f)), None)) for f in sys.argv[2:]]
[print(('VALID ' if e is None else 'INVALID ') + f, e or '') for f, e in found]
sys.exit(any(e is not None for _, e in found))
";

    fn bodies(dir: &std::path::Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("the split envelopes")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".body.xml"))
            .collect();
        files.sort();
        files
    }

    fn name(first: &str, last: &str) -> Name {
        Name {
            prefix: None,
            initials: Some("J.".into()),
            first: first.into(),
            middle: None,
            last: last.into(),
            suffix: Some("jr".into()),
        }
    }

    fn eur(value: i32) -> Amount {
        Amount {
            currency: "EUR".into(),
            value,
        }
    }

    fn vat(rate: &str, value: i32) -> Vat {
        Vat {
            rate: Decimal::new(rate).expect("a decimal"),
            amount: eur(value),
        }
    }

    fn item(number: i32, name: &str, quantity: i32, unit: ItemquantityUnitOfMeasure) -> Item {
        Item {
            number,
            name: name.into(),
            code: format!("C-{number}"),
            quantity: Itemquantity {
                unit_of_measure: unit,
                value: quantity,
            },
            description: format!("{name} & more <{number}>"),
            image: (number == 1).then(|| "https://example.org/1.png".into()),
            net_amount: eur(100 * number),
            gross_amount: eur(121 * number),
            vat: vat("21", 21 * number),
            total_net_amount: eur(100 * number * quantity),
            total_gross_amount: eur(121 * number * quantity),
            total_vat: vat("21", 21 * number * quantity),
        }
    }

    fn request(merchant: &str) -> CreateRequest {
        CreateRequest {
            version: Decimal::new("1.3").expect("a decimal"),
            test_extensibility: true,
            merchant: Merchant {
                name: merchant.into(),
                password: "pw-ÆØÅ".into(),
            },
            merchant_order_reference: "order42x".into(),
            payment_preferences: PaymentPreferences {
                profile: "standard".into(),
                number_of_days_to_pay: 14,
                exhortation: Some(PaymentPreferencesexhortation {
                    period1: ExhortationPeriod {
                        number_of_days: 7,
                        profile: Some("reminder".into()),
                    },
                    period2: Some(ExhortationPeriod {
                        number_of_days: 21,
                        profile: None,
                    }),
                }),
                terminal_id: None,
            },
            menu_preferences: Some(MenuPreferences {
                css: Some(MenuPreferencescss { id: 3 }),
            }),
            shopper: Shopper {
                id: "shopper-7".into(),
                name: name("Jane", "Doe"),
                email: "jane@example.org".into(),
                language: Language { code: "nl".into() },
                gender: Gender::F,
                date_of_birth: Some("1980-02-29".into()),
                phone_number: None,
                mobile_phone_number: Some("+31600000000".into()),
                ip_address: None,
            },
            total_gross_amount: eur(847),
            bill_to: Destination {
                name: name("Jane", "Doe"),
                address: Address {
                    company: Some("Doe & Co".into()),
                    street: "Main street".into(),
                    house_number: "12".into(),
                    house_number_addition: Some("b".into()),
                    postal_code: Some("1234 AB".into()),
                    city: "Utrecht".into(),
                    country: Country { code: "NL".into() },
                    ..Default::default()
                },
            },
            description: Some("two things".into()),
            receipt_text: None,
            include_costs: Some(false),
            payment_request: Some(PaymentRequest {
                initial_payment_reference: PaymentReference {
                    choice: PaymentReferenceChoice::MerchantReference("order41".into()),
                },
            }),
            invoice: Some(Invoice {
                total_net_amount: eur(700),
                total_vat_amount: vec![
                    InvoicetotalVatAmount {
                        currency: "EUR".into(),
                        rate: Decimal::new("21").expect("a decimal"),
                        value: 147,
                    },
                    InvoicetotalVatAmount {
                        currency: "EUR".into(),
                        rate: Decimal::new("9").expect("a decimal"),
                        value: 0,
                    },
                ],
                item: vec![
                    item(1, "Widget", 3, ItemquantityUnitOfMeasure::Pcs),
                    item(2, "Gadget", 2, ItemquantityUnitOfMeasure::Kb),
                ],
                ship_to: Destination {
                    name: name("John", "Doe"),
                    address: Address {
                        street: "Side street".into(),
                        house_number: "1".into(),
                        city: "Delft".into(),
                        country: Country { code: "NL".into() },
                        ..Default::default()
                    },
                },
                additional_description: None,
            }),
            integration_info: None,
            sales_person: None,
        }
    }

    /// What the peer logs for `request(merchant)`.
    fn seen(merchant: &str) -> String {
        [
            "create version=1.3 testExtensibility=true",
            &format!("merchant={merchant}/pw-ÆØÅ ref=order42x"),
            "profile=standard days=14 exhortation=7/reminder,21/- terminal=- css=3",
            "shopper=shopper-7 -|J.|Jane|-|Doe|jr jane@example.org lang=nl gender=F born=1980-02-29 phone=- mobile=+31600000000",
            "total=847 EUR",
            "billTo=-|J.|Jane|-|Doe|jr @ Doe & Co|Main street|12|b|1234 AB|Utrecht|NL",
            "description=two things receipt=- includeCosts=false initialPayment=merchantReference:order41",
            "invoice: net=700 EUR vat=[21%:147 EUR, 9%:0 EUR]",
            "items=[1:Widget:C-1:3 PCS:Widget & more <1>:https://example.org/1.png:100 EUR:121 EUR:21%:21 EUR:300 EUR:363 EUR:21%:63 EUR;",
            "2:Gadget:C-2:2 KB:Gadget & more <2>:-:200 EUR:242 EUR:21%:42 EUR:400 EUR:484 EUR:21%:84 EUR]",
            "shipTo=-|J.|John|-|Doe|jr @ -|Side street|1|-|-|Delft|NL note=-",
        ]
        .join(" ")
    }

    #[test]
    fn create_success_and_errors_against_gsoap() {
        let peer = Peer::start("docdata-payments");
        let client = PaymentServiceSoapClient::with_endpoint(Recording::new(), &peer.url);

        let response =
            block_on(client.create(Message::new(request("shop-1")))).expect("create over HTTP");
        assert_eq!(peer.seen(), seen("shop-1"));
        let body = response.body;
        assert_eq!(body.ddp_xsd_version, "1.3-gsoap");
        let CreateResponseChoice::CreateSuccess(success) = body.choice else {
            panic!("expected createSuccess, got {:?}", body.choice);
        };
        assert_eq!(success.success.code, SuccessCode::Success);
        assert_eq!(
            success.success.value,
            "created order42x for shopper-7: 847 EUR"
        );
        assert_eq!(success.key, "ORDER42X000000000000000000000000");
        assert_eq!(success.payment_response, None);
        let (sent, received) = client.core().transport().last();
        // The fixed attribute is written, and the choice's alternative is the element sent.
        assert!(sent.contains(r#"version="1.3""#), "{sent}");
        assert!(sent.contains("merchantReference>order41<"), "{sent}");
        assert!(received.contains("createSuccess"), "{received}");

        // The other alternative of the response's choice, with a repeated element.
        let response =
            block_on(client.create(Message::new(request("reject")))).expect("create over HTTP");
        assert_eq!(peer.seen(), seen("reject"));
        let CreateResponseChoice::CreateErrors(errors) = response.body.choice else {
            panic!("expected createErrors, got {:?}", response.body.choice);
        };
        assert_eq!(
            errors.error,
            vec![
                Error {
                    code: "ITEM_1".into(),
                    value: "Widget x3 PCS".into()
                },
                Error {
                    code: "ITEM_2".into(),
                    value: "Gadget x2 KB".into()
                },
            ]
        );

        // Both requests and both answers are valid against the WSDL's schemas.
        let exchanged = client
            .core()
            .transport()
            .exchanged
            .lock()
            .map(|e| e.clone())
            .unwrap_or_default();
        assert_eq!(exchanged.len(), 2);
        let dir = fresh_dir("gsoap-docdata");
        for (i, (request, response)) in exchanged.iter().enumerate() {
            split_envelope(request, &format!("{i}.request"), &dir);
            split_envelope(response, &format!("{i}.response"), &dir);
        }
        // The WSDL imports its schema by a relative schemaLocation, which tests/schema/check.py
        // (inline schemas only) does not follow: validate against the imported file in place.
        let xsd = corpus_file(DOCDATA_XSD);
        let output = Command::new(python())
            .args(["-c", VALIDATE_PY])
            .arg(&xsd)
            .args(bodies(&dir))
            .output()
            .expect("python runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "schema validation failed:\n{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(stdout.matches("VALID ").count(), 4, "{stdout}");
    }
}

#[cfg(not(shared_missing))]
mod cxf_rpc_lit {
    use super::cxf::greeter_rpc_lit_client::{GreeterRpcLitApi, GreeterRpcLitClient};
    use super::cxf::*;
    use super::*;

    #[test]
    fn greet_and_send_receive_data_against_gsoap() {
        let peer = Peer::start("cxf-rpc-lit");
        let client = GreeterRpcLitClient::with_endpoint(Recording::new(), &peer.url);

        let greeted = block_on(client.greet_us(Message::new(GreetUs {
            you: "Zoë <&>".into(),
            me: "rust".into(),
        })))
        .expect("greetUs over HTTP");
        assert_eq!(peer.seen(), "greetUs you=Zoë <&> me=rust");
        assert_eq!(greeted.body.out, "Hello Zoë <&>, greetings from rust");
        // rpc/literal: the wrapper is named after the operation, in the binding's namespace;
        // the parts are unqualified.
        let (sent, _) = client.core().transport().last();
        assert!(
            sent.contains("greetUs") && sent.contains("http://apache.org/hello_world_rpclit\""),
            "{sent}"
        );

        let data = block_on(client.send_receive_data(Message::new(SendReceiveData {
            r#in: MyComplexStruct {
                elem1: "first".into(),
                elem2: "second".into(),
                elem3: -21,
            },
        })))
        .expect("sendReceiveData over HTTP");
        assert_eq!(
            peer.seen(),
            "sendReceiveData elem1=first elem2=second elem3=-21"
        );
        assert_eq!(
            data.body.out,
            MyComplexStruct {
                elem1: "second".into(),
                elem2: "first/second".into(),
                elem3: -41,
            }
        );
    }
}

#[cfg(not(shared_missing))]
mod mantisconnect {
    use super::mantis::mantis_connect_port_type_client::{
        MantisConnectPortTypeApi, MantisConnectPortTypeClient,
    };
    use super::mantis::*;
    use super::*;
    use soap_runtime::{DateTime, Decimal};

    fn int(v: i64) -> Option<Decimal> {
        Some(Decimal::from(v))
    }

    fn obj(id: i64, name: &str) -> ObjectRef {
        ObjectRef {
            id: int(id),
            name: Some(name.into()),
        }
    }

    fn account(id: i64, name: &str) -> AccountData {
        AccountData {
            id: int(id),
            name: Some(name.into()),
            real_name: Some(format!("{name} Real")),
            email: None,
        }
    }

    fn note(text: &str, by: AccountData) -> IssueNoteData {
        IssueNoteData {
            reporter: Some(by),
            text: Some(text.into()),
            view_state: Some(obj(10, "public")),
            ..Default::default()
        }
    }

    fn date(text: &str) -> DateTime {
        text.parse().expect("a dateTime")
    }

    fn issue() -> IssueData {
        IssueData {
            project: Some(obj(3, "Interop")),
            category: Some("General".into()),
            summary: Some("gSOAP <-> Rust & back".into()),
            description: Some("line 1\nline 2".into()),
            priority: Some(obj(30, "normal")),
            severity: Some(obj(50, "minor")),
            reporter: Some(account(5, "rust")),
            notes: Some(vec![
                note("first note", account(5, "rust")),
                note("second note ÆØÅ", account(6, "reviewer")),
            ]),
            tags: Some(vec![obj(1, "interop"), obj(2, "soap"), obj(3, "encoded")]),
            monitors: Some(vec![account(6, "reviewer")]),
            sticky: Some(true),
            due_date: Some(date("2030-01-02T03:04:05Z")),
            ..Default::default()
        }
    }

    fn client(url: &str) -> MantisConnectPortTypeClient<Recording> {
        MantisConnectPortTypeClient::with_endpoint(Recording::new(), url)
    }

    #[test]
    fn issue_round_trip_with_encoded_arrays_against_gsoap() {
        let peer = Peer::start("mantisconnect");
        let client = client(&peer.url);

        let added = block_on(client.mc_issue_add(Message::new(McIssueAdd {
            username: Some("rust".into()),
            password: Some("secret".into()),
            issue: Some(issue()),
        })))
        .expect("mc_issue_add over HTTP");
        assert_eq!(
            peer.seen(),
            "mc_issue_add project=3:Interop category=General summary=gSOAP <-> Rust & back \
             description=line 1\\nline 2 priority=30:normal severity=50:minor reporter=5:rust:rust Real:- \
             notes=[5:rust:rust Real:-/first note/10:public, 6:reviewer:reviewer Real:-/second note ÆØÅ/10:public] \
             tags=[1:interop, 2:soap, 3:encoded] monitors=[6:reviewer:reviewer Real:-] sticky=true \
             due=2030-01-02T03:04:05Z attachments/relationships/custom_fields sent=nnn"
        );
        let id = added.body.r#return.expect("an issue id");
        assert_eq!(id, Decimal::from(41));
        let (sent, _) = client.core().transport().last();
        // SOAP-encoded arrays of structs, with their item type and size.
        assert!(sent.contains(":IssueNoteData[2]\""), "{sent}");
        assert!(sent.contains(":ObjectRef[3]\""), "{sent}");

        let got = block_on(client.mc_issue_get(Message::new(McIssueGet {
            username: Some("rust".into()),
            password: Some("secret".into()),
            issue_id: Some(id),
        })))
        .expect("mc_issue_get over HTTP");
        assert_eq!(peer.seen(), "mc_issue_get issue_id=41");
        let got = got.body.r#return.expect("an issue");
        let mut expected = issue();
        expected.id = int(41);
        expected.status = Some(obj(10, "new"));
        expected.handler = Some(AccountData {
            id: int(7),
            name: Some("gsoap".into()),
            ..Default::default()
        });
        expected.date_submitted = Some(date("2023-11-14T22:13:20Z"));
        expected.additional_information = Some("2 notes, 3 tags, 1 monitors".into());
        let notes = expected.notes.as_mut().expect("the issue has notes");
        notes[0].id = int(4101);
        notes[1].id = int(4102);
        assert_eq!(got, expected);
        // gSOAP's own encoding of the arrays was decoded (item types, sizes, xsi:type).
        let (_, received) = client.core().transport().last();
        // gSOAP (soapcpp2 -t) types every item, and positions the second one explicitly.
        assert!(received.contains(":IssueNoteData[2]\""), "{received}");
        assert!(
            received.contains(r#"<item xsi:type="ns1:IssueNoteData" SOAP-ENC:position="[1]">"#),
            "{received}"
        );

        let err = block_on(client.mc_issue_get(Message::new(McIssueGet {
            username: Some("rust".into()),
            password: Some("secret".into()),
            issue_id: int(99),
        })))
        .expect_err("unknown issue");
        assert_eq!(peer.seen(), "mc_issue_get issue_id=99");
        let fault = err.fault().expect("a SOAP fault");
        assert_eq!(fault.code, FaultCode::Sender);
        assert_eq!(fault.reason, "Issue #99 not found");
    }

    /// gSOAP leaves out the optional (`minOccurs="0"`) SOAP-encoded arrays it has no value for.
    #[test]
    fn sparse_issue_without_arrays_against_gsoap() {
        let peer = Peer::start("mantisconnect");
        let client = client(&peer.url);
        let got = block_on(client.mc_issue_get(Message::new(McIssueGet {
            username: Some("rust".into()),
            password: Some("secret".into()),
            issue_id: int(0),
        })))
        .expect("mc_issue_get over HTTP");
        assert_eq!(peer.seen(), "mc_issue_get issue_id=0");
        let (_, received) = client.core().transport().last();
        assert!(!received.contains("attachments"), "{received}");
        assert_eq!(
            got.body.r#return,
            Some(IssueData {
                id: int(0),
                summary: Some("sparse".into()),
                ..Default::default()
            })
        );
    }

    #[test]
    fn filter_search_with_integer_and_string_arrays_against_gsoap() {
        let peer = Peer::start("mantisconnect");
        let client = client(&peer.url);
        let ids = block_on(client.mc_filter_search_issue_ids(Message::new(
            McFilterSearchIssueIds {
                username: Some("rust".into()),
                password: Some("secret".into()),
                filter: Some(FilterSearchData {
                    project_id: Some(vec![Decimal::from(1), Decimal::from(2), Decimal::from(30)]),
                    search: Some("crash & burn".into()),
                    category: Some(vec!["ui".into(), "core".into()]),
                    sticky: Some(false),
                    ..Default::default()
                }),
                page_number: int(2),
                per_page: int(25),
            },
        )))
        .expect("mc_filter_search_issue_ids over HTTP");
        assert_eq!(
            peer.seen(),
            "mc_filter_search_issue_ids project_id=[1, 2, 30] category=[ui, core] \
             search=crash & burn sticky=false page_number=2 per_page=25"
        );
        // 1000 * project + 2 * 25 + 2 categories
        assert_eq!(
            ids.body.r#return,
            Some(vec![
                Decimal::from(1052),
                Decimal::from(2052),
                Decimal::from(30052)
            ])
        );

        let err = block_on(client.mc_filter_search_issue_ids(Message::new(
            McFilterSearchIssueIds {
                username: Some("rust".into()),
                password: Some("wrong".into()),
                ..Default::default()
            },
        )))
        .expect_err("wrong password");
        assert_eq!(
            err.fault().map(|f| f.reason.as_str()),
            Some("Access denied")
        );
        peer.assert_quiet();
    }
}
