//! Criterion benchmarks of the peer-comparison workload (`../shared/peers/README.md`, the same one
//! gSOAP and zeep run there) and of the generator:
//!
//! - `save_external_tokens/encode`: build the `SaveExternalTokens` request objects (three headers,
//!   1024 + 256 characters of tokens) and encode the SOAP 1.1 envelope (`encode_request`);
//! - `save_external_tokens/decode`: decode the peers' `response.xml` (1348 bytes) into the
//!   generated response types, headers included (`decode_response`);
//! - `large_response/decode`: decode a `GetUserInfoList` response of 40,000 items (21.6 MB, written
//!   by `gen_big_response.py` into `<target>/peers/big-40000.xml` on first use) from memory;
//! - `dispatch/save_external_tokens`: request bytes to response bytes through the generated
//!   `UserServer` (`SoapService::handle`) with an in-memory service answering a fixed key;
//! - `generate/services88_user`: generation of the whole published WSDL (91 operations) from
//!   its text in memory with the `wsdl-codegen` library.
//!
//! Run (release build; reads `../shared` at run time):
//!
//! ```text
//! cargo bench -p wsdl-codegen-tests --bench workload
//! cargo bench -p wsdl-codegen-tests --bench workload -- save_external_tokens/encode
//! cargo bench -p wsdl-codegen-tests --bench workload -- --save-baseline main   # then --baseline main
//! ```
//!
//! Every workload's result is checked once before it is timed, so a broken encoder or decoder
//! fails the run instead of timing an error; the large response is generated, loaded and checked
//! only when its benchmark runs (not in runs filtered to others). See BENCHMARKS.md.

use std::cell::OnceCell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use soap_runtime::SoapService;
use wsdl_codegen_tests::shared;
use wsdl_codegen_tests::workload;

/// Size of `gen_big_response.py 40000`'s output (for the throughput figure, known before the file
/// is loaded).
const BIG_BYTES: u64 = 21_565_979;

fn save_external_tokens(c: &mut Criterion) {
    let encoded = workload::encode_save();
    if let Err(e) = workload::check_encoded(&encoded) {
        panic!("encode is broken: {e}\n{encoded}");
    }
    let response = workload::response_xml();
    let decoded = workload::decode_save(&response).expect("response.xml decodes");
    if let Err(e) = workload::check_save_response(&decoded) {
        panic!("decode is broken: {e}\n{decoded:?}");
    }

    let mut group = c.benchmark_group("save_external_tokens");
    group.throughput(Throughput::Bytes(encoded.len() as u64));
    group.bench_function("encode", |b| b.iter(workload::encode_save));
    group.throughput(Throughput::Bytes(response.len() as u64));
    group.bench_function("decode", |b| {
        b.iter(|| workload::decode_save(black_box(&response)).expect("decodes"))
    });
    group.finish();
}

/// `<target>/peers`: beside the profile directory this benchmark runs from.
fn peers_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            let exe = std::env::current_exe().ok()?;
            exe.ancestors().nth(3).map(Path::to_path_buf) // <target>/release/deps/<exe>
        })
        .unwrap_or_else(std::env::temp_dir);
    target.join("peers")
}

fn large_response(c: &mut Criterion) {
    // Loaded and checked on first use, so that runs filtered to other benchmarks skip it.
    let xml = OnceCell::new();
    let xml = || {
        xml.get_or_init(|| {
            let path = workload::big_response(workload::LARGE_ITEMS, &peers_dir());
            let xml = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let decoded = workload::decode_list(&xml).expect("the large response decodes");
            assert_eq!(
                workload::list_items(&decoded),
                workload::LARGE_ITEMS,
                "items decoded from {}",
                path.display()
            );
            assert_eq!(xml.len() as u64, BIG_BYTES, "size of {}", path.display());
            xml
        })
    };

    let mut group = c.benchmark_group("large_response");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Bytes(BIG_BYTES));
    group.bench_function("decode", |b| {
        let xml = xml();
        b.iter(|| workload::decode_list(black_box(xml)).expect("decodes"))
    });
    group.finish();
}

fn dispatch(c: &mut Criterion) {
    let server = workload::save_server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime");
    let request = workload::encode_save().into_bytes();
    let checked = OnceCell::new();

    let mut group = c.benchmark_group("dispatch");
    group.throughput(Throughput::Bytes(request.len() as u64));
    group.bench_function("save_external_tokens", |b| {
        checked.get_or_init(|| {
            let response =
                runtime.block_on(server.handle(workload::save_server_request(request.clone())));
            assert!(
                response.status == 200 && response.body.contains(workload::SAVE_KEY),
                "dispatch is broken: {} {}",
                response.status,
                response.body
            );
        });
        b.iter_batched(
            || workload::save_server_request(request.clone()),
            |request| runtime.block_on(server.handle(request)),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn generate(c: &mut Criterion) {
    let wsdl = shared::dir().join("wsdl/Services88-User.wsdl");
    let source = std::fs::read_to_string(&wsdl)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", wsdl.display()));
    let name = Path::new("Services88-User.wsdl");
    let checked = OnceCell::new();

    let mut group = c.benchmark_group("generate");
    group
        .sample_size(10)
        .throughput(Throughput::Bytes(source.len() as u64));
    group.bench_function("services88_user", |b| {
        checked.get_or_init(|| {
            wsdl_codegen::configure()
                .generate_source(name, source.clone())
                .expect("the published WSDL generates");
        });
        b.iter_batched(
            || source.clone(),
            |source| {
                wsdl_codegen::configure()
                    .generate_source(name, source)
                    .expect("generates")
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    save_external_tokens,
    large_response,
    dispatch,
    generate
);
criterion_main!(benches);
