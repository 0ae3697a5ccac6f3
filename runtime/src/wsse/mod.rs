//! WS-Security (OASIS WSS 1.1) with the UsernameToken Profile 1.1: a `wsse:Security` header
//! carrying a `UsernameToken` (password as text, or as a digest over a nonce and a creation
//! time) and a `wsu:Timestamp`.
//!
//! - Clients: [`UsernameToken`], set once on a client (`Client::with_security`) and replaced
//!   for single calls on a clone of it.
//! - Servers: [`UsernameTokenVerifier`], set on a server (`Server::with_security`). It checks
//!   every request before the service runs: the password through a [`PasswordLookup`], the
//!   digest, the freshness of `Created` and of the timestamp within a tolerated clock skew, and
//!   nonces, which a [`NonceStore`] remembers for the freshness window so that a replayed
//!   digest is refused (share one store, a database, between server processes).
//! - Failures are answered with the WSS fault codes (`wsse:FailedAuthentication`,
//!   `wsse:MessageExpired`, `wsse:InvalidSecurity`, `wsse:UnsupportedSecurityToken`): in
//!   SOAP 1.1 as the `faultcode`, in SOAP 1.2 as the subcode of `env:Sender`.
//!
//! X.509 tokens, message signatures and encryption are not supported.
//!
//! Passwords never appear in `Debug` output, logs or error messages.

mod token;
mod verify;

use base64::Engine as _;
use sha1::{Digest as _, Sha1};

pub use token::{PasswordType, TokenPolicy, UsernameToken};
pub(crate) use verify::SecurityGuard;
pub use verify::{
    MemoryNonceStore, NonceStore, PasswordLookup, SecurityError, UsernameTokenVerifier,
    WsseFaultCode,
};

/// The WSS 1.0 `wsse` namespace (`Security`, `UsernameToken`, fault codes).
pub const WSSE_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// The WSS 1.0 utility namespace (`Timestamp`, `Created`, `Expires`, `Id`).
pub const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/// `Password/@Type` for a password sent as it is.
pub const PASSWORD_TEXT: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
/// `Password/@Type` for a password digest.
pub const PASSWORD_DIGEST: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
/// `Nonce/@EncodingType` for base64.
pub const BASE64_BINARY: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// The UsernameToken Profile's digest: `Base64(SHA-1(nonce + created + password))`, with
/// `created` exactly as written in the message.
pub fn password_digest(nonce: &[u8], created: &str, password: &str) -> String {
    let mut sha = Sha1::new();
    sha.update(nonce);
    sha.update(created.as_bytes());
    sha.update(password.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(sha.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_as_the_profile_defines_it() {
        // A widely published example, checked with Python's hashlib:
        // base64(sha1(b64decode(nonce) + created + password)).
        let nonce = base64::engine::general_purpose::STANDARD
            .decode("LKqI6G/AikKCQrN0zqZFlg==")
            .unwrap();
        assert_eq!(
            password_digest(&nonce, "2010-09-16T07:50:45Z", "userpassword"),
            "tuOSpGlFlIXsozq4HFNeeGeFLEI="
        );
    }
}
