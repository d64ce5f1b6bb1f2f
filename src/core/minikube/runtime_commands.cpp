#include "core/minikube/runtime_commands.hpp"

#include "util/strings.hpp"

namespace devk8s::core::minikube {

namespace {

util::Result<image::ImageRef> parse_image(std::string_view text)
{
  auto ref = image::ImageRef::parse(text);
  if (!ref) {
    return util::usage_error("invalid image reference " + util::quoted(text) + ": " + ref.error().message,
                             "an image looks like registry/path:tag");
  }
  return ref;
}

} // namespace

// kubernetes/minikube v1.38.1 pkg/minikube/cruntime: docker.go (docker pull, docker tag,
// ListImages: docker images --no-trunc --format "{{json .}}"), cri.go (sudo crictl pull,
// sudo crictl images --output json), containerd.go (sudo ctr -n=k8s.io images tag),
// crio.go (sudo podman tag; cri-o and podman share containers/storage, so podman's pull is
// what cri-o sees).
Argv node_pull_argv(ContainerRuntime runtime, const image::ImageRef& image)
{
  switch (runtime) {
  case ContainerRuntime::docker:
    return {"docker", "pull", image.str()};
  case ContainerRuntime::containerd:
    return {"sudo", "crictl", "pull", image.str()};
  case ContainerRuntime::crio:
    return {"sudo", "podman", "pull", image.str()};
  }
  return {"docker", "pull", image.str()};
}

util::Result<Argv> node_tag_argv(ContainerRuntime runtime, const image::ImageRef& source, const image::ImageRef& target)
{
  if (!target.digest().empty()) {
    return util::usage_error("cannot tag an image as " + util::quoted(target.str()) +
                                 ": the target is pinned by digest, and a tag does not create a digest",
                             "use minikube addons enable with --images/--registries for digest-pinned addons");
  }
  switch (runtime) {
  case ContainerRuntime::docker:
    return Argv{"docker", "tag", source.str(), target.str()};
  case ContainerRuntime::containerd:
    return Argv{"sudo", "ctr", "-n=k8s.io", "images", "tag", source.str(), target.str()};
  case ContainerRuntime::crio:
    return Argv{"sudo", "podman", "tag", source.str(), target.str()};
  }
  return Argv{"docker", "tag", source.str(), target.str()};
}

Argv node_list_argv(ContainerRuntime runtime)
{
  if (runtime == ContainerRuntime::docker) {
    return {"docker", "images", "--no-trunc", "--format", "{{json .}}"};
  }
  return {"sudo", "crictl", "images", "--output", "json"};
}

util::Result<Argv> node_pull_argv(ContainerRuntime runtime, std::string_view image)
{
  DEVK8S_TRY(const auto ref, parse_image(image));
  return node_pull_argv(runtime, ref);
}

util::Result<Argv> node_tag_argv(ContainerRuntime runtime, std::string_view source, std::string_view target)
{
  DEVK8S_TRY(const auto from, parse_image(source));
  DEVK8S_TRY(const auto to, parse_image(target));
  return node_tag_argv(runtime, from, to);
}

} // namespace devk8s::core::minikube
