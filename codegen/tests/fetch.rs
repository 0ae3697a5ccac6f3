//! `wsdl-codegen fetch`: against a small HTTP server started here, it downloads a WSDL and every
//! file it imports (relative, query and absolute locations, a redirect, cycles), each once, byte
//! for byte, and writes a catalog that maps every URL to its copy; failures name the URL and the
//! importing file. (Built only with the `cli` feature, like the command.)

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use wsdl_codegen::__cli::Catalog;

enum Reply {
    Ok(String),
    Redirect(&'static str),
}

/// A test HTTP server: answers GETs from `routes` (path and query → reply), 404 otherwise, and
/// records every request target.
struct Server {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

fn serve(routes: impl FnOnce(&str) -> HashMap<&'static str, Reply>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let port = listener.local_addr().expect("local address").port();
    let base = format!("http://127.0.0.1:{port}");
    let routes = routes(&base);
    let requests = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(&stream);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Skip the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let target = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            if let Ok(mut log) = log.lock() {
                log.push(target.clone());
            }
            let (status, headers, body) = match routes.get(target.as_str()) {
                Some(Reply::Ok(body)) => (
                    "200 OK",
                    "Content-Type: text/xml\r\n".to_owned(),
                    body.clone(),
                ),
                Some(Reply::Redirect(to)) => (
                    "301 Moved Permanently",
                    format!("Location: {to}\r\n"),
                    String::new(),
                ),
                None => ("404 Not Found", String::new(), "not here".to_owned()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    Server { base, requests }
}

fn fetch(url: &str, out: &Path) -> Output {
    fetch_with(url, out, &[])
}

fn fetch_with(url: &str, out: &Path, options: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
        .args(["fetch", url, "--out"])
        .arg(out)
        .args(["--timeout", "20"])
        .args(options)
        .env("NO_PROXY", "*")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .expect("wsdl-codegen runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("wsdl-codegen-fetch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
const XS: &str = "http://www.w3.org/2001/XMLSchema";

fn schema(body: &str) -> String {
    format!("<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"{XS}\" targetNamespace=\"urn:t\">\n{body}\n</xs:schema>\n")
}

fn service_routes(base: &str) -> HashMap<&'static str, Reply> {
    HashMap::from([
        (
            "/svc/Service.svc?wsdl",
            Reply::Ok(format!(
                "<?xml version=\"1.0\"?>\n<wsdl:definitions xmlns:wsdl=\"{WSDL}\" targetNamespace=\"urn:main\">\n  \
                 <wsdl:import namespace=\"urn:port\" location=\"defs/port.wsdl\"/>\n</wsdl:definitions>\n"
            )),
        ),
        (
            "/svc/defs/port.wsdl",
            Reply::Ok(format!(
                "<definitions xmlns=\"{WSDL}\" xmlns:xs=\"{XS}\" targetNamespace=\"urn:port\">\n  \
                 <import namespace=\"urn:main\" location=\"../Service.svc?wsdl\"/>\n  <types>\n    \
                 <xs:schema targetNamespace=\"urn:port\">\n      \
                 <xs:import namespace=\"urn:t0\" schemaLocation=\"../Service.svc?xsd=xsd0\"/>\n      \
                 <xs:import namespace=\"urn:common\" schemaLocation=\"{base}/schemas/common.xsd\"/>\n    \
                 </xs:schema>\n  </types>\n</definitions>\n"
            )),
        ),
        (
            "/svc/Service.svc?xsd=xsd0",
            Reply::Ok(schema("<xs:import namespace=\"urn:t1\" schemaLocation=\"?xsd=xsd1\"/>")),
        ),
        (
            "/svc/Service.svc?xsd=xsd1",
            Reply::Ok(schema(&format!(
                "<xs:import namespace=\"urn:t0\" schemaLocation=\"{base}/svc/Service.svc?xsd=xsd0\"/>"
            ))),
        ),
        (
            "/schemas/common.xsd",
            Reply::Ok(schema(
                "<xs:redefine schemaLocation=\"base.xsd\"/>\n<xs:include schemaLocation=\"/old/moved.xsd#ignored\"/>",
            )),
        ),
        ("/schemas/base.xsd", Reply::Ok(schema("<!-- base -->"))),
        ("/old/moved.xsd", Reply::Redirect("/schemas/new/moved.xsd")),
        (
            "/schemas/new/moved.xsd",
            Reply::Ok(schema("<xs:include schemaLocation=\"inner.xsd\"/>")),
        ),
        ("/schemas/new/inner.xsd", Reply::Ok(schema("<!-- inner -->"))),
    ])
}

#[test]
fn fetches_every_import_once_and_writes_a_catalog_for_them() {
    let server = serve(service_routes);
    let out = temp_dir("service");
    let main_url = format!("{}/svc/Service.svc?wsdl", server.base);
    let output = fetch(&main_url, &out);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");

    let host = out.join(server.base.trim_start_matches("http://").replace(':', "_"));
    let main = host.join("svc/Service.svc_wsdl.wsdl");
    let catalog_path = out.join("catalog.xml");
    assert!(
        stdout.contains(&format!("main: {}\n", main.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("catalog: {}\n", catalog_path.display())),
        "{stdout}"
    );

    // Every file byte for byte where relative imports between them still work.
    let routes = service_routes(&server.base);
    let expected = [
        ("/svc/Service.svc?wsdl", "svc/Service.svc_wsdl.wsdl"),
        ("/svc/defs/port.wsdl", "svc/defs/port.wsdl"),
        ("/svc/Service.svc?xsd=xsd0", "svc/Service.svc_xsd=xsd0.xsd"),
        ("/svc/Service.svc?xsd=xsd1", "svc/Service.svc_xsd=xsd1.xsd"),
        ("/schemas/common.xsd", "schemas/common.xsd"),
        ("/schemas/base.xsd", "schemas/base.xsd"),
        ("/schemas/new/moved.xsd", "schemas/new/moved.xsd"),
        ("/schemas/new/inner.xsd", "schemas/new/inner.xsd"),
    ];
    for (target, local) in expected {
        let Some(Reply::Ok(body)) = routes.get(target) else {
            panic!("no route {target}");
        };
        let written = std::fs::read_to_string(host.join(local))
            .unwrap_or_else(|e| panic!("{target} → {local}: {e}"));
        assert_eq!(&written, body, "{target}");
    }

    // Each URL requested once, cycles notwithstanding.
    let mut requests = server.requests.lock().expect("request log").clone();
    requests.sort();
    let mut wanted: Vec<String> = expected.iter().map(|(t, _)| (*t).to_owned()).collect();
    wanted.push("/old/moved.xsd".to_owned());
    wanted.sort();
    assert_eq!(requests, wanted);

    // The catalog maps every URL, the redirected one included, to its copy.
    let catalog = Catalog::load(&catalog_path).unwrap_or_else(|e| panic!("{e}"));
    let mut urls: Vec<(String, &str)> = expected
        .iter()
        .map(|(t, local)| (format!("{}{t}", server.base), *local))
        .collect();
    urls.push((
        format!("{}/old/moved.xsd", server.base),
        "schemas/new/moved.xsd",
    ));
    for (url, local) in &urls {
        let resolved = catalog
            .resolve(url)
            .unwrap_or_else(|| panic!("{url} is not in the catalog"));
        assert_eq!(
            resolved.canonicalize().expect("resolved file exists"),
            host.join(local).canonicalize().expect("local file exists"),
            "{url}"
        );
    }
    let text = std::fs::read_to_string(&catalog_path).expect("catalog");
    assert_eq!(text.matches("<uri ").count(), urls.len(), "{text}");
    assert!(
        !text.contains(&out.display().to_string()),
        "targets are relative: {text}"
    );
    // Every import of every copy leads to a copy, as the generator will look it up.
    for (_, local) in expected {
        let file = host.join(local);
        let text = std::fs::read_to_string(&file).expect("copy");
        let doc = roxmltree::Document::parse(&text).expect("well-formed copy");
        for node in doc.descendants().filter(|n| n.is_element()) {
            let Some(location) = node
                .attribute("location")
                .or(node.attribute("schemaLocation"))
            else {
                continue;
            };
            let found = catalog
                .locate(&file, location)
                .unwrap_or_else(|| panic!("{local}: {location} is not located"));
            assert!(found.is_file(), "{local}: {location} → {}", found.display());
        }
    }
    let limited = fetch_with(&main_url, &temp_dir("limited"), &["--max-files", "3"]);
    let stderr = String::from_utf8_lossy(&limited.stderr);
    assert_eq!(limited.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: more than 3 files to fetch: stopped at "),
        "{stderr}"
    );
    let xsd0 = format!("{}/svc/Service.svc?xsd=xsd0", server.base);
    assert_eq!(
        catalog.uri_of(&host.join("svc/Service.svc_xsd=xsd0.xsd")),
        Some(xsd0.as_str())
    );
}

fn broken_routes(_base: &str) -> HashMap<&'static str, Reply> {
    HashMap::from([
        (
            "/broken.wsdl",
            Reply::Ok(format!(
                "<definitions xmlns=\"{WSDL}\" xmlns:xs=\"{XS}\">\n  <types>\n    \
                 <xs:schema><xs:include schemaLocation=\"missing.xsd\"/></xs:schema>\n  </types>\n</definitions>\n"
            )),
        ),
        (
            "/local.wsdl",
            Reply::Ok(format!(
                "<definitions xmlns=\"{WSDL}\">\n<import location=\"file:///etc/hostname\"/>\n</definitions>\n"
            )),
        ),
        (
            "/big.xsd",
            Reply::Ok(schema(&format!("<!-- {} -->", "x".repeat(3 << 19)))),
        ),
        ("/page.html", Reply::Ok("<html><body>Sign in<br></body></html>".to_owned())),
    ])
}

#[test]
fn failures_name_the_url_and_the_importing_file() {
    let server = serve(broken_routes);
    let base = &server.base;
    let out = temp_dir("broken");

    let output = fetch(&format!("{base}/broken.wsdl"), &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: cannot fetch {base}/missing.xsd (imported by {base}/broken.wsdl:3:16): HTTP status 404 Not Found, expected 2xx"
        )),
        "{stderr}"
    );

    let output = fetch(&format!("{base}/nothing.wsdl"), &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: cannot fetch {base}/nothing.wsdl: HTTP status 404"
        )),
        "{stderr}"
    );

    let output = fetch(&format!("{base}/local.wsdl"), &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot fetch `file:///etc/hostname` (imported by {base}/local.wsdl:2:1): expected an absolute http:// or https:// URL"
        )),
        "{stderr}"
    );

    let output = fetch(&format!("{base}/page.html"), &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{base}/page.html:1:")) && stderr.contains("not well-formed XML"),
        "{stderr}"
    );

    let output = fetch_with(&format!("{base}/big.xsd"), &out, &["--max-file-mib", "1"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: cannot fetch {base}/big.xsd: larger than 1048576 bytes"
        )),
        "{stderr}"
    );

    let output = fetch("ftp://example.com/a.wsdl", &out);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("expected an absolute http:// or https:// URL"));
}
