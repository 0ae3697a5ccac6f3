//! `wsdl-codegen inspect`: a readable summary of a WSDL's services, bindings and operations.

use std::fmt::Write;
use std::path::Path;

use crate::{Error, Generator};

/// Parses the WSDL at `path` (with `generator`'s catalogs) and describes it.
pub fn inspect(generator: &Generator, path: &Path) -> Result<String, Error> {
    // Parsing and resolving go through the library so errors carry positions and snippets.
    let loaded = generator.load(path, None)?;
    let defs = &loaded.definitions;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "WSDL {} (targetNamespace {})",
        defs.name.as_deref().unwrap_or("(unnamed)"),
        defs.target_ns
    );
    for service in &defs.services {
        let _ = writeln!(out, "service {}", service.name);
        for port in &service.ports {
            let binding = defs.bindings.iter().find(|b| b.name == port.binding);
            let version = binding
                .and_then(|b| b.soap)
                .map(|v| v.to_string())
                .unwrap_or_else(|| "not SOAP".into());
            let _ = writeln!(
                out,
                "  port {} -> binding {} ({version}) at {}",
                port.name,
                port.binding.local,
                port.address.as_deref().unwrap_or("(no address)")
            );
        }
    }
    for binding in &defs.bindings {
        let version = binding
            .soap
            .map(|v| v.to_string())
            .unwrap_or_else(|| "not SOAP".into());
        let _ = writeln!(
            out,
            "binding {} for portType {} ({version}, {} operations)",
            binding.name.local,
            binding.port_type.local,
            binding.operations.len()
        );
        let port_type = defs.port_types.iter().find(|p| p.name == binding.port_type);
        for op in &binding.operations {
            let summary = port_type
                .and_then(|p| p.operations.iter().find(|o| o.name == op.name))
                .and_then(|o| o.doc.as_deref())
                .map(|d| d.lines().next().unwrap_or_default().to_owned())
                .unwrap_or_default();
            let _ = writeln!(out, "  {}", op.name);
            let _ = writeln!(
                out,
                "    soapAction: {}",
                op.soap_action.as_deref().unwrap_or("")
            );
            if !summary.is_empty() {
                let _ = writeln!(out, "    summary: {summary}");
            }
        }
    }
    Ok(out)
}
