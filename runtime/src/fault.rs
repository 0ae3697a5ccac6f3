//! SOAP faults (1.1 and 1.2).

use std::fmt;

use crate::envelope::{write_envelope, SoapVersion};
use crate::error::DecodeError;
use crate::types::QName;
use crate::xml::{escape_into, Content, XmlChoice, XmlContent, XmlReader, XmlWriter, XML_NS};

/// The fault code, named as in SOAP 1.2 (SOAP 1.1 `Client` = `Sender`, `Server` = `Receiver`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FaultCode {
    /// The envelope namespace was not understood.
    VersionMismatch,
    /// A `mustUnderstand` header was not understood.
    MustUnderstand,
    /// The request was wrong (1.1 `Client`).
    Sender,
    /// The receiver failed (1.1 `Server`).
    Receiver,
    /// SOAP 1.2 only; written as `Client` in SOAP 1.1.
    DataEncodingUnknown,
    /// Any other code. SOAP 1.2 only allows the standard codes in `Code/Value`, so there it
    /// is written as `Receiver` with this QName as the first `Subcode` (see [`Fault`]).
    Other(Box<QName>),
}

impl FaultCode {
    /// The local name of a standard code in `version`; `None` for `Other`.
    fn standard_local(&self, version: SoapVersion) -> Option<&'static str> {
        let v11 = version == SoapVersion::Soap11;
        Some(match self {
            FaultCode::VersionMismatch => "VersionMismatch",
            FaultCode::MustUnderstand => "MustUnderstand",
            FaultCode::Sender | FaultCode::DataEncodingUnknown if v11 => "Client",
            FaultCode::Sender => "Sender",
            FaultCode::Receiver if v11 => "Server",
            FaultCode::Receiver => "Receiver",
            FaultCode::DataEncodingUnknown => "DataEncodingUnknown",
            FaultCode::Other(_) => return None,
        })
    }

    /// The standard code with local name `local` (names of both versions are accepted).
    fn standard(local: &str) -> Option<Self> {
        Some(match local {
            "VersionMismatch" => FaultCode::VersionMismatch,
            "MustUnderstand" => FaultCode::MustUnderstand,
            "Client" | "Sender" => FaultCode::Sender,
            "Server" | "Receiver" => FaultCode::Receiver,
            "DataEncodingUnknown" => FaultCode::DataEncodingUnknown,
            _ => return None,
        })
    }

    /// A SOAP 1.2 `Code/Value`.
    fn from_qname_12(q: QName) -> Self {
        let standard = (q.namespace == SoapVersion::Soap12.envelope_namespace())
            .then(|| FaultCode::standard(&q.local))
            .flatten();
        standard.unwrap_or_else(|| FaultCode::Other(Box::new(q)))
    }

    /// A SOAP 1.1 `faultcode` and, for a dotted refinement of a standard code such as
    /// `Client.Authentication`, the full refined QName as subcode. `unprefixed` codes
    /// (`Client`, as some stacks write) count as envelope-namespace codes when standard.
    fn from_qname_11(q: QName, unprefixed: bool) -> (Self, Option<Box<QName>>) {
        let ns = SoapVersion::Soap11.envelope_namespace();
        if q.namespace == ns || unprefixed {
            let base = q.local.split('.').next().unwrap_or("");
            if let Some(code) = FaultCode::standard(base) {
                let refined = (base.len() < q.local.len())
                    .then(|| Box::new(QName::new(ns, q.local.as_str())));
                return (code, refined);
            }
        }
        (FaultCode::Other(Box::new(q)), None)
    }

    /// Writes the code as text (1.2: the `Code/Value`; `Other` is written as `Receiver`).
    /// In 1.1 a `subcode` that is a dotted refinement of this code in the envelope namespace
    /// (as read by [`Fault::read`]) is written instead of the bare code.
    fn write(&self, w: &mut XmlWriter, version: SoapVersion, subcode: Option<&QName>) {
        let ns = version.envelope_namespace();
        let local = match (self, version) {
            (FaultCode::Other(q), SoapVersion::Soap11) => return q.write_content(w),
            (FaultCode::Other(_), SoapVersion::Soap12) => "Receiver",
            (code, _) => code.standard_local(version).unwrap_or("Receiver"),
        };
        let refined = subcode.filter(|q| {
            version == SoapVersion::Soap11
                && q.namespace == ns
                && q.local
                    .strip_prefix(local)
                    .is_some_and(|r| r.starts_with('.'))
        });
        let prefix = w.prefix_for(ns);
        w.text(&format!("{prefix}:{}", refined.map_or(local, |q| &q.local)));
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultCode::Other(q) => write!(f, "{q}"),
            code => f.write_str(code.standard_local(SoapVersion::Soap12).unwrap_or("")),
        }
    }
}

/// A SOAP fault.
///
/// `subcode` is written in SOAP 1.2 as `Code/Subcode/Value`. SOAP 1.1 has no place for it
/// and drops it, except for a dotted refinement of the code (`{1.1 envelope}Client.Auth`
/// with code `Sender`), which is written as the `faultcode`; reading a 1.1 `faultcode` such
/// as `Client.Auth` gives the standard code plus that refinement as subcode. Unprefixed 1.1
/// codes (`Client`) are read as the standard codes.
///
/// SOAP 1.2 only allows the standard codes in `Code/Value`: [`FaultCode::Other`]`(q)` is
/// written as `Receiver` with `q` as the first `Subcode` and `subcode`, if any, nested
/// beneath it. Reading such a fault back gives `Receiver` with subcode `q` (only the first
/// subcode level is read); a non-standard `Code/Value` from other stacks is still read as
/// `Other`.
///
/// `detail` is raw inner XML of `detail` / `Detail` (see the prefix caveat on
/// [`AnyType`](crate::AnyType)). Typed details: a server adds one with
/// [`with_detail_value`](Fault::with_detail_value), a client decodes it with
/// [`detail_as`](Fault::detail_as) (which also resolves prefixes declared outside the
/// detail, kept in [`detail_scope`](Fault::detail_scope) by [`read`](Fault::read)).
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// The fault code.
    pub code: FaultCode,
    /// SOAP 1.2 subcode (first level).
    pub subcode: Option<Box<QName>>,
    /// 1.1 `faultstring`; 1.2 `Reason/Text`.
    pub reason: String,
    /// 1.1 `faultactor`; 1.2 `Role`.
    pub actor: Option<String>,
    /// Raw inner XML of `detail` / `Detail`.
    pub detail: Option<String>,
    /// The namespace declarations in scope at a received `detail` (empty for a fault built
    /// here); not part of the fault's value.
    pub detail_scope: DetailScope,
}

/// Namespace declarations (prefix, or `None` for the default namespace, and URI) in scope at
/// a received fault's `detail` element, so that [`Fault::detail_as`] resolves the prefixes
/// the detail uses without declaring them (`xsi:type="xsd:string"` with both prefixes
/// declared on the envelope). Not part of the fault's value: any two compare equal.
#[derive(Debug, Clone, Default)]
pub struct DetailScope(pub Vec<(Option<String>, String)>);

impl PartialEq for DetailScope {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl DetailScope {
    fn of(r: &XmlReader<'_>) -> Self {
        DetailScope(
            r.scope()
                .into_iter()
                .filter(|(_, uri)| uri != XML_NS && !uri.is_empty())
                .collect(),
        )
    }
}

impl Fault {
    /// A fault with `code` and `reason`.
    pub fn new(code: FaultCode, reason: impl Into<String>) -> Self {
        Fault {
            code,
            subcode: None,
            reason: reason.into(),
            actor: None,
            detail: None,
            detail_scope: DetailScope::default(),
        }
    }

    /// A `Sender` (1.1 `Client`) fault.
    pub fn sender(reason: impl Into<String>) -> Self {
        Fault::new(FaultCode::Sender, reason)
    }

    /// A `Receiver` (1.1 `Server`) fault.
    pub fn receiver(reason: impl Into<String>) -> Self {
        Fault::new(FaultCode::Receiver, reason)
    }

    /// Sets the subcode.
    pub fn with_subcode(mut self, subcode: QName) -> Self {
        self.subcode = Some(Box::new(subcode));
        self
    }

    /// Sets the detail (raw XML).
    pub fn with_detail(mut self, xml: impl Into<String>) -> Self {
        self.detail = Some(xml.into());
        self
    }

    /// Adds a typed detail entry: element `{ns}local` with `value`'s content, after any
    /// detail already set. The element declares every namespace it uses, so it stays
    /// well-formed wherever the detail is written.
    pub fn with_detail_value<T: XmlContent>(self, ns: &str, local: &str, value: &T) -> Self {
        let mut w = XmlWriter::new();
        w.element(ns, local, value);
        self.push_detail(w.into_string())
    }

    /// Decodes the detail entry `{ns}local` (the first child of the detail with that name,
    /// tolerant namespace match as everywhere): `None` when there is no detail or no such
    /// entry, `Some(Err(..))` when it does not decode (or the raw detail is not well-formed).
    pub fn detail_as<T: XmlContent>(
        &self,
        ns: &str,
        local: &str,
    ) -> Option<Result<T, DecodeError>> {
        self.with_detail_root(|r| loop {
            match r.next_content(false) {
                Err(e) => return Some(Err(e)),
                Ok(Content::Child) if r.is(ns, local) => return Some(T::read_content(r)),
                Ok(Content::Child) => {
                    if let Err(e) = r.skip() {
                        return Some(Err(e));
                    }
                }
                Ok(Content::Text) => {}
                Ok(Content::End) => return None,
            }
        })
    }

    /// Decodes the first detail entry that is one of the alternatives of `T` (a generated
    /// `…Fault` enum of an operation's declared faults): `None` when there is no detail or no
    /// entry is one of them.
    pub fn detail_choice<T: XmlChoice>(&self) -> Option<Result<T, DecodeError>> {
        self.with_detail_root(|r| loop {
            match r.next_content(false) {
                Err(e) => return Some(Err(e)),
                Ok(Content::Child) => match T::read_choice(r) {
                    Err(e) => return Some(Err(e)),
                    Ok(Some(value)) => return Some(Ok(value)),
                    Ok(None) => {
                        if let Err(e) = r.skip() {
                            return Some(Err(e));
                        }
                    }
                },
                Ok(Content::Text) => {}
                Ok(Content::End) => return None,
            }
        })
    }

    /// Adds `value` (one of an operation's declared faults) as a detail entry.
    pub fn with_detail_choice<T: XmlChoice>(self, value: &T) -> Self {
        let mut w = XmlWriter::new();
        value.write_choice(&mut w);
        self.push_detail(w.into_string())
    }

    /// Appends a detail entry after any existing one.
    fn push_detail(mut self, entry: String) -> Self {
        match &mut self.detail {
            Some(detail) => detail.push_str(&entry),
            None => self.detail = Some(entry),
        }
        self
    }

    /// Runs `f` over the raw detail parsed as a `detail` element carrying the envelope's
    /// namespace declarations.
    fn with_detail_root<R>(
        &self,
        f: impl FnOnce(&mut XmlReader<'_>) -> Option<Result<R, DecodeError>>,
    ) -> Option<Result<R, DecodeError>> {
        let detail = self.detail.as_deref()?;
        let mut xml = String::from("<detail");
        for (prefix, uri) in &self.detail_scope.0 {
            match prefix {
                Some(prefix) => xml.push_str(&format!(" xmlns:{prefix}=\"")),
                None => xml.push_str(" xmlns=\""),
            }
            escape_into(&mut xml, uri, true);
            xml.push('"');
        }
        xml.push('>');
        xml.push_str(detail);
        xml.push_str("</detail>");
        let mut r = XmlReader::new(&xml);
        if let Err(e) = r.read_root() {
            return Some(Err(e));
        }
        f(&mut r)
    }

    /// Sets the actor / role.
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }

    /// A complete envelope whose body is this fault.
    pub fn to_envelope(&self, version: SoapVersion) -> String {
        write_envelope(version, |_| {}, |w| self.write(w, version))
    }

    /// Writes the `Fault` element (the envelope prefix must be in scope, as inside
    /// [`write_envelope`]; otherwise it is declared).
    pub fn write(&self, w: &mut XmlWriter, version: SoapVersion) {
        let ns = version.envelope_namespace();
        match version {
            SoapVersion::Soap11 => {
                w.start_prefixed("s", ns, "Fault");
                w.start("", "faultcode");
                self.code.write(w, version, self.subcode.as_deref());
                w.end();
                w.element("", "faultstring", &self.reason);
                w.optional("", "faultactor", &self.actor);
                if let Some(detail) = &self.detail {
                    w.start("", "detail");
                    w.raw(detail);
                    w.end();
                }
                w.end();
            }
            SoapVersion::Soap12 => {
                w.start_prefixed("s", ns, "Fault");
                w.start_prefixed("s", ns, "Code");
                w.start_prefixed("s", ns, "Value");
                self.code.write(w, version, None);
                w.end();
                let custom = match &self.code {
                    FaultCode::Other(q) => Some(&**q),
                    _ => None,
                };
                let subcodes: Vec<&QName> =
                    custom.into_iter().chain(self.subcode.as_deref()).collect();
                for subcode in &subcodes {
                    w.start_prefixed("s", ns, "Subcode");
                    w.start_prefixed("s", ns, "Value");
                    subcode.write_content(w);
                    w.end();
                }
                for _ in &subcodes {
                    w.end();
                }
                w.end();
                w.start_prefixed("s", ns, "Reason");
                w.start_prefixed("s", ns, "Text");
                w.attr("xml:lang", "en");
                w.text(&self.reason);
                w.end();
                w.end();
                if let Some(actor) = &self.actor {
                    w.start_prefixed("s", ns, "Role");
                    w.text(actor);
                    w.end();
                }
                if let Some(detail) = &self.detail {
                    w.start_prefixed("s", ns, "Detail");
                    w.raw(detail);
                    w.end();
                }
                w.end();
            }
        }
    }

    /// Reads the `Fault` element the reader stands on (of `version`), through its end tag.
    /// Unknown children are skipped; of several SOAP 1.2 `Reason/Text`s the English one (or
    /// the first) is kept.
    pub fn read(r: &mut XmlReader<'_>, version: SoapVersion) -> Result<Fault, DecodeError> {
        let ns = version.envelope_namespace();
        let mut code: Option<(QName, bool)> = None;
        let mut subcode: Option<Box<QName>> = None;
        let mut reason: Option<(String, bool)> = None;
        let mut actor = None;
        let mut detail = None;
        let mut detail_scope = DetailScope::default();
        loop {
            match r.next_content(false)? {
                Content::Child => {}
                Content::Text => continue,
                Content::End => break,
            }
            let local = r.local_name();
            let own_ns = r.namespace();
            match version {
                // Children are unqualified; tolerate them qualified with the envelope ns.
                SoapVersion::Soap11 if own_ns.is_empty() || own_ns == ns => match local {
                    "faultcode" if code.is_none() => {
                        r.read_text()?;
                        let unprefixed = !r.text().contains(':');
                        code = Some((r.resolve_qname(r.text())?, unprefixed));
                    }
                    "faultstring" if reason.is_none() => {
                        r.read_text()?;
                        reason = Some((r.text().to_owned(), true));
                    }
                    "faultactor" if actor.is_none() => {
                        r.read_text()?;
                        actor = Some(r.text().to_owned());
                    }
                    "detail" if detail.is_none() => {
                        detail_scope = DetailScope::of(r);
                        detail = Some(r.capture_inner()?);
                    }
                    _ => r.skip()?,
                },
                SoapVersion::Soap12 if own_ns == ns => match local {
                    "Code" if code.is_none() => {
                        let (value, sub) = read_code_12(r, ns)?;
                        code = Some((value, false));
                        subcode = sub.map(Box::new);
                    }
                    "Reason" if reason.is_none() => reason = Some(read_reason_12(r, ns)?),
                    "Role" if actor.is_none() => {
                        r.read_text()?;
                        actor = Some(r.text().to_owned());
                    }
                    "Detail" if detail.is_none() => {
                        detail_scope = DetailScope::of(r);
                        detail = Some(r.capture_inner()?);
                    }
                    _ => r.skip()?,
                },
                _ => r.skip()?,
            }
        }
        let (code, unprefixed) = match code {
            Some(code) => code,
            None => {
                let local = match version {
                    SoapVersion::Soap11 => ("", "faultcode"),
                    SoapVersion::Soap12 => (ns, "Code"),
                };
                return Err(crate::xml::missing(r, local.0, local.1));
            }
        };
        let (code, subcode) = match version {
            SoapVersion::Soap11 => FaultCode::from_qname_11(code, unprefixed),
            SoapVersion::Soap12 => (FaultCode::from_qname_12(code), subcode),
        };
        Ok(Fault {
            code,
            subcode,
            reason: reason.map(|(text, _)| text).unwrap_or_default(),
            actor,
            detail,
            detail_scope,
        })
    }
}

/// Reads a SOAP 1.2 `Code`: its `Value` and the first `Subcode/Value`.
fn read_code_12(r: &mut XmlReader<'_>, ns: &str) -> Result<(QName, Option<QName>), DecodeError> {
    let mut value = None;
    let mut subcode = None;
    loop {
        match r.next_content(false)? {
            Content::Child
                if r.namespace() == ns && r.local_name() == "Value" && value.is_none() =>
            {
                r.read_text()?;
                value = Some(r.resolve_qname(r.text())?);
            }
            Content::Child
                if r.namespace() == ns && r.local_name() == "Subcode" && subcode.is_none() =>
            {
                let (sub, _) = read_code_12(r, ns)?;
                subcode = Some(sub);
            }
            Content::Child => r.skip()?,
            Content::Text => {}
            Content::End => break,
        }
    }
    let value = value.ok_or_else(|| crate::xml::missing(r, ns, "Value"))?;
    Ok((value, subcode))
}

/// Reads a SOAP 1.2 `Reason`: the English `Text` (`xml:lang` starting with `en`), else the
/// first; the flag says whether it was English.
fn read_reason_12(r: &mut XmlReader<'_>, ns: &str) -> Result<(String, bool), DecodeError> {
    let mut best: Option<(String, bool)> = None;
    loop {
        match r.next_content(false)? {
            Content::Child if r.namespace() == ns && r.local_name() == "Text" => {
                let english = r
                    .attribute_ns(XML_NS, "lang")
                    .is_some_and(|l| l.to_ascii_lowercase().starts_with("en"));
                r.read_text()?;
                let better = match &best {
                    None => true,
                    Some((_, was_english)) => english && !was_english,
                };
                if better {
                    best = Some((r.text().to_owned(), english));
                }
            }
            Content::Child => r.skip()?,
            Content::Text => {}
            Content::End => break,
        }
    }
    Ok(best.unwrap_or_default())
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(subcode) = &self.subcode {
            write!(f, " ({subcode})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for Fault {}
