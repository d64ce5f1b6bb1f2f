// The argv of the minikube commands devk8s runs against a profile: `minikube ssh` around a node
// command, and the `minikube image` verbs the release has (../shared/reference/minikube.md §5).
// Pure; profile and node names are validated here, images by taking ImageRef.
#pragma once

#include "core/image/image_ref.hpp"
#include "core/minikube/capabilities.hpp"
#include "core/minikube/runtime_commands.hpp"
#include "util/result.hpp"

#include <string>
#include <string_view>

namespace devk8s::core::minikube {

struct MinikubeTarget {
  std::string binary = "minikube";
  std::string profile; ///< "" = minikube's default profile (no -p)
  std::string node;    ///< "" = the primary control plane (no -n); only `ssh` takes a node
};

/// minikube [-p P] WORDS...: a command devk8s reads the output of (`status -o json`, `node
/// list`, `addons list -o json`). The words are devk8s's own; the profile is validated.
util::Result<Argv> minikube_argv(const MinikubeTarget& target, const Argv& words);

/// minikube ssh [-p P] [-n NODE] -- '<command>'. minikube joins its arguments with spaces and
/// the node's bash runs them, so local quoting would be lost: the command is passed as ONE
/// argument, each word shell-quoted (util::shell_join).
util::Result<Argv> ssh_argv(const MinikubeTarget& target, const Argv& node_command);

/// minikube [-p P] image pull IMAGE (v1.23.0+).
util::Result<Argv> image_pull_argv(const Capabilities& caps, const MinikubeTarget& target, const image::ImageRef& image);

/// minikube [-p P] image tag SOURCE TARGET (v1.23.0+); a digest-pinned target is refused.
util::Result<Argv> image_tag_argv(const Capabilities& caps, const MinikubeTarget& target, const image::ImageRef& source,
                                  const image::ImageRef& destination);

/// minikube [-p P] image ls [--format json] (ls v1.19.0+, --format json v1.25.0+).
util::Result<Argv> image_ls_argv(const Capabilities& caps, const MinikubeTarget& target, bool json);

} // namespace devk8s::core::minikube
