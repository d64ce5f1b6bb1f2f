// A client-go credential plugin's side of the conversation, as client-go's
// plugin/pkg/client/auth/exec/exec.go has it: the KUBERNETES_EXEC_INFO it is given, the
// ExecCredential it prints, the key its credential is cached under and when that goes stale.
// Pure: adapters/kube/exec_credentials runs the plugin and keeps the cache file.
#pragma once

#include "core/kube/kubeconfig.hpp"
#include "util/result.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace devk8s::core::kube {

using WallClock = std::chrono::system_clock;

/// What a plugin hands back (ExecCredential.status). Secret: never in a message or a log.
struct ExecCredential {
  std::string token;
  std::string client_certificate_pem;
  std::string client_key_pem;
  std::optional<WallClock::time_point> expiry; ///< expirationTimestamp; none: good for this run only
};

/// The value of KUBERNETES_EXEC_INFO: an ExecCredential of the plugin's apiVersion with
/// spec.interactive (devk8s gives a plugin no terminal: always false) and, when
/// provideClusterInfo, spec.cluster (server, tls-server-name, insecure-skip-tls-verify,
/// certificate-authority-data from `ca_pem`, proxy-url, config).
std::string exec_info(const ClusterAccess& access, const std::string& ca_pem);

/// The plugin's stdout read as client-go reads it: JSON of kind ExecCredential in the configured
/// apiVersion, a status with a token or a client certificate and key (both), an optional
/// RFC 3339 expirationTimestamp. The error is why, in words that never quote what was printed
/// (it may hold the token): "not JSON (at 1:7)", "no status", "returned only a certificate, no key".
util::Result<ExecCredential> parse_exec_credential(std::string_view out, const std::string& api_version);

/// The file name (64 hex digits) a credential is cached under: SHA-256 of the exec config
/// (command, args, env, apiVersion, interactiveMode, provideClusterInfo, the cluster's exec
/// extension) and the cluster (server, tls-server-name, CA, proxy-url), as client-go keys its
/// in-memory cache on the config and the cluster.
std::string exec_cache_key(const ClusterAccess& access);

/// The cache file's text: an ExecCredential of `api_version`, which parse_exec_credential reads back.
std::string exec_cache_record(const ExecCredential& credential, const std::string& api_version);

/// Whether a cached credential may still be used at `now`: it has an expiry more than
/// `margin` away. A credential without an expiry is never cached across runs: nobody can tell
/// how long it lives (client-go keeps it only in memory).
bool usable_from_cache(const ExecCredential& credential, WallClock::time_point now,
                       std::chrono::seconds margin = std::chrono::seconds(30));

/// "2026-11-22T01:00:00Z": RFC 3339 in UTC, whole seconds, as metav1.Time marshals.
std::string format_rfc3339(WallClock::time_point time);

} // namespace devk8s::core::kube
