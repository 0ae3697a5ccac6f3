"""Interop: zeep (Python) as the client of the Rust token server.

Usage: test_zeep.py SERVER_BINARY

Starts SERVER_BINARY (the generated-example `server`) on a free loopback port with a fresh SQLite
database, loads the project's WSDL with zeep, points it at the server and checks:
- SaveExternalTokens with ApplicationToken and Credentials headers returns a key;
- GetExternalTokens with that key returns the saved tokens, and the Succeeded response header;
- an unknown key and a missing ticket are answered with SOAP faults;
- every request and response body and header exchanged validates against the WSDL's schemas;
- WS-Security (UsernameToken Profile 1.1): two servers on one database with
  TOKEN_SERVER_WSSE_USERS set accept zeep's UsernameToken as text and as digest (with a
  wsu:Timestamp), refuse a wrong password and a missing token with the WSS fault codes, and a
  digest replayed to the other server is refused.
Prints one line per check and a closing "N passed, N failed" line.
"""
import datetime
import os
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
import check as schema_check  # noqa: E402  (the schema checker the Rust tests use)

results = []


def record(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")


def start_server(binary, database, env=None):
    proc = subprocess.Popen(
        [binary, "127.0.0.1:0", str(database)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=None if env is None else {**os.environ, **env},
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


def check(name, fn):
    """Runs one check; an unexpected exception is a failure of that check, not of the run."""
    try:
        ok, detail = fn()
    except Exception as e:  # noqa: BLE001 - any error fails this check only
        ok, detail = False, f"{type(e).__name__}: {e}"
    record(name, ok, detail)


def expect_fault(call, words):
    try:
        call()
    except zeep.exceptions.Fault as fault:
        return words in (fault.message or ""), fault.message
    return False, "no fault"


def main():
    binary = sys.argv[1]
    try:
        run(binary)
    except Exception as e:  # noqa: BLE001 - report, then print the closing line
        record("the interop run", False, f"{type(e).__name__}: {e}")
    failed = results.count(False)
    print(f"zeep: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def run(binary):
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
            state = {}

            def save():
                saved = service.SaveExternalTokens(TokenManagementInfo=tokens, _soapheaders=headers)
                remember()
                state["key"] = key = saved.body.Response
                return isinstance(key, str) and len(key) == 36, repr(key)

            def headers_in_header():
                sent = etree.tostring(history.last_sent["envelope"], encoding="unicode")
                header = history.last_sent["envelope"].find(f"{{{SOAP11}}}Header")
                inside = etree.tostring(header, encoding="unicode") if header is not None else ""
                return "7T:zeep-ticket" in inside and "ApplicationToken" in inside, sent[:300]

            def get():
                got = service.GetExternalTokens(Key=state["key"], _soapheaders=headers)
                remember()
                state["got"] = got
                body = got.body.Response
                values = (body.Provider, body.AccessToken, body.RefreshToken)
                return values == (tokens["Provider"], tokens["AccessToken"], tokens["RefreshToken"]), repr(values)

            def succeeded_header():
                return state["got"].header.Succeeded is True, repr(state["got"].header)

            check("SaveExternalTokens returns a key", save)
            check("zeep sent the headers inside soap:Header", headers_in_header)
            check("GetExternalTokens returns the saved tokens", get)
            check("the Succeeded response header is true", succeeded_header)
            check(
                "an unknown key is a fault",
                lambda: expect_fault(
                    lambda: service.GetExternalTokens(Key="00000000-0000-4000-8000-000000000000", _soapheaders=headers),
                    "no tokens",
                ),
            )
            check(
                "a missing ticket is a fault",
                lambda: expect_fault(
                    lambda: service.SaveExternalTokens(TokenManagementInfo=tokens, _soapheaders={"ApplicationToken": "x"}),
                    "Ticket",
                ),
            )

            def validate():
                with tempfile.TemporaryDirectory() as docs:
                    for i, xml in enumerate(exchanged):
                        pathlib.Path(docs, f"{i:02}.xml").write_text(xml, encoding="utf-8")
                    sys.argv = ["check.py", str(WSDL), docs]
                    return len(exchanged) >= 8 and schema_check.main() == 0, f"{len(exchanged)} documents"

            check("the exchanged bodies and headers validate", validate)
            print(f"note: zeep also sent WS-Addressing headers {sorted(addressing_headers)}; the server ignored them")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        run_ws_security(binary, pathlib.Path(work))


WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"


def run_ws_security(binary, work):
    """Two servers with WS-Security on one database, called by zeep with UsernameTokens."""
    from zeep.wsse import utils as wsse_utils
    from zeep.wsse.username import UsernameToken

    users = work / "users.txt"
    users.write_text("# user password\nalice s3cret pass\n", encoding="utf-8")
    env = {"TOKEN_SERVER_WSSE_USERS": str(users)}
    database = work / "secured.sqlite3"
    first, first_url = start_server(binary, database, env)
    try:
        second, second_url = start_server(binary, database, env)
    except Exception:
        first.terminate()
        raise
    try:
        history = HistoryPlugin(maxlen=10)
        headers = {"ApplicationToken": "zeep-app-token", "Credentials": {"Ticket": "7T:zeep-ticket"}}
        tokens = {"Provider": "zeep-idp", "AccessToken": "access-wsse", "RefreshToken": "refresh-wsse"}
        binding = "{http://www.superoffice.net/ws/crm/NetServer/Services88}BasicHttpBinding_User"

        def service(url, wsse):
            client = zeep.Client(str(WSDL), wsse=wsse, plugins=[history])
            return client.create_service(binding, url)

        def save(url, wsse):
            saved = service(url, wsse).SaveExternalTokens(TokenManagementInfo=tokens, _soapheaders=headers)
            return saved.body.Response

        def timestamp():
            now = datetime.datetime.now(datetime.timezone.utc)
            stamp = wsse_utils.WSU.Timestamp()
            stamp.append(wsse_utils.WSU.Created(wsse_utils.get_timestamp(now)))
            stamp.append(wsse_utils.WSU.Expires(wsse_utils.get_timestamp(now + datetime.timedelta(minutes=5))))
            return stamp

        def sent_security():
            sent = history.last_sent["envelope"].find(f"{{{SOAP11}}}Header/{{{WSSE}}}Security")
            return sent is not None

        def text():
            key = save(first_url, UsernameToken("alice", "s3cret pass"))
            return isinstance(key, str) and len(key) == 36 and sent_security(), repr(key)

        def digest():
            token = UsernameToken("alice", "s3cret pass", use_digest=True, timestamp_token=timestamp())
            key = save(second_url, token)
            return isinstance(key, str) and len(key) == 36 and sent_security(), repr(key)

        def wss_fault(call, code):
            try:
                call()
            except zeep.exceptions.Fault as fault:
                return code in str(fault.code), f"{fault.code}: {fault.message}"
            return False, "no fault"

        wrong = UsernameToken("alice", "guess", use_digest=True)
        # One message, sent to both servers: the nonce and Created are fixed.
        created = datetime.datetime.now(datetime.timezone.utc)
        replayed = UsernameToken("alice", "s3cret pass", use_digest=True, nonce="zeep-fixed-nonce", created=created)
        check("WS-Security: a PasswordText UsernameToken is accepted", text)
        check("WS-Security: a PasswordDigest UsernameToken with a Timestamp is accepted", digest)
        check(
            "WS-Security: a wrong password is wsse:FailedAuthentication",
            lambda: wss_fault(lambda: save(first_url, wrong), "FailedAuthentication"),
        )
        check(
            "WS-Security: a request without a token is wsse:InvalidSecurity",
            lambda: wss_fault(lambda: save(first_url, None), "InvalidSecurity"),
        )
        check(
            "WS-Security: a digest is accepted once",
            lambda: (isinstance(save(first_url, replayed), str), "first use"),
        )
        check(
            "WS-Security: the same digest replayed to the other server is refused",
            lambda: wss_fault(lambda: save(second_url, replayed), "FailedAuthentication"),
        )
    finally:
        for proc in (first, second):
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
