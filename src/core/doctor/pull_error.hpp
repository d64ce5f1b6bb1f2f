// Why the kubelet could not pull an image, from its own words: the "Failed to pull image" event
// or the container's waiting message, as Docker (moby distribution/errors.go), containerd's CRI
// (image_pull.go, remotes/docker/resolver.go) and cri-o (containers/image docker_image_src.go)
// word them; tests/sim/README.md "The pull errors" has the texts. Pure.
#pragma once

#include <string_view>

namespace devk8s::core::doctor {

enum class PullError {
  not_found,    ///< the tag or manifest does not exist ("manifest unknown", "not found")
  denied,       ///< "pull access denied", "insufficient_scope": missing, or private (registries say the same)
  unauthorized, ///< credentials refused ("unauthorized", "authentication required")
  rate_limited, ///< "toomanyrequests" (Docker Hub's pull limit)
  unreachable,  ///< DNS, connect, TLS or timeout: no answer from the registry
  invalid_name, ///< InvalidImageName: the reference does not parse
  unknown,      ///< words devk8s does not recognise: the message is still quoted
};

std::string_view to_string(PullError kind);

/// The kind of `message` (the kubelet's event or status message), by the first pattern that
/// matches, most specific first: rate limit, credentials, denial, absence, the network.
PullError classify_pull_error(std::string_view message);

} // namespace devk8s::core::doctor
