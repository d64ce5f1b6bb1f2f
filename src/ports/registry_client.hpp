// Asking registries whether manifests exist. Implemented by adapters/registry/distribution_client
// on the HttpClient port; tests use a real registry (tests/support/local_registry.hpp).
#pragma once

#include "core/image/image_ref.hpp"
#include "core/registry/creds_option.hpp"
#include "core/registry/outcome.hpp"
#include "core/registry/retry_policy.hpp"

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace devk8s::ports {

struct RegistryCheckOptions {
  std::vector<std::string> insecure_registries;  ///< host[:port]: plain http, as Docker does
  /// --registry-endpoint: a registry (its domain) served from another host[:port]
  std::map<std::string, std::string> endpoints;
  std::string ca_file;                           ///< extra CA bundle for every registry
  std::vector<core::registry::CredsOption> creds;
  /// The registries a credential without a host may go to: those of the references the user
  /// named and their mirror candidates. Any other registry gets only its own HOST= entry.
  std::set<std::string> general_creds_registries;
  std::string docker_config_dir;                 ///< holds config.json; "" reads none
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds deadline{60000};     ///< for the whole check, retries included
  core::registry::RetryPolicy retry;
};

class RegistryClient {
public:
  virtual ~RegistryClient() = default;
  /// One outcome per reference, in order. Never throws, never waits past `deadline`
  /// (plus one request's connect slack), never retries more than `retry.max_attempts`.
  virtual std::vector<core::registry::Outcome> check_manifests(const std::vector<core::image::ImageRef>& refs,
                                                               const RegistryCheckOptions& options) = 0;
};

} // namespace devk8s::ports
