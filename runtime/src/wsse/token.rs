//! The client side: a `wsse:Security` header with a `UsernameToken` and a `wsu:Timestamp`.

use std::fmt;
use std::time::{Duration, SystemTime};

use base64::Engine as _;

use super::{password_digest, BASE64_BINARY, PASSWORD_DIGEST, PASSWORD_TEXT, WSSE_NS, WSU_NS};
use crate::envelope::SoapVersion;
use crate::types::DateTime;
use crate::xml::{SimpleType, XmlWriter};

/// How the password travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordType {
    /// As it is (`#PasswordText`): only over TLS.
    Text,
    /// `Base64(SHA-1(nonce + created + password))` (`#PasswordDigest`), with a fresh random
    /// nonce and the current time for every message.
    Digest,
}

/// What a binding's WS-SecurityPolicy requires of a UsernameToken (generated into the
/// binding as `Binding::USERNAME_TOKEN`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenPolicy {
    /// `sp:HashPassword`: the password goes as a digest.
    pub digest: bool,
    /// `sp:IncludeTimestamp`: a `wsu:Timestamp` goes with it.
    pub timestamp: bool,
}

impl TokenPolicy {
    /// The time to live of the timestamp a policy asks for.
    pub const TIMESTAMP_TTL: Duration = Duration::from_secs(300);

    /// The token this policy asks for, with these credentials.
    pub fn token(self, username: impl Into<String>, password: impl Into<String>) -> UsernameToken {
        let kind = if self.digest {
            PasswordType::Digest
        } else {
            PasswordType::Text
        };
        let token = UsernameToken::new(username.into(), password.into(), kind);
        if self.timestamp {
            token.with_timestamp(Self::TIMESTAMP_TTL)
        } else {
            token
        }
    }
}

/// A UsernameToken a client sends with every request, in a `wsse:Security` header marked
/// `mustUnderstand` (as the SOAP Message Security specification recommends), optionally with
/// a `wsu:Timestamp` (`Created` now, `Expires` after the time to live).
///
/// `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub struct UsernameToken {
    username: String,
    password: String,
    kind: PasswordType,
    timestamp: Option<Duration>,
    must_understand: bool,
}

impl fmt::Debug for UsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameToken")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("kind", &self.kind)
            .field("timestamp", &self.timestamp)
            .field("must_understand", &self.must_understand)
            .finish()
    }
}

impl UsernameToken {
    /// A token sending the password as text.
    pub fn text(username: impl Into<String>, password: impl Into<String>) -> Self {
        UsernameToken::new(username.into(), password.into(), PasswordType::Text)
    }

    /// A token sending a digest of the password.
    pub fn digest(username: impl Into<String>, password: impl Into<String>) -> Self {
        UsernameToken::new(username.into(), password.into(), PasswordType::Digest)
    }

    fn new(username: String, password: String, kind: PasswordType) -> Self {
        UsernameToken {
            username,
            password,
            kind,
            timestamp: None,
            must_understand: true,
        }
    }

    /// Adds a `wsu:Timestamp` whose `Expires` is `ttl` after its `Created`.
    pub fn with_timestamp(mut self, ttl: Duration) -> Self {
        self.timestamp = Some(ttl);
        self
    }

    /// Whether the `Security` header is marked `mustUnderstand` (the default: a service that
    /// does not process it must fault instead of ignoring it).
    pub fn must_understand(mut self, yes: bool) -> Self {
        self.must_understand = yes;
        self
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// How the password travels.
    pub fn password_type(&self) -> PasswordType {
        self.kind
    }

    /// Writes the `Security` header block for a message sent now.
    pub fn write(&self, w: &mut XmlWriter, version: SoapVersion) {
        let mut nonce = [0u8; 16];
        // Without an operating system random source the nonce would not be one: the digest
        // then goes out without it, which the service rejects rather than trusting a weak one.
        let nonce = getrandom::fill(&mut nonce).ok().map(|()| nonce);
        self.write_at(
            w,
            version,
            SystemTime::now(),
            nonce.as_ref().map(|n| &n[..]),
        );
    }

    /// Writes the header block for a message sent at `now` with `nonce`.
    pub(crate) fn write_at(
        &self,
        w: &mut XmlWriter,
        version: SoapVersion,
        now: SystemTime,
        nonce: Option<&[u8]>,
    ) {
        let created = utc(now);
        w.start_prefixed("wsse", WSSE_NS, "Security");
        w.bind("wsu", WSU_NS);
        if self.must_understand {
            let env = w.prefix_for(version.envelope_namespace());
            let yes = match version {
                SoapVersion::Soap11 => "1",
                SoapVersion::Soap12 => "true",
            };
            w.attr(&format!("{env}:mustUnderstand"), yes);
        }
        if let Some(ttl) = self.timestamp {
            w.start_prefixed("wsu", WSU_NS, "Timestamp");
            w.attr("wsu:Id", "TS-1");
            text_element(w, "wsu", WSU_NS, "Created", &created);
            text_element(w, "wsu", WSU_NS, "Expires", &utc(now + ttl));
            w.end();
        }
        w.start_prefixed("wsse", WSSE_NS, "UsernameToken");
        w.attr("wsu:Id", "UsernameToken-1");
        text_element(w, "wsse", WSSE_NS, "Username", &self.username);
        match (self.kind, nonce) {
            (PasswordType::Text, _) => {
                w.start_prefixed("wsse", WSSE_NS, "Password");
                w.attr("Type", PASSWORD_TEXT);
                w.text(&self.password);
                w.end();
            }
            (PasswordType::Digest, nonce) => {
                let nonce = nonce.unwrap_or_default();
                w.start_prefixed("wsse", WSSE_NS, "Password");
                w.attr("Type", PASSWORD_DIGEST);
                w.text(&password_digest(nonce, &created, &self.password));
                w.end();
                if !nonce.is_empty() {
                    w.start_prefixed("wsse", WSSE_NS, "Nonce");
                    w.attr("EncodingType", BASE64_BINARY);
                    w.text(&base64::engine::general_purpose::STANDARD.encode(nonce));
                    w.end();
                }
                text_element(w, "wsu", WSU_NS, "Created", &created);
            }
        }
        w.end();
        w.end();
    }
}

fn text_element(w: &mut XmlWriter, prefix: &str, ns: &str, local: &str, text: &str) {
    w.start_prefixed(prefix, ns, local);
    w.text(text);
    w.end();
}

/// `now` as an `xs:dateTime` in UTC with millisecond precision (`2026-12-03T18:00:00.123Z`).
pub(crate) fn utc(now: SystemTime) -> String {
    let millis = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let at = SystemTime::UNIX_EPOCH + Duration::from_millis(u64::try_from(millis).unwrap_or(0));
    DateTime::from_system_time(at).map_or_else(String::new, |d| d.to_lexical().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(token: &UsernameToken, version: SoapVersion) -> String {
        let mut w = XmlWriter::new();
        let at = SystemTime::UNIX_EPOCH + Duration::from_millis(1_764_784_800_250);
        token.write_at(&mut w, version, at, Some(b"0123456789abcdef"));
        w.into_string()
    }

    #[test]
    fn digest_header_as_the_profile_shows_it() {
        let token =
            UsernameToken::digest("alice", "secret").with_timestamp(Duration::from_secs(300));
        let xml = header(&token, SoapVersion::Soap11);
        let created = "2025-12-03T18:00:00.25Z";
        assert!(
            xml.contains(&format!("<wsu:Created>{created}</wsu:Created>")),
            "{xml}"
        );
        assert!(
            xml.contains("<wsu:Expires>2025-12-03T18:05:00.25Z</wsu:Expires>"),
            "{xml}"
        );
        let digest = password_digest(b"0123456789abcdef", created, "secret");
        assert!(xml.contains(&format!(">{digest}</wsse:Password>")), "{xml}");
        assert!(
            xml.contains(">MDEyMzQ1Njc4OWFiY2RlZg==</wsse:Nonce>"),
            "{xml}"
        );
        assert!(xml.contains(r#":mustUnderstand="1""#), "{xml}");
        assert!(!xml.contains("secret"), "{xml}");
        let xml = header(&token.must_understand(false), SoapVersion::Soap12);
        assert!(!xml.contains("mustUnderstand"), "{xml}");
    }

    #[test]
    fn text_header_and_debug() {
        let token = UsernameToken::text("alice", "s3cr&t");
        let xml = header(&token, SoapVersion::Soap12);
        assert!(xml.contains(&format!(
            r#"Type="{PASSWORD_TEXT}">s3cr&amp;t</wsse:Password>"#
        )));
        assert!(xml.contains(r#":mustUnderstand="true""#), "{xml}");
        assert!(
            !xml.contains("Nonce") && !xml.contains("Timestamp"),
            "{xml}"
        );
        assert!(!format!("{token:?}").contains("s3cr"));
    }
}
