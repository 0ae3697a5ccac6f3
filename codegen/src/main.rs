//! `wsdl-codegen`: generate Rust code from a WSDL file, check it is up to date, inspect a WSDL, or
//! fetch one and its imports for offline use.
//!
//! Exit codes: 0 success, 1 `--check` found a stale file, 2 bad input (unreadable or invalid WSDL,
//! unknown operation, failed fetch) or bad usage.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "wsdl-codegen",
    version,
    about = "Generate Rust SOAP clients, servers and types from WSDL 1.1"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust code for a WSDL file (or for several that share schemas, as one module).
    Generate {
        /// The WSDL file(s); several are generated together, their shared types once.
        #[arg(required = true, num_args = 1..)]
        wsdl: Vec<PathBuf>,
        /// Generate only this operation and the types it reaches (repeatable).
        #[arg(long = "operation", value_name = "NAME")]
        operations: Vec<String>,
        /// Output file, or `-` for standard output.
        #[arg(long, default_value = "-")]
        out: String,
        /// Do not write: exit 1 if the output file differs from what would be generated.
        #[arg(long)]
        check: bool,
        /// Leave out the client trait and type.
        #[arg(long)]
        no_client: bool,
        /// Leave out the server trait and dispatcher.
        #[arg(long)]
        no_server: bool,
        /// OASIS XML catalog mapping absolute import URLs to local files (repeatable).
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
        /// Refer to the types of XML namespace NS as RUST_PATH::Type instead of generating them
        /// (repeatable).
        #[arg(long = "extern-path", value_name = "NS=RUST_PATH")]
        extern_paths: Vec<String>,
    },
    /// List services, ports, bindings and operations of a WSDL file.
    Inspect {
        /// The WSDL file.
        wsdl: PathBuf,
        /// OASIS XML catalog mapping absolute import URLs to local files (repeatable).
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
    /// Download a WSDL and every file it imports, and write DIR/catalog.xml mapping each URL to
    /// its local copy, for offline generation.
    Fetch {
        /// The WSDL's http:// or https:// URL.
        url: String,
        /// The directory to write into (files go to DIR/<host>/<path>).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Most files to fetch.
        #[arg(long, default_value_t = 500)]
        max_files: usize,
        /// Largest file accepted, in MiB.
        #[arg(long, default_value_t = 32)]
        max_file_mib: u64,
        /// Seconds allowed for each request.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Generate {
            wsdl,
            operations,
            out,
            check,
            no_client,
            no_server,
            catalogs,
            extern_paths,
        } => {
            let mut generator = catalogs
                .into_iter()
                .fold(wsdl_codegen::configure(), |g, c| g.catalog(c))
                .operations(operations)
                .build_client(!no_client)
                .build_server(!no_server)
                .emit_rerun_if_changed(false);
            for mapping in extern_paths {
                // The namespace may itself contain `=`; the Rust path cannot.
                let Some((ns, path)) = mapping.rsplit_once('=') else {
                    eprintln!("error: --extern-path expects NS=RUST_PATH, found `{mapping}`");
                    return ExitCode::from(2);
                };
                generator = generator.extern_path(ns, path);
            }
            generate(&generator, &wsdl, &out, check)
        }
        Command::Fetch {
            url,
            out,
            max_files,
            max_file_mib,
            timeout,
        } => {
            let options = wsdl_codegen::__cli::FetchOptions {
                max_files,
                max_file_bytes: max_file_mib.saturating_mul(1024 * 1024),
                timeout: std::time::Duration::from_secs(timeout),
                ..Default::default()
            };
            match wsdl_codegen::__cli::fetch(&url, &out, &options) {
                Ok(fetched) => {
                    println!("main: {}", fetched.main.display());
                    println!("catalog: {}", fetched.catalog.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Inspect { wsdl, catalogs } => {
            let generator = catalogs
                .into_iter()
                .fold(wsdl_codegen::configure(), |g, c| g.catalog(c));
            inspect(&generator, &wsdl)
        }
    }
}

fn inspect(generator: &wsdl_codegen::Generator, wsdl: &Path) -> ExitCode {
    match wsdl_codegen::__cli::inspect(generator, wsdl) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn generate(
    generator: &wsdl_codegen::Generator,
    wsdls: &[PathBuf],
    out: &str,
    check: bool,
) -> ExitCode {
    let result = match wsdls {
        [wsdl] => generator.generate(wsdl),
        _ => generator.generate_together(wsdls),
    };
    let generated = match result {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    if check {
        if out == "-" {
            eprintln!("error: --check needs --out FILE to compare against");
            return ExitCode::from(2);
        }
        return match std::fs::read_to_string(out) {
            Ok(current) if current == generated.code => {
                eprintln!("{out} is up to date");
                ExitCode::SUCCESS
            }
            Ok(_) => {
                eprintln!(
                    "{out} is stale: it differs from what `wsdl-codegen generate` produces for {}",
                    wsdls
                        .iter()
                        .map(|w| w.display().to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("{out} is stale: cannot read it ({e})");
                ExitCode::from(1)
            }
        };
    }
    if out == "-" {
        let mut stdout = std::io::stdout().lock();
        if stdout
            .write_all(generated.code.as_bytes())
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return ExitCode::from(2);
        }
        return ExitCode::SUCCESS;
    }
    if let Some(parent) = Path::new(out)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        if let Err(e) = std::fs::create_dir_all(parent) {
            eprintln!("error: cannot create {}: {e}", parent.display());
            return ExitCode::from(2);
        }
    }
    match wsdl_codegen::write_if_changed(Path::new(out), &generated.code) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
