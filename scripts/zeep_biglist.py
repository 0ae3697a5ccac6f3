#!/usr/bin/env python3
"""zeep's side of the large decode in scripts/bench-peers: a GetUserInfoList response envelope
(../shared/peers/gen_big_response.py) read into memory, then decoded once through the binding's
reply path, as ../shared/peers/zeep/bench.py decodes SaveExternalTokens (parse_xml with zeep's
settings, fault check, header + body objects). Only the decode is timed.

Usage: zeep_biglist.py BIG_XML WSDL
Prints: items=, decode_ms=
"""

import sys
import time

import requests
from zeep import Client


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: zeep_biglist.py BIG_XML WSDL")
    with open(sys.argv[1], "rb") as f:
        body = f.read()
    client = Client(sys.argv[2])
    binding = client.service._binding
    operation = binding.get("GetUserInfoList")
    response = requests.Response()
    response.status_code = 200
    response._content = body
    response.headers["Content-Type"] = "text/xml; charset=utf-8"
    response.encoding = "utf-8"

    t0 = time.perf_counter_ns()
    result = binding.process_reply(client, operation, response)
    ms = (time.perf_counter_ns() - t0) / 1e6

    items = result.body["Response"]["UserInfo"] if result.body["Response"] else []
    print(f"items={len(items)}")
    print(f"decode_ms={ms:.1f}")


if __name__ == "__main__":
    main()
