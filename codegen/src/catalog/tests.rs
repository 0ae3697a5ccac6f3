use std::path::{Path, PathBuf};

use super::*;

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "wsdl-codegen-catalog-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    std::fs::write(path, text).expect("write file");
}

/// A catalog file with `body` inside the root element.
fn catalog(body: &str) -> String {
    format!("<catalog xmlns=\"{CATALOG_NS}\">\n{body}\n</catalog>\n")
}

fn load(dir: &Path, body: &str) -> Catalog {
    let path = dir.join("catalog.xml");
    write(&path, &catalog(body));
    Catalog::load(&path).expect("catalog loads")
}

#[test]
fn uri_and_system_entries_resolve_relative_to_the_catalog() {
    let dir = temp_dir("exact");
    let cat = load(
        &dir,
        r#"<uri name="http://example.com/a.xsd" uri="local/a.xsd"/>
           <system systemId="http://example.com/b.xsd" uri="/abs/b.xsd"/>
           <system systemId="http://example.com/a.xsd" uri="never.xsd"/>"#,
    );
    assert_eq!(
        cat.resolve("http://example.com/a.xsd"),
        Some(dir.join("local/a.xsd"))
    );
    assert_eq!(
        cat.resolve("http://example.com/b.xsd"),
        Some(PathBuf::from("/abs/b.xsd"))
    );
    assert_eq!(cat.resolve("http://example.com/c.xsd"), None);
    assert_eq!(cat.resolve("http://example.com/a.xsd2"), None);
}

#[test]
fn the_longest_rewrite_prefix_wins_whatever_the_order() {
    let dir = temp_dir("rewrite");
    let cat = load(
        &dir,
        r#"<rewriteURI uriStartString="http://example.com/" rewritePrefix="short/"/>
           <rewriteSystem systemIdStartString="http://example.com/schemas/v2/" rewritePrefix="long/"/>
           <rewriteURI uriStartString="http://example.com/schemas/" rewritePrefix="middle/"/>
           <rewriteURI uriStartString="http://example.com/schemas/" rewritePrefix="second-equal/"/>"#,
    );
    assert_eq!(
        cat.resolve("http://example.com/schemas/v2/x/y.xsd"),
        Some(dir.join("long/x/y.xsd"))
    );
    assert_eq!(
        cat.resolve("http://example.com/schemas/v1/y.xsd"),
        Some(dir.join("middle/v1/y.xsd"))
    );
    assert_eq!(
        cat.resolve("http://example.com/other.wsdl"),
        Some(dir.join("short/other.wsdl"))
    );
    assert_eq!(cat.resolve("http://example.org/other.wsdl"), None);
}

#[test]
fn exact_entries_beat_rewrites_and_suffixes() {
    let dir = temp_dir("precedence");
    let cat = load(
        &dir,
        r#"<uriSuffix uriSuffix="/a.xsd" uri="suffix-a.xsd"/>
           <rewriteURI uriStartString="http://example.com/" rewritePrefix="rewritten/"/>
           <systemSuffix systemIdSuffix="b.xsd" uri="short-suffix.xsd"/>
           <systemSuffix systemIdSuffix="/dir/b.xsd" uri="long-suffix.xsd"/>
           <uri name="http://example.com/a.xsd" uri="exact-a.xsd"/>"#,
    );
    assert_eq!(
        cat.resolve("http://example.com/a.xsd"),
        Some(dir.join("exact-a.xsd"))
    );
    // A rewrite matches before any suffix is tried.
    assert_eq!(
        cat.resolve("http://example.com/x/a.xsd"),
        Some(dir.join("rewritten/x/a.xsd"))
    );
    assert_eq!(
        cat.resolve("http://other.org/x/a.xsd"),
        Some(dir.join("suffix-a.xsd"))
    );
    assert_eq!(
        cat.resolve("urn:x:/dir/b.xsd"),
        Some(dir.join("long-suffix.xsd"))
    );
    assert_eq!(
        cat.resolve("urn:x:/other/b.xsd"),
        Some(dir.join("short-suffix.xsd"))
    );
}

#[test]
fn xml_base_applies_to_the_catalog_groups_and_entries() {
    let dir = temp_dir("base");
    let path = dir.join("catalog.xml");
    write(
        &path,
        &format!(
            r#"<?xml version="1.0"?>
<!DOCTYPE catalog PUBLIC "-//OASIS//DTD XML Catalogs V1.1//EN"
  "http://www.oasis-open.org/committees/entity/release/1.1/catalog.dtd">
<catalog xmlns="{CATALOG_NS}" xml:base="root/" prefer="system">
  <uri name="urn:a" uri="a.xsd"/>
  <group xml:base="group/">
    <uri name="urn:b" uri="b.xsd"/>
    <uri name="urn:c" uri="c.xsd" xml:base="/elsewhere/"/>
    <group xml:base="inner/"><rewriteURI uriStartString="urn:d:" rewritePrefix="d/"/></group>
  </group>
  <group xml:base="file:///absolute/">
    <system systemId="urn:e" uri="e.xsd"/>
  </group>
  <uri name="urn:f" uri="f.xsd"/>
</catalog>
"#
        ),
    );
    let cat = Catalog::load(&path).expect("catalog loads");
    assert_eq!(cat.resolve("urn:a"), Some(dir.join("root/a.xsd")));
    assert_eq!(cat.resolve("urn:b"), Some(dir.join("root/group/b.xsd")));
    assert_eq!(
        cat.resolve("urn:c"),
        Some(PathBuf::from("/elsewhere/c.xsd"))
    );
    assert_eq!(
        cat.resolve("urn:d:x.xsd"),
        Some(dir.join("root/group/inner/d/x.xsd"))
    );
    assert_eq!(cat.resolve("urn:e"), Some(PathBuf::from("/absolute/e.xsd")));
    assert_eq!(cat.resolve("urn:f"), Some(dir.join("root/f.xsd")));
}

#[test]
fn next_catalogs_come_after_the_entries_and_cycles_end() {
    let dir = temp_dir("next");
    write(
        &dir.join("sub/next.xml"),
        &catalog(
            r#"<uri name="urn:a" uri="from-next.xsd"/>
               <uri name="urn:b" uri="b.xsd"/>
               <nextCatalog catalog="../catalog.xml"/>"#,
        ),
    );
    let cat = load(
        &dir,
        r#"<nextCatalog catalog="sub/next.xml"/>
           <uri name="urn:a" uri="from-main.xsd"/>"#,
    );
    assert_eq!(cat.resolve("urn:a"), Some(dir.join("from-main.xsd")));
    assert_eq!(cat.resolve("urn:b"), Some(dir.join("sub/b.xsd")));
    assert_eq!(cat.resolve("urn:c"), None);
    assert_eq!(cat.files().len(), 2);
}

#[test]
fn added_files_are_consulted_in_order() {
    let dir = temp_dir("add");
    write(
        &dir.join("first.xml"),
        &catalog(r#"<uri name="urn:a" uri="first.xsd"/>"#),
    );
    write(
        &dir.join("second.xml"),
        &catalog(r#"<uri name="urn:a" uri="second.xsd"/><uri name="urn:b" uri="b.xsd"/>"#),
    );
    let mut cat = Catalog::new();
    assert!(cat.is_empty());
    assert_eq!(cat.resolve("urn:a"), None);
    cat.add_file(dir.join("first.xml")).expect("first loads");
    cat.add_file(dir.join("second.xml")).expect("second loads");
    assert_eq!(cat.resolve("urn:a"), Some(dir.join("first.xsd")));
    assert_eq!(cat.resolve("urn:b"), Some(dir.join("b.xsd")));
}

#[test]
fn lookups_are_normalised_and_reversible() {
    let dir = temp_dir("normalise");
    let cat = load(
        &dir,
        r#"<uri name="http://h/a b.xsd" uri="a%20b.xsd"/>
           <uri name="http://h/Service.svc?xsd=xsd0" uri="h/Service.svc_xsd=xsd0.xsd"/>
           <uri name="http://h/other" uri="other.wsdl"/>"#,
    );
    assert_eq!(cat.resolve("http://h/a%20b.xsd"), Some(dir.join("a b.xsd")));
    assert_eq!(cat.resolve("http://h/a b.xsd"), Some(dir.join("a b.xsd")));
    assert_eq!(
        cat.resolve_uri("http://h/other")
            .as_deref()
            .map(|u| u.starts_with("file:///")),
        Some(true)
    );
    assert_eq!(
        cat.uri_of(&dir.join("h/Service.svc_xsd=xsd0.xsd")),
        Some("http://h/Service.svc?xsd=xsd0")
    );
    assert_eq!(cat.uri_of(&dir.join("nothing.xsd")), None);
}

#[test]
fn imports_resolve_against_the_url_a_file_was_fetched_from() {
    let dir = temp_dir("locate");
    let cat = load(
        &dir,
        r#"<uri name="http://h/svc/Service.svc?wsdl" uri="h/svc/Service.svc_wsdl.wsdl"/>
           <uri name="http://h/svc/Service.svc?xsd=xsd0" uri="h/svc/Service.svc_xsd=xsd0.xsd"/>
           <uri name="http://h/svc/defs/port.wsdl" uri="h/svc/defs/port.wsdl"/>"#,
    );
    let main = dir.join("h/svc/Service.svc_wsdl.wsdl");
    assert_eq!(
        cat.import_uri(&main, "?xsd=xsd0#frag"),
        "http://h/svc/Service.svc?xsd=xsd0"
    );
    assert_eq!(
        cat.locate(&main, "?xsd=xsd0"),
        Some(dir.join("h/svc/Service.svc_xsd=xsd0.xsd"))
    );
    assert_eq!(
        cat.locate(&main, "defs/port.wsdl"),
        Some(dir.join("h/svc/defs/port.wsdl"))
    );
    // Not fetched: a remote URI the catalog does not map.
    assert_eq!(cat.locate(&main, "defs/other.wsdl"), None);
    // A file the catalog does not know: plain relative resolution.
    let local = dir.join("local/a b.wsdl");
    assert_eq!(cat.locate(&local, "../x/c.xsd"), Some(dir.join("x/c.xsd")));
    assert_eq!(
        Catalog::new().locate(&local, "c%20d.xsd"),
        Some(dir.join("local/c d.xsd"))
    );
}

#[test]
fn errors_name_the_file_the_position_and_what_was_expected() {
    let dir = temp_dir("errors");
    let missing = dir.join("missing.xml");
    let e = Catalog::load(&missing).expect_err("missing file");
    assert_eq!(e.path(), missing);
    assert!(e.to_string().contains("cannot read XML catalog"), "{e}");
    assert!(std::error::Error::source(&e).is_some());

    let broken = dir.join("broken.xml");
    write(
        &broken,
        &format!("<catalog xmlns=\"{CATALOG_NS}\">\n  <uri name='a'\n"),
    );
    let e = Catalog::load(&broken).expect_err("not well-formed");
    assert!(e.line_column().is_some(), "{e}");
    assert!(
        e.to_string().starts_with(&format!("{}:", broken.display())),
        "{e}"
    );
    assert!(e.message().contains("not a well-formed XML catalog"), "{e}");

    let wrong = dir.join("wrong.xml");
    write(&wrong, "<?xml version='1.0'?>\n<catalog/>\n");
    let e = Catalog::load(&wrong).expect_err("wrong namespace");
    assert_eq!(e.line_column(), Some((2, 1)));
    assert!(e.message().contains("expected the root element `catalog` in namespace urn:oasis:names:tc:entity:xmlns:xml:catalog, found `catalog` in no namespace"), "{e}");

    let attribute = dir.join("attribute.xml");
    write(&attribute, &catalog("  <uri uri='x.xsd'/>"));
    let e = Catalog::load(&attribute).expect_err("missing attribute");
    assert_eq!(
        e.to_string(),
        format!(
            "{}:2:3: expected a `name` attribute on this `uri` entry",
            attribute.display()
        )
    );

    let next = dir.join("next.xml");
    write(&next, &catalog("<nextCatalog catalog='gone.xml'/>"));
    let e = Catalog::load(&next).expect_err("missing next catalog");
    assert_eq!(e.path(), dir.join("gone.xml"));
    assert!(
        e.message().contains(&format!(
            "named by the nextCatalog at {}:2:1",
            next.display()
        )),
        "{e}"
    );

    let remote = dir.join("remote.xml");
    write(
        &remote,
        &catalog("<nextCatalog catalog='http://example.com/c.xml'/>"),
    );
    let e = Catalog::load(&remote).expect_err("remote next catalog");
    assert!(e.message().contains("is not a local file"), "{e}");
}

/// Every URL the corpus's standard-schema catalog lists resolves to a file that exists.
#[test]
fn the_corpus_standard_catalog_resolves_every_url() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/_standard/catalog.xml");
    assert!(
        path.is_file(),
        "{} is missing: this test needs the shared corpus checked out next to the workspace (../shared)",
        path.display()
    );
    let cat = Catalog::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&path).expect("read catalog");
    let doc = roxmltree::Document::parse(&text).expect("parse catalog");
    let names: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("name").or(n.attribute("systemId")))
        .collect();
    assert!(names.len() > 10, "only {} entries", names.len());
    for name in names {
        let file = cat
            .resolve(name)
            .unwrap_or_else(|| panic!("{name} does not resolve"));
        assert!(file.is_file(), "{name} → {} does not exist", file.display());
    }
}
