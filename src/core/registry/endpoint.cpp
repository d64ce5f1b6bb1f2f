#include "core/registry/endpoint.hpp"

#include <algorithm>

namespace devk8s::core::registry {

Endpoint endpoint_for(const std::string& domain, const std::vector<std::string>& insecure_hosts)
{
  Endpoint e;
  e.registry = domain;
  // Docker's own resolution: index.docker.io and docker.io are served by registry-1.docker.io
  // (docker/docker registry/config.go, DefaultRegistryHost).
  e.host = (domain == "docker.io" || domain == "index.docker.io") ? "registry-1.docker.io" : domain;
  e.insecure = std::find(insecure_hosts.begin(), insecure_hosts.end(), domain) != insecure_hosts.end() ||
               std::find(insecure_hosts.begin(), insecure_hosts.end(), e.host) != insecure_hosts.end();
  e.base_url = (e.insecure ? "http://" : "https://") + e.host;
  return e;
}

std::string manifest_url(const Endpoint& endpoint, const image::ImageRef& ref)
{
  const std::string& reference = ref.digest().empty() ? ref.tag() : ref.digest();
  return endpoint.base_url + "/v2/" + ref.path() + "/manifests/" + reference;
}

std::string ping_url(const Endpoint& endpoint)
{
  return endpoint.base_url + "/v2/";
}

std::string pull_scope(const image::ImageRef& ref)
{
  return "repository:" + ref.path() + ":pull";
}

const std::string& manifest_accept()
{
  // Media types from the Docker image manifest v2.2 spec and the OCI image spec (media-types.md).
  static const std::string accept = "application/vnd.docker.distribution.manifest.v2+json, "
                                    "application/vnd.docker.distribution.manifest.list.v2+json, "
                                    "application/vnd.oci.image.manifest.v1+json, "
                                    "application/vnd.oci.image.index.v1+json";
  return accept;
}

} // namespace devk8s::core::registry
