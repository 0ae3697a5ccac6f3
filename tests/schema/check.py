"""Validates XML documents against the schemas inline in a WSDL file, with the `xmlschema` package.

Usage: check.py WSDL DIR  -- validates every DIR/*.xml; each file's root element must be a global
element of one of the WSDL's schemas. Prints one line per file and exits 1 if any is invalid.

The inline schemas are cut out of the WSDL text as written: namespace declarations of
`wsdl:definitions` that a schema relies on (such as `tns`) are copied onto it, and imports without
`schemaLocation` are pointed at the sibling inline schema of that namespace.
"""
import pathlib
import re
import sys
import tempfile
from xml.etree import ElementTree

import xmlschema

SCHEMA_RE = re.compile(r"<(\w+:)?schema\b.*?</\1?schema>", re.S)
START_RE = re.compile(r"<(\w+:)?schema\b[^>]*>", re.S)
XMLNS_RE = re.compile(r"""\sxmlns(?::(\w+))?\s*=\s*("[^"]*"|'[^']*')""")
TNS_RE = re.compile(r"""\stargetNamespace\s*=\s*("[^"]*"|'[^']*')""")


def inline_schemas(wsdl_text, workdir):
    root_tag = re.search(r"<(\w+:)?definitions\b[^>]*>", wsdl_text, re.S).group(0)
    root_ns = dict((p or "", v) for p, v in XMLNS_RE.findall(root_tag))
    files = {}
    for match in SCHEMA_RE.finditer(wsdl_text):
        text = match.group(0)
        start = START_RE.match(text).group(0)
        declared = {p or "" for p, _ in XMLNS_RE.findall(start)}
        extra = "".join(
            f" xmlns{':' + p if p else ''}={v}" for p, v in root_ns.items() if p not in declared
        )
        insert_at = len(start) - (2 if start.endswith("/>") else 1)
        text = text[:insert_at] + extra + text[insert_at:]
        tns = TNS_RE.search(start)
        ns = tns.group(1)[1:-1] if tns else ""
        path = pathlib.Path(workdir) / f"schema{len(files)}.xsd"
        files[ns] = (path, text)
    for ns, (path, text) in files.items():
        def locate(m):
            imported = m.group(2)
            if imported in files and "schemaLocation" not in m.group(0):
                return f'{m.group(1)} namespace="{imported}" schemaLocation="{files[imported][0].name}"'
            return m.group(0)

        text = re.sub(r'(<(?:\w+:)?import)\s+namespace="([^"]*)"', locate, text)
        path.write_text(text, encoding="utf-8")
    return {ns: str(path) for ns, (path, _) in files.items()}


def main():
    wsdl, directory = sys.argv[1], pathlib.Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as work:
        files = inline_schemas(pathlib.Path(wsdl).read_text(encoding="utf-8"), work)
        schemas = {ns: xmlschema.XMLSchema(path, locations=list(files.items())) for ns, path in files.items()}
        documents = sorted(directory.glob("*.xml"))
        if not documents:
            print(f"no documents in {directory}")
            return 1
        invalid = 0
        for doc in documents:
            text = doc.read_text(encoding="utf-8")
            try:
                tag = ElementTree.fromstring(text).tag
            except ElementTree.ParseError as e:
                print(f"INVALID {doc.name}: not well-formed: {e}")
                invalid += 1
                continue
            ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
            schema = schemas.get(ns)
            if schema is None:
                print(f"INVALID {doc.name}: no schema for its namespace")
                invalid += 1
                continue
            errors = list(schema.iter_errors(text))
            if errors:
                invalid += 1
                print(f"INVALID {doc.name}: {errors[0].reason} at {errors[0].path}")
            else:
                print(f"valid {doc.name}")
        print(f"{len(documents) - invalid} valid, {invalid} invalid")
        return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
