#include "core/kube/kubeconfig.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::kube;

namespace {

// As minikube v1.20.0 writes ~/.kube/config (pkg/minikube/kubeconfig; the seed's files).
const char* const k_minikube_config = R"(apiVersion: v1
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
  const auto a = must({{"/root/.kube/config", k_minikube_config}});
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
  const std::vector<KubeconfigFile> files = {{"/home/u/.kube/config", k_minikube_config}, {"/etc/kind/config", k_kind}};
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
    CHECK(must({{"/empty", "\n"}, {"/root/.kube/config", k_minikube_config}}).context == "minikube");
  }
}

TEST_CASE("kubeconfig: every broken file gets a line that names the file and the field", "[kube]")
{
  CHECK(error_of({{"/c", k_minikube_config}}, "minikub") == "context \"minikub\" does not exist (did you mean \"minikube\"?)");
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
        "/c: user \"u\".exec.apiVersion is missing (devk8s, like kubectl, reads client.authentication.k8s.io/v1beta1 or /v1)");
  CHECK(error_of({{"/c", base + "    auth-provider: {name: gcp}\n"}}) ==
        "/c: user \"u\" authenticates with auth-provider \"gcp\", which devk8s does not run");
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

namespace {

const std::string k_exec_base = "current-context: x\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\nclusters:\n"
                                "- name: c\n  cluster: {server: 'https://h:6443'}\nusers:\n- name: u\n  user:\n    exec:\n";

} // namespace

TEST_CASE("kubeconfig: an exec credential plugin as client-go reads it", "[kube][exec]")
{
  SECTION("every field of an EKS-style v1beta1 plugin; a bare command stays for PATH")
  {
    const auto a = must({{"/home/u/.kube/config", k_exec_base + "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                                                                "      command: aws\n"
                                                                "      args: [eks, get-token, --cluster-name, dev]\n"
                                                                "      env:\n      - {name: AWS_PROFILE, value: dev}\n"
                                                                "      installHint: |\n        aws is required.\n"
                                                                "        See https://aws.amazon.com/cli/\n"
                                                                "      provideClusterInfo: true\n"}});
    REQUIRE(a.exec);
    CHECK(a.exec->command == "aws");
    CHECK(a.exec->args == std::vector<std::string>{"eks", "get-token", "--cluster-name", "dev"});
    REQUIRE(a.exec->env.size() == 1);
    CHECK(a.exec->env[0] == std::pair<std::string, std::string>{"AWS_PROFILE", "dev"});
    CHECK(a.exec->api_version == "client.authentication.k8s.io/v1beta1");
    CHECK(a.exec->install_hint == "aws is required.\nSee https://aws.amazon.com/cli/\n");
    CHECK(a.exec->provide_cluster_info);
    CHECK(a.exec->interactive_mode == "IfAvailable"); // v1beta1's default (api/v1 SetDefaults_ExecConfig)
    CHECK(a.exec->cluster_config.empty());
  }
  SECTION("a command with a slash is relative to the kubeconfig's directory")
  {
    const auto a = must({{"/etc/k/config", k_exec_base + "      apiVersion: client.authentication.k8s.io/v1\n"
                                                         "      command: bin/plugin\n      interactiveMode: Never\n"}});
    REQUIRE(a.exec);
    CHECK(a.exec->command == "/etc/k/bin/plugin");
    CHECK(a.exec->interactive_mode == "Never");
  }
  SECTION("the cluster's client.authentication.k8s.io/exec extension is handed on as JSON")
  {
    std::string config = k_exec_base + "      apiVersion: client.authentication.k8s.io/v1\n      command: p\n"
                                       "      interactiveMode: Never\n";
    config.replace(config.find("  cluster: {server: 'https://h:6443'}\n"), std::string("  cluster: {server: 'https://h:6443'}\n").size(),
                   "  cluster:\n    server: https://h:6443\n    extensions:\n    - name: client.authentication.k8s.io/exec\n"
                   "      extension: {audience: 06e3fbd18de8, retries: 3, strict: true, none: null}\n");
    const auto a = must({{"/c", config}});
    REQUIRE(a.exec);
    CHECK(a.exec->cluster_config == R"({"audience":"06e3fbd18de8","none":null,"retries":3,"strict":true})");
  }
  SECTION("what kubectl refuses, devk8s refuses with the field")
  {
    CHECK(error_of({{"/c", k_exec_base + "      apiVersion: client.authentication.k8s.io/v1\n      command: p\n"}}) ==
          "/c: user \"u\".exec.interactiveMode is missing (client.authentication.k8s.io/v1 requires it): one of Never, "
          "IfAvailable, Always");
    CHECK(error_of({{"/c", k_exec_base + "      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: p\n"}}) ==
          "/c: user \"u\".exec.apiVersion is \"client.authentication.k8s.io/v1alpha1\" (devk8s, like kubectl, reads "
          "client.authentication.k8s.io/v1beta1 or /v1)");
    CHECK(error_of({{"/c", k_exec_base + "      apiVersion: client.authentication.k8s.io/v1beta1\n"}}) ==
          "/c: user \"u\".exec has no command");
    CHECK(error_of({{"/c", k_exec_base + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: p\n"
                                         "      interactiveMode: Sometimes\n"}}) ==
          "/c: user \"u\".exec.interactiveMode is \"Sometimes\": one of Never, IfAvailable, Always");
    CHECK(error_of({{"/c", k_exec_base + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: p\n"
                                         "      env: [{value: x}]\n"}}) ==
          "/c: user \"u\".exec.env has an entry without a name");
  }
}

TEST_CASE("kubeconfig: proxy-url, tls-server-name and the minikube profile", "[kube]")
{
  const std::string base = "current-context: x\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\nusers:\n- name: u\n"
                           "  user: {token: t}\nclusters:\n- name: c\n  cluster:\n    server: https://10.0.0.1:6443\n";
  SECTION("both read as kubectl reads them")
  {
    const auto a = must({{"/c", base + "    proxy-url: socks5://127.0.0.1:1080\n    tls-server-name: kubernetes.default\n"}});
    CHECK(a.proxy_url == "socks5://127.0.0.1:1080");
    CHECK(a.tls_server_name == "kubernetes.default");
    CHECK(a.minikube_profile.empty());
  }
  SECTION("a proxy scheme client-go does not take")
  {
    CHECK(error_of({{"/c", base + "    proxy-url: ftp://p:21\n"}}) ==
          "/c: cluster \"c\".proxy-url \"ftp://p:21\" is not an http://, https:// or socks5:// URL");
    // Its password is not repeated (found by review).
    CHECK(error_of({{"/c", base + "    proxy-url: socks5h://u:pw@p:1080\n"}}) ==
          "/c: cluster \"c\".proxy-url \"socks5h://***@p:1080\" is not an http://, https:// or socks5:// URL");
  }
  SECTION("minikube's contexts name their profile: by its extension, or as v1.20 named them all")
  {
    CHECK(must({{"/root/.kube/config", k_minikube_config}}).minikube_profile == "minikube");
    const auto marked = must({{"/c", base + "    extensions:\n    - name: cluster_info\n      extension:\n"
                                            "        provider: minikube.sigs.k8s.io\n        version: v1.32.0\n"}});
    CHECK(marked.minikube_profile == "c");
  }
}
