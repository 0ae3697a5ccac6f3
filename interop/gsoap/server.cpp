// gSOAP peer for interop tests: serves the User service of wsdl/Services88-User.wsdl
// (SaveExternalTokens, DecryptAndSaveExternalTokens, GetExternalTokens) from memory.
// Built by interop/gsoap/build.sh; soapH.h etc. are generated there by wsdl2h + soapcpp2.
//
// Usage: gsoap-server PORT   (PORT 0 picks a free port; the line "listening on N" tells which)
#include "soapH.h"
#include "BasicHttpBinding_USCOREUser.nsmap"

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

namespace {

struct Tokens {
  std::optional<std::string> provider, access, refresh;
};

std::map<std::string, Tokens> store;
unsigned next_key = 1;
volatile std::sig_atomic_t stopping = 0;

std::optional<std::string> get(const std::string *s) {
  return s ? std::optional<std::string>(*s) : std::nullopt;
}

std::string *put(soap *soap, const std::optional<std::string> &s) {
  if (!s) return nullptr;
  std::string *p = soap_new_std__string(soap);
  *p = *s;
  return p;
}

// Replaces the request header (which gSOAP would otherwise echo back) by the response
// headers: Succeeded = true, ExtraInfo {server: gsoap}, and the request's TimeZone echoed.
void set_response_headers(soap *soap) {
  SOAP_ENV__Header *in = soap->header;
  SOAP_ENV__Header *out = soap_new_SOAP_ENV__Header(soap);
  out->so__Succeeded = static_cast<bool *>(soap_malloc(soap, sizeof(bool)));
  *out->so__Succeeded = true;
  out->so__ExtraInfo = soap_new_so__SoExtraInfo(soap);
  auto &entry = out->so__ExtraInfo->ExtraInfoNameValuePair.emplace_back();
  entry.Key = put(soap, "server");
  entry.Value = put(soap, "gsoap");
  out->so__TimeZone = in ? in->so__TimeZone : nullptr;
  soap->header = out;
}

// Sender fault (HTTP 500 with SOAP 1.1) without a SOAP Header.
int fault(soap *soap, const char *reason) {
  soap->header = nullptr;
  return soap_sender_fault(soap, reason, nullptr);
}

bool has_ticket(soap *soap) {
  const SOAP_ENV__Header *h = soap->header;
  return h && h->so__Credentials && h->so__Credentials->Ticket && !h->so__Credentials->Ticket->empty();
}

int save(soap *soap, const so__TokenManagementInfo *info, std::string *&response) {
  if (!has_ticket(soap)) return fault(soap, "Ticket required");
  std::string key = "gsoap-key-" + std::to_string(next_key++);
  Tokens &t = store[key];
  if (info) t = {get(info->Provider), get(info->AccessToken), get(info->RefreshToken)};
  response = put(soap, key);
  set_response_headers(soap);
  return SOAP_OK;
}

}  // namespace

int __so__SaveExternalTokens(soap *soap, _so__SaveExternalTokens *req, _so__SaveExternalTokensResponse &res) {
  return save(soap, req ? req->TokenManagementInfo : nullptr, res.Response);
}

int __so__DecryptAndSaveExternalTokens(soap *soap, _so__DecryptAndSaveExternalTokens *req,
                                       _so__DecryptAndSaveExternalTokensResponse &res) {
  return save(soap, req ? req->TokenManagementInfo : nullptr, res.Response);
}

int __so__GetExternalTokens(soap *soap, _so__GetExternalTokens *req, _so__GetExternalTokensResponse &res) {
  if (!has_ticket(soap)) return fault(soap, "Ticket required");
  auto found = (req && req->Key) ? store.find(*req->Key) : store.end();
  if (found == store.end()) return fault(soap, "unknown key");
  res.Response = soap_new_so__TokenManagementInfo(soap);
  res.Response->Provider = put(soap, found->second.provider);
  res.Response->AccessToken = put(soap, found->second.access);
  res.Response->RefreshToken = put(soap, found->second.refresh);
  set_response_headers(soap);
  return SOAP_OK;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  std::signal(SIGTERM, [](int) { stopping = 1; });
  std::signal(SIGINT, [](int) { stopping = 1; });

  soap *soap = soap_new1(SOAP_C_UTFSTRING);  // std::string holds UTF-8 as is
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
