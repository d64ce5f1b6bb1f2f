// The argv that pulls, tags and lists images inside a minikube node, per container runtime, as
// minikube's own cruntime package runs them (../shared/reference/minikube.md §5). Pure builders:
// every image has passed ImageRef::parse and is written normalized, so nothing a user typed
// reaches a shell unchecked. To run one in the node, wrap it with ssh_argv (minikube_argv.hpp).
#pragma once

#include "core/image/image_ref.hpp"
#include "core/minikube/container_runtime.hpp"
#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

using Argv = std::vector<std::string>;

/// docker pull | sudo crictl pull (containerd) | sudo podman pull (cri-o).
Argv node_pull_argv(ContainerRuntime runtime, const image::ImageRef& image);

/// docker tag | sudo ctr -n=k8s.io images tag | sudo podman tag. A target pinned by digest is
/// refused: a tag cannot create a digest (the addon would still not find its image).
util::Result<Argv> node_tag_argv(ContainerRuntime runtime, const image::ImageRef& source,
                                 const image::ImageRef& target);

/// docker images --no-trunc --format {{json .}} | sudo crictl images --output json.
Argv node_list_argv(ContainerRuntime runtime);

/// The same from text: each image is parsed first; an invalid one is an Error and no argv.
util::Result<Argv> node_pull_argv(ContainerRuntime runtime, std::string_view image);
util::Result<Argv> node_tag_argv(ContainerRuntime runtime, std::string_view source, std::string_view target);

} // namespace devk8s::core::minikube
