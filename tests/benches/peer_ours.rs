//! This project's side of the peer comparison (`../shared/peers/README.md`): the workload of
//! gSOAP's `gsoap_bench` / `gsoap_biglist` and zeep's `bench.py`, printing `key=value` lines in
//! their format. A plain program (no criterion), run by `scripts/bench-peers` once per round as
//! its own process so that `/usr/bin/time -v` gives its peak memory.
//!
//! ```text
//! cargo bench -p wsdl-codegen-tests --bench peer_ours -- N RESPONSE_XML [REQUEST_OUT_XML]
//!     encoded_bytes=, encode_ns_per_op=, decode_ns_per_op=
//! cargo bench -p wsdl-codegen-tests --bench peer_ours -- large BIG_XML
//!     items=, input_bytes=, decode_ms= (as gsoap_biglist), large_decode_ms= (the same value)
//! ```
//!
//! Without arguments (as a plain `cargo bench` runs it) it runs encode and decode with N = 100,000
//! on `../shared/peers/response.xml`.
//!
//! `encode` builds the request objects and encodes the SOAP 1.1 envelope; `decode` decodes the
//! response envelope with its headers; each is run `N / 20 + 1` times to warm up, then `N` times
//! timed. `large` reads the file into memory first and times one decode, as `gsoap_biglist` does.
//! Every result is checked against the README before timing; a mismatch exits with status 1.

use std::hint::black_box;
use std::process::exit;
use std::time::Instant;

use wsdl_codegen_tests::workload;

/// N when run without arguments.
const DEFAULT_N: u64 = 100_000;

fn usage() -> ! {
    eprintln!("usage: peer_ours N RESPONSE_XML [REQUEST_OUT_XML] | peer_ours large BIG_XML");
    exit(2)
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        exit(2)
    })
}

/// Mean nanoseconds per call of `f` over `n` calls, after `n / 20 + 1` warm-up calls.
fn ns_per_op<T>(n: u64, mut f: impl FnMut() -> T) -> f64 {
    for _ in 0..n / 20 + 1 {
        black_box(f());
    }
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

fn large(path: &str) {
    let xml = read(path);
    let start = Instant::now();
    let decoded = workload::decode_list(black_box(&xml));
    let ms = start.elapsed().as_secs_f64() * 1e3;
    let decoded = decoded.unwrap_or_else(|e| {
        eprintln!("decode failed: {e}");
        exit(1)
    });
    println!("items={}", workload::list_items(&decoded));
    println!("input_bytes={}", xml.len());
    println!("decode_ms={ms:.1}");
    println!("large_decode_ms={ms:.1}");
}

fn main() {
    // `cargo bench` adds `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (n, response) = match args.as_slice() {
        [mode, path] if mode == "large" => return large(path),
        // Plain `cargo bench` (every bench target, no arguments): the peers' response.xml.
        [] => (DEFAULT_N, workload::response_xml()),
        [n, response] | [n, response, _] => (
            n.parse::<u64>().unwrap_or_else(|_| usage()).max(1),
            read(response),
        ),
        _ => usage(),
    };

    let encoded = workload::encode_save();
    if let Err(e) = workload::check_encoded(&encoded) {
        eprintln!("encoded request is wrong: {e}");
        exit(1)
    }
    if let Some(out) = args.get(2) {
        if let Err(e) = std::fs::write(out, &encoded) {
            eprintln!("cannot write {out}: {e}");
            exit(2)
        }
    }
    match workload::decode_save(&response) {
        Ok(decoded) => {
            if let Err(e) = workload::check_save_response(&decoded) {
                eprintln!("{e}");
                exit(1)
            }
        }
        Err(e) => {
            eprintln!("decode failed: {e}");
            exit(1)
        }
    }

    let encode = ns_per_op(n, workload::encode_save);
    let decode = ns_per_op(n, || workload::decode_save(black_box(&response)));

    println!("stack=ours-wsdl-codegen-{}", env!("CARGO_PKG_VERSION"));
    println!("n={n}");
    println!("encoded_bytes={}", encoded.len());
    println!("encode_ns_per_op={encode:.0}");
    println!("decode_ns_per_op={decode:.0}");
}
