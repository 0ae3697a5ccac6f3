//! The sample token service through the generated client and dispatcher.

use std::sync::Arc;

use generated_example::services88::user_client::{UserApi, UserClient};
use generated_example::services88::user_server::UserServer;
use generated_example::services88::{
    GetExternalTokens, SaveExternalTokens, SoCredentials, TokenManagementInfo, UserRequestHeaders,
};
use generated_example::TokenStore;
use soap_runtime::{FaultCode, Loopback, Message};

type Client = UserClient<Loopback<UserServer<TokenStore>>>;

fn setup() -> (Arc<TokenStore>, Client) {
    let store = Arc::new(TokenStore::new());
    let mut client = UserClient::with_endpoint(
        Loopback::new(UserServer::from_arc(store.clone())),
        "loopback://user",
    );
    *client.headers_mut() = UserRequestHeaders {
        application_token: Some("app-123".into()),
        credentials: Some(SoCredentials {
            ticket: Some("7T:abc==".into()),
        }),
        time_zone: None,
    };
    (store, client)
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(f)
}

fn tokens(provider: &str) -> TokenManagementInfo {
    TokenManagementInfo {
        provider: Some(provider.into()),
        access_token: Some(format!("{provider}-access")),
        refresh_token: Some(format!("{provider}-refresh")),
        ..Default::default()
    }
}

fn save(client: &Client, info: TokenManagementInfo) -> String {
    let saved = block_on(
        client.save_external_tokens(Message::new(SaveExternalTokens {
            token_management_info: Some(info),
        })),
    )
    .expect("save succeeds");
    assert_eq!(saved.headers.succeeded, Some(true));
    saved.body.response.expect("a key")
}

#[test]
fn saved_tokens_are_read_back_by_key() {
    let (store, client) = setup();
    let key_a = save(&client, tokens("google"));
    let key_b = save(&client, tokens("microsoft"));
    assert_ne!(key_a, key_b, "every save gets a new key");
    assert_eq!(store.len(), 2);
    for (key, provider) in [(key_a, "google"), (key_b, "microsoft")] {
        let got = block_on(
            client.get_external_tokens(Message::new(GetExternalTokens { key: Some(key) })),
        )
        .expect("get succeeds");
        assert_eq!(got.body.response, Some(tokens(provider)));
    }
}

#[test]
fn the_server_sees_the_request_headers() {
    let (store, client) = setup();
    save(&client, tokens("google"));
    let seen = store.seen();
    let [call] = seen.as_slice() else {
        panic!("one call: {seen:?}")
    };
    assert_eq!(call.operation, "SaveExternalTokens");
    assert_eq!(call.headers.application_token.as_deref(), Some("app-123"));
    let ticket = call
        .headers
        .credentials
        .as_ref()
        .and_then(|c| c.ticket.as_deref());
    assert_eq!(ticket, Some("7T:abc=="));
}

#[test]
fn an_unknown_key_is_a_sender_fault() {
    let (_store, client) = setup();
    let err = block_on(client.get_external_tokens(Message::new(GetExternalTokens {
        key: Some("nope".into()),
    })))
    .expect_err("unknown key fails");
    let fault = err.fault().expect("a SOAP fault");
    assert_eq!(fault.code, FaultCode::Sender);
    assert!(fault.reason.contains("no tokens"), "{}", fault.reason);
    assert!(err.to_string().contains("GetExternalTokens"), "{err}");
}

#[test]
fn a_missing_ticket_is_refused() {
    let (store, mut client) = setup();
    client.headers_mut().credentials = None;
    let err = block_on(
        client.save_external_tokens(Message::new(SaveExternalTokens {
            token_management_info: Some(tokens("google")),
        })),
    )
    .expect_err("no ticket, no save");
    assert!(
        err.fault().is_some_and(|f| f.reason.contains("Ticket")),
        "{err}"
    );
    assert!(store.is_empty());
}

#[test]
fn debug_output_never_shows_tokens_or_tickets() {
    let (store, client) = setup();
    save(&client, tokens("google"));
    let debug = format!(
        "{:?} {:?} {:?}",
        store.seen(),
        client.headers(),
        tokens("google")
    );
    for secret in ["app-123", "7T:abc==", "google-access", "google-refresh"] {
        assert!(!debug.contains(secret), "{secret} leaked: {debug}");
    }
}
