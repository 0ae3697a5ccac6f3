"""Interop: zeep (Python) as the client of the Rust token server.

Usage: test_zeep.py SERVER_BINARY

Starts SERVER_BINARY (the generated-example `server`) on a free loopback port with a fresh SQLite
database, loads the project's WSDL with zeep, points it at the server and checks:
- SaveExternalTokens with ApplicationToken and Credentials headers returns a key;
- GetExternalTokens with that key returns the saved tokens, and the Succeeded response header;
- an unknown key and a missing ticket are answered with SOAP faults;
- every request and response body and header exchanged validates against the WSDL's schemas.
Prints one line per check and a closing "N passed, N failed" line.
"""
import pathlib
import subprocess
import sys
import tempfile

import zeep
from lxml import etree
from zeep.plugins import HistoryPlugin

ROOT = pathlib.Path(__file__).resolve().parents[2]
WSDL = ROOT / "wsdl" / "Services88-User.wsdl"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
sys.path.insert(0, str(ROOT / "tests" / "schema"))
import check  # noqa: E402  (the schema checker the Rust tests use)

results = []


def record(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")


def start_server(binary, database):
    proc = subprocess.Popen(
        [binary, "127.0.0.1:0", str(database)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    line = proc.stdout.readline()
    if "listening on " not in line:
        proc.kill()
        raise RuntimeError(f"server did not start: {line!r} {proc.stderr.read()!r}")
    return proc, line.split("listening on ", 1)[1].split()[0]


WSA = "http://www.w3.org/2005/08/addressing"
addressing_headers = set()


def envelope_parts(envelope):
    """Body and header elements of a SOAP 1.1 envelope as standalone documents. zeep adds
    WS-Addressing headers (the WSDL has wsaw:Action attributes); they are not in the WSDL's schemas
    and are only noted."""
    parts = []
    for section in ("Header", "Body"):
        for el in envelope.findall(f"{{{SOAP11}}}{section}/*"):
            if el.tag.startswith(f"{{{WSA}}}"):
                addressing_headers.add(etree.QName(el).localname)
                continue
            parts.append(etree.tostring(el, encoding="unicode"))
    return parts


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        proc, url = start_server(binary, pathlib.Path(work) / "tokens.sqlite3")
        try:
            history = HistoryPlugin(maxlen=100)
            exchanged = []

            def remember():
                exchanged.extend(envelope_parts(history.last_sent["envelope"]))
                exchanged.extend(envelope_parts(history.last_received["envelope"]))

            client = zeep.Client(str(WSDL), plugins=[history])
            service = client.create_service(
                "{http://www.superoffice.net/ws/crm/NetServer/Services88}BasicHttpBinding_User", url
            )
            headers = {"ApplicationToken": "zeep-app-token", "Credentials": {"Ticket": "7T:zeep-ticket"}}
            tokens = {"Provider": "zeep-idp", "AccessToken": "access-zeep", "RefreshToken": "refresh-zeep"}

            saved = service.SaveExternalTokens(TokenManagementInfo=tokens, _soapheaders=headers)
            remember()
            key = saved.body.Response if hasattr(saved, "body") else saved
            record("SaveExternalTokens returns a key", isinstance(key, str) and len(key) == 36, repr(key))
            sent = etree.tostring(history.last_sent["envelope"], encoding="unicode")
            record("zeep sent the headers inside soap:Header", "ApplicationToken" in sent and "7T:zeep-ticket" in sent)

            got = service.GetExternalTokens(Key=key, _soapheaders=headers)
            remember()
            body = got.body.Response if hasattr(got, "body") else got
            record(
                "GetExternalTokens returns the saved tokens",
                body is not None
                and (body.Provider, body.AccessToken, body.RefreshToken)
                == (tokens["Provider"], tokens["AccessToken"], tokens["RefreshToken"]),
                repr(body),
            )
            succeeded = getattr(got, "header", None)
            succeeded = getattr(succeeded, "Succeeded", None) if succeeded is not None else None
            record("the Succeeded response header is true", succeeded is True, repr(got))

            try:
                service.GetExternalTokens(Key="00000000-0000-4000-8000-000000000000", _soapheaders=headers)
                record("an unknown key is a fault", False, "no fault")
            except zeep.exceptions.Fault as fault:
                record("an unknown key is a fault", "no tokens" in fault.message, fault.message)

            try:
                service.SaveExternalTokens(TokenManagementInfo=tokens, _soapheaders={"ApplicationToken": "x"})
                record("a missing ticket is a fault", False, "no fault")
            except zeep.exceptions.Fault as fault:
                record("a missing ticket is a fault", "Ticket" in fault.message, fault.message)

            with tempfile.TemporaryDirectory() as docs:
                for i, xml in enumerate(exchanged):
                    pathlib.Path(docs, f"{i:02}.xml").write_text(xml, encoding="utf-8")
                sys.argv = ["check.py", str(WSDL), docs]
                record(f"the {len(exchanged)} exchanged bodies and headers validate", check.main() == 0)
            print(f"note: zeep also sent WS-Addressing headers {sorted(addressing_headers)}; the server ignored them")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    failed = results.count(False)
    print(f"zeep: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
