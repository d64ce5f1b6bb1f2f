// Which cluster to talk to, and how, read from kubeconfig files the way kubectl reads them
// (client-go's clientcmd loading rules): the files of KUBECONFIG merged in order, else
// ~/.kube/config; the first file to define a cluster, user or context by name wins, and the
// first file to set current-context wins; relative paths are relative to the file that holds
// them. Pure: the caller reads the files (adapters) and hands their text in.
#pragma once

#include "util/result.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace devk8s::core::kube {

struct KubeconfigFile {
  std::string path; ///< for messages and for resolving relative paths
  std::string text;
};

/// A certificate or key: a file to read, or the PEM itself (from a `*-data` field).
struct PemSource {
  std::string file;
  std::string pem;
  bool empty() const { return file.empty() && pem.empty(); }
};

/// A client-go credential plugin (the user's `exec`, client.authentication.k8s.io v1beta1 or v1):
/// a program that prints an ExecCredential with a token or a client certificate. Parsed here;
/// adapters/kube runs it, and only to connect, never for a check.
/// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins
struct ExecConfig {
  std::string command;     ///< resolved against the kubeconfig's directory when it holds a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env; ///< added to devk8s's environment
  std::string api_version; ///< client.authentication.k8s.io/v1beta1 or …/v1
  std::string install_hint;
  bool provide_cluster_info = false;
  std::string interactive_mode; ///< Never, IfAvailable or Always (v1beta1 defaults to IfAvailable)
  /// The cluster's extension client.authentication.k8s.io/exec as JSON ("" when none): what
  /// client-go hands the plugin as spec.cluster.config.
  std::string cluster_config;
};

/// Everything needed to reach one cluster's API as one user. Never printed whole: it may hold
/// a token, a password or a private key.
struct ClusterAccess {
  std::string context;
  std::string cluster;
  std::string user;
  std::string server;           ///< https://127.0.0.1:8443
  std::string namespace_name = "default";
  std::string origin;           ///< the file that defined the context
  PemSource certificate_authority;
  bool insecure_skip_tls_verify = false;
  PemSource client_certificate;
  PemSource client_key;
  std::string token;
  std::string token_file;
  std::string username;         ///< basic auth
  std::string password;
  std::optional<ExecConfig> exec; ///< credentials come from this plugin, run when connecting
  std::string tls_server_name;  ///< the name TLS verifies and sends as SNI, when not the server's host
  std::string proxy_url;        ///< http://, https:// or socks5://; "" = the environment's proxy
  /// The minikube profile that wrote this context ("" when not minikube's): for hints such as
  /// `minikube status -p PROFILE`.
  std::string minikube_profile;
};

/// A program a client would run to get credentials: the user has `exec` (a client-go credential
/// plugin) or `auth-provider`. kubectl runs it; devk8s does not.
struct CredentialPlugin {
  std::string file; ///< the kubeconfig that defines the user
  std::string user;
  std::string kind;    ///< "exec" or "auth-provider"
  std::string command; ///< exec's command, or the auth-provider's name
};

/// The paths kubectl would load: `kubeconfig_flag` alone when given; else KUBECONFIG's list
/// (':'-separated, empty entries skipped); else $HOME/.kube/config.
std::vector<std::string> kubeconfig_paths(const std::string& kubeconfig_flag, const std::optional<std::string>& kubeconfig_env,
                                          const std::optional<std::string>& home);

/// The access for `context` (empty: the merged current-context). Errors name the file and field:
/// an unknown context (with a did-you-mean), a context without a cluster or user, a cluster
/// without a server, invalid base64, an exec plugin client-go would refuse, a proxy-url that is
/// not http, https or socks5, or an auth-provider (which devk8s does not run).
util::Result<ClusterAccess> select_context(const std::vector<KubeconfigFile>& files, const std::string& context);

/// The plugin kubectl would run for `context` (empty: the current context), so a caller can
/// decline to hand kubectl a kubeconfig that runs code; nullopt when the user has none, or when
/// the context or its user does not exist (kubectl then fails before running anything). Errors
/// only for a file that does not parse.
util::Result<std::optional<CredentialPlugin>> credential_plugin(const std::vector<KubeconfigFile>& files,
                                                                const std::string& context);

/// The contexts the merged files define, sorted (as `kubectl config get-contexts -o name` lists
/// them). Errors only for a file that does not parse.
util::Result<std::vector<std::string>> context_names(const std::vector<KubeconfigFile>& files);

} // namespace devk8s::core::kube
