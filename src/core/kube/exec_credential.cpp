#include "core/kube/exec_credential.hpp"

#include "core/registry/token.hpp"
#include "util/base64.hpp"
#include "util/json_parse.hpp"
#include "util/sha256.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::kube {

namespace {

// Go's time.Time counts from year 1; Howard Hinnant's civil_from_days, the inverse of the
// days_from_civil that parse_rfc3339 uses.
void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d)
{
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
}

std::string two(unsigned value)
{
  return std::string(1, static_cast<char>('0' + value / 10)) + static_cast<char>('0' + value % 10);
}

// A field of status that must be a string when present: client-go's decoder refuses anything else.
util::Result<std::string> string_field(const nlohmann::json& status, const char* name)
{
  const auto it = status.find(name);
  if (it == status.end() || it->is_null()) {
    return std::string();
  }
  if (!it->is_string()) {
    return util::failure(std::string("status.") + name + " is not a string");
  }
  return it->get<std::string>();
}

} // namespace

std::string exec_info(const ClusterAccess& access, const std::string& ca_pem)
{
  const ExecConfig& exec = *access.exec;
  // exec.go refreshCredsLocked: spec.interactive says whether stdin was handed over; devk8s
  // never hands it over, so a plugin does not wait for an answer nobody can type.
  nlohmann::ordered_json spec;
  if (exec.provide_cluster_info) {
    // clientauthentication/v1 Cluster: the kubeconfig's cluster, CA as data (base64 of the PEM).
    nlohmann::ordered_json cluster;
    cluster["server"] = access.server;
    if (!access.tls_server_name.empty()) {
      cluster["tls-server-name"] = access.tls_server_name;
    }
    if (access.insecure_skip_tls_verify) {
      cluster["insecure-skip-tls-verify"] = true;
    }
    if (!ca_pem.empty()) {
      cluster["certificate-authority-data"] = util::base64_encode(ca_pem);
    }
    if (!access.proxy_url.empty()) {
      cluster["proxy-url"] = access.proxy_url;
    }
    if (!exec.cluster_config.empty()) {
      cluster["config"] = nlohmann::ordered_json::parse(exec.cluster_config, nullptr, false);
    }
    spec["cluster"] = std::move(cluster);
  }
  spec["interactive"] = false;
  nlohmann::ordered_json doc;
  doc["kind"] = "ExecCredential";
  doc["apiVersion"] = exec.api_version;
  doc["spec"] = std::move(spec);
  // The kubeconfig's strings need not be UTF-8; JSON text must be (as Go's encoding/json does,
  // a byte that is not becomes U+FFFD).
  return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

util::Result<ExecCredential> parse_exec_credential(std::string_view out, const std::string& api_version)
{
  auto parsed = util::parse_json(out);
  if (!parsed) {
    // parse_json says "LINE:COLUMN: why", and nlohmann's why quotes what it last read, which
    // may be part of a token: keep the position only.
    const std::string& message = parsed.error().message;
    const auto colon = message.find(": ");
    return util::failure(out.find_first_not_of(" \t\r\n") == std::string_view::npos
                             ? std::string("it printed nothing on stdout")
                             : "its stdout is not JSON (at " + message.substr(0, colon) + ")");
  }
  const nlohmann::json& doc = *parsed;
  if (!doc.is_object()) {
    return util::failure("its stdout is JSON but not an object");
  }
  const auto text = [&doc](const char* key) {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (text("kind") != "ExecCredential") {
    return util::failure("it printed " + (text("kind").empty() ? std::string("JSON without a kind") : "kind " + text("kind")) +
                         ", not an ExecCredential");
  }
  // exec.go: "exec plugin is configured to use API version %s, plugin returned version %s".
  if (text("apiVersion") != api_version) {
    return util::failure("it returned apiVersion " + (text("apiVersion").empty() ? std::string("(none)") : text("apiVersion")) +
                         ", but the kubeconfig's exec.apiVersion is " + api_version);
  }
  const auto status = doc.find("status");
  if (status == doc.end() || !status->is_object()) {
    return util::failure("it returned no status field"); // exec.go: "exec plugin didn't return a status field"
  }
  ExecCredential credential;
  DEVK8S_TRY(credential.token, string_field(*status, "token"));
  DEVK8S_TRY(credential.client_certificate_pem, string_field(*status, "clientCertificateData"));
  DEVK8S_TRY(credential.client_key_pem, string_field(*status, "clientKeyData"));
  if (credential.token.empty() && credential.client_certificate_pem.empty() && credential.client_key_pem.empty()) {
    return util::failure("it returned neither a token nor a client certificate and key");
  }
  if (credential.client_certificate_pem.empty() != credential.client_key_pem.empty()) {
    return util::failure(std::string("it returned only a client ") +
                         (credential.client_key_pem.empty() ? "certificate, no key" : "key, no certificate"));
  }
  DEVK8S_TRY(const std::string expiry, string_field(*status, "expirationTimestamp"));
  if (!expiry.empty()) {
    credential.expiry = registry::parse_rfc3339(expiry);
    if (!credential.expiry) {
      return util::failure("its status.expirationTimestamp is not an RFC 3339 time");
    }
  }
  return credential;
}

std::string exec_cache_key(const ClusterAccess& access)
{
  const ExecConfig& exec = *access.exec;
  // Each field as its length and its bytes: no two configurations give the same sequence, and
  // any bytes will do (a kubeconfig's strings need not be UTF-8, as JSON text must be: a binary
  // certificate-authority-data once made this an internal error).
  util::Sha256 digest;
  const auto field = [&digest](std::string_view value) {
    digest.update(std::to_string(value.size()));
    digest.update(":");
    digest.update(value);
  };
  field("devk8s exec credential v2");
  field(exec.command);
  field(std::to_string(exec.args.size()));
  for (const auto& arg : exec.args) {
    field(arg);
  }
  field(std::to_string(exec.env.size()));
  for (const auto& [name, value] : exec.env) {
    field(name);
    field(value);
  }
  for (const std::string_view value :
       {std::string_view(exec.api_version), std::string_view(exec.interactive_mode),
        std::string_view(exec.provide_cluster_info ? "1" : "0"), std::string_view(exec.cluster_config),
        std::string_view(access.server), std::string_view(access.tls_server_name),
        std::string_view(access.certificate_authority.file), std::string_view(access.certificate_authority.pem),
        std::string_view(access.insecure_skip_tls_verify ? "1" : "0"), std::string_view(access.proxy_url)}) {
    field(value);
  }
  return digest.hex();
}

std::string exec_cache_record(const ExecCredential& credential, const std::string& api_version)
{
  nlohmann::ordered_json status;
  if (credential.expiry) {
    status["expirationTimestamp"] = format_rfc3339(*credential.expiry);
  }
  if (!credential.token.empty()) {
    status["token"] = credential.token;
  }
  if (!credential.client_certificate_pem.empty()) {
    status["clientCertificateData"] = credential.client_certificate_pem;
    status["clientKeyData"] = credential.client_key_pem;
  }
  nlohmann::ordered_json doc;
  doc["kind"] = "ExecCredential";
  doc["apiVersion"] = api_version;
  doc["status"] = std::move(status);
  return doc.dump() + "\n";
}

bool usable_from_cache(const ExecCredential& credential, WallClock::time_point now, std::chrono::seconds margin)
{
  // The margin keeps a credential that is about to lapse from being handed to a run that may
  // take a while to read the cluster: the plugin is asked for a new one instead.
  return credential.expiry && now + margin < *credential.expiry;
}

std::string format_rfc3339(WallClock::time_point time)
{
  const long long secs = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  long long days = secs / 86400;
  long long rest = secs % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  long long year = 0;
  unsigned month = 0;
  unsigned day = 0;
  civil_from_days(days, year, month, day);
  const auto r = static_cast<unsigned>(rest);
  return std::to_string(year) + "-" + two(month) + "-" + two(day) + "T" + two(r / 3600) + ":" + two(r / 60 % 60) + ":" +
         two(r % 60) + "Z";
}

} // namespace devk8s::core::kube
