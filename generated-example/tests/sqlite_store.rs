//! Tokens in SQLite survive a restart of the service.

use generated_example::services88::user_server::UserService;
use generated_example::services88::{
    FieldPropertyDictionary, GetExternalTokens, SaveExternalTokens, SoCredentials, TableRight,
    TokenManagementInfo, UserRequestHeaders,
};
use generated_example::store::{Backend, Durability, SqliteBackend};
use generated_example::TokenService;
use soap_runtime::Message;

fn headers() -> UserRequestHeaders {
    UserRequestHeaders {
        credentials: Some(SoCredentials {
            ticket: Some("7T:t".into()),
        }),
        ..Default::default()
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(f)
}

#[test]
fn tokens_saved_before_a_restart_are_read_after_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("tokens.sqlite3");
    let info = TokenManagementInfo {
        table_right: Some(TableRight {
            mask: Some(Default::default()),
            reason: Some("why".into()),
        }),
        field_properties: Some(FieldPropertyDictionary(
            [("f".to_string(), None)].into_iter().collect(),
        )),
        provider: Some("idp".into()),
        access_token: Some("a".into()),
        refresh_token: Some("r".into()),
    };
    let key = {
        let service = TokenService::open(&db).expect("open");
        let saved = block_on(
            service.save_external_tokens(
                Message::new(SaveExternalTokens {
                    token_management_info: Some(info.clone()),
                })
                .with_headers(headers()),
            ),
        )
        .expect("saved");
        saved.body.response.expect("a key")
    };
    assert_eq!(
        uuid::Uuid::parse_str(&key).map(|u| u.get_version_num()),
        Ok(4),
        "keys are random UUIDs"
    );
    let service = TokenService::open(&db).expect("reopen");
    assert_eq!(service.len(), 1);
    let got = block_on(service.get_external_tokens(
        Message::new(GetExternalTokens { key: Some(key) }).with_headers(headers()),
    ))
    .expect("read back");
    assert_eq!(got.body.response, Some(info));
}

#[test]
fn every_save_gets_a_new_key() {
    let backend = SqliteBackend::in_memory().expect("db");
    let a = backend.save(&TokenManagementInfo::default()).expect("save");
    let b = backend.save(&TokenManagementInfo::default()).expect("save");
    assert_ne!(a, b);
    assert_eq!(backend.len().expect("count"), 2);
    assert_eq!(backend.get("missing").expect("query"), None);
}

#[test]
fn saves_are_durable_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let backend = SqliteBackend::open(&dir.path().join("tokens.sqlite3")).expect("open");
    // WAL with synchronous = FULL (2): each commit fsyncs the log before it is acknowledged.
    assert_eq!(
        backend.journal_settings().expect("pragmas"),
        ("wal".to_owned(), 2)
    );
    let backend = SqliteBackend::open_with(&dir.path().join("full.sqlite3"), Durability::default())
        .expect("open");
    assert_eq!(backend.journal_settings().expect("pragmas").1, 2);
}

#[test]
fn normal_durability_is_an_explicit_opt_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("tokens.sqlite3");
    let backend = SqliteBackend::open_with(&db, Durability::Normal).expect("open");
    // WAL with synchronous = NORMAL (1): the log is fsynced at checkpoints only.
    assert_eq!(
        backend.journal_settings().expect("pragmas"),
        ("wal".to_owned(), 1)
    );
    let key = backend.save(&TokenManagementInfo::default()).expect("save");
    drop(backend);
    // The setting is per connection: reopening the default way is FULL again.
    let backend = SqliteBackend::open(&db).expect("reopen");
    assert_eq!(
        backend.journal_settings().expect("pragmas"),
        ("wal".to_owned(), 2)
    );
    assert!(backend.get(&key).expect("query").is_some());
}
