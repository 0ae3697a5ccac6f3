#!/usr/bin/env bash
# Builds the gSOAP peers of interop/gsoap-corpus, one per corpus WSDL, each from the WSDL as it
# is in ../shared/corpus (read in place, never copied):
#   docdata-payments  WsdlToPhp__PackageGenerator/tests/resources/docdatapayments/1_3.wsdl
#   cxf-rpc-lit       apache__cxf/testutils/src/main/resources/wsdl/hello_world_rpc_lit.wsdl
#   mantisconnect     mantisbt__mantisbt/api/soap/mantisconnect.wsdl
# Usage: interop/gsoap-corpus/build.sh [OUTDIR]   (OUTDIR relative to the repo root, default
#        target/interop/gsoap-corpus). Writes OUTDIR/<id>/server and prints each path.
#
#   wsdl2h   -x -P -t /usr/share/gsoap/WS/typemap.dat -o OUT/<id>/out.h <wsdl>   (as scripts/corpus-gsoap)
#   soapcpp2 -S -x -w -L "${extra[@]}" -d OUT/<id> -I/usr/share/gsoap/import OUT/<id>/out.h
# -S (server side only, plain functions) instead of corpus-gsoap's -j (client and server
# classes). <id>/server.cpp implements some operations; every other operation of the WSDL gets a
# generated stub (OUT/<id>/stubs.cpp) that answers a Receiver fault "not implemented".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
out="${1:-target/interop/gsoap-corpus}"
corpus=../shared/corpus
# id, WSDL, extra soapcpp2 options (-t: write xsi:type on every element, as SOAP-encoded peers do).
peers=(
  "docdata-payments WsdlToPhp__PackageGenerator/tests/resources/docdatapayments/1_3.wsdl"
  "cxf-rpc-lit apache__cxf/testutils/src/main/resources/wsdl/hello_world_rpc_lit.wsdl"
  "mantisconnect mantisbt__mantisbt/api/soap/mantisconnect.wsdl -t"
)

[ -d "$corpus" ] || { echo "build.sh: $corpus not found (the shared corpus, see $corpus/README.md)" >&2; exit 1; }
corpus="$(cd "$corpus" && pwd)"
have_gsoap() {
  command -v g++ >/dev/null && command -v wsdl2h >/dev/null && command -v soapcpp2 >/dev/null &&
    [ -f /usr/include/stdsoap2.h ] && pkg-config --exists gsoap++ 2>/dev/null
}
if ! have_gsoap; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "build.sh: gSOAP is missing; install it as root: apt-get install gsoap libgsoap-dev pkg-config g++" >&2
    exit 1
  fi
  echo "build.sh: installing gsoap, libgsoap-dev" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq gsoap libgsoap-dev pkg-config g++ >/dev/null
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# stubs STUB_H SERVER_CPP: a definition answering "not implemented" for every service operation
# declared in soapStub.h that SERVER_CPP does not define.
stubs() {
  echo '#include "soapH.h"'
  sed -n 's/^ *SOAP_FMAC5 int SOAP_FMAC6 \([A-Za-z_][A-Za-z_0-9]*\)(struct soap\*\(.*\));$/\1\t\2/p' "$1" |
    while IFS=$'\t' read -r name params; do
      case "$name" in soap_*) continue ;; esac
      grep -q "\\b$name(" "$2" && continue
      echo "int $name(struct soap *soap$params) { return soap_receiver_fault(soap, \"not implemented\", nullptr); }"
    done
}

build() {
  local id="$1" wsdl="$corpus/$2" extra=("${@:3}")
  local dir="$out/$id" src="$here/$id"
  local bin="$dir/server"
  # Everything that determines the binary; regenerate and rebuild only when it changes.
  local stamp
  stamp="$(cat "$wsdl" "$(dirname "$wsdl")"/*.xsd "$src/server.cpp" "$here/common.h" "$here/build.sh" 2>/dev/null |
    sha256sum | cut -d' ' -f1)-$(soapcpp2 -V 2>&1)"
  if [ -x "$bin" ] && [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "$bin"
    return 0
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  # Run in $dir (env -C), so that no typemap.dat of the current directory is used.
  env -C "$dir" wsdl2h -x -P -t /usr/share/gsoap/WS/typemap.dat -o "$dir/out.h" "$wsdl" >"$dir/wsdl2h.log" 2>&1 ||
    { cat "$dir/wsdl2h.log" >&2; return 1; }
  soapcpp2 -S -x -w -L "${extra[@]}" -d "$dir" -I/usr/share/gsoap/import "$dir/out.h" >"$dir/soapcpp2.log" 2>&1 ||
    { cat "$dir/soapcpp2.log" >&2; return 1; }
  stubs "$dir/soapStub.h" "$src/server.cpp" >"$dir/stubs.cpp"
  # pkg-config supplies -DWITH_DOM -DWITH_IPV6, which the library was built with (the layout of
  # struct soap depends on them). soapC.cpp (the slowest) compiles in parallel.
  cxx() { g++ -std=c++17 -O0 -Wall $(pkg-config --cflags gsoap++) -I"$dir" -c "$1" -o "$2"; }
  cxx "$dir/soapC.cpp" "$dir/soapC.o" &
  local serializers=$!
  cxx "$dir/soapServer.cpp" "$dir/soapServer.o"
  cxx "$dir/stubs.cpp" "$dir/stubs.o"
  cxx "$src/server.cpp" "$dir/server.o"
  wait "$serializers"
  g++ "$dir/server.o" "$dir/stubs.o" "$dir/soapC.o" "$dir/soapServer.o" $(pkg-config --libs gsoap++) -o "$bin.tmp"
  mv "$bin.tmp" "$bin"
  echo "$stamp" >"$dir/.stamp"
  echo "$bin"
}

for peer in "${peers[@]}"; do
  build $peer
done
