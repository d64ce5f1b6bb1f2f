// Parsers for what the probed tools answer: `minikube version -o json`, `kubectl version
// --client -o json`, `docker version --format {{.Client.Version}}`, the Docker Engine API's
// GET /info body, and DOCKER_HOST. Text in, values out; shapes cited in the .cpp.
#pragma once

#include "core/preflight/host_facts.hpp"
#include "core/version.hpp"
#include "util/result.hpp"

#include <string>
#include <string_view>

namespace devk8s::core::preflight {

util::Result<Version> parse_minikube_version_json(std::string_view json);
util::Result<Version> parse_kubectl_client_version_json(std::string_view json);
util::Result<Version> parse_docker_client_version(std::string_view text);
util::Result<DockerInfo> parse_docker_info(std::string_view json);

struct DockerEndpoint {
  std::string unix_socket; ///< set for unix://
  std::string base_url;    ///< "http://localhost" for a socket, "http://host:port" for tcp://
  std::string display;     ///< as the user would write it
};

/// DOCKER_HOST ("" means the default unix:///var/run/docker.sock); ssh:// and others are refused.
util::Result<DockerEndpoint> parse_docker_host(std::string_view docker_host, bool tls);

} // namespace devk8s::core::preflight
