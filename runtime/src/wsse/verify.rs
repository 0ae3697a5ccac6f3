//! The server side: checking the `wsse:Security` header of each request before the service
//! runs.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use base64::Engine as _;

use super::{password_digest, BASE64_BINARY, PASSWORD_DIGEST, PASSWORD_TEXT, WSSE_NS, WSU_NS};
use crate::envelope::{HeaderBlock, SoapVersion};
use crate::error::{clark_name, DecodeError};
use crate::fault::{Fault, FaultCode};
use crate::types::{DateTime, QName};
use crate::xml::{Content, SimpleType, XmlReader};

/// Where a service finds the password of a user (a database, a configuration file, ...).
pub trait PasswordLookup: Send + Sync + 'static {
    /// The password of `username`, `None` for an unknown user.
    fn password(&self, username: &str) -> impl Future<Output = Option<String>> + Send;
}

/// Remembers the nonces of accepted tokens while a message carrying them could still be
/// accepted, so that a replayed message is refused. Server processes that share the work must
/// share the store (a database table with a unique key on the nonce).
pub trait NonceStore: Send + Sync + 'static {
    /// Records `nonce` as used until `until`: `Ok(true)` when it was new, `Ok(false)` when it
    /// is remembered already (a replay). An error is answered with a `Receiver` fault.
    fn remember(
        &self,
        nonce: &[u8],
        until: SystemTime,
    ) -> impl Future<Output = Result<bool, String>> + Send;
}

/// A [`NonceStore`] in the memory of one process; expired nonces are dropped as new ones come.
#[derive(Debug, Default)]
pub struct MemoryNonceStore {
    seen: Mutex<Nonces>,
}

#[derive(Debug, Default)]
struct Nonces {
    until: HashMap<Vec<u8>, SystemTime>,
    /// Size at which expired nonces are swept next (twice the size after the last sweep), so
    /// that sweeping costs a constant per insert on average.
    sweep_at: usize,
}

impl MemoryNonceStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryNonceStore::default()
    }
}

impl NonceStore for MemoryNonceStore {
    async fn remember(&self, nonce: &[u8], until: SystemTime) -> Result<bool, String> {
        let now = SystemTime::now();
        let mut seen = self
            .seen
            .lock()
            .map_err(|_| "nonce store poisoned".to_owned())?;
        if seen.until.len() >= seen.sweep_at.max(1024) {
            seen.until.retain(|_, kept_until| *kept_until > now);
            seen.sweep_at = 2 * seen.until.len();
        }
        match seen.until.get(nonce) {
            Some(kept_until) if *kept_until > now => Ok(false),
            _ => {
                seen.until.insert(nonce.to_vec(), until);
                Ok(true)
            }
        }
    }
}

/// The WSS 1.1 fault codes (in the `wsse` namespace) a verifier answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WsseFaultCode {
    /// `wsse:InvalidSecurity`: the `Security` header is missing or cannot be processed.
    InvalidSecurity,
    /// `wsse:UnsupportedSecurityToken`: a kind of token or password this verifier does not
    /// accept.
    UnsupportedSecurityToken,
    /// `wsse:FailedAuthentication`: unknown user, wrong password or digest, or a replayed
    /// nonce (the reason does not tell which).
    FailedAuthentication,
    /// `wsse:MessageExpired`: the timestamp expired, or `Created` is outside the freshness
    /// window.
    MessageExpired,
    /// Not a client error: the verifier could not check the request (its nonce store
    /// failed). Answered as a `Receiver` fault, so that the client may retry.
    Unavailable,
}

impl WsseFaultCode {
    /// The local name of the code.
    pub fn local_name(self) -> &'static str {
        match self {
            WsseFaultCode::InvalidSecurity => "InvalidSecurity",
            WsseFaultCode::UnsupportedSecurityToken => "UnsupportedSecurityToken",
            WsseFaultCode::FailedAuthentication => "FailedAuthentication",
            WsseFaultCode::MessageExpired => "MessageExpired",
            WsseFaultCode::Unavailable => "Unavailable",
        }
    }
}

/// Why a request was refused: a WSS fault code and a reason that names no secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {reason}", .code.local_name())]
pub struct SecurityError {
    /// The fault code.
    pub code: WsseFaultCode,
    /// What was wrong.
    pub reason: String,
}

impl SecurityError {
    fn new(code: WsseFaultCode, reason: impl Into<String>) -> Self {
        SecurityError {
            code,
            reason: reason.into(),
        }
    }

    /// The fault as WSS 1.1 lays it out: the code as `faultcode` in SOAP 1.1, as the subcode
    /// of `env:Sender` in SOAP 1.2.
    pub fn to_fault(&self, version: SoapVersion) -> Fault {
        if self.code == WsseFaultCode::Unavailable {
            return Fault::receiver(&self.reason);
        }
        let code = QName::new(WSSE_NS, self.code.local_name());
        match version {
            SoapVersion::Soap11 => Fault::new(FaultCode::Other(Box::new(code)), &self.reason),
            SoapVersion::Soap12 => Fault::sender(&self.reason).with_subcode(code),
        }
    }
}

/// Checks the UsernameToken of every request (see the [module documentation](super)).
///
/// Defaults: a token is required; text and digest passwords are accepted; a digest must carry
/// a nonce and `Created`; clocks may differ by 5 minutes; `Created` of a digest may be 5
/// minutes old; a timestamp is checked when present but not required.
pub struct UsernameTokenVerifier<L, N = MemoryNonceStore> {
    lookup: L,
    nonces: N,
    skew: Duration,
    freshness: Duration,
    require_token: bool,
    require_timestamp: bool,
    accept_text: bool,
}

impl<L> fmt::Debug for UsernameTokenVerifier<L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameTokenVerifier")
            .field("skew", &self.skew)
            .field("freshness", &self.freshness)
            .field("require_token", &self.require_token)
            .field("require_timestamp", &self.require_timestamp)
            .field("accept_text", &self.accept_text)
            .finish_non_exhaustive()
    }
}

impl<L: PasswordLookup> UsernameTokenVerifier<L> {
    /// A verifier looking passwords up in `lookup`, with nonces remembered in this process.
    pub fn new(lookup: L) -> Self {
        UsernameTokenVerifier::with_nonce_store(lookup, MemoryNonceStore::new())
    }
}

impl<L: PasswordLookup, N: NonceStore> UsernameTokenVerifier<L, N> {
    /// A verifier remembering nonces in `nonces` (shared by every server process).
    pub fn with_nonce_store(lookup: L, nonces: N) -> Self {
        UsernameTokenVerifier {
            lookup,
            nonces,
            skew: Duration::from_secs(300),
            freshness: Duration::from_secs(300),
            require_token: true,
            require_timestamp: false,
            accept_text: true,
        }
    }

    /// The clock difference tolerated between client and server.
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.skew = skew;
        self
    }

    /// How old the `Created` of a token may be (plus the skew); nonces are remembered that
    /// long.
    pub fn freshness(mut self, window: Duration) -> Self {
        self.freshness = window;
        self
    }

    /// Whether a request without a token is refused (the default) or let through.
    pub fn require_token(mut self, yes: bool) -> Self {
        self.require_token = yes;
        self
    }

    /// Whether a `wsu:Timestamp` is required.
    pub fn require_timestamp(mut self, yes: bool) -> Self {
        self.require_timestamp = yes;
        self
    }

    /// Whether passwords sent as text are accepted (the default; only over TLS).
    pub fn accept_text(mut self, yes: bool) -> Self {
        self.accept_text = yes;
        self
    }

    /// Checks the header blocks of a request (the children of `Header` targeted at this
    /// node) as received at `now`: `Ok(Some(username))` for an accepted token, `Ok(None)`
    /// when there is none and none is required.
    pub async fn verify(
        &self,
        blocks: &[HeaderBlock],
        version: SoapVersion,
        now: SystemTime,
    ) -> Result<Option<String>, SecurityError> {
        let invalid = |reason: &str| SecurityError::new(WsseFaultCode::InvalidSecurity, reason);
        let mut security = blocks
            .iter()
            .filter(|b| b.in_header && b.is(WSSE_NS, "Security") && targets_us(b, version));
        let Some(block) = security.next() else {
            return if self.require_token {
                Err(invalid("the message has no wsse:Security header"))
            } else {
                Ok(None)
            };
        };
        if security.next().is_some() {
            return Err(invalid("more than one wsse:Security header for this node"));
        }
        let received = Received::read(block).map_err(|e| {
            SecurityError::new(
                WsseFaultCode::InvalidSecurity,
                format!("cannot read the wsse:Security header: {e}"),
            )
        })?;
        if let Some(what) = &received.unsupported {
            return Err(SecurityError::new(
                WsseFaultCode::UnsupportedSecurityToken,
                what.clone(),
            ));
        }
        self.check_timestamp(&received, now)?;
        let Some(token) = received.token else {
            return if self.require_token {
                Err(invalid("the wsse:Security header has no UsernameToken"))
            } else {
                Ok(None)
            };
        };
        self.check_token(token, now).await.map(Some)
    }

    fn check_timestamp(&self, received: &Received, now: SystemTime) -> Result<(), SecurityError> {
        let expired = |reason: &str| SecurityError::new(WsseFaultCode::MessageExpired, reason);
        let Some((created, expires)) = &received.timestamp else {
            return match self.require_timestamp {
                true => Err(SecurityError::new(
                    WsseFaultCode::InvalidSecurity,
                    "the wsse:Security header has no wsu:Timestamp",
                )),
                false => Ok(()),
            };
        };
        let created = created.as_deref().map(instant).transpose()?;
        let expires = expires.as_deref().map(instant).transpose()?;
        if let (Some(created), Some(expires)) = (created, expires) {
            if expires < created {
                return Err(SecurityError::new(
                    WsseFaultCode::InvalidSecurity,
                    "the timestamp expires before it was created",
                ));
            }
        }
        if created.is_some_and(|c| c > later(now, self.skew)) {
            return Err(expired("the timestamp was created in the future"));
        }
        if expires.is_some_and(|e| later(e, self.skew) <= now) {
            return Err(expired("the timestamp has expired"));
        }
        Ok(())
    }

    async fn check_token(&self, token: Token, now: SystemTime) -> Result<String, SecurityError> {
        let failed =
            || SecurityError::new(WsseFaultCode::FailedAuthentication, "authentication failed");
        let unsupported =
            |reason: &str| SecurityError::new(WsseFaultCode::UnsupportedSecurityToken, reason);
        let invalid = |reason: &str| SecurityError::new(WsseFaultCode::InvalidSecurity, reason);
        let expired = |reason: &str| SecurityError::new(WsseFaultCode::MessageExpired, reason);
        let password_type = token.password_type.as_deref().unwrap_or(PASSWORD_TEXT);
        let digest = match password_type {
            PASSWORD_TEXT if self.accept_text => false,
            PASSWORD_TEXT => return Err(unsupported("passwords sent as text are not accepted")),
            PASSWORD_DIGEST => true,
            _ => return Err(unsupported("unknown password type")),
        };
        let Some(sent) = &token.password else {
            return Err(unsupported("a UsernameToken without a password"));
        };
        if token.nonce_encoding_unsupported {
            return Err(unsupported("a nonce encoding other than base64"));
        }
        let nonce = match &token.nonce {
            Some(nonce) => Some(
                base64::engine::general_purpose::STANDARD
                    .decode(nonce.trim())
                    .ok()
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| invalid("the nonce is not base64"))?,
            ),
            None => None,
        };
        let created = match &token.created {
            Some(created) => {
                let at = instant(created)?;
                if at > later(now, self.skew) {
                    return Err(expired("the token was created in the future"));
                }
                if later(later(at, self.freshness), self.skew) < now {
                    return Err(expired("the token is too old"));
                }
                Some(at)
            }
            None => None,
        };
        if digest && (nonce.is_none() || created.is_none()) {
            return Err(invalid("a password digest needs a Nonce and a Created"));
        }
        // An unknown user costs the same digest as a known one (no timing difference), and
        // an empty password, stored or sent, never authenticates.
        let stored = self.lookup.password(&token.username).await;
        let known = stored.as_deref().is_some_and(|p| !p.is_empty());
        let password = stored.unwrap_or_default();
        let matches = if digest {
            let nonce = nonce.as_deref().unwrap_or_default();
            let created = token.created.as_deref().unwrap_or_default();
            same(sent.trim(), &password_digest(nonce, created, &password))
        } else {
            same(sent, &password)
        };
        if !matches || !known || sent.trim().is_empty() {
            return Err(failed());
        }
        if let Some(nonce) = nonce {
            let until = later(
                later(later(created.unwrap_or(now), self.freshness), self.skew),
                self.skew,
            );
            match self.nonces.remember(&nonce, until).await {
                Ok(true) => {}
                Ok(false) => return Err(failed()),
                Err(_) => {
                    return Err(SecurityError::new(
                        WsseFaultCode::Unavailable,
                        "the nonce could not be checked",
                    ))
                }
            }
        }
        Ok(token.username)
    }
}

/// Object-safe form of a verifier, for servers.
pub(crate) trait SecurityGuard: Send + Sync {
    fn check<'a>(
        &'a self,
        blocks: Vec<HeaderBlock>,
        version: SoapVersion,
    ) -> Pin<Box<dyn Future<Output = Result<(), SecurityError>> + Send + 'a>>;
}

impl<L: PasswordLookup, N: NonceStore> SecurityGuard for UsernameTokenVerifier<L, N> {
    fn check<'a>(
        &'a self,
        blocks: Vec<HeaderBlock>,
        version: SoapVersion,
    ) -> Pin<Box<dyn Future<Output = Result<(), SecurityError>> + Send + 'a>> {
        Box::pin(async move {
            self.verify(&blocks, version, SystemTime::now())
                .await
                .map(drop)
        })
    }
}

/// `t + d`, or the far future when that does not fit (a configured skew of `Duration::MAX`).
fn later(t: SystemTime, d: Duration) -> SystemTime {
    t.checked_add(d)
        .unwrap_or_else(|| SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX) * 64))
}

/// Whether a header block is for this node: no actor / role, or "next", or (1.2) the
/// ultimate receiver.
fn targets_us(block: &HeaderBlock, version: SoapVersion) -> bool {
    let Ok(r) = block.open() else {
        return false;
    };
    let ns = version.envelope_namespace();
    let name = match version {
        SoapVersion::Soap11 => "actor",
        SoapVersion::Soap12 => "role",
    };
    match r.attribute_ns(ns, name).map(str::trim) {
        None | Some("") => true,
        Some(target) => match version {
            SoapVersion::Soap11 => target == "http://schemas.xmlsoap.org/soap/actor/next",
            SoapVersion::Soap12 => {
                target == "http://www.w3.org/2003/05/soap-envelope/role/next"
                    || target == "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
            }
        },
    }
}

/// Compares without stopping at the first difference (the time taken does not tell how much
/// of a guess was right).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// An `xs:dateTime` with a timezone as a point in time.
fn instant(lexical: &str) -> Result<SystemTime, SecurityError> {
    DateTime::from_lexical(lexical)
        .ok()
        .and_then(|d| d.to_system_time())
        .ok_or_else(|| {
            SecurityError::new(
                WsseFaultCode::InvalidSecurity,
                "a time is not an xs:dateTime with a timezone",
            )
        })
}

/// A received `UsernameToken`.
struct Token {
    username: String,
    password: Option<String>,
    password_type: Option<String>,
    nonce: Option<String>,
    nonce_encoding_unsupported: bool,
    created: Option<String>,
}

/// What the verifier reads from a `Security` header.
struct Received {
    /// `wsu:Timestamp`: `Created`, `Expires`.
    timestamp: Option<(Option<String>, Option<String>)>,
    token: Option<Token>,
    /// The first child of `Security` this verifier does not process.
    unsupported: Option<String>,
}

impl Received {
    fn read(block: &HeaderBlock) -> Result<Received, DecodeError> {
        let mut r = block.open()?;
        let mut received = Received {
            timestamp: None,
            token: None,
            unsupported: None,
        };
        while r.next_content(false)? == Content::Child {
            if r.is(WSU_NS, "Timestamp") && received.timestamp.is_some() {
                return Err(DecodeError::new("more than one wsu:Timestamp"));
            } else if r.is(WSU_NS, "Timestamp") {
                let mut created = None;
                let mut expires = None;
                while r.next_content(false)? == Content::Child {
                    if r.is(WSU_NS, "Created") && created.is_none() {
                        created = Some(text(&mut r)?);
                    } else if r.is(WSU_NS, "Expires") && expires.is_none() {
                        expires = Some(text(&mut r)?);
                    } else if r.is(WSU_NS, "Created") || r.is(WSU_NS, "Expires") {
                        return Err(DecodeError::new("a wsu:Timestamp with a repeated child"));
                    } else {
                        r.skip()?;
                    }
                }
                received.timestamp = Some((created, expires));
            } else if r.is(WSSE_NS, "UsernameToken") && received.token.is_none() {
                received.token = Some(read_token(&mut r)?);
            } else if r.is(WSSE_NS, "UsernameToken") {
                return Err(DecodeError::new("more than one UsernameToken"));
            } else {
                // Signatures, encrypted keys, binary tokens, SAML assertions: claiming the
                // header while passing over them would accept a message whose integrity or
                // confidentiality the sender relies on (WSS: unrecognized elements SHOULD
                // cause a fault).
                received.unsupported = Some(format!(
                    "{} in the wsse:Security header is not supported",
                    clark_name(r.namespace(), r.local_name())
                ));
                r.skip()?;
            }
        }
        Ok(received)
    }
}

fn read_token(r: &mut XmlReader<'_>) -> Result<Token, DecodeError> {
    let mut token = Token {
        username: String::new(),
        password: None,
        password_type: None,
        nonce: None,
        nonce_encoding_unsupported: false,
        created: None,
    };
    let mut username = None;
    while r.next_content(false)? == Content::Child {
        if r.is(WSSE_NS, "Username") {
            username = Some(text(r)?.trim().to_owned());
        } else if r.is(WSSE_NS, "Password") {
            token.password_type = r.attribute("Type").map(|t| expand_type(r, t.trim()));
            token.password = Some(text(r)?);
        } else if r.is(WSSE_NS, "Nonce") {
            // Base64 is the only encoding the profile defines (and the default).
            let encoding = r.attribute("EncodingType").map(str::trim);
            if encoding.is_some_and(|e| e != BASE64_BINARY && !e.ends_with(":Base64Binary")) {
                token.nonce_encoding_unsupported = true;
            }
            token.nonce = Some(text(r)?);
        } else if r.is(WSU_NS, "Created") {
            token.created = Some(text(r)?);
        } else {
            r.skip()?;
        }
    }
    token.username =
        username.ok_or_else(|| DecodeError::new("a UsernameToken without Username"))?;
    Ok(token)
}

/// A `Type` written as a QName (`wsse:PasswordDigest`, as some stacks send it) as the URI the
/// profile defines.
fn expand_type(r: &XmlReader<'_>, value: &str) -> String {
    if let Ok(name) = r.resolve_qname(value) {
        if name.namespace == WSSE_NS {
            match name.local.as_str() {
                "PasswordText" => return PASSWORD_TEXT.to_owned(),
                "PasswordDigest" => return PASSWORD_DIGEST.to_owned(),
                _ => {}
            }
        }
    }
    value.to_owned()
}

fn text(r: &mut XmlReader<'_>) -> Result<String, DecodeError> {
    r.read_text()?;
    Ok(r.text().to_owned())
}
