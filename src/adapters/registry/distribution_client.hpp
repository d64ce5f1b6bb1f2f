// RegistryClient for the registry HTTP API v2 (distribution / OCI distribution spec) on the
// HttpClient port: a ping per registry to learn its auth, tokens per registry and scope
// (cached until they expire), then one batch of manifest HEADs, and GETs only where a
// registry left out Docker-Content-Digest.
#pragma once

#include "adapters/http/retrying_http.hpp"
#include "core/registry/token.hpp"
#include "ports/file_system.hpp"
#include "ports/http_client.hpp"
#include "ports/process_runner.hpp"
#include "ports/registry_client.hpp"

namespace devk8s::adapters {

class DistributionClient final : public ports::RegistryClient {
public:
  DistributionClient(ports::HttpClient& http, ports::FileSystem& fs, ports::ProcessRunner& runner,
                     RetryClock clock = {});

  std::vector<core::registry::Outcome> check_manifests(const std::vector<core::image::ImageRef>& refs,
                                                       const ports::RegistryCheckOptions& options) override;

private:
  ports::HttpClient& m_http;
  ports::FileSystem& m_fs;
  ports::ProcessRunner& m_runner;
  RetryClock m_clock;
  core::registry::TokenCache m_tokens;
};

} // namespace devk8s::adapters
