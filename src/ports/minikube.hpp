// minikube as devk8s asks it about a cluster: its version, profiles, a profile's status, nodes
// and addons, an addon's default images; a command in a node over ssh; and the `minikube image`
// verbs the release has. Implemented by adapters/minikube/minikube_client over the ProcessRunner,
// with core/minikube's argv builders and parsers; tests script a FakeProcessRunner.
#pragma once

#include "core/image/image_ref.hpp"
#include "core/minikube/addon_images_table.hpp"
#include "core/minikube/addons_list.hpp"
#include "core/minikube/capabilities.hpp"
#include "core/minikube/node_list.hpp"
#include "core/minikube/profile_list.hpp"
#include "core/minikube/runtime_commands.hpp"
#include "core/minikube/status.hpp"
#include "core/minikube/version_json.hpp"
#include "util/result.hpp"

#include <map>
#include <string>
#include <vector>

namespace devk8s::ports {

/// `minikube status -o json` read whole: each node's state and what the exit code's bits say.
struct ClusterStatus {
  std::vector<core::minikube::NodeStatus> nodes;
  core::minikube::StatusExit exit;
};

/// Contract: every call runs minikube once (version() at most once per instance) and gives an
/// Error, never a partial value, when minikube cannot be run, exits other than as documented, or
/// prints what its parser refuses. An empty profile means minikube's default one (no -p).
class Minikube {
public:
  virtual ~Minikube() = default;

  virtual util::Result<core::minikube::VersionInfo> version() = 0;
  /// capabilities_of(version()).
  util::Result<core::minikube::Capabilities> capabilities();

  virtual util::Result<core::minikube::ProfileList> profiles() = 0;
  /// A stopped cluster is a status (exit bits 1-7), not an Error; a profile that does not exist is.
  virtual util::Result<ClusterStatus> status(const std::string& profile) = 0;
  virtual util::Result<std::vector<core::minikube::ListedNode>> nodes(const std::string& profile) = 0;
  virtual util::Result<std::map<std::string, core::minikube::AddonState>> addons(const std::string& profile) = 0;
  virtual util::Result<std::vector<core::minikube::AddonImageRow>> addon_images(const std::string& addon) = 0;

  /// Runs `command` in the node's shell (core/minikube's quoting) and gives its stdout. `node`
  /// empty means the primary control plane. A non-zero exit in the node is an Error.
  virtual util::Result<std::string> ssh(const std::string& profile, const std::string& node,
                                        const core::minikube::Argv& command) = 0;

  /// `minikube image pull|tag|ls`: an Error naming the release when it lacks the verb (v1.23.0
  /// for pull and tag, v1.19.0 for ls). image_ls gives one reference a line, as minikube prints them.
  virtual util::Result<void> image_pull(const std::string& profile, const core::image::ImageRef& image) = 0;
  virtual util::Result<void> image_tag(const std::string& profile, const core::image::ImageRef& source,
                                       const core::image::ImageRef& target) = 0;
  virtual util::Result<std::vector<std::string>> image_ls(const std::string& profile) = 0;
  /// `minikube logs -p PROFILE --length LINES`: the cluster's logs (kubelet, the runtime, each
  /// control-plane container's last LINES lines), as a bug report would attach them.
  virtual util::Result<std::string> logs(const std::string& profile, int lines) = 0;
};

} // namespace devk8s::ports
