//! Calls the token service over HTTP.
//!
//! ```text
//! client URL save PROVIDER          saves $SO_ACCESS_TOKEN and $SO_REFRESH_TOKEN, prints the key
//! client URL get KEY [--show-secrets]   prints the tokens (values only with --show-secrets)
//! client URL roundtrip              saves sample tokens, reads them back, compares
//! ```
//! Tokens come from the environment, not the command line, so they do not show in `ps` or shell
//! history. The ticket and application token come from `SO_TICKET` and `SO_APPLICATION_TOKEN`
//! (defaults: a demo ticket and token). Exit codes: 0 success, 1 the call failed, 2 bad usage.
#![deny(warnings)]

use std::process::ExitCode;

use generated_example::services88::user_client::{UserApi, UserClient};
use generated_example::services88::{
    GetExternalTokens, SaveExternalTokens, SoCredentials, TokenManagementInfo,
};
use soap_runtime::{ClientError, HttpTransport, Message};

const USAGE: &str = "usage: client URL (save PROVIDER | get KEY [--show-secrets] | roundtrip)\n  save reads the tokens from SO_ACCESS_TOKEN and SO_REFRESH_TOKEN";

/// Why the client stopped.
enum Failure {
    /// Bad arguments (exit 2).
    Usage,
    /// The call failed (exit 1).
    Call(String),
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        Failure::Call(e.to_string())
    }
}

fn client(url: &str) -> Result<UserClient<HttpTransport>, Failure> {
    let transport = HttpTransport::new()
        .map_err(|e| Failure::Call(format!("cannot create the HTTP client: {e}")))?;
    let mut client = UserClient::with_endpoint(transport, url);
    client.headers_mut().application_token = Some(
        std::env::var("SO_APPLICATION_TOKEN").unwrap_or_else(|_| "demo-application-token".into()),
    );
    client.headers_mut().credentials = Some(SoCredentials {
        ticket: Some(std::env::var("SO_TICKET").unwrap_or_else(|_| "7T:demo-ticket".into())),
    });
    Ok(client)
}

async fn save(
    client: &UserClient<HttpTransport>,
    info: TokenManagementInfo,
) -> Result<String, ClientError> {
    let response = client
        .save_external_tokens(Message::new(SaveExternalTokens {
            token_management_info: Some(info),
        }))
        .await?;
    Ok(response.body.response.unwrap_or_default())
}

async fn get(
    client: &UserClient<HttpTransport>,
    key: &str,
) -> Result<TokenManagementInfo, ClientError> {
    let response = client
        .get_external_tokens(Message::new(GetExternalTokens {
            key: Some(key.to_owned()),
        }))
        .await?;
    Ok(response.body.response.unwrap_or_default())
}

/// A token for display: its value only when asked for, else its length.
fn shown(value: &Option<String>, show: bool) -> String {
    match value {
        Some(v) if show => v.clone(),
        Some(v) => format!("<{} characters>", v.chars().count()),
        None => "(none)".into(),
    }
}

async fn run(args: &[String]) -> Result<(), Failure> {
    let (url, command) = match args {
        [url, command, ..] if !url.starts_with('-') => (url.as_str(), command.as_str()),
        _ => return Err(Failure::Usage),
    };
    let client = client(url)?;
    match (command, &args[2..]) {
        ("save", [provider]) => {
            let key = save(
                &client,
                TokenManagementInfo {
                    provider: Some(provider.clone()),
                    access_token: std::env::var("SO_ACCESS_TOKEN").ok(),
                    refresh_token: std::env::var("SO_REFRESH_TOKEN").ok(),
                    ..Default::default()
                },
            )
            .await?;
            println!("{key}");
        }
        ("get", [key, rest @ ..]) if rest.is_empty() || rest == ["--show-secrets"] => {
            let show = !rest.is_empty();
            let info = get(&client, key).await?;
            println!("provider: {}", info.provider.as_deref().unwrap_or("(none)"));
            println!("access token: {}", shown(&info.access_token, show));
            println!("refresh token: {}", shown(&info.refresh_token, show));
        }
        ("roundtrip", []) => {
            let tokens = TokenManagementInfo {
                provider: Some("ExampleIdP".into()),
                access_token: Some(format!("access-{}", std::process::id())),
                refresh_token: Some(format!("refresh-{}", std::process::id())),
                ..Default::default()
            };
            let key = save(&client, tokens.clone()).await?;
            println!(
                "saved tokens for ExampleIdP under a key of {} characters",
                key.len()
            );
            let back = get(&client, &key).await?;
            if back != tokens {
                return Err(Failure::Call(
                    "the tokens read back differ from the saved ones".into(),
                ));
            }
            println!("read them back by key: equal");
        }
        _ => return Err(Failure::Usage),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage) => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Call(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
