// gSOAP peer for WS-Security interop tests: serves the User service of
// wsdl/Services88-User.wsdl (SaveExternalTokens, DecryptAndSaveExternalTokens,
// GetExternalTokens) from memory, behind a wsse:UsernameToken that gSOAP's wsse plugin
// verifies. Built by interop/gsoap-wsse/build.sh; soapH.h etc. are generated there by
// wsdl2h + soapcpp2 (with `#import "wsse.h"` from this directory's typemap.dat).
//
// Usage: gsoap-wsse-server PORT   (PORT 0 picks a free port; the line "listening on N" tells which)
//
// The only account is user "alice" with password "s3cret pass" (PasswordText or PasswordDigest).
#include "soapH.h"
#include "BasicHttpBinding_USCOREUser.nsmap"
#include "wsseapi.h"

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>

namespace {

const char *const kUser = "alice";
const char *const kPassword = "s3cret pass";

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

// How the request authenticated, reported back in the ExtraInfo response header so that a
// test can tell which of gSOAP's checks ran.
struct Login {
  std::string user, password_type, timestamp;
};

// Verifies the request's wsse:Security header with the plugin, before any operation runs:
// - a UsernameToken must be there (soap_wsse_get_Username faults wsse:FailedAuthentication
//   "Username authentication required" otherwise) and name kUser;
// - soap_wsse_verify_Password checks a PasswordText by comparison and a PasswordDigest by
//   recomputing it over Nonce + Created + kPassword (plus gSOAP's Created window and its
//   in-process replay memory);
// - if the header has a wsu:Timestamp, soap_wsse_verify_Timestamp checks its Expires.
// A failure is the plugin's Sender fault (faultcode wsse:FailedAuthentication, or
// wsu:MessageExpired for the timestamp), sent without a SOAP Header. On success, as on
// failure, the Security header is dropped from the context: gSOAP would otherwise echo it,
// password and all, in the response.
int authenticate(soap *soap, Login &login) {
  int status = SOAP_OK;
  const char *user = soap_wsse_get_Username(soap);
  if (!user) {
    // No token: the fault is set already. (A token without Username sets none.)
    status = soap->error != SOAP_OK
                 ? soap->error
                 : soap_wsse_fault(soap, wsse__FailedAuthentication, "Username authentication required");
  } else if (std::strcmp(user, kUser) != 0) {
    status = soap_wsse_fault(soap, wsse__FailedAuthentication, nullptr);
  } else if (soap_wsse_verify_Password(soap, kPassword) != SOAP_OK) {
    status = soap->error;
  } else if (soap_wsse_Timestamp(soap) && soap_wsse_verify_Timestamp(soap) != SOAP_OK) {
    status = soap->error;
  } else {
    const _wsse__UsernameToken *token = soap_wsse_UsernameToken(soap, nullptr);
    bool digest = token->Password && token->Password->Type &&
                  std::strcmp(token->Password->Type, wsse_PasswordDigestURI) == 0;
    login = {user, digest ? "digest" : "text", soap_wsse_Timestamp(soap) ? "yes" : "no"};
  }
  soap_wsse_delete_Security(soap);
  if (status != SOAP_OK) soap->header = nullptr;  // the fault goes out without a Header
  return status;
}

// Replaces the request header by the response headers: Succeeded = true, ExtraInfo
// {server: gsoap-wsse, user, password: text|digest, timestamp: yes|no}, and the request's
// TimeZone echoed. The new header has no wsse__Security member set.
void set_response_headers(soap *soap, const Login &login) {
  SOAP_ENV__Header *in = soap->header;
  SOAP_ENV__Header *out = soap_new_SOAP_ENV__Header(soap);
  out->so__Succeeded = static_cast<bool *>(soap_malloc(soap, sizeof(bool)));
  *out->so__Succeeded = true;
  out->so__ExtraInfo = soap_new_so__SoExtraInfo(soap);
  auto &info = out->so__ExtraInfo->ExtraInfoNameValuePair;
  const std::pair<const char *, std::string> pairs[] = {
      {"server", "gsoap-wsse"},
      {"user", login.user},
      {"password", login.password_type},
      {"timestamp", login.timestamp},
  };
  for (const auto &[key, value] : pairs) {
    auto &entry = info.emplace_back();
    entry.Key = put(soap, key);
    entry.Value = put(soap, value);
  }
  out->so__TimeZone = in ? in->so__TimeZone : nullptr;
  soap->header = out;
}

// Sender fault (HTTP 500 with SOAP 1.1) without a SOAP Header.
int fault(soap *soap, const char *reason) {
  soap->header = nullptr;
  return soap_sender_fault(soap, reason, nullptr);
}

int save(soap *soap, const so__TokenManagementInfo *info, std::string *&response) {
  Login login;
  if (int status = authenticate(soap, login)) return status;
  std::string key = "gsoap-key-" + std::to_string(next_key++);
  Tokens &t = store[key];
  if (info) t = {get(info->Provider), get(info->AccessToken), get(info->RefreshToken)};
  response = put(soap, key);
  set_response_headers(soap, login);
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
  Login login;
  if (int status = authenticate(soap, login)) return status;
  auto found = (req && req->Key) ? store.find(*req->Key) : store.end();
  if (found == store.end()) return fault(soap, "unknown key");
  res.Response = soap_new_so__TokenManagementInfo(soap);
  res.Response->Provider = put(soap, found->second.provider);
  res.Response->AccessToken = put(soap, found->second.access);
  res.Response->RefreshToken = put(soap, found->second.refresh);
  set_response_headers(soap, login);
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
  // Once, on the context that serves: the plugin's state outlives soap_end().
  if (soap_register_plugin(soap, soap_wsse) != SOAP_OK) {
    soap_print_fault(soap, stderr);
    return 1;
  }
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
