"""Validates the operation bodies the corpus harness encodes against a WSDL's schemas (Python
`xmlschema`), for `tests/corpus/tests/corpus.rs`.

Usage: roundtrip.py WSDL DIR [--catalog CATALOG]
       roundtrip.py --schemas-only WSDL [--catalog CATALOG]  -- only builds the schemas, strictly

Every DIR/*.xml is one body element. The schemas are:
- the inline schemas of the WSDL and of the WSDLs it imports (`wsdl:import location=...`), cut out
  of `wsdl:types` as written, with the namespace declarations of `wsdl:definitions` copied onto
  each (a schema relies on `tns` and the like declared there);
- `xs:import` / `xs:include` with a relative `schemaLocation`: resolved against the file that holds
  it; without `schemaLocation`: pointed at the sibling inline schema of that namespace, else left
  to xmlschema's built-in copies (soapenc, xml, xsi);
- absolute URLs: mapped through the OASIS catalog (`uri` and `system` entries, relative to the
  catalog file); nothing is fetched from the network.

The schemas are built in strict mode; if that fails, in lax mode (unresolved or invalid parts are
skipped). The first output line says which: `mode: strict`, `mode: lax: REASON` or
`mode: none: REASON` (not validated at all). Then one line per document, `valid NAME` or
`INVALID NAME: REASON`. Exit status 1 if any document is invalid.
"""
import pathlib
import re
import sys
import tempfile
import urllib.parse
from xml.etree import ElementTree

import xmlschema

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
SCHEMA_RE = re.compile(r"<(\w+:)?schema\b(?:[^>]*/>|.*?</\1?schema>)", re.S)
START_RE = re.compile(r"<(\w+:)?schema\b[^>]*>", re.S)
DEFINITIONS_RE = re.compile(r"<(\w+:)?definitions\b[^>]*>", re.S)
XMLNS_RE = re.compile(r"""\sxmlns(?::([\w.-]+))?\s*=\s*("[^"]*"|'[^']*')""")
TNS_RE = re.compile(r"""\stargetNamespace\s*=\s*("[^"]*"|'[^']*')""")
# xs:import / xs:include / xs:redefine start tags.
REF_RE = re.compile(r"<(?:\w+:)?(import|include|redefine)\b[^>]*>", re.S)
ATTR_RE = r"""\s{name}\s*=\s*("[^"]*"|'[^']*')"""
REASON_LEN = 160


def attr(tag, name):
    m = re.search(ATTR_RE.format(name=name), tag)
    return m.group(1)[1:-1] if m else None


def short(text):
    text = " ".join(str(text).split())
    return text if len(text) <= REASON_LEN else text[: REASON_LEN - 1] + "…"


def read_catalog(path):
    """`{absolute URL: local file URI}` from the `uri` and `system` entries of an OASIS catalog."""
    mapping = {}
    if not path:
        return mapping
    base = pathlib.Path(path).resolve().parent
    for entry in ElementTree.parse(path).getroot().iter():
        if entry.tag == f"{{{CATALOG_NS}}}uri":
            key = entry.get("name")
        elif entry.tag == f"{{{CATALOG_NS}}}system":
            key = entry.get("systemId")
        else:
            continue
        if key and entry.get("uri"):
            mapping[key] = (base / entry.get("uri")).resolve().as_uri()
    return mapping


def is_url(location):
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+:", location) is not None and not re.match(r"^[a-zA-Z]:[\\/]", location)


def resolve(location, base_dir, catalog):
    """A schemaLocation as a local file URI (or the catalog's mapping of an absolute URL)."""
    if location in catalog:
        return catalog[location]
    if is_url(location):
        return location
    return (base_dir / urllib.parse.unquote(location)).resolve().as_uri()


def collect_wsdls(path, seen):
    """The WSDL at `path` and every WSDL it imports, depth first; XSD files imported by
    `wsdl:import` are returned separately."""
    path = pathlib.Path(path).resolve()
    if path in seen:
        return [], []
    seen.add(path)
    root = ElementTree.parse(path).getroot()
    if root.tag == "{http://www.w3.org/2001/XMLSchema}schema":
        return [], [path]
    wsdls, xsds = [path], []
    for imp in root.findall(f"{{{WSDL_NS}}}import"):
        location = imp.get("location")
        if location and not is_url(location):
            more, more_xsd = collect_wsdls(path.parent / location, seen)
            wsdls += more
            xsds += more_xsd
    return wsdls, xsds


def cut_schemas(wsdl_path, workdir, catalog, inline):
    """Writes each inline schema of `wsdl_path` to `workdir`; appends `(namespace, path, text)`."""
    text = wsdl_path.read_text(encoding="utf-8")
    definitions = DEFINITIONS_RE.search(text)
    outer = dict((p or "", v) for p, v in XMLNS_RE.findall(definitions.group(0))) if definitions else {}
    for match in SCHEMA_RE.finditer(text):
        schema = match.group(0)
        start = START_RE.match(schema).group(0)
        declared = {p or "" for p, _ in XMLNS_RE.findall(start)}
        extra = "".join(
            f" xmlns{':' + p if p else ''}={v}" for p, v in outer.items() if p not in declared
        )
        at = len(start) - (2 if start.endswith("/>") else 1)
        schema = schema[:at] + extra + schema[at:]

        def absolute(m):
            tag = m.group(0)
            location = attr(tag, "schemaLocation")
            if location is None:
                return tag
            return tag.replace(location, resolve(location, wsdl_path.parent, catalog), 1)

        schema = REF_RE.sub(absolute, schema)
        tns = TNS_RE.search(start)
        path = pathlib.Path(workdir) / f"inline{len(inline)}.xsd"
        inline.append([tns.group(1)[1:-1] if tns else "", path, schema])


def load(wsdl, catalog_path, workdir, mode):
    catalog = read_catalog(catalog_path)
    wsdls, xsds = collect_wsdls(wsdl, set())
    inline = []
    for w in wsdls:
        cut_schemas(w, workdir, catalog, inline)
    first = {}
    for ns, path, _ in inline:
        first.setdefault(ns, path)

    def locate(m):
        tag = m.group(0)
        if m.group(1) != "import" or attr(tag, "schemaLocation") is not None:
            return tag
        ns = attr(tag, "namespace")
        if ns in first:
            return tag[:-2] + f' schemaLocation="{first[ns].as_uri()}"/>' if tag.endswith("/>") \
                else tag[:-1] + f' schemaLocation="{first[ns].as_uri()}">'
        return tag

    for entry in inline:
        entry[2] = REF_RE.sub(locate, entry[2])
        entry[1].write_text(entry[2], encoding="utf-8")
    sources = [str(path) for _, path, _ in inline] + [str(x) for x in xsds]
    if not sources:
        raise ValueError("no schemas")

    def mapper(uri):
        return catalog.get(uri, uri)

    return xmlschema.XMLSchema(
        sources, validation=mode, allow="local", uri_mapper=mapper, use_fallback=True
    )


def rpc_style(wsdl):
    text = pathlib.Path(wsdl).read_text(encoding="utf-8")
    return re.search(r"""<(\w+:)?binding\b[^>]*\sstyle\s*=\s*["']rpc["']""", text) is not None


def main():
    args = sys.argv[1:]
    catalog = None
    if "--catalog" in args:
        i = args.index("--catalog")
        catalog = args[i + 1]
        del args[i : i + 2]
    if args[0] == "--schemas-only":
        with tempfile.TemporaryDirectory() as work:
            try:
                load(pathlib.Path(args[1]), catalog, work, "strict")
            except Exception as e:  # noqa: BLE001
                print(f"schemas invalid: {type(e).__name__}: {str(e).replace(work, '<tmp>')}")
                return 1
        print("schemas valid")
        return 0
    wsdl, directory = pathlib.Path(args[0]), pathlib.Path(args[1])
    documents = sorted(directory.glob("*.xml"))
    if rpc_style(wsdl):
        print("mode: none: rpc-style bodies are operation wrappers, not schema elements")
        return 0
    with tempfile.TemporaryDirectory() as work:
        try:
            schema = load(wsdl, catalog, work, "strict")
            print("mode: strict")
        except Exception as strict_error:  # noqa: BLE001 - any build failure selects lax mode
            reason = f"{type(strict_error).__name__}: {short(str(strict_error).replace(work, '<tmp>'))}"
            try:
                schema = load(wsdl, catalog, work, "lax")
                print(f"mode: lax: {reason}")
            except Exception as lax_error:  # noqa: BLE001
                print(f"mode: none: {type(lax_error).__name__}: {short(str(lax_error).replace(work, '<tmp>'))}")
                return 0
        invalid = 0
        for doc in documents:
            errors = list(schema.iter_errors(str(doc)))
            if errors:
                invalid += 1
                print(f"INVALID {doc.name}: {short(errors[0].reason)} at {errors[0].path}")
            else:
                print(f"valid {doc.name}")
        return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
