#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora in fuzz/corpus/<target>/ (ignored by git) from the shared
material beside the checkout (../shared) and the inputs saved under fuzz/regressions/<target>/.

- dispatch: the published request examples (../shared/examples/Services88-User/*.request.xml),
  each as sent (SOAP 1.2, no action), with the action in the content type and SOAPAction, and as
  a SOAP 1.1 envelope; the two leading bytes choose content type, SOAPAction and operation (see
  wsdl_codegen_tests::fuzzing::dispatch).
- client_decode: the published response examples and ../shared/peers/response.xml, each behind a
  byte choosing the operation (wsdl_codegen_tests::fuzzing::client_decode).
- wsdl_front_end: every WSDL and XSD of ../shared/corpus and the project's wsdl/, packed as the
  target's archive (main.wsdl, a.xsd, b.wsdl, catalog.xml split by a "%%" line): the first schema
  and the first WSDL a file imports become a.xsd and b.wsdl (one level deep), absolute-URL imports
  that ../shared/corpus/_standard/catalog.xml maps keep their URL and get an entry in catalog.xml,
  every other import or include is dropped. Archives over 128 KiB are skipped (slow to run).

Usage: fuzz/seed.py [TARGET...]   (default: all three)
"""

import hashlib
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
SHARED = (ROOT / ".." / "shared").resolve()
EXAMPLES = SHARED / "examples" / "Services88-User"
CORPUS = SHARED / "corpus"
SEPARATOR = b"\n%%\n"
MAX_ARCHIVE = 128 * 1024
SOAP11 = b"http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = b"http://www.w3.org/2003/05/soap-envelope"


def write(target, data):
    """Writes `data` into the corpus of `target` under its hash (as libFuzzer names inputs)."""
    out = FUZZ / "corpus" / target
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def regressions(target):
    """The saved regression inputs are seeds too."""
    for path in sorted((FUZZ / "regressions" / target).glob("*")):
        if path.is_file():
            write(target, path.read_bytes())


def binding_operations():
    """Operation names in the order of the generated binding (the published WSDL's binding)."""
    text = (SHARED / "wsdl" / "Services88-User.wsdl").read_text(encoding="utf-8")
    binding = re.search(r"<wsdl:binding\b.*?</wsdl:binding>", text, re.S).group(0)
    return re.findall(r'<wsdl:operation name="([^"]+)"', binding)


def client_decode_operations():
    """CLIENT_DECODE_OPERATIONS of tests/src/fuzzing.rs, in order."""
    text = (ROOT / "tests" / "src" / "fuzzing.rs").read_text(encoding="utf-8")
    block = re.search(r"CLIENT_DECODE_OPERATIONS: &\[&str\] = &\[(.*?)\];", text, re.S).group(1)
    return re.findall(r'"([^"]+)"', block)


def examples(kind):
    return sorted(EXAMPLES.glob(f"*.{kind}.xml"))


def seed_dispatch():
    ops = binding_operations()
    for path in examples("request"):
        name = path.name.split(".")[0]
        op = ops.index(name) if name in ops else 0
        body = path.read_bytes()
        # flags: bits 0-2 content type, bits 3-5 SOAPAction (fuzzing::dispatch).
        write("dispatch", bytes([0x02, op]) + body)  # application/soap+xml, no action
        write("dispatch", bytes([(1 << 3) | 3, op]) + body)  # action parameter and SOAPAction
        write("dispatch", bytes([(2 << 3) | 1, op]) + body.replace(SOAP12, SOAP11))  # SOAP 1.1
    regressions("dispatch")


def seed_client_decode():
    ops = client_decode_operations()
    for i, path in enumerate(examples("response")):
        name = path.name.split(".")[0]
        body = path.read_bytes()
        op = ops.index(name) if name in ops else i % len(ops)
        write("client_decode", bytes([op]) + body)
        if name in ops:
            write("client_decode", bytes([op]) + body.replace(SOAP12, SOAP11))
    write("client_decode", bytes([ops.index("SaveExternalTokens")]) + (SHARED / "peers" / "response.xml").read_bytes())
    regressions("client_decode")


# --- wsdl_front_end ---------------------------------------------------------------------------

IMPORT = re.compile(
    rb"<((?:[\w.-]+:)?)(import|include|redefine)\b([^>]*?)(/>|>(?:\s|<!--.*?-->)*</\1\2\s*>)", re.S
)
LOCATION = re.compile(rb'\b(schemaLocation|location)\s*=\s*("([^"]*)"|\'([^\']*)\')')


def standard_catalog():
    """URL -> local file, from the corpus's catalog of standard schemas."""
    path = CORPUS / "_standard" / "catalog.xml"
    text = path.read_text(encoding="utf-8")
    mapping = {}
    for name, uri in re.findall(r'<uri name="([^"]+)" uri="([^"]+)"', text):
        mapping[name] = (path.parent / uri).resolve()
    return mapping


def is_absolute(ref):
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) is not None


class Archive:
    """The four files of one wsdl_front_end input being assembled."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.slots = {}  # resolved path -> slot name
        self.contents = {}  # slot name -> bytes
        self.entries = []  # (url, slot) for catalog.xml

    def resolve(self, ref, base):
        if is_absolute(ref):
            return self.catalog.get(ref)
        path = (base.parent / ref).resolve()
        return path if path.is_file() else None

    def place(self, target):
        """The slot `target` has or gets (None when both are taken)."""
        if target in self.slots:
            return self.slots[target]
        wanted = ["b.wsdl", "a.xsd"] if target.suffix == ".wsdl" else ["a.xsd", "b.wsdl"]
        for slot in wanted:
            if slot not in self.contents:
                self.slots[target] = slot
                self.contents[slot] = None  # reserved; filled by rewrite()
                return slot
        return None

    def rewrite(self, text, path, depth):
        """`text` of `path` with its imports pointed at the slots (placing what they import while
        `depth` allows) or dropped."""
        placed = []

        def one(match):
            element = match.group(0)
            loc = LOCATION.search(element)
            if loc is None:
                return element  # an import by namespace alone
            ref = (loc.group(3) if loc.group(3) is not None else loc.group(4)).decode("utf-8", "replace")
            target = self.resolve(ref, path)
            slot = None
            if target is not None:
                slot = self.slots.get(target) or (self.place(target) if depth > 0 else None)
            if slot is None:
                return b""
            if self.contents.get(slot) is None:
                placed.append((target, slot))
            if is_absolute(ref):
                self.entries.append((ref, slot))
                return element
            quote = loc.group(2)[:1]
            new = loc.group(1) + b"=" + quote + slot.encode() + quote
            return element[: loc.start()] + new + element[loc.end():]

        out = IMPORT.sub(one, text)
        for target, slot in placed:
            if self.contents.get(slot) is None:
                self.contents[slot] = b""  # guards against cycles while rewriting
                self.contents[slot] = self.rewrite(target.read_bytes(), target, depth - 1)
        return out

    def pack(self, main):
        files = [main, self.contents.get("a.xsd") or b"", self.contents.get("b.wsdl") or b""]
        if self.entries:
            lines = [b'<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">']
            for url, slot in dict.fromkeys(self.entries):
                lines.append(b'  <uri name="%s" uri="%s"/>' % (url.encode(), slot.encode()))
                lines.append(b'  <system systemId="%s" uri="%s"/>' % (url.encode(), slot.encode()))
            lines.append(b"</catalog>")
            files.append(b"\n".join(lines) + b"\n")
        while len(files) > 1 and not files[-1]:
            files.pop()
        return SEPARATOR.join(files)


def wrapper(schema):
    """A WSDL whose inline schema imports a.xsd (the schema's target namespace, if any)."""
    tns = re.search(rb'\btargetNamespace\s*=\s*"([^"]*)"', schema)
    namespace = b' namespace="%s"' % tns.group(1) if tns else b""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" '
        b'xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:fuzz:wrapper">\n'
        b'  <types><xs:schema targetNamespace="urn:fuzz:wrapper:types">'
        b'<xs:import%s schemaLocation="a.xsd"/></xs:schema></types>\n'
        b"</definitions>\n" % namespace
    )


def seed_wsdl_front_end():
    catalog = standard_catalog()
    inputs = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".wsdl", ".xsd") or p.name.endswith(".asmx.xml"))
    inputs.append(ROOT / "wsdl" / "Services88-User.wsdl")
    written = skipped = 0
    for path in inputs:
        archive = Archive(catalog)
        if path.suffix == ".xsd":
            target = path.resolve()
            archive.slots[target] = "a.xsd"
            archive.contents["a.xsd"] = b""
            archive.contents["a.xsd"] = archive.rewrite(path.read_bytes(), target, 1)
            data = archive.pack(wrapper(path.read_bytes()))
        else:
            data = archive.pack(archive.rewrite(path.read_bytes(), path.resolve(), 2))
        if len(data) > MAX_ARCHIVE:
            skipped += 1
            continue
        write("wsdl_front_end", data)
        written += 1
    regressions("wsdl_front_end")
    print(f"wsdl_front_end: {written} archives ({skipped} over {MAX_ARCHIVE // 1024} KiB skipped)")


def main(targets):
    if not (SHARED / "README.md").is_file():
        sys.exit(f"error: the shared material is missing: expected it at {SHARED}")
    seeders = {
        "dispatch": seed_dispatch,
        "client_decode": seed_client_decode,
        "wsdl_front_end": seed_wsdl_front_end,
    }
    for target in targets or seeders:
        if target not in seeders:
            sys.exit(f"error: unknown target {target} (one of {', '.join(seeders)})")
        seeders[target]()
        count = len(os.listdir(FUZZ / "corpus" / target))
        print(f"{target}: {count} inputs in {(FUZZ / 'corpus' / target).relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
