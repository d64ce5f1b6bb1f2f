#include "core/kube/kubeconfig.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::kube;

namespace {

// As minikube v1.20.0 writes ~/.kube/config (pkg/minikube/kubeconfig; the seed's files).
const char* const k_minikube = R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority: /root/.minikube/ca.crt
    server: https://192.168.49.2:8443
  name: minikube
contexts:
- context:
    cluster: minikube
    namespace: default
    user: minikube
  name: minikube
current-context: minikube
kind: Config
preferences: {}
users:
- name: minikube
  user:
    client-certificate: /root/.minikube/profiles/minikube/client.crt
    client-key: /root/.minikube/profiles/minikube/client.key
)";

// As kind writes it: inline base64 data ("LS0t" is "---"), a relative path to test resolution.
const char* const k_kind = R"(apiVersion: v1
kind: Config
current-context: kind-kind
clusters:
- name: kind-kind
  cluster:
    server: https://127.0.0.1:38123
    certificate-authority-data: LS0tQ0EtLS0=
- name: minikube
  cluster:
    server: https://10.0.0.1:8443
contexts:
- name: kind-kind
  context: {cluster: kind-kind, user: kind-kind, namespace: apps}
users:
- name: kind-kind
  user:
    client-certificate-data: |
      LS0tQ0VS
      VC0tLQ==
    client-key: keys/kind.key
)";

ClusterAccess must(const std::vector<KubeconfigFile>& files, const std::string& context = {})
{
  auto access = select_context(files, context);
  INFO((access ? std::string() : access.error().message));
  REQUIRE(access);
  return *access;
}

std::string error_of(const std::vector<KubeconfigFile>& files, const std::string& context = {})
{
  auto access = select_context(files, context);
  REQUIRE_FALSE(access);
  return access.error().message;
}

} // namespace

TEST_CASE("kubeconfig: minikube's own file gives its server certificates and namespace", "[kube]")
{
  const auto a = must({{"/root/.kube/config", k_minikube}});
  CHECK(a.context == "minikube");
  CHECK(a.server == "https://192.168.49.2:8443");
  CHECK(a.certificate_authority.file == "/root/.minikube/ca.crt");
  CHECK(a.client_certificate.file == "/root/.minikube/profiles/minikube/client.crt");
  CHECK(a.client_key.file == "/root/.minikube/profiles/minikube/client.key");
  CHECK(a.namespace_name == "default");
  CHECK(a.origin == "/root/.kube/config");
  CHECK_FALSE(a.insecure_skip_tls_verify);
}

TEST_CASE("kubeconfig: KUBECONFIG files merge as kubectl merges them", "[kube]")
{
  const std::vector<KubeconfigFile> files = {{"/home/u/.kube/config", k_minikube}, {"/etc/kind/config", k_kind}};
  SECTION("the first file's current-context wins, and its cluster of the same name")
  {
    const auto a = must(files);
    CHECK(a.context == "minikube");
    CHECK(a.server == "https://192.168.49.2:8443");
  }
  SECTION("--context picks another; inline data is decoded; relative paths follow their file")
  {
    const auto a = must(files, "kind-kind");
    CHECK(a.server == "https://127.0.0.1:38123");
    CHECK(a.certificate_authority.pem == "---CA---");
    CHECK(a.certificate_authority.file.empty());
    CHECK(a.client_certificate.pem == "---CERT---"); // line breaks in a block scalar, as Go's decoder skips them
    CHECK(a.client_key.file == "/etc/kind/keys/kind.key");
    CHECK(a.namespace_name == "apps");
  }
  SECTION("an empty file is an empty config")
  {
    CHECK(must({{"/empty", "\n"}, {"/root/.kube/config", k_minikube}}).context == "minikube");
  }
}

TEST_CASE("kubeconfig: every broken file gets a line that names the file and the field", "[kube]")
{
  CHECK(error_of({{"/c", k_minikube}}, "minikub") == "context \"minikub\" does not exist (did you mean \"minikube\"?)");
  CHECK(error_of({{"/c", "apiVersion: v1\nkind: Config\n"}}) == "no current context in /c");
  CHECK(error_of({}) == "no current context in any kubeconfig");
  CHECK(error_of({{"/c", "current-context: x\ncontexts:\n- name: x\n  context: {cluster: gone, user: u}\n"}}) ==
        "/c: context \"x\" names cluster \"gone\", which no kubeconfig file defines");
  CHECK(error_of({{"/c", "current-context: x\ncontexts:\n- name: x\n  context: {cluster: c}\nclusters:\n- name: c\n  cluster: {}\n"}}) ==
        "/c: cluster \"c\" has no server");
  const std::string base = "current-context: x\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\nclusters:\n- name: c\n"
                           "  cluster: {server: 'https://h:6443'}\nusers:\n- name: u\n  user:\n";
  CHECK(error_of({{"/c", base + "    client-certificate-data: '!!'\n    client-key-data: 'eA=='\n"}}) ==
        "/c: user \"u\".client-certificate-data is not valid base64");
  CHECK(error_of({{"/c", base + "    exec: {command: aws}\n"}}) ==
        "/c: user \"u\" authenticates with exec, which devk8s does not run");
  CHECK(error_of({{"/c", base + "    client-certificate: c.crt\n"}}) == "/c: user \"u\" has a client certificate but no key");
  CHECK(error_of({{"/c", "clusters: [\n"}}).rfind("/c:2:1: invalid YAML", 0) == 0);
  CHECK(error_of({{"/c", "- a\n"}}) == "/c: not a kubeconfig (expected a mapping with clusters, users, contexts)");
  // A token user is fine, and its file is resolved like the others.
  const auto a = must({{"/etc/k/c", base + "    tokenFile: t\n"}});
  CHECK(a.token_file == "/etc/k/t");
}

TEST_CASE("kubeconfig_paths: --kubeconfig then KUBECONFIG then ~/.kube/config", "[kube]")
{
  CHECK(kubeconfig_paths("/f", std::string("/a:/b"), std::string("/h")) == std::vector<std::string>{"/f"});
  CHECK(kubeconfig_paths("", std::string("/a::/b:"), std::string("/h")) == std::vector<std::string>{"/a", "/b"});
  CHECK(kubeconfig_paths("", std::string(""), std::string("/h")) == std::vector<std::string>{"/h/.kube/config"});
  CHECK(kubeconfig_paths("", std::nullopt, std::nullopt).empty());
}

TEST_CASE("credential_plugin: the program kubectl would run for a context's user", "[kube]")
{
  const std::string base = "current-context: x\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\n"
                           "- name: y\n  context: {cluster: c, user: v}\nclusters:\n- name: c\n"
                           "  cluster: {server: 'https://h:6443'}\nusers:\n- name: v\n  user: {token: t}\n- name: u\n  user:\n";
  const auto exec = credential_plugin({{"/a", "{}"}, {"/c", base + "    exec: {command: aws, args: [eks]}\n"}}, "");
  REQUIRE(exec);
  REQUIRE(*exec);
  CHECK((*exec)->file == "/c");
  CHECK((*exec)->user == "u");
  CHECK((*exec)->kind == "exec");
  CHECK((*exec)->command == "aws");
  const auto provider = credential_plugin({{"/c", base + "    auth-provider: {name: gcp}\n"}}, "x");
  REQUIRE(provider);
  REQUIRE(*provider);
  CHECK((*provider)->kind == "auth-provider");
  CHECK((*provider)->command == "gcp");
  // None for a token user, an unknown context, no files; an error only for a file that does not parse.
  CHECK_FALSE(*credential_plugin({{"/c", base + "    exec: {command: aws}\n"}}, "y"));
  CHECK_FALSE(*credential_plugin({{"/c", base + "    exec: {command: aws}\n"}}, "nope"));
  CHECK_FALSE(*credential_plugin({}, ""));
  CHECK_FALSE(credential_plugin({{"/c", "clusters: [\n"}}, ""));
}
