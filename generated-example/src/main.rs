//! Saves tokens through the generated client, reads them back by key, and prints what happened.
//! The client talks to the generated dispatcher in process (`soap_runtime::Loopback`).
#![deny(warnings)]

use std::process::ExitCode;
use std::sync::Arc;

use generated_example::services88::user_client::{UserApi, UserClient};
use generated_example::services88::user_server::UserServer;
use generated_example::services88::{
    GetExternalTokens, SaveExternalTokens, SoCredentials, TokenManagementInfo,
};
use generated_example::TokenStore;
use soap_runtime::{Loopback, Message};

async fn run() -> Result<(), soap_runtime::ClientError> {
    let store = Arc::new(TokenStore::new());
    let server = UserServer::from_arc(store.clone());
    let mut client = UserClient::with_endpoint(Loopback::new(server), "loopback://user");
    client.headers_mut().application_token = Some("example-application-token".into());
    client.headers_mut().credentials = Some(SoCredentials {
        ticket: Some("7T:example-ticket".into()),
    });

    let tokens = TokenManagementInfo {
        provider: Some("ExampleIdP".into()),
        access_token: Some("access-token-value".into()),
        refresh_token: Some("refresh-token-value".into()),
        ..Default::default()
    };
    let saved = client
        .save_external_tokens(Message::new(SaveExternalTokens {
            token_management_info: Some(tokens.clone()),
        }))
        .await?;
    let key = saved.body.response.unwrap_or_default();
    println!(
        "SaveExternalTokens: stored tokens for provider {:?}, got a key of {} characters (succeeded: {:?})",
        tokens.provider.as_deref().unwrap_or_default(),
        key.len(),
        saved.headers.succeeded
    );

    let read = client
        .get_external_tokens(Message::new(GetExternalTokens { key: Some(key) }))
        .await?;
    let back = read.body.response.unwrap_or_default();
    println!(
        "GetExternalTokens: provider {:?}, tokens {} the saved ones",
        back.provider.as_deref().unwrap_or_default(),
        if back == tokens {
            "equal"
        } else {
            "DIFFER from"
        }
    );
    println!(
        "Server saw {} calls; {:?}",
        store.seen().len(),
        store.seen().last().map(|s| &s.headers)
    );

    match client
        .get_external_tokens(Message::new(GetExternalTokens {
            key: Some("no-such-key".into()),
        }))
        .await
    {
        Err(e) => println!("GetExternalTokens with an unknown key: {e}"),
        Ok(_) => println!("GetExternalTokens with an unknown key unexpectedly succeeded"),
    }
    Ok(())
}

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
