//! The `wsdl-codegen` command: generate, --check, inspect, exit codes and error reports.
//! (Built only with the `cli` feature, like the command.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wsdl_codegen::ErrorKind;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wsdl-codegen"))
}

fn wsdl() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/Services88-User.wsdl")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("wsdl-codegen runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wsdl-codegen-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn generate_to_stdout_matches_the_library() {
    let out = run(bin()
        .args(["generate", "--operation", "SaveExternalTokens"])
        .arg(wsdl()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = wsdl_codegen::configure()
        .operation("SaveExternalTokens")
        .generate(wsdl())
        .expect("generates")
        .code;
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

#[test]
fn check_reports_fresh_and_stale_files() {
    let dir = temp_dir("check");
    let file = dir.join("save.rs");
    let out = run(bin()
        .args(["generate", "--operation", "SaveExternalTokens", "--out"])
        .arg(&file)
        .arg(wsdl()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = std::fs::read_to_string(&file).expect("written");

    let out = run(bin()
        .args([
            "generate",
            "--operation",
            "SaveExternalTokens",
            "--check",
            "--out",
        ])
        .arg(&file)
        .arg(wsdl()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    std::fs::write(&file, format!("{first}// edited\n")).expect("edit");
    let out = run(bin()
        .args([
            "generate",
            "--operation",
            "SaveExternalTokens",
            "--check",
            "--out",
        ])
        .arg(&file)
        .arg(wsdl()));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("stale"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("save.rs"),
        "names the file: {}",
        stderr(&out)
    );

    // All operations differ from SaveExternalTokens alone.
    std::fs::write(&file, &first).expect("restore");
    let out = run(bin()
        .args(["generate", "--check", "--out"])
        .arg(&file)
        .arg(wsdl()));
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_input_exits_2_with_file_line_and_column() {
    let dir = temp_dir("bad");
    let file = dir.join("broken.wsdl");
    std::fs::write(
        &file,
        "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n  <types>\n    <oops>\n</definitions>\n",
    )
    .expect("write");
    // The command prints the library's report for the same input.
    let library = |generator: wsdl_codegen::Generator, path: &Path| {
        generator
            .generate(path)
            .expect_err("the library rejects it too")
    };

    let out = run(bin().arg("generate").arg(&file));
    assert_eq!(out.status.code(), Some(2));
    let e = library(wsdl_codegen::configure(), &file);
    assert_eq!(e.kind(), ErrorKind::Xml, "{e}");
    assert_eq!(e.line_column(), Some((4, 1)), "{e}");
    assert_eq!(stderr(&out), format!("{e}\n"));
    assert!(stderr(&out).contains("broken.wsdl:4:1"), "{}", stderr(&out));

    let missing = dir.join("missing.wsdl");
    let out = run(bin().arg("generate").arg(&missing));
    assert_eq!(out.status.code(), Some(2));
    let e = library(wsdl_codegen::configure(), &missing);
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    assert_eq!(stderr(&out), format!("{e}\n"));

    let out = run(bin()
        .args(["generate", "--operation", "SaveExternalToken"])
        .arg(wsdl()));
    assert_eq!(out.status.code(), Some(2));
    let e = library(
        wsdl_codegen::configure().operation("SaveExternalToken"),
        &wsdl(),
    );
    assert_eq!(e.kind(), ErrorKind::UnknownOperation, "{e}");
    assert_eq!(stderr(&out), format!("{e}\n"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn usage_errors_exit_2() {
    let out = run(bin().arg("frobnicate"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn inspect_lists_bindings_and_operations() {
    let out = run(bin().arg("inspect").arg(wsdl()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("service WcfUserService"), "{text}");
    assert!(
        text.contains("binding BasicHttpBinding_User for portType User (SOAP 1.1, 3 operations)"),
        "{text}"
    );
    assert!(text.contains("soapAction: http://www.superoffice.net/ws/crm/NetServer/Services88/User/SaveExternalTokens"), "{text}");
    assert!(text.contains("summary: Saves the external tokens to the DB and returns a key that can be used to retrieve them"), "{text}");
}
