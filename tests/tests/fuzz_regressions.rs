//! Replays every saved fuzzing input under `fuzz/regressions/<target>/` through the same function
//! the cargo-fuzz target calls (`wsdl_codegen_tests::fuzzing`), without libFuzzer: crashes found
//! by fuzzing, minimized, stay fixed (see `fuzz/README.md`). Each input runs on its own thread (with
//! the 8 MiB stack of libFuzzer's main thread) so that one panic names its file and the others
//! still run.

use std::path::{Path, PathBuf};

use wsdl_codegen_tests::fuzzing;

fn regressions(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target)
}

/// Runs `run` on every file in `fuzz/regressions/<target>/` and fails naming each input that
/// panicked.
fn replay(target: &str, run: fn(&[u8])) {
    let dir = regressions(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the regression inputs of fuzz target `{target}` are missing: cannot read {}: {e}",
            dir.display()
        )
    });
    let mut inputs: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    inputs.sort();
    assert!(
        !inputs.is_empty(),
        "{} holds no input for fuzz target `{target}`",
        dir.display()
    );
    let mut failed = Vec::new();
    for input in &inputs {
        let data =
            std::fs::read(input).unwrap_or_else(|e| panic!("cannot read {}: {e}", input.display()));
        let name = input.file_name().unwrap_or_default().to_string_lossy();
        let outcome = std::thread::Builder::new()
            .name(format!("{target}/{name}"))
            .stack_size(8 << 20)
            .spawn(move || run(&data))
            .expect("spawn a replay thread")
            .join();
        if outcome.is_err() {
            failed.push(input.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "fuzz target `{target}`: {} of {} regression inputs panicked (messages above):\n{}",
        failed.len(),
        inputs.len(),
        failed.join("\n")
    );
    eprintln!("fuzz target `{target}`: {} inputs replayed", inputs.len());
}

#[test]
fn wsdl_front_end() {
    replay("wsdl_front_end", fuzzing::wsdl_front_end);
    let _ = std::fs::remove_dir_all(fuzzing::front_end_dir());
}

#[cfg(not(shared_missing))]
#[test]
fn dispatch() {
    replay("dispatch", fuzzing::dispatch);
}

#[cfg(not(shared_missing))]
#[test]
fn client_decode() {
    replay("client_decode", fuzzing::client_decode);
}

#[test]
fn archive_format() {
    let files = fuzzing::split_archive(b"<w/>\n%%\n<s/>\n%%\n\n%%\n<c/>\n%%\nrest");
    assert_eq!(
        files,
        [&b"<w/>"[..], b"<s/>", b"", b"<c/>\n%%\nrest"],
        "four files at most, the last one takes the rest"
    );
    assert_eq!(fuzzing::split_archive(b"<w/>"), [&b"<w/>"[..]]);
}
