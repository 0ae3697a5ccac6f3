#!/usr/bin/env bash
# Builds the gSOAP interop peer (interop/gsoap/server.cpp) from wsdl/Services88-User.wsdl.
# Usage: interop/gsoap/build.sh [OUTDIR]   (OUTDIR relative to the repo root,
#        default target/interop/gsoap). Prints the path of the built gsoap-server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
out="${1:-target/interop/gsoap}"
wsdl=wsdl/Services88-User.wsdl

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
bin="$out/gsoap-server"
# Everything that determines the binary; regenerate and rebuild only when it changes.
stamp="$(cat "$wsdl" "$here/typemap.dat" "$here/server.cpp" "$here/build.sh" | sha256sum | cut -d' ' -f1)-$(soapcpp2 -V 2>&1)"
if [ -x "$bin" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "$bin"
  exit 0
fi

# -k: no mustUnderstand on request headers; -L: less doc comments; -t: our namespace prefixes.
wsdl2h -c++11 -k -L -t "$here/typemap.dat" -o "$out/user.h" "$wsdl" >"$out/wsdl2h.log" 2>&1 ||
  { cat "$out/wsdl2h.log" >&2; exit 1; }
# -S: server side only; -1: SOAP 1.1; -L -x -w: no libs, sample messages, WSDL/XSD copies.
soapcpp2 -c++11 -1 -S -L -x -w -d "$out" -I/usr/share/gsoap/import "$out/user.h" >"$out/soapcpp2.log" 2>&1 ||
  { cat "$out/soapcpp2.log" >&2; exit 1; }
grep -i 'warning' "$out/wsdl2h.log" "$out/soapcpp2.log" >&2 || true

# pkg-config supplies -DWITH_DOM -DWITH_IPV6: the library was built with them and the
# layout of struct soap depends on them. soapC.cpp (the slowest) compiles in parallel.
cxx() { g++ -std=c++17 -O0 -Wall $(pkg-config --cflags gsoap++) -I"$out" -c "$1" -o "$2"; }
cxx "$out/soapC.cpp" "$out/soapC.o" &
serializers=$!
cxx "$out/soapServer.cpp" "$out/soapServer.o"
cxx "$here/server.cpp" "$out/server.o"
wait "$serializers"
g++ "$out/server.o" "$out/soapC.o" "$out/soapServer.o" $(pkg-config --libs gsoap++) -o "$bin.tmp"
mv "$bin.tmp" "$bin"
echo "$stamp" >"$out/.stamp"
echo "$bin"
