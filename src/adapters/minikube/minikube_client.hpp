// The Minikube port over the ProcessRunner: core/minikube builds every argv (profile and node
// names validated, node commands quoted for the node's shell) and parses every output; this
// runs them and turns each failure into one Error naming the command.
#pragma once

#include "core/minikube/minikube_argv.hpp"
#include "ports/minikube.hpp"
#include "ports/process_runner.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace devk8s::adapters {

struct MinikubeClientOptions {
  std::string binary = "minikube";
  /// version, profile list, status, node list, addons: profile list asks every profile's driver,
  /// which takes seconds per profile on a busy host.
  std::chrono::milliseconds query_timeout{60000};
  /// ssh and `image pull|tag|ls`: a pull through a slow mirror takes minutes.
  std::chrono::milliseconds node_timeout{600000};
};

class MinikubeClient final : public ports::Minikube {
public:
  explicit MinikubeClient(ports::ProcessRunner& runner, MinikubeClientOptions options = {});

  util::Result<core::minikube::VersionInfo> version() override;
  util::Result<core::minikube::ProfileList> profiles() override;
  util::Result<ports::ClusterStatus> status(const std::string& profile) override;
  util::Result<std::vector<core::minikube::ListedNode>> nodes(const std::string& profile) override;
  util::Result<std::map<std::string, core::minikube::AddonState>> addons(const std::string& profile) override;
  util::Result<std::vector<core::minikube::AddonImageRow>> addon_images(const std::string& addon) override;
  util::Result<std::string> ssh(const std::string& profile, const std::string& node,
                                const core::minikube::Argv& command) override;
  util::Result<void> image_pull(const std::string& profile, const core::image::ImageRef& image) override;
  util::Result<void> image_tag(const std::string& profile, const core::image::ImageRef& source,
                               const core::image::ImageRef& target) override;
  util::Result<std::vector<std::string>> image_ls(const std::string& profile) override;
  util::Result<std::string> logs(const std::string& profile, int lines) override;

private:
  core::minikube::MinikubeTarget target(const std::string& profile, const std::string& node = {}) const;
  /// Runs argv; an exit code outside `accepted` (0 when empty) is an Error with the output's tail.
  util::Result<ports::ProcessResult> run(const core::minikube::Argv& argv, std::chrono::milliseconds timeout,
                                         const std::vector<int>& accepted = {});
  /// Runs argv, requires exit 0, and hands stdout to the parser, naming the command if it refuses.
  template <typename Parse>
  auto query(const core::minikube::Argv& argv, Parse parse) -> decltype(parse(std::string_view()));

  ports::ProcessRunner& m_runner;
  MinikubeClientOptions m_options;
  std::optional<core::minikube::VersionInfo> m_version;
};

} // namespace devk8s::adapters
