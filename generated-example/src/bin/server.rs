//! The token service over HTTP: `server [ADDRESS] [DATABASE]`.
//!
//! Listens on ADDRESS (default `127.0.0.1:8088`) and keeps tokens in the SQLite database DATABASE
//! (default `tokens.sqlite3` in the current directory), so tokens saved before a restart can be read
//! after it. SOAP 1.1 and 1.2 requests are answered on every path; `GET /User.svc?wsdl` serves the
//! WSDL with this server's address.
//!
//! A save is acknowledged only once it is on disk (SQLite WAL with `synchronous = FULL`).
//! `TOKEN_DB_DURABILITY=normal` opts into `synchronous = NORMAL`: faster saves, but the last
//! acknowledged ones may be lost if the machine loses power (`full`, the default, is also
//! accepted).
//!
//! `TOKEN_SERVER_WSSE_USERS=FILE` turns on WS-Security: every request must carry a
//! UsernameToken (password as text or digest, optional timestamp) of a user in FILE (lines of
//! `username password`). Nonces are kept in DATABASE, so that servers sharing it refuse a message
//! any of them accepted before.
//!
//! Logs go to stderr through `tracing`: `RUST_LOG=soap_runtime=debug` shows a line per request
//! (operation, SOAP version, status, fault code, sizes, duration; never bodies or header
//! values); `RUST_LOG=tower_http=debug` adds tower-http's request log (`TraceLayer`: method,
//! path, HTTP version, status and latency of every HTTP request, including `?wsdl`). The default
//! is `warn`.
#![deny(warnings)]

use std::path::PathBuf;
use std::process::ExitCode;

use generated_example::services88::user_server::UserServer;
use generated_example::store::Durability;
use generated_example::wsse::UserFile;
use generated_example::{TokenService, WSDL};
use soap_runtime::wsse::UsernameTokenVerifier;
use soap_runtime::SoapHttpServer;
use tower_http::trace::TraceLayer;

const USAGE: &str =
    "usage: server [ADDRESS] [DATABASE]   (defaults: 127.0.0.1:8088 tokens.sqlite3)";

/// The environment variable choosing the database durability.
const DURABILITY_VAR: &str = "TOKEN_DB_DURABILITY";

/// The environment variable naming the WS-Security users file.
const WSSE_USERS_VAR: &str = "TOKEN_SERVER_WSSE_USERS";

/// The users of `TOKEN_SERVER_WSSE_USERS` (`None` when unset: no WS-Security).
fn wsse_users() -> Result<Option<UserFile>, String> {
    match std::env::var_os(WSSE_USERS_VAR) {
        None => Ok(None),
        Some(path) => UserFile::load(std::path::Path::new(&path)).map(Some),
    }
}

/// The durability `TOKEN_DB_DURABILITY` asks for (`full` when unset).
fn durability() -> Result<Durability, String> {
    match std::env::var(DURABILITY_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(Durability::Full),
        Ok(v) if v.eq_ignore_ascii_case("full") => Ok(Durability::Full),
        Ok(v) if v.eq_ignore_ascii_case("normal") => Ok(Durability::Normal),
        _ => Err(format!("{DURABILITY_VAR} must be `full` or `normal`")),
    }
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM, naming the signal.
async fn shutdown_signal() -> std::io::Result<&'static str> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.map(|()| "interrupted"),
            _ = term.recv() => Ok("terminated"),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.map(|()| "interrupted")
    }
}

/// Logging to stderr, filtered by `RUST_LOG` (default `warn`); request spans are printed when
/// they close, with their fields.
fn init_logging() {
    use tracing_subscriber::fmt::format::FmtSpan;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .try_init();
}

fn main() -> ExitCode {
    init_logging();
    let mut args = std::env::args().skip(1);
    let address = args.next().unwrap_or_else(|| "127.0.0.1:8088".into());
    let database = PathBuf::from(args.next().unwrap_or_else(|| "tokens.sqlite3".into()));
    if args.next().is_some() || address.starts_with('-') {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let durability = match durability() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if durability == Durability::Normal {
        eprintln!(
            "{DURABILITY_VAR}=normal: saves acknowledged shortly before a power loss may be lost"
        );
    }
    let users = match wsse_users() {
        Ok(users) => users,
        Err(e) => {
            eprintln!("{WSSE_USERS_VAR}: {e}");
            return ExitCode::from(2);
        }
    };
    let service = match TokenService::open_with(&database, durability) {
        Ok(service) => service,
        Err(e) => {
            eprintln!("cannot open {}: {e}", database.display());
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&address).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("cannot listen on {address}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let local = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or(address);
        println!(
            "listening on http://{local}/User.svc (tokens in {})",
            database.display()
        );
        let nonces = service.nonce_store();
        let mut user_server = UserServer::new(service);
        if let Some(users) = users {
            eprintln!(
                "WS-Security: UsernameToken required ({} users)",
                users.len()
            );
            let verifier = UsernameTokenVerifier::with_nonce_store(users, nonces);
            user_server = user_server.with_security(verifier);
        }
        let server = SoapHttpServer::new(user_server).with_wsdl(WSDL);
        tokio::select! {
            result = soap_runtime::serve_layered(listener, server, TraceLayer::new_for_http()) => match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("server failed: {e}");
                    ExitCode::FAILURE
                }
            },
            signal = shutdown_signal() => match signal {
                Ok(name) => {
                    eprintln!("{name}: stopping");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("cannot listen for shutdown signals: {e}");
                    ExitCode::FAILURE
                }
            },
        }
    })
}
