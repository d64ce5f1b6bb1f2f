// The only place that builds the real adapters.
#pragma once

#include "adapters/fs/real_file_system.hpp"
#include "adapters/host/linux_host_probe.hpp"
#include "adapters/http/curl_http_client.hpp"
#include "adapters/kube/curl_kube_api.hpp"
#include "adapters/process/boost_process_runner.hpp"
#include "adapters/registry/distribution_client.hpp"
#include "cli/context.hpp"

namespace devk8s::cli {

class Wiring {
public:
  explicit Wiring(const Environment& env) : m_kube(m_http, m_fs, m_runner, kube_options(env)) {}
  Adapters adapters() { return Adapters{m_fs, m_runner, m_http, m_registry, m_host, m_kube}; }

private:
  static adapters::KubeApiOptions kube_options(const Environment& env)
  {
    adapters::KubeApiOptions options;
    options.exec.cache_dir = user_cache_dir(env);
    return options;
  }

  adapters::RealFileSystem m_fs;
  adapters::BoostProcessRunner m_runner;
  adapters::CurlHttpClient m_http;
  adapters::DistributionClient m_registry{m_http, m_fs, m_runner};
  adapters::LinuxHostProbe m_host{m_runner, m_http};
  adapters::CurlKubeConnector m_kube;
};

} // namespace devk8s::cli
