// Where a reference's manifests live over HTTP: Docker Hub's quirks (docker.io is served by
// registry-1.docker.io; official images are library/<name>, which ImageRef already adds),
// http for registries the user marked insecure (as Docker does), https otherwise.
#pragma once

#include "core/image/image_ref.hpp"

#include <map>
#include <string>
#include <vector>

namespace devk8s::core::registry {

struct Endpoint {
  std::string registry;  ///< the reference's domain ("docker.io")
  std::string host;      ///< what to connect to ("registry-1.docker.io")
  std::string base_url;  ///< "https://registry-1.docker.io"
  bool insecure = false; ///< plain http, and TLS (if any) unverified
};

/// `insecure_hosts` are "host[:port]" strings as given to --insecure-registry. `served_from`
/// maps a registry to the host[:port] that serves it (--registry-endpoint: a pull-through cache
/// or an in-house copy, as containerd's hosts.toml and Docker's registry-mirrors do); the
/// reference keeps its own name, and a mapped host may be insecure in its own right.
Endpoint endpoint_for(const std::string& domain, const std::vector<std::string>& insecure_hosts,
                      const std::map<std::string, std::string>& served_from = {});

/// A Bearer challenge's token service (its realm URL), judged before anything is sent there.
/// The realm is another server, named by the registry's answer: credentials (Basic, or an
/// identity token) go to it only over https, or over plain http when the user named its
/// host[:port] in --insecure-registry, exactly as for a registry.
struct Realm {
  std::string url;                  ///< as the challenge gave it
  std::string host;                 ///< "auth.example.com:8443", lower-cased, user info dropped
  bool https = false;
  bool insecure = false;            ///< the user named `host`: plain http allowed, TLS unverified
  bool credentials_allowed = false; ///< https, or http to a host the user named

  /// Why credentials may not go there ("token realm http://… is not HTTPS; …"), "" when they may.
  std::string refusal() const;
};

/// `insecure_hosts` are "host[:port]" strings as given to --insecure-registry.
Realm realm_for(const std::string& realm_url, const std::vector<std::string>& insecure_hosts);

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
