// Runs a kubeconfig user's exec credential plugin (client-go's client.authentication.k8s.io
// v1beta1/v1) through the ProcessRunner, argv only, with KUBERNETES_EXEC_INFO set as client-go
// sets it, and keeps what it printed in a 0600 file until it expires. Only CurlKubeConnector
// calls it, so only a command that connects to the cluster runs a plugin, never a check.
// The credential is never put in a message: errors name the plugin, the user and the file.
#pragma once

#include "core/kube/exec_credential.hpp"
#include "ports/file_system.hpp"
#include "ports/process_runner.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace devk8s::adapters {

struct ExecOptions {
  /// Where credentials are kept between runs (a `credentials/` directory is made in it):
  /// $XDG_CACHE_HOME/devk8s, else ~/.cache/devk8s (cli/wiring). "": not kept.
  std::string cache_dir;
  /// A plugin that asks for something on a terminal would wait for ever: devk8s gives it none.
  std::chrono::milliseconds timeout{120000};
  std::function<core::kube::WallClock::time_point()> now = [] { return core::kube::WallClock::now(); };
};

class ExecCredentials {
public:
  ExecCredentials(ports::ProcessRunner& runner, ports::FileSystem& fs, ExecOptions options)
    : m_runner(runner), m_fs(fs), m_options(std::move(options))
  {
  }

  /// The credential for `access` (whose user has `exec`): the cached one while it is good for
  /// at least 30 s more, else a new one from the plugin, cached when it says when it expires.
  util::Result<core::kube::ExecCredential> get(const core::kube::ClusterAccess& access);

  /// A new one from the plugin, whatever the cache holds: the server refused the cached one.
  util::Result<core::kube::ExecCredential> refresh(const core::kube::ClusterAccess& access);

private:
  std::string cache_path(const core::kube::ClusterAccess& access) const;
  void store(const std::string& path, const core::kube::ExecCredential& credential, const std::string& api_version);

  ports::ProcessRunner& m_runner;
  ports::FileSystem& m_fs;
  ExecOptions m_options;
};

} // namespace devk8s::adapters
