//! Reading an envelope in one pass: everything before `Body` (each header block handed to a
//! [`HeaderSink`] as it is read), the body's first element, which decides what comes next (a
//! fault, a message of some operation), then the body and the rest of the envelope.

use std::marker::PhantomData;

use super::{BodyForm, HeaderBlock, SoapHeaders, SoapVersion};
use crate::addressing::{ReplyHeaders, WSA_NS};
use crate::error::{clark_name, DecodeError, DecodeErrorKind};
use crate::fault::Fault;
use crate::types::QName;
use crate::xml::{AnyElement, Content, XmlContent, XmlReader};

/// What an [`EnvelopeReader`] does with each header block: a child of `Header`
/// (`in_header`) or, tolerated, a child of `Envelope` that is neither `Header` nor `Body`.
pub(crate) trait HeaderSink {
    /// Reads the block the reader stands on, through its end tag.
    fn block(
        &mut self,
        r: &mut XmlReader<'_>,
        in_header: bool,
        version: SoapVersion,
    ) -> Result<(), DecodeError>;
}

/// Keeps every block as XML: for a server, which learns the header type only once the
/// operation is known, and for [`Envelope`](super::Envelope).
#[derive(Default)]
pub(crate) struct Captured {
    /// Children of `Header`.
    headers: Vec<HeaderBlock>,
    /// Children of `Envelope` that are neither `Header` nor `Body`.
    loose: Vec<HeaderBlock>,
}

impl Captured {
    /// The children of `Header` read so far.
    pub(crate) fn header_children(&self) -> &[HeaderBlock] {
        &self.headers
    }

    /// Every block: the children of `Header`, then the other children of `Envelope`.
    pub(crate) fn into_blocks(mut self) -> Vec<HeaderBlock> {
        self.headers.append(&mut self.loose);
        self.headers
    }
}

impl HeaderSink for Captured {
    fn block(
        &mut self,
        r: &mut XmlReader<'_>,
        in_header: bool,
        version: SoapVersion,
    ) -> Result<(), DecodeError> {
        let must_understand = in_header && must_understand(r, version);
        let block = HeaderBlock {
            element: AnyElement::capture(r)?,
            in_header,
            must_understand,
        };
        if in_header {
            self.headers.push(block);
        } else {
            self.loose.push(block);
        }
        Ok(())
    }
}

/// Decodes the blocks straight into a header set `H` while they are read (a client knows `H`
/// before the first byte); blocks `H` does not take are passed over.
///
/// A block that does not decode does not end the reading: the first such error is kept and
/// the rest of the envelope is read, so that a fault in the body (whose headers need not be
/// the response's) is still reported as the fault. Input that is not XML, or over a limit, ends
/// it at once.
pub(crate) struct Decoding<H: SoapHeaders> {
    slots: Option<H::HeaderSlots>,
    error: Option<DecodeError>,
    /// WS-Addressing headers of the reply, when the request was addressed.
    reply: Option<ReplyHeaders>,
    _headers: PhantomData<fn() -> H>,
}

impl<H: SoapHeaders> Decoding<H> {
    /// A sink for `H`; with `addressed`, `wsa:RelatesTo` blocks are kept too.
    pub(crate) fn new(addressed: bool) -> Self {
        Decoding {
            slots: Some(H::EMPTY_HEADERS),
            error: None,
            reply: addressed.then(ReplyHeaders::default),
            _headers: PhantomData,
        }
    }

    /// The reply's WS-Addressing headers (when the request was addressed).
    pub(crate) fn reply_headers(&self) -> Option<&ReplyHeaders> {
        self.reply.as_ref()
    }

    /// The header set, or the first error a block gave.
    pub(crate) fn finish(self) -> Result<H, DecodeError> {
        match (self.error, self.slots) {
            (Some(e), _) => Err(e),
            (None, Some(slots)) => H::finish_blocks(slots),
            (None, None) => Err(DecodeError::new("internal: header slots missing")),
        }
    }
}

impl<H: SoapHeaders> HeaderSink for Decoding<H> {
    fn block(
        &mut self,
        r: &mut XmlReader<'_>,
        _in_header: bool,
        _version: SoapVersion,
    ) -> Result<(), DecodeError> {
        if let Some(reply) = &mut self.reply {
            if r.is(WSA_NS, "RelatesTo") && r.namespace() == WSA_NS {
                return reply.read_relates_to(r);
            }
        }
        let Some(slots) = self.slots.as_mut().filter(|_| self.error.is_none()) else {
            return r.skip();
        };
        let depth = r.depth();
        match H::read_block(slots, r) {
            Ok(true) => Ok(()),
            Ok(false) => r.skip(),
            Err(e)
                if matches!(
                    e.kind(),
                    DecodeErrorKind::Malformed | DecodeErrorKind::LimitExceeded
                ) =>
            {
                Err(e)
            }
            Err(e) => {
                self.error = Some(e);
                self.slots = None;
                // Out of whatever the decoder stood in, through the block's end tag.
                while r.depth() >= depth {
                    r.skip()?;
                }
                Ok(())
            }
        }
    }
}

/// SOAP 1.1 actor "next".
const SOAP11_ACTOR_NEXT: &str = "http://schemas.xmlsoap.org/soap/actor/next";
/// SOAP 1.2 roles "next" and "ultimateReceiver".
const SOAP12_ROLE_NEXT: &str = "http://www.w3.org/2003/05/soap-envelope/role/next";
const SOAP12_ROLE_ULTIMATE: &str = "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";

/// Whether the header block the reader stands on is marked `mustUnderstand` and targeted at
/// this node (the ultimate receiver): no `actor` / `role` (an empty one counts as none), or
/// the "next" actor / role, or (1.2) the "ultimateReceiver" role.
fn must_understand(r: &XmlReader<'_>, version: SoapVersion) -> bool {
    let ns = version.envelope_namespace();
    let attribute = |name| {
        r.attribute_ns(ns, name)
            .map(|v| v.trim_matches(crate::xml::is_xml_space))
    };
    if !matches!(attribute("mustUnderstand"), Some("1" | "true")) {
        return false;
    }
    match version {
        SoapVersion::Soap11 => matches!(attribute("actor"), None | Some("" | SOAP11_ACTOR_NEXT)),
        SoapVersion::Soap12 => matches!(
            attribute("role"),
            None | Some("" | SOAP12_ROLE_NEXT | SOAP12_ROLE_ULTIMATE)
        ),
    }
}

/// Where an [`EnvelopeReader`] stands in `Body`.
enum BodyState {
    /// Before the first child, whose name was read ahead.
    First(QName),
    /// `Body` is empty (its end tag was read).
    Empty,
    /// The body was read.
    Done,
}

/// Reads an envelope as a stream (see the module documentation); header blocks go to `S`.
pub(crate) struct EnvelopeReader<'i, S: HeaderSink = Captured> {
    r: XmlReader<'i>,
    version: SoapVersion,
    sink: S,
    body: BodyState,
}

impl<'i, S: HeaderSink> EnvelopeReader<'i, S> {
    /// Reads up to the first element in `Body`, handing the header blocks before it to
    /// `sink`. An `Envelope` root in another namespace (or none) gives an error of kind
    /// [`DecodeErrorKind::VersionMismatch`].
    pub(crate) fn open(mut r: XmlReader<'i>, mut sink: S) -> Result<Self, DecodeError> {
        r.read_root()?;
        if r.local_name() != "Envelope" {
            return Err(DecodeError::new("root element is not a SOAP Envelope").at(&r));
        }
        let version = SoapVersion::from_envelope_namespace(r.namespace()).ok_or_else(|| {
            DecodeError::with_kind(
                DecodeErrorKind::VersionMismatch,
                "unknown SOAP envelope namespace (expected SOAP 1.1 or 1.2)",
            )
            .at(&r)
        })?;
        if read_envelope_children(&mut r, version, &mut sink, true)? {
            let body = match r.peek_child()? {
                Some(first) => BodyState::First(first),
                None => BodyState::Empty,
            };
            Ok(EnvelopeReader {
                r,
                version,
                sink,
                body,
            })
        } else {
            Err(DecodeError::new("SOAP Envelope has no Body").at(&r))
        }
    }

    pub(crate) fn version(&self) -> SoapVersion {
        self.version
    }

    /// What the sink holds so far.
    pub(crate) fn sink(&self) -> &S {
        &self.sink
    }

    /// The first element in `Body` (`None` for an empty body).
    pub(crate) fn first_body_element(&self) -> Option<&QName> {
        match &self.body {
            BodyState::First(name) => Some(name),
            _ => None,
        }
    }

    /// Whether the body is a `Fault` of the envelope's version.
    pub(crate) fn is_fault(&self) -> bool {
        self.first_body_element().is_some_and(|name| {
            name.local == "Fault" && name.namespace == self.version.envelope_namespace()
        })
    }

    /// Reads the fault (when [`is_fault`](Self::is_fault)) and the rest of `Body`.
    pub(crate) fn read_fault(&mut self) -> Result<Fault, DecodeError> {
        if !self.is_fault() {
            return Err(DecodeError::new("internal: the body is not a fault"));
        }
        self.body = BodyState::Done;
        self.r.next_content(false)?;
        let fault = Fault::read(&mut self.r, self.version)?;
        self.r.skip()?;
        Ok(fault)
    }

    /// Reads the message in `Body` as `form` says, and the rest of `Body`.
    pub(crate) fn read_body<T: XmlContent>(&mut self, form: BodyForm) -> Result<T, DecodeError> {
        let state = std::mem::replace(&mut self.body, BodyState::Done);
        let r = &mut self.r;
        match (form, state) {
            (_, BodyState::Done) => Err(DecodeError::new("internal: the body was read")),
            (BodyForm::Element(ns, local) | BodyForm::Encoded(ns, local), BodyState::Empty) => {
                Err(DecodeError::new(format!(
                    "empty SOAP Body, expected {}",
                    clark_name(ns, local)
                ))
                .at(r))
            }
            (BodyForm::Element(ns, local) | BodyForm::Encoded(ns, local), BodyState::First(_)) => {
                r.next_content(false)?;
                if !r.is(ns, local) {
                    return Err(DecodeError::new(format!(
                        "unexpected body element {}, expected {}",
                        clark_name(r.namespace(), r.local_name()),
                        clark_name(ns, local)
                    ))
                    .at(r));
                }
                let value = T::read_content(r)?;
                r.skip()?;
                Ok(value)
            }
            (BodyForm::Parts(None), BodyState::First(name)) => Err(DecodeError::new(format!(
                "unexpected body element {}, expected an empty Body",
                clark_name(&name.namespace, &name.local)
            ))
            .at(r)),
            // Parts are read in any order (missing ones are reported by the fields); a one-way
            // answer's body is whatever the service sent.
            (BodyForm::Parts(_) | BodyForm::None, BodyState::First(_)) => T::read_content(r),
            (BodyForm::Parts(_) | BodyForm::None, BodyState::Empty) => read_empty(),
        }
    }

    /// Reads the rest of the envelope (header blocks after `Body` go to the sink too) and
    /// returns the sink.
    pub(crate) fn finish(mut self) -> Result<S, DecodeError> {
        let r = &mut self.r;
        if !matches!(self.body, BodyState::Done | BodyState::Empty) {
            r.skip()?;
        }
        read_envelope_children(r, self.version, &mut self.sink, false)?;
        r.finish_document()?;
        Ok(self.sink)
    }
}

/// Reads children of `Envelope`: each `Header`'s children and every other element but `Body`
/// go to `sink`. Before the body (`to_body`) it stops on `Body` and returns `true`; after it, a
/// second `Body` is passed over. Returns `false` at the end of `Envelope`.
fn read_envelope_children<S: HeaderSink>(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
    sink: &mut S,
    to_body: bool,
) -> Result<bool, DecodeError> {
    let ns = version.envelope_namespace();
    loop {
        match r.next_content(false)? {
            Content::Child if r.namespace() == ns && r.local_name() == "Header" => loop {
                match r.next_content(false)? {
                    Content::Child => sink.block(r, true, version)?,
                    Content::Text => {}
                    Content::End => break,
                }
            },
            Content::Child if r.namespace() == ns && r.local_name() == "Body" => {
                if to_body {
                    return Ok(true);
                }
                r.skip()?;
            }
            Content::Child => sink.block(r, false, version)?,
            Content::Text => {}
            Content::End => return Ok(false),
        }
    }
}

/// A value decoded from an empty element (an empty `Body`, an answer without body).
pub(crate) fn read_empty<T: XmlContent>() -> Result<T, DecodeError> {
    let mut r = XmlReader::new("<empty/>");
    r.read_root()?;
    T::read_content(&mut r)
}
