//! Responses decoded from a `BufRead` as the bytes arrive (`decode_response_from`): the same
//! values as from memory, whatever the chunk boundaries, with faults, errors and limits.

use std::io::{BufReader, Read};

use soap_runtime::__private::{BodyForm, OperationInfo, SoapVersion};
use soap_runtime::{
    decode_response, decode_response_from, encode_request, FaultCode, Message, SoapHeaders,
    XmlContent, XmlLimits,
};

const NS: &str = "urn:stream";

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS, rename_all = "PascalCase")]
struct Item {
    name: String,
    #[xml(nillable)]
    note: Option<String>,
    #[xml(rename = "Tag")]
    tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS, rename_all = "PascalCase")]
struct ListResponse {
    #[xml(items = "Item")]
    items: Option<Vec<Item>>,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent, SoapHeaders)]
#[xml(ns = NS, rename_all = "PascalCase")]
struct Headers {
    succeeded: Option<bool>,
}

static LIST: OperationInfo = OperationInfo {
    name: "List",
    soap_action: "urn:stream/List",
    request: BodyForm::Element(NS, "List"),
    response: BodyForm::Element(NS, "ListResponse"),
};

/// A source handing out at most `chunk` bytes per read, as a network body arrives.
struct Trickle<'a> {
    data: &'a [u8],
    chunk: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.chunk.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn response(n: usize) -> (Message<ListResponse, Headers>, String) {
    let items = (0..n)
        .map(|i| Item {
            name: format!("item {i} & <more>"),
            note: (i % 3 == 0).then(|| format!("note\r\n{i}")),
            tags: vec!["a".into(), format!("t{i}")],
        })
        .collect();
    let message = Message::new(ListResponse { items: Some(items) }).with_headers(Headers {
        succeeded: Some(true),
    });
    // A response envelope has the request's shape: encode it with the response as "request".
    let as_request = OperationInfo {
        request: LIST.response,
        ..LIST
    };
    let xml = encode_request(SoapVersion::Soap12, &as_request, &message);
    (message, xml)
}

type Decoded = Result<Message<ListResponse, Headers>, soap_runtime::Fault>;

fn from_stream(
    xml: &str,
    chunk: usize,
    buffer: usize,
) -> Result<Decoded, soap_runtime::DecodeError> {
    let source = BufReader::with_capacity(
        buffer,
        Trickle {
            data: xml.as_bytes(),
            chunk,
        },
    );
    decode_response_from(&LIST, source, &XmlLimits::default())
}

#[test]
fn chunk_boundaries_do_not_change_the_values() {
    let (expected, xml) = response(50);
    let from_memory = decode_response::<ListResponse, Headers>(&LIST, xml.as_bytes()).unwrap();
    assert_eq!(from_memory.body, expected.body);
    for (chunk, buffer) in [(1, 1), (3, 7), (64, 16), (4096, 8192)] {
        let message = from_stream(&xml, chunk, buffer).unwrap().unwrap();
        assert_eq!(
            message.body, expected.body,
            "chunk {chunk}, buffer {buffer}"
        );
        assert_eq!(message.headers.succeeded, Some(true));
    }
}

#[test]
fn a_fault_arrives_as_a_fault() {
    let fault = soap_runtime::Fault::sender("no such list").to_envelope(SoapVersion::Soap11);
    let decoded = from_stream(&fault, 5, 8).unwrap();
    let fault = decoded.unwrap_err();
    assert_eq!(fault.code, FaultCode::Sender);
    assert_eq!(fault.reason, "no such list");
}

#[test]
fn errors_and_limits_apply_while_streaming() {
    let (_, xml) = response(3);
    // Cut in the middle: an error, not a partial value.
    let cut = &xml[..xml.len() / 2];
    let err = from_stream(cut, 7, 16).unwrap_err();
    assert!(err.to_string().starts_with("malformed XML"), "{err}");
    // Depth limit hit as the elements arrive.
    let shallow = XmlLimits {
        max_depth: 4,
        ..XmlLimits::default()
    };
    let source = BufReader::with_capacity(
        8,
        Trickle {
            data: xml.as_bytes(),
            chunk: 3,
        },
    );
    let err = decode_response_from::<ListResponse, Headers>(&LIST, source, &shallow).unwrap_err();
    assert!(
        err.to_string().contains("more than 4 element depth"),
        "{err}"
    );
    // Bytes that are not UTF-8 are an error with a line.
    let mut bad = xml.clone().into_bytes();
    let at = bad.len() - 40;
    bad[at] = 0xFF;
    let source = BufReader::with_capacity(
        16,
        Trickle {
            data: &bad,
            chunk: 5,
        },
    );
    let err = decode_response_from::<ListResponse, Headers>(&LIST, source, &XmlLimits::default())
        .unwrap_err();
    assert!(err.position().is_some(), "{err}");
}

/// A SOAP 1.1 response envelope of `LIST` with `before` in `Header` and `after` after `Body`.
fn envelope_with(header: &str, body: &str, after: &str) -> String {
    format!(
        "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/' xmlns:t='{NS}'>\
         <s:Header>{header}</s:Header><s:Body>{body}</s:Body>{after}</s:Envelope>"
    )
}

#[test]
fn header_blocks_are_decoded_as_they_arrive() {
    let body = "<t:ListResponse><t:Items/></t:ListResponse>";
    let decode = |xml: &str| {
        let memory = decode_response::<ListResponse, Headers>(&LIST, xml.as_bytes());
        for chunk in [1, 5] {
            let stream = from_stream(xml, chunk, 8);
            match (&memory, &stream) {
                (Ok(m), Ok(Ok(s))) => assert_eq!(m, s),
                (Err(soap_runtime::ClientError::Fault { fault, .. }), Ok(Err(s))) => {
                    assert_eq!(**fault, *s)
                }
                (Err(soap_runtime::ClientError::Decode { source, .. }), Err(s)) => {
                    assert_eq!(source, s)
                }
                other => panic!("memory and stream differ: {other:?}"),
            }
        }
        memory
    };
    // In `Header`, unknown blocks passed over (with content and a header of the same local
    // name in another namespace).
    let xml = envelope_with(
        "<x:Other xmlns:x='urn:x'><t:Succeeded>false</t:Succeeded></x:Other>\
         <x:Succeeded xmlns:x='urn:x'>nope</x:Succeeded><t:Succeeded>true</t:Succeeded>",
        body,
        "",
    );
    assert_eq!(decode(&xml).unwrap().headers.succeeded, Some(true));
    // Directly under `Envelope`, after `Body` (tolerated).
    let xml = envelope_with("", body, "<t:Succeeded>1</t:Succeeded>");
    assert_eq!(decode(&xml).unwrap().headers.succeeded, Some(true));
    // A header that does not decode: an error naming it, with its position, after the whole
    // envelope was read (the body is fine).
    let xml = envelope_with(
        "<t:Succeeded><t:Deep>x</t:Deep>maybe</t:Succeeded>",
        body,
        "",
    );
    let err = decode(&xml).unwrap_err();
    let soap_runtime::ClientError::Decode { source, .. } = err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert!(source.to_string().contains("Succeeded"), "{source}");
    assert!(source.position().is_some(), "{source}");
    // The same header beside a fault: the fault is what the service said.
    let fault = "<s:Fault><faultcode>s:Server</faultcode><faultstring>down</faultstring></s:Fault>";
    let xml = envelope_with("<t:Succeeded>maybe</t:Succeeded>", fault, "");
    match decode(&xml) {
        Err(soap_runtime::ClientError::Fault { fault, .. }) => assert_eq!(fault.reason, "down"),
        other => panic!("expected the fault, got {other:?}"),
    }
    // Malformed XML inside a header still ends the reading at once, fault or not.
    let xml = envelope_with("<t:Succeeded><a></b></t:Succeeded>", fault, "");
    let err = decode(&xml).unwrap_err();
    assert!(err.to_string().contains("malformed XML"), "{err}");
}
