"""Interop: zeep (Python) as a WS-Addressing 1.0 client of the Rust server.

Usage: test_addressing.py URL WSDL

URL serves the `Calculator` of WSDL (tests/fixtures/addressing.wsdl: a SOAP 1.2 binding whose
policy requires WS-Addressing), as tests/tests/interop_zeep_addressing.rs starts it. zeep adds
wsa:Action, wsa:MessageID and wsa:To to operations with an explicit wsam:Action. Checks:
- Echo answers, with the response's wsa:Action and a wsa:RelatesTo naming zeep's MessageID;
- an undeclared fault from Echo reaches zeep with the SOAP fault action;
- the one-way Notify is accepted;
- Divide has no explicit action, so zeep sends no WS-Addressing headers: the server refuses it
  with the wsa:MessageAddressingHeaderRequired fault, which zeep reports as a Fault with that
  subcode.
Prints one line per check and a closing "N passed, N failed" line; exits 1 on any failure.
"""
import sys

import zeep
from lxml import etree
from zeep.plugins import HistoryPlugin

WSA = "http://www.w3.org/2005/08/addressing"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
TNS = "http://example.com/fixtures/addressing"

results = []


def check(name, fn):
    try:
        ok, detail = fn()
    except Exception as e:  # noqa: BLE001 - any error fails this check only
        ok, detail = False, f"{type(e).__name__}: {e}"
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}")


def header(envelope, local):
    found = envelope.find(f"{{{SOAP12}}}Header/{{{WSA}}}{local}")
    return None if found is None else (found.text or "").strip()


def main():
    url, wsdl = sys.argv[1], sys.argv[2]
    history = HistoryPlugin()
    client = zeep.Client(wsdl, plugins=[history])
    service = client.create_service(f"{{{TNS}}}WSHttpBinding_Calculator", url)

    def echo():
        answer = service.Echo(text="hello")
        sent, received = history.last_sent["envelope"], history.last_received["envelope"]
        message_id = header(sent, "MessageID")
        action = header(received, "Action")
        relates_to = header(received, "RelatesTo")
        ok = (
            answer == "hello"
            and header(sent, "Action") == f"{TNS}/Calculator/Echo"
            and message_id is not None
            and relates_to == message_id
            and action == f"{TNS}/Calculator/EchoResponse"
        )
        return ok, f"answer={answer!r} sent MessageID={message_id} RelatesTo={relates_to} Action={action}"

    def undeclared_fault():
        try:
            service.Echo(text="fail")
        except zeep.exceptions.Fault as fault:
            received = history.last_received["envelope"]
            action = header(received, "Action")
            ok = "echo refused" in fault.message and action == "http://www.w3.org/2005/08/addressing/soap/fault"
            return ok, f"message={fault.message!r} action={action}"
        return False, "no fault"

    def one_way():
        answer = service.Notify(event="started")
        sent = history.last_sent["envelope"]
        return answer is None and header(sent, "Action") == "urn:example:calculator:Notify", repr(answer)

    def addressing_required():
        try:
            service.Divide(dividend=7, divisor=2)
        except zeep.exceptions.Fault as fault:
            subcodes = [etree.QName(q.namespace, q.localname) if hasattr(q, "localname") else q for q in (fault.subcodes or [])]
            names = [str(q) for q in subcodes]
            ok = f"{{{WSA}}}MessageAddressingHeaderRequired" in names
            return ok, f"subcodes={names} message={fault.message!r}"
        return False, "Divide without addressing headers was answered"

    check("Echo: wsa:Action of the response, RelatesTo zeep's MessageID", echo)
    check("Echo fault: the SOAP fault action", undeclared_fault)
    check("Notify (one-way) accepted", one_way)
    check("Divide without WS-Addressing: wsa:MessageAddressingHeaderRequired", addressing_required)

    passed = sum(results)
    failed = len(results) - passed
    print(f"zeep addressing: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
