#!/usr/bin/env bash
# Builds the gSOAP WS-Security interop peer (interop/gsoap-wsse/server.cpp) from
# wsdl/Services88-User.wsdl, with gSOAP's wsse plugin.
# Usage: interop/gsoap-wsse/build.sh [OUTDIR]   (OUTDIR relative to the repo root,
#        default target/interop/gsoap-wsse). Prints the path of the built gsoap-wsse-server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
out="${1:-target/interop/gsoap-wsse}"
wsdl=wsdl/Services88-User.wsdl
share=/usr/share/gsoap

# The plugin needs OpenSSL (the digest's SHA-1) and the library flavour built with it
# (gsoapssl++); its headers include zlib.h and openssl/*.h.
have_gsoap() {
  command -v g++ >/dev/null && command -v wsdl2h >/dev/null && command -v soapcpp2 >/dev/null &&
    [ -f /usr/include/stdsoap2.h ] && [ -f "$share/plugin/wsseapi.cpp" ] &&
    [ -f /usr/include/openssl/evp.h ] && [ -f /usr/include/zlib.h ] &&
    pkg-config --exists gsoapssl++ 2>/dev/null
}
if ! have_gsoap; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "build.sh: gSOAP is missing; install it as root: apt-get install gsoap libgsoap-dev libssl-dev zlib1g-dev pkg-config g++" >&2
    exit 1
  fi
  echo "build.sh: installing gsoap, libgsoap-dev, libssl-dev, zlib1g-dev" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq gsoap libgsoap-dev libssl-dev zlib1g-dev pkg-config g++ >/dev/null
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
bin="$out/gsoap-wsse-server"
# Everything that determines the binary; regenerate and rebuild only when it changes.
# (The plugin sources come with the gSOAP version.)
stamp="$(cat "$wsdl" "$here/typemap.dat" "$here/server.cpp" "$here/build.sh" | sha256sum | cut -d' ' -f1)-$(soapcpp2 -V 2>&1)"
if [ -x "$bin" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "$bin"
  exit 0
fi

# -k: no mustUnderstand on the WSDL's request headers; -L: less doc comments; -t: our
# prefixes and the `#import "wsse.h"`.
wsdl2h -c++11 -k -L -t "$here/typemap.dat" -o "$out/user.h" "$wsdl" >"$out/wsdl2h.log" 2>&1 ||
  { cat "$out/wsdl2h.log" >&2; exit 1; }
# -S: server side only; -1: SOAP 1.1; -L -x -w: no libs, sample messages, WSDL/XSD copies.
# wsse.h is in import/; the SAML headers it pulls in import custom/struct_timeval.h.
soapcpp2 -c++11 -1 -S -L -x -w -d "$out" -I"$share/import:$share" "$out/user.h" >"$out/soapcpp2.log" 2>&1 ||
  { cat "$out/soapcpp2.log" >&2; exit 1; }
grep -i 'warning' "$out/wsdl2h.log" "$out/soapcpp2.log" >&2 || true

# pkg-config supplies -DWITH_OPENSSL -DWITH_GZIP -DWITH_DOM -DWITH_IPV6: the library was
# built with them and the layout of struct soap depends on them. The plugin sources include
# the generated soapH.h, so they are compiled as C++ against $out. The plugin's own files get
# no -Wall (they are gSOAP's; smdevp.c uses OpenSSL calls deprecated in 3.0).
flags="-std=c++17 -O0 $(pkg-config --cflags gsoapssl++) -I$out -I$share/plugin -I$share"
cxx() { g++ $flags -Wall -c "$1" -o "$2"; }
plugin() { g++ -x c++ $flags -Wno-deprecated-declarations -c "$1" -o "$2"; }
# soapC.cpp (the serializers, over 1 MB with the WS-Security types) is by far the slowest:
# it compiles in the background while the rest is compiled one file at a time.
cxx "$out/soapC.cpp" "$out/soapC.o" &
serializers=$!
cxx "$out/soapServer.cpp" "$out/soapServer.o"
cxx "$here/server.cpp" "$out/server.o"
plugin "$share/plugin/wsseapi.cpp" "$out/wsseapi.o"
plugin "$share/plugin/smdevp.c" "$out/smdevp.o"
plugin "$share/plugin/mecevp.c" "$out/mecevp.o"
plugin "$share/custom/struct_timeval.c" "$out/struct_timeval.o"
wait "$serializers"
# libgsoapssl++ does not pull in libcrypto for the plugin's objects: name it explicitly.
g++ "$out"/{server,soapC,soapServer,wsseapi,smdevp,mecevp,struct_timeval}.o \
  $(pkg-config --libs --static gsoapssl++) -o "$bin.tmp"
mv "$bin.tmp" "$bin"
echo "$stamp" >"$out/.stamp"
echo "$bin"
