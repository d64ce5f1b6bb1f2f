// Which cluster to talk to, and how, read from kubeconfig files the way kubectl reads them
// (client-go's clientcmd loading rules): the files of KUBECONFIG merged in order, else
// ~/.kube/config; the first file to define a cluster, user or context by name wins, and the
// first file to set current-context wins; relative paths are relative to the file that holds
// them. Pure: the caller reads the files (adapters) and hands their text in.
#pragma once

#include "util/result.hpp"

#include <optional>
#include <string>
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
/// without a server, invalid base64, or an auth method devk8s does not run (exec, auth-provider).
util::Result<ClusterAccess> select_context(const std::vector<KubeconfigFile>& files, const std::string& context);

/// The plugin kubectl would run for `context` (empty: the current context), so a caller can
/// decline to hand kubectl a kubeconfig that runs code; nullopt when the user has none, or when
/// the context or its user does not exist (kubectl then fails before running anything). Errors
/// only for a file that does not parse.
util::Result<std::optional<CredentialPlugin>> credential_plugin(const std::vector<KubeconfigFile>& files,
                                                                const std::string& context);

} // namespace devk8s::core::kube
