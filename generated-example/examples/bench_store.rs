//! Save throughput of the SQLite token store, one line per durability:
//!
//! ```sh
//! cargo run --release -p generated-example --example bench_store -- [SAVES] [DIR]
//! ```
//!
//! Each run saves SAVES token sets (default 2000), one transaction each as the service does, into
//! a fresh database in a temporary directory under DIR (default: the current directory; pick a
//! directory on the disk you care about, as a temporary file system makes fsync free).

use std::path::PathBuf;
use std::time::Instant;

use generated_example::services88::TokenManagementInfo;
use generated_example::store::{Backend, Durability, SqliteBackend};

fn main() {
    let mut args = std::env::args().skip(1);
    let saves: u32 = args
        .next()
        .map(|n| n.parse().expect("SAVES is a number"))
        .unwrap_or(2000);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let info = TokenManagementInfo {
        provider: Some("idp".into()),
        access_token: Some("a".repeat(1200)),
        refresh_token: Some("r".repeat(400)),
        ..Default::default()
    };
    for durability in [Durability::Normal, Durability::Full] {
        let tmp = tempfile::Builder::new()
            .prefix("bench-store")
            .tempdir_in(&dir)
            .expect("temporary directory");
        let backend =
            SqliteBackend::open_with(&tmp.path().join("tokens.sqlite3"), durability).expect("open");
        let start = Instant::now();
        for _ in 0..saves {
            backend.save(&info).expect("save");
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{durability:?}: {saves} saves in {secs:.2} s = {:.0} saves/s",
            f64::from(saves) / secs
        );
    }
}
