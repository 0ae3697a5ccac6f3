//! The `server` and `client` binaries as a person runs them: over real HTTP on loopback, with the
//! tokens in a SQLite file that outlives a server restart.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(db: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("127.0.0.1:0")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("server starts");
    let url = address(&mut child);
    Server { child, url }
}

/// The URL a started server prints on its first line.
fn address(child: &mut Child) -> String {
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("server prints its address");
    line.split("listening on ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned()
}

fn client(url: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_client"))
        .arg(url)
        .args(args)
        .env("SO_TICKET", "7T:binary-test")
        .env("SO_ACCESS_TOKEN", "secret-access")
        .env("SO_REFRESH_TOKEN", "secret-refresh")
        .output()
        .expect("client runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh directory for one test's database, removed when dropped (also after a panic).
fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("tokens.sqlite3");
    (dir, db)
}

#[test]
fn client_round_trip_against_the_server() {
    let (_dir, db) = temp_db();
    let server = start_server(&db);
    let (ok, stdout, stderr) = client(&server.url, &["roundtrip"]);
    assert!(ok, "{stdout}{stderr}");
    #[cfg(unix)]
    {
        let mode = std::fs::metadata(&db)
            .expect("database exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the token database is private: {mode:o}");
    }
    assert!(stdout.contains("read them back by key: equal"), "{stdout}");
    assert!(
        !stdout.contains("access-"),
        "token values are not printed: {stdout}"
    );
}

#[test]
fn tokens_survive_a_server_restart() {
    let (_dir, db) = temp_db();
    let server = start_server(&db);
    let (ok, stdout, stderr) = client(&server.url, &["save", "idp"]);
    assert!(ok, "{stdout}{stderr}");
    let key = stdout.trim().to_owned();
    assert_eq!(key.len(), 36, "a UUID key: {key}");
    drop(server);

    let server = start_server(&db);
    let (ok, stdout, stderr) = client(&server.url, &["get", &key]);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("provider: idp"), "{stdout}");
    assert!(
        !stdout.contains("secret-access"),
        "hidden by default: {stdout}"
    );
    let (ok, stdout, _) = client(&server.url, &["get", &key, "--show-secrets"]);
    assert!(ok);
    assert!(stdout.contains("access token: secret-access"), "{stdout}");

    let (ok, _, stderr) = client(&server.url, &["get", "not-a-key"]);
    assert!(!ok);
    assert!(
        stderr.contains("SOAP fault") && stderr.contains("no tokens"),
        "{stderr}"
    );
}

#[test]
fn the_server_requires_a_ticket_and_serves_its_wsdl() {
    let (_dir, db) = temp_db();
    let server = start_server(&db);
    let out = Command::new(env!("CARGO_BIN_EXE_client"))
        .arg(&server.url)
        .arg("roundtrip")
        .env("SO_TICKET", "")
        .output()
        .expect("client runs");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Ticket"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let wsdl = fetch(&format!("{}?wsdl", server.url));
    assert!(wsdl.contains("BasicHttpBinding_User"), "{wsdl}");
    assert!(
        wsdl.contains(&format!("location=\"{}\"", server.url)),
        "address rewritten: {wsdl}"
    );
}

fn fetch(url: &str) -> String {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(async {
            let (host, path) = url
                .trim_start_matches("http://")
                .split_once('/')
                .expect("url with a path");
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
            let request =
                format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            stream.write_all(request.as_bytes()).await.expect("send");
            let mut response = String::new();
            stream.read_to_string(&mut response).await.expect("read");
            response
        })
}

#[test]
fn client_usage_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_client"))
        .arg("http://127.0.0.1:9/User.svc")
        .arg("frobnicate")
        .output()
        .expect("client runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
    let out = Command::new(env!("CARGO_BIN_EXE_client"))
        .arg("http://127.0.0.1:9/User.svc")
        .arg("roundtrip")
        .output()
        .expect("client runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a refused connection is a call failure"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SaveExternalTokens"), "{stderr}");
}

#[test]
fn server_durability_comes_from_the_environment() {
    let (_dir, db) = temp_db();
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("127.0.0.1:0")
        .arg(&db)
        .env("TOKEN_DB_DURABILITY", "sometimes")
        .output()
        .expect("server runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("TOKEN_DB_DURABILITY"), "{stderr}");
    assert!(!db.exists(), "nothing opened");
}

#[test]
fn the_server_logs_each_request_without_secrets() {
    let (_dir, db) = temp_db();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("127.0.0.1:0")
        .arg(&db)
        .env("RUST_LOG", "soap_runtime=debug,tower_http=debug")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let url = address(&mut child);
    let (ok, _, stderr) = client(&url, &["save", "MyIdP"]);
    assert!(ok, "{stderr}");
    let _ = child.kill();
    let output = child.wait_with_output().expect("server output");
    let log = String::from_utf8_lossy(&output.stderr);
    let request = log
        .lines()
        .find(|l| l.contains("soap.request") && l.contains("close"))
        .unwrap_or_else(|| panic!("no request span in the log:\n{log}"));
    for field in [
        "operation=\"SaveExternalTokens\"",
        "soap_version=\"1.1\"",
        "http_status=200",
        "duration_ms=",
    ] {
        assert!(request.contains(field), "{field} missing in {request}");
    }
    // tower-http's TraceLayer logs the HTTP side of the same request.
    let http = log
        .lines()
        .find(|l| l.contains("finished processing request"))
        .unwrap_or_else(|| panic!("no tower-http request line in the log:\n{log}"));
    for field in ["method=POST", "status=200", "latency="] {
        assert!(http.contains(field), "{field} missing in {http}");
    }
    for secret in ["binary-test", "secret-access", "secret-refresh"] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}
