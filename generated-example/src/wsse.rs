//! WS-Security for the token server: users and passwords from a file, and the nonces of
//! accepted tokens in the token database, so that every server process on one database refuses
//! a message another one accepted.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use soap_runtime::wsse::{NonceStore, PasswordLookup};

use crate::store::SqliteBackend;
use crate::TokenService;

/// Users and their passwords, read from a file of `username password` lines (blank lines and
/// lines starting with `#` are skipped; the password is the rest of the line after the first
/// run of white space). `Debug` shows the user names only.
#[derive(Clone, Default)]
pub struct UserFile {
    passwords: Arc<HashMap<String, String>>,
}

impl fmt::Debug for UserFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut users: Vec<&String> = self.passwords.keys().collect();
        users.sort();
        f.debug_struct("UserFile").field("users", &users).finish()
    }
}

impl UserFile {
    /// Reads `path`. Errors name the line, never its content.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::parse(&text)
            .map_err(|line| format!("{}:{line}: expected `username password`", path.display()))
    }

    /// Parses the file's text; the error is the number of the first bad line.
    pub fn parse(text: &str) -> Result<Self, usize> {
        let mut passwords = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((user, password)) = line.split_once(char::is_whitespace) else {
                return Err(n + 1);
            };
            let password = password.trim_start();
            if password.is_empty() {
                return Err(n + 1);
            }
            passwords.insert(user.to_owned(), password.to_owned());
        }
        Ok(UserFile {
            passwords: Arc::new(passwords),
        })
    }

    /// Number of users.
    pub fn len(&self) -> usize {
        self.passwords.len()
    }

    /// Whether there are no users.
    pub fn is_empty(&self) -> bool {
        self.passwords.is_empty()
    }
}

impl PasswordLookup for UserFile {
    async fn password(&self, username: &str) -> Option<String> {
        self.passwords.get(username).cloned()
    }
}

/// Nonces kept in the token database (table `wsse_nonces`).
#[derive(Debug, Clone)]
pub struct SqliteNonces {
    backend: Arc<SqliteBackend>,
}

impl TokenService<SqliteBackend> {
    /// A nonce store in this service's database.
    pub fn nonce_store(&self) -> SqliteNonces {
        SqliteNonces {
            backend: self.backend(),
        }
    }
}

fn unix_ms(at: SystemTime) -> i64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl NonceStore for SqliteNonces {
    async fn remember(&self, nonce: &[u8], until: SystemTime) -> Result<bool, String> {
        let backend = Arc::clone(&self.backend);
        let nonce = nonce.to_vec();
        let (now, until) = (unix_ms(SystemTime::now()), unix_ms(until));
        match tokio::task::spawn_blocking(move || backend.remember_nonce(&nonce, now, until)).await
        {
            Ok(result) => result.map_err(|e| e.to_string()),
            Err(_) => Err("the nonce check stopped".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn user_file_lines() {
        let users = UserFile::parse("# users\n\nalice  s3cret with spaces\nbob\tpw\n").unwrap();
        assert_eq!(users.len(), 2);
        assert_eq!(users.passwords["alice"], "s3cret with spaces");
        assert!(!format!("{users:?}").contains("s3cret"));
        assert_eq!(UserFile::parse("alice secret\nbob\n").unwrap_err(), 2);
    }

    #[tokio::test]
    async fn nonces_are_shared_through_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let one = TokenService::open(&path).unwrap().nonce_store();
        let two = TokenService::open(&path).unwrap().nonce_store();
        let until = SystemTime::now() + Duration::from_secs(60);
        assert!(one.remember(b"n1", until).await.unwrap());
        assert!(!two.remember(b"n1", until).await.unwrap());
        assert!(two.remember(b"n2", until).await.unwrap());
        // An expired nonce is forgotten.
        let past = SystemTime::now() - Duration::from_secs(1);
        assert!(one.remember(b"old", past).await.unwrap());
        assert!(two.remember(b"old", until).await.unwrap());
    }
}
