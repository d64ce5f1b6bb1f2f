// The ExecCredential conversation of client-go's exec.go, pure: what a plugin is told, how its
// answer is read (and that no error quotes it), the cache key, the cache record and its expiry.
#include "core/kube/exec_credential.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace devk8s::core::kube;
using std::chrono::hours;
using std::chrono::seconds;

namespace {

const std::string k_v1beta1 = "client.authentication.k8s.io/v1beta1";
const std::string k_secret = "k8s-aws-v1.c2VjcmV0LXRva2Vu";

ClusterAccess access_with_exec()
{
  ClusterAccess a;
  a.context = "dev";
  a.user = "eks";
  a.server = "https://10.0.0.1:6443";
  a.exec = ExecConfig{};
  a.exec->command = "aws";
  a.exec->args = {"eks", "get-token"};
  a.exec->api_version = k_v1beta1;
  a.exec->interactive_mode = "IfAvailable";
  return a;
}

std::string credential(const std::string& status, const std::string& api_version = k_v1beta1)
{
  return R"({"kind":"ExecCredential","apiVersion":")" + api_version + R"(","spec":{},"status":)" + status + "}";
}

} // namespace

TEST_CASE("exec_info: KUBERNETES_EXEC_INFO as client-go encodes it", "[kube][exec]")
{
  auto a = access_with_exec();
  SECTION("without provideClusterInfo: the kind, the version and interactive false")
  {
    CHECK(exec_info(a, "PEM") ==
          R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{"interactive":false}})");
  }
  SECTION("with it: the cluster, the CA as data and the extension's config")
  {
    a.exec->provide_cluster_info = true;
    a.exec->cluster_config = R"({"audience":"x"})";
    a.tls_server_name = "kubernetes";
    a.proxy_url = "http://proxy:3128";
    const auto doc = nlohmann::json::parse(exec_info(a, "---CA---"));
    const auto& cluster = doc["spec"]["cluster"];
    CHECK(cluster["server"] == "https://10.0.0.1:6443");
    CHECK(cluster["tls-server-name"] == "kubernetes");
    CHECK(cluster["certificate-authority-data"] == "LS0tQ0EtLS0=");
    CHECK(cluster["proxy-url"] == "http://proxy:3128");
    CHECK(cluster["config"]["audience"] == "x");
    CHECK_FALSE(cluster.contains("insecure-skip-tls-verify"));
    CHECK(doc["spec"]["interactive"] == false);
  }
}

TEST_CASE("parse_exec_credential: what a plugin prints", "[kube][exec]")
{
  SECTION("a token with an expiry")
  {
    const auto c = parse_exec_credential(
        credential(R"({"token":")" + k_secret + R"(","expirationTimestamp":"2026-11-22T01:00:00Z"})"), k_v1beta1);
    REQUIRE(c);
    CHECK(c->token == k_secret);
    REQUIRE(c->expiry);
    CHECK(format_rfc3339(*c->expiry) == "2026-11-22T01:00:00Z");
  }
  SECTION("a client certificate and key, no expiry")
  {
    const auto c = parse_exec_credential(credential(R"({"clientCertificateData":"CERT","clientKeyData":"KEY"})"), k_v1beta1);
    REQUIRE(c);
    CHECK(c->client_certificate_pem == "CERT");
    CHECK(c->client_key_pem == "KEY");
    CHECK_FALSE(c->expiry);
  }
  SECTION("what client-go refuses, said without quoting a byte of it")
  {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "it printed nothing on stdout"},
        {"token " + k_secret, "its stdout is not JSON (at 1:2)"},
        {R"({"token": )" + k_secret, "its stdout is not JSON (at 1:11)"},
        {R"(["x"])", "its stdout is JSON but not an object"},
        {R"({"status":{"token":")" + k_secret + R"("}})", "it printed JSON without a kind, not an ExecCredential"},
        {credential(R"({"token":")" + k_secret + R"("})", "client.authentication.k8s.io/v1"),
         "it returned apiVersion client.authentication.k8s.io/v1, but the kubeconfig's exec.apiVersion is "
         "client.authentication.k8s.io/v1beta1"},
        {R"({"kind":"ExecCredential","apiVersion":")" + k_v1beta1 + R"("})", "it returned no status field"},
        {credential("{}"), "it returned neither a token nor a client certificate and key"},
        {credential(R"({"clientCertificateData":"C"})"), "it returned only a client certificate, no key"},
        {credential(R"({"token":")" + k_secret + R"(","expirationTimestamp":"tomorrow"})"),
         "its status.expirationTimestamp is not an RFC 3339 time"},
        {credential(R"({"token":7})"), "status.token is not a string"},
    };
    for (const auto& [out, why] : cases) {
      CAPTURE(out);
      const auto c = parse_exec_credential(out, k_v1beta1);
      REQUIRE_FALSE(c);
      CHECK(c.error().message == why);
      CHECK(c.error().message.find(k_secret) == std::string::npos);
      CHECK(c.error().message.find("c2Vj") == std::string::npos);
    }
  }
}

TEST_CASE("exec_cache_key: one credential per plugin configuration and cluster", "[kube][exec]")
{
  const auto a = access_with_exec();
  const auto key = exec_cache_key(a);
  CHECK(key.size() == 64);
  CHECK(exec_cache_key(a) == key);
  auto other_user_same_plugin = a;
  other_user_same_plugin.user = "someone-else"; // client-go keys on the config and the cluster, not the name
  CHECK(exec_cache_key(other_user_same_plugin) == key);
  auto other_server = a;
  other_server.server = "https://10.0.0.2:6443";
  CHECK(exec_cache_key(other_server) != key);
  auto other_args = a;
  other_args.exec->args.push_back("--region=eu-west-1");
  CHECK(exec_cache_key(other_args) != key);
  auto other_env = a;
  other_env.exec->env.emplace_back("AWS_PROFILE", "prod");
  CHECK(exec_cache_key(other_env) != key);
  // Fields run together would collide in a naive concatenation; the key keeps them apart.
  auto split = a;
  split.exec->args = {"eksget-token"};
  CHECK(exec_cache_key(split) != key);
  // Bytes that are not UTF-8 (a DER certificate-authority-data, a Latin-1 argument): a key, and
  // one of its own (found by review: JSON's dump() threw, an internal error).
  auto binary = a;
  binary.certificate_authority.pem = std::string("\x30\x82\x03\xff", 4);
  binary.exec->args.push_back("--user=Jos\xe9");
  const auto binary_key = exec_cache_key(binary);
  CHECK(binary_key.size() == 64);
  auto other_byte = binary;
  other_byte.exec->args.back() = "--user=Jos\xe8";
  CHECK(exec_cache_key(other_byte) != binary_key);
}

TEST_CASE("exec_info: strings that are not UTF-8 become U+FFFD, as Go's encoding/json writes them", "[kube][exec]")
{
  auto a = access_with_exec();
  a.exec->provide_cluster_info = true;
  a.server = "https://caf\xe9:6443";
  const auto info = exec_info(a, "");
  CHECK(info.find("\"server\":\"https://caf\xef\xbf\xbd:6443\"") != std::string::npos);
}

TEST_CASE("exec_cache_record and usable_from_cache: a cached credential until its expiry", "[kube][exec]")
{
  const auto now = WallClock::time_point(seconds(1'800'000'000));
  ExecCredential c;
  c.token = k_secret;
  c.expiry = now + hours(1);
  const auto record = exec_cache_record(c, k_v1beta1);
  const auto back = parse_exec_credential(record, k_v1beta1);
  REQUIRE(back);
  CHECK(back->token == k_secret);
  CHECK(back->expiry == c.expiry);
  CHECK(usable_from_cache(*back, now));
  CHECK(usable_from_cache(*back, now + std::chrono::minutes(59)));
  CHECK_FALSE(usable_from_cache(*back, now + std::chrono::minutes(59) + seconds(31))); // within the margin
  CHECK_FALSE(usable_from_cache(*back, now + hours(2)));
  ExecCredential forever;
  forever.token = "t";
  CHECK_FALSE(usable_from_cache(forever, now)); // no expiry: good for one run only
}

TEST_CASE("format_rfc3339", "[kube][exec]")
{
  CHECK(format_rfc3339(WallClock::time_point(seconds(0))) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(WallClock::time_point(seconds(951782400))) == "2000-02-29T00:00:00Z");
  CHECK(format_rfc3339(WallClock::time_point(seconds(1621504800))) == "2021-05-20T10:00:00Z");
}
