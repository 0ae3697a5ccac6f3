// Shared by the gSOAP corpus peers (interop/gsoap-corpus/*/server.cpp): the accept loop, and
// the "seen" log through which each operation reports, on stdout, a canonical text of what it
// decoded from the request, one line per request, for the test to compare.
//
// Usage of every peer: SERVER PORT   (PORT 0 picks a free port; the first line on stdout is
// "listening on N"; then one "seen <operation> <text>" line per request).
#pragma once

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace peer {

inline volatile std::sig_atomic_t stopping = 0;

// One log line; newlines in values would break the line protocol, so they are escaped.
inline void seen(const std::string &operation, const std::string &text) {
  std::string line = "seen " + operation + " ";
  for (char c : text) {
    if (c == '\n')
      line += "\\n";
    else
      line += c;
  }
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

// An integer's text as a number (0 when it is not one: gSOAP keeps xs:integer as text).
inline long num(const std::string &s) { return std::strtol(s.c_str(), nullptr, 10); }

// "-" for an absent optional value.
inline std::string opt(const std::string *s) { return s ? *s : std::string("-"); }

template <class T>
T *copy(soap *soap, const T &value) {
  T *p = static_cast<T *>(soap_malloc(soap, sizeof(T)));
  new (p) T(value);
  return p;
}

inline std::string *str(soap *soap, const std::string &value) {
  std::string *p = soap_new_std__string(soap);
  *p = value;
  return p;
}

// Serves on 127.0.0.1:PORT until SIGTERM/SIGINT (exit 0). Exit 1: cannot bind; 2: bad usage.
inline int run(int argc, char **argv, soap *soap) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  std::signal(SIGTERM, [](int) { stopping = 1; });
  std::signal(SIGINT, [](int) { stopping = 1; });
  soap->bind_flags = SO_REUSEADDR;
  soap->accept_timeout = -200000;  // µs: wake up 5 times a second to notice SIGTERM
  soap->recv_timeout = soap->send_timeout = 10;
  if (!soap_valid_socket(soap_bind(soap, "127.0.0.1", std::atoi(argv[1]), 16))) {
    soap_print_fault(soap, stderr);
    return 1;
  }
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  getsockname(soap->master, reinterpret_cast<sockaddr *>(&addr), &len);
  std::printf("listening on %d\n", ntohs(addr.sin_port));
  std::fflush(stdout);
  while (!stopping) {
    if (!soap_valid_socket(soap_accept(soap))) {
      if (soap->errnum == 0 || stopping) continue;  // accept timeout or signal
      soap_print_fault(soap, stderr);
      break;
    }
    if (soap_serve(soap) != SOAP_OK) soap_print_fault(soap, stderr);  // logs faults sent
    soap_destroy(soap);
    soap_end(soap);
  }
  soap_destroy(soap);
  soap_end(soap);
  soap_free(soap);
  return stopping ? 0 : 1;
}

}  // namespace peer
