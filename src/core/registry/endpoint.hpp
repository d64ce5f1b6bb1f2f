// Where a reference's manifests live over HTTP: Docker Hub's quirks (docker.io is served by
// registry-1.docker.io; official images are library/<name>, which ImageRef already adds),
// http for registries the user marked insecure (as Docker does), https otherwise.
#pragma once

#include "core/image/image_ref.hpp"

#include <string>
#include <vector>

namespace devk8s::core::registry {

struct Endpoint {
  std::string registry;  ///< the reference's domain ("docker.io")
  std::string host;      ///< what to connect to ("registry-1.docker.io")
  std::string base_url;  ///< "https://registry-1.docker.io"
  bool insecure = false; ///< plain http, and TLS (if any) unverified
};

/// `insecure_hosts` are "host[:port]" strings as given to --insecure-registry.
Endpoint endpoint_for(const std::string& domain, const std::vector<std::string>& insecure_hosts);

/// "<base>/v2/<path>/manifests/<digest or tag>" (distribution spec, "Pulling manifests").
std::string manifest_url(const Endpoint& endpoint, const image::ImageRef& ref);

/// "<base>/v2/": the API version check.
std::string ping_url(const Endpoint& endpoint);

/// The token scope for pulling `ref` ("repository:library/redis:pull", token spec "Scope").
std::string pull_scope(const image::ImageRef& ref);

/// The Accept header every manifest request sends: without it a real registry answers 404 for
/// OCI images and converts Docker images to schema 1 with a different digest.
const std::string& manifest_accept();

} // namespace devk8s::core::registry
