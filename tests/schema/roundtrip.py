"""Validates the operation bodies the corpus harness encodes against a WSDL's schemas (Python
`xmlschema`), for `tests/corpus/tests/corpus.rs`.

Usage: roundtrip.py WSDL DIR [--catalog CATALOG]
       roundtrip.py --schemas-only WSDL [--catalog CATALOG]  -- only builds the schemas, strictly

Every DIR/*.xml is one SOAP `Body` element; each of its child elements (the body element, the rpc
wrapper, or the parts of a document/literal "bare" message) is validated on its own, as an
instance of the global element declaration of its name. The schemas are:
- the inline schemas of the WSDL and of the WSDLs it imports (`wsdl:import location=...`), cut out
  of `wsdl:types` as written, with the namespace declarations of `wsdl:definitions` copied onto
  each (a schema relies on `tns` and the like declared there);
- `xs:import` / `xs:include` with a relative `schemaLocation`: resolved against the file that holds
  it; without `schemaLocation`: pointed at the sibling inline schema of that namespace, else left
  to xmlschema's built-in copies (soapenc, xml, xsi);
- absolute URLs: mapped through the OASIS catalog (`uri` and `system` entries, relative to the
  catalog file); nothing is fetched from the network;
- a restriction of `soapenc:Array` that only sets `wsdl:arrayType` (WSDL 1.1 section 5) declares,
  to XML Schema, an array without items; it is given its base's content (any elements, lax), as
  the SOAP encoding means;
- for `style="rpc"` bindings, a schema written here for the operation wrappers (WSDL 1.1 section
  3.5): `{soap:body namespace}Operation` and `…Response`, each a sequence of its message's parts
  as unqualified elements of the part's `type` (or a `ref` to its `element`); with
  `use="encoded"`, the wrapper also accepts any attribute of another namespace (the
  `soapenv:encodingStyle` it is written with).

The schemas are built in strict mode; if that fails, in lax mode (unresolved or invalid parts are
skipped). The first output line says which: `mode: strict`, `mode: lax: REASON` or
`mode: none: REASON` (not validated at all). Then one line per child of each `Body`:
`valid NAME: CHILD`, `INVALID NAME: CHILD: REASON at PATH`, `LAX NAME: CHILD: HOW` (an rpc/encoded
wrapper valid only once its `xsi:type="soapenc:Array"` attributes are dropped: XML Schema does
not let the base stand for the restriction an array type is; an INVALID line of such a wrapper
ends with `(xsi:type soapenc:Array ignored)`), or `SKIPPED NAME: CHILD: REASON` when
there is no global element of that name (`not a global element`) or xmlschema itself fails
(`validator failed: …`, e.g. an `xsi:type` naming a type a lax build left out); an empty `Body`
is `empty NAME`. CHILD is the child's `{namespace}local` name. Exit status 1 if any child is invalid.
"""
import pathlib
import re
import sys
import tempfile
import urllib.parse
from xml.etree import ElementTree

import xmlschema
from lxml import etree

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


def reason(error, workdir):
    """The innermost cause of a schema build error, on one line: xmlschema nests the failures of
    imported schemas as `import of namespace '…' failed: …`."""
    text = str(error).replace(workdir, "<tmp>").split("\n", 1)[0].rstrip(":")
    return f"{type(error).__name__}: {short(text.rsplit(' failed: ', 1)[-1])}"


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


SOAPENC = "http://schemas.xmlsoap.org/soap/encoding/"
# A restriction of soapenc:Array (any prefix) up to its end tag.
SOAPENC_ARRAY_RE = re.compile(
    r"""(<(\w+:|)restriction\b[^>]*\sbase\s*=\s*["']([\w.-]+):Array["'][^>]*>)(.*?)(</\2restriction>)""", re.S
)
PARTICLE_RE = re.compile(r"<(\w+:)?(sequence|choice|all|group)\b")


def array_content(m):
    """Gives a particle-less restriction of soapenc:Array the base's content model."""
    head, xs, base_prefix, body, end = m.group(1), m.group(2) or "", m.group(3), m.group(4), m.group(5)
    if PARTICLE_RE.search(body) or SOAPENC not in m.string:
        return m.group(0)
    any_items = (f'<{xs}sequence><{xs}any namespace="##any" processContents="lax" minOccurs="0" '
                 f'maxOccurs="unbounded"/></{xs}sequence>')
    return head + any_items + body + end


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
        schema = SOAPENC_ARRAY_RE.sub(array_content, schema)
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
    sources += [str(p) for p in rpc_wrappers(wsdls, workdir, inline)]
    if not sources:
        raise ValueError("no schemas")

    def mapper(uri):
        return catalog.get(uri, uri)

    return xmlschema.XMLSchema(
        sources, validation=mode, allow="local", uri_mapper=mapper, use_fallback=True
    )


SOAP_BINDING_NS = ("http://schemas.xmlsoap.org/wsdl/soap/", "http://schemas.xmlsoap.org/wsdl/soap12/")
XS = "http://www.w3.org/2001/XMLSchema"


def prefixes(path):
    """Every prefix declared anywhere in the file (the first declaration of a prefix wins)."""
    found = {}
    for _, (prefix, uri) in ElementTree.iterparse(path, events=["start-ns"]):
        found.setdefault(prefix, uri)
    return found


def rpc_wrappers(wsdls, workdir, inline):
    """Writes the wrapper schemas of the rpc-style operations; returns their paths."""
    messages, operations, wrappers = {}, {}, {}
    for path in wsdls:
        ns_map = prefixes(path)
        root = ElementTree.parse(path).getroot()
        tns = root.get("targetNamespace", "")

        def qname(value):
            prefix, _, local = value.rpartition(":")
            return ns_map.get(prefix, ""), local

        for m in root.findall(f"{{{WSDL_NS}}}message"):
            messages[(tns, m.get("name"))] = [
                (p.get("name"), "element" if p.get("element") else "type", qname(p.get("element") or p.get("type") or ""))
                for p in m.findall(f"{{{WSDL_NS}}}part")
            ]
        for pt in root.findall(f"{{{WSDL_NS}}}portType"):
            for op in pt.findall(f"{{{WSDL_NS}}}operation"):
                io = {}
                for which in ("input", "output"):
                    e = op.find(f"{{{WSDL_NS}}}{which}")
                    if e is not None:
                        io[which] = qname(e.get("message"))
                operations[((tns, pt.get("name")), op.get("name"))] = io
        for b in root.findall(f"{{{WSDL_NS}}}binding"):
            soap = next((b.find(f"{{{ns}}}binding") for ns in SOAP_BINDING_NS if b.find(f"{{{ns}}}binding") is not None), None)
            default_style = soap.get("style", "document") if soap is not None else "document"
            for op in b.findall(f"{{{WSDL_NS}}}operation"):
                soap_op = next((op.find(f"{{{ns}}}operation") for ns in SOAP_BINDING_NS if op.find(f"{{{ns}}}operation") is not None), None)
                style = soap_op.get("style", default_style) if soap_op is not None else default_style
                if style != "rpc":
                    continue
                io = operations.get((qname(b.get("type")), op.get("name")), {})
                for which, suffix in (("input", ""), ("output", "Response")):
                    e = op.find(f"{{{WSDL_NS}}}{which}")
                    body = None if e is None else next((e.find(f"{{{ns}}}body") for ns in SOAP_BINDING_NS if e.find(f"{{{ns}}}body") is not None), None)
                    if body is None or which not in io:
                        continue
                    parts = messages.get(io[which], [])
                    if body.get("parts") is not None:
                        wanted = body.get("parts").split()
                        parts = [p for p in parts if p[0] in wanted]
                    encoded = body.get("use") == "encoded"
                    wrappers.setdefault(body.get("namespace", ""), {})[op.get("name") + suffix] = (parts, encoded)
    files = {ns: path for ns, path, _ in inline}
    paths = []
    for ns, elements in wrappers.items():
        used = {q[0] for parts, _ in elements.values() for _, _, q in parts} - {ns, XS}
        decls = "".join(f' xmlns:n{i}="{u}"' for i, u in enumerate(sorted(used)))
        pfx = {u: f"n{i}" for i, u in enumerate(sorted(used))}
        pfx[XS] = "xs"
        pfx[ns] = "w"
        imports = "".join(
            f'<xs:import namespace="{u}"' + (f' schemaLocation="{files[u].as_uri()}"' if u in files else "") + "/>"
            for u in sorted(used)
        )
        body = ""
        for name, (parts, encoded) in elements.items():
            items = "".join(
                f'<xs:element ref="{pfx[q[0]]}:{q[1]}"/>' if kind == "element"
                else f'<xs:element name="{part}" type="{pfx[q[0]]}:{q[1]}" form="unqualified"/>'
                for part, kind, q in parts
            )
            # An rpc/encoded wrapper carries `soapenv:encodingStyle`.
            attrs = '<xs:anyAttribute namespace="##other" processContents="skip"/>' if encoded else ""
            body += (f'<xs:element name="{name}"><xs:complexType><xs:sequence>{items}</xs:sequence>'
                     f"{attrs}</xs:complexType></xs:element>")
        text = (f'<xs:schema xmlns:xs="{XS}" xmlns:w="{ns}"{decls} targetNamespace="{ns}">'
                f"{imports}{body}</xs:schema>")
        path = pathlib.Path(workdir) / f"rpc{len(paths)}.xsd"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


ENCODING_STYLE = "{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def validate(schema, element):
    """The errors of `element` serialized alone, with every namespace declaration in scope (for
    QName values)."""
    return list(schema.iter_errors(etree.tostring(element).decode()))


def drop_array_types(element):
    """Removes the `xsi:type` attributes naming `soapenc:Array` under `element`; whether any."""
    dropped = False
    for e in element.iter():
        value = e.get(XSI_TYPE) if isinstance(e.tag, str) else None
        if value is not None:
            prefix, _, local = value.rpartition(":")
            if local == "Array" and e.nsmap.get(prefix or None) == SOAPENC:
                del e.attrib[XSI_TYPE]
                dropped = True
    return dropped


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
    with tempfile.TemporaryDirectory() as work:
        try:
            schema = load(wsdl, catalog, work, "strict")
            print("mode: strict")
        except Exception as strict_error:  # noqa: BLE001 - any build failure selects lax mode
            why = reason(strict_error, work)
            try:
                schema = load(wsdl, catalog, work, "lax")
                print(f"mode: lax: {why}")
            except Exception as lax_error:  # noqa: BLE001
                print(f"mode: none: {reason(lax_error, work)}")
                return 0
        invalid = 0
        for doc in documents:
            body = etree.parse(str(doc)).getroot()
            children = [c for c in body if isinstance(c.tag, str)]
            if not children:
                print(f"empty {doc.name}")
            for child in children:
                if schema.maps.elements.get(child.tag) is None:
                    print(f"SKIPPED {doc.name}: {child.tag}: not a global element")
                    continue
                try:
                    errors = validate(schema, child)
                    lax = None
                    if errors and child.get(ENCODING_STYLE) is not None and drop_array_types(child):
                        # rpc/encoded: `xsi:type="soapenc:Array"` on an element declared with a
                        # restriction of soapenc:Array is the SOAP encoding's convention, but to
                        # XML Schema the base cannot stand for its restriction: validated without.
                        lax = "xsi:type soapenc:Array ignored"
                        errors = validate(schema, child)
                except Exception as e:  # noqa: BLE001 - xmlschema fails on some lax schemas
                    print(f"SKIPPED {doc.name}: {child.tag}: validator failed: {reason(e, work)}")
                    continue
                if errors:
                    invalid += 1
                    why = f"{short(errors[0].reason)} at {errors[0].path}"
                    print(f"INVALID {doc.name}: {child.tag}: {why}" + (f" ({lax})" if lax else ""))
                elif lax:
                    print(f"LAX {doc.name}: {child.tag}: {lax}")
                else:
                    print(f"valid {doc.name}: {child.tag}")
        return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
