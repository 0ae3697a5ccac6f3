//! Where tokens are kept: a [`Backend`] in memory or in SQLite. Keys are random UUIDs (v4), so a
//! key cannot be guessed from another.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};
use soap_runtime::__private::{from_xml_str, to_xml_string};
use soap_runtime::Fault;

use crate::services88::{TokenManagementInfo, NS_SERVICES88};

/// A storage failure (the message never contains token values).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error("token database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A stored row could not be decoded.
    #[error("stored tokens cannot be decoded: {0}")]
    Corrupt(String),
    /// The database file could not be created.
    #[error("cannot create the token database: {0}")]
    Io(String),
    /// A lock was poisoned by a panic elsewhere.
    #[error("token store unavailable")]
    Poisoned,
}

impl StoreError {
    /// The fault a client sees: a Receiver fault that does not leak database details (the cause,
    /// which never holds token values, goes to the server's standard error).
    pub fn to_fault(&self) -> Fault {
        eprintln!("token store error: {self}");
        Fault::receiver("the token store failed")
    }
}

/// Storage for token sets.
pub trait Backend: Send + Sync + 'static {
    /// Stores `info` under a new key and returns the key.
    fn save(&self, info: &TokenManagementInfo) -> Result<String, StoreError>;
    /// The tokens stored under `key`.
    fn get(&self, key: &str) -> Result<Option<TokenManagementInfo>, StoreError>;
    /// How many token sets are stored.
    fn len(&self) -> Result<usize, StoreError>;
    /// Whether nothing is stored.
    fn is_empty(&self) -> Result<bool, StoreError> {
        self.len().map(|n| n == 0)
    }
}

fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Tokens in memory, lost when the process ends.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    tokens: Mutex<HashMap<String, TokenManagementInfo>>,
}

impl Backend for MemoryBackend {
    fn save(&self, info: &TokenManagementInfo) -> Result<String, StoreError> {
        let key = new_key();
        self.tokens
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .insert(key.clone(), info.clone());
        Ok(key)
    }

    fn get(&self, key: &str) -> Result<Option<TokenManagementInfo>, StoreError> {
        Ok(self
            .tokens
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .get(key)
            .cloned())
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.tokens.lock().map_err(|_| StoreError::Poisoned)?.len())
    }
}

/// Creates `path` with owner-only permissions if it does not exist yet.
fn create_private(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Io(e.to_string())),
    }
}

/// When a save is acknowledged, relative to the disk. The database runs in WAL mode either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `PRAGMA synchronous = FULL`: every commit fsyncs the write-ahead log before the save is
    /// acknowledged, so an acknowledged save survives a power loss or OS crash. The default.
    #[default]
    Full,
    /// `PRAGMA synchronous = NORMAL`: the log is fsynced only at checkpoints. Saves are faster,
    /// and still survive a crash of the process, but the last acknowledged saves may vanish if
    /// the machine loses power or the OS crashes. An explicit opt-in.
    Normal,
}

impl Durability {
    /// The `PRAGMA synchronous` value.
    fn pragma(self) -> &'static str {
        match self {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        }
    }
}

/// Tokens in a SQLite database file: each set is kept as the `TokenManagementInfo` XML the
/// generated code writes, so every field (rights, field properties) survives a restart.
#[derive(Debug)]
pub struct SqliteBackend {
    conn: Mutex<Connection>,
}

impl SqliteBackend {
    /// Opens (or creates) the database at `path` with [`Durability::Full`]: a save is on disk
    /// when it is acknowledged. A new file is created readable by its owner only (it holds
    /// tokens); SQLite gives its `-wal`/`-shm` files the same permissions.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(path, Durability::Full)
    }

    /// Like [`open`](Self::open), with the given durability ([`Durability::Normal`] trades
    /// the last saves before a power loss for speed).
    pub fn open_with(path: &Path, durability: Durability) -> Result<Self, StoreError> {
        create_private(path)?;
        Self::init(Connection::open(path)?, durability)
    }

    /// A database in memory (for tests).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?, Durability::Full)
    }

    fn init(conn: Connection, durability: Durability) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = {};
             CREATE TABLE IF NOT EXISTS external_tokens (
                 key TEXT PRIMARY KEY NOT NULL,
                 info_xml TEXT NOT NULL,
                 created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             );
             CREATE TABLE IF NOT EXISTS wsse_nonces (
                 nonce BLOB PRIMARY KEY NOT NULL,
                 until_ms INTEGER NOT NULL
             );
             CREATE INDEX IF NOT EXISTS wsse_nonces_until ON wsse_nonces (until_ms);",
            durability.pragma()
        ))?;
        Ok(SqliteBackend {
            conn: Mutex::new(conn),
        })
    }

    /// Records a WS-Security nonce as used until `until_ms` (Unix milliseconds): `true` when
    /// it was new, `false` when a process sharing this database recorded it before and it has
    /// not expired (a replay). Expired nonces are deleted first, in the same transaction.
    pub fn remember_nonce(
        &self,
        nonce: &[u8],
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM wsse_nonces WHERE until_ms <= ?1",
            params![now_ms],
        )?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO wsse_nonces (nonce, until_ms) VALUES (?1, ?2)",
            params![nonce, until_ms],
        )?;
        tx.commit()?;
        Ok(inserted == 1)
    }

    /// What is in force on the connection, as SQLite reports it: `PRAGMA journal_mode`
    /// (`"wal"` for a file, `"memory"` in memory) and `PRAGMA synchronous` (1 NORMAL, 2 FULL).
    pub fn journal_settings(&self) -> Result<(String, i64), StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let mode = conn.query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
        let synchronous = conn.query_row("PRAGMA synchronous", [], |row| row.get(0))?;
        Ok((mode, synchronous))
    }
}

impl Backend for SqliteBackend {
    fn save(&self, info: &TokenManagementInfo) -> Result<String, StoreError> {
        let key = new_key();
        let xml = to_xml_string(NS_SERVICES88, "TokenManagementInfo", info);
        self.conn
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .execute(
                "INSERT INTO external_tokens (key, info_xml) VALUES (?1, ?2)",
                params![key, xml],
            )?;
        Ok(key)
    }

    fn get(&self, key: &str) -> Result<Option<TokenManagementInfo>, StoreError> {
        let xml: Option<String> = self
            .conn
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .query_row(
                "SELECT info_xml FROM external_tokens WHERE key = ?1",
                params![key],
                |row| row.get(0),
            )
            .optional()?;
        xml.map(|xml| {
            from_xml_str(&xml, NS_SERVICES88, "TokenManagementInfo")
                .map_err(|e| StoreError::Corrupt(e.to_string()))
        })
        .transpose()
    }

    fn len(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .query_row("SELECT count(*) FROM external_tokens", [], |row| row.get(0))?;
        Ok(usize::try_from(n).unwrap_or_default())
    }
}
