#include "core/registry/endpoint.hpp"

#include "core/registry/outcome.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace devk8s::core::registry {

Endpoint endpoint_for(const std::string& domain, const std::vector<std::string>& insecure_hosts,
                      const std::map<std::string, std::string>& served_from)
{
  Endpoint e;
  e.registry = domain;
  // Docker's own resolution: index.docker.io and docker.io are served by registry-1.docker.io
  // (docker/docker registry/config.go, DefaultRegistryHost).
  e.host = (domain == "docker.io" || domain == "index.docker.io") ? "registry-1.docker.io" : domain;
  if (const auto mapped = served_from.find(domain); mapped != served_from.end()) {
    e.host = mapped->second;
  }
  e.insecure = std::find(insecure_hosts.begin(), insecure_hosts.end(), domain) != insecure_hosts.end() ||
               std::find(insecure_hosts.begin(), insecure_hosts.end(), e.host) != insecure_hosts.end();
  e.base_url = (e.insecure ? "http://" : "https://") + e.host;
  return e;
}

namespace {

std::string lower(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

} // namespace

Realm realm_for(const std::string& realm_url, const std::vector<std::string>& insecure_hosts)
{
  Realm r;
  r.url = realm_url;
  const auto after_scheme = realm_url.find("://");
  const std::string scheme = after_scheme == std::string::npos ? std::string() : lower(realm_url.substr(0, after_scheme));
  const std::size_t start = after_scheme == std::string::npos ? 0 : after_scheme + 3;
  // Where curl would connect: the authority ends at the path, query or fragment, and anything up
  // to its last '@' is user info ("http://trusted@evil/" goes to evil).
  std::string authority = realm_url.substr(start, realm_url.find_first_of("/?#\\", start) - start);
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    authority.erase(0, at + 1);
  }
  r.host = lower(authority);
  r.https = scheme == "https";
  r.insecure = !r.host.empty() && std::any_of(insecure_hosts.begin(), insecure_hosts.end(),
                                              [&](const std::string& h) { return lower(h) == r.host; });
  r.credentials_allowed = !r.host.empty() && (r.https || (scheme == "http" && r.insecure));
  return r;
}

std::string Realm::refusal() const
{
  if (credentials_allowed) {
    return {};
  }
  // The URL is the registry's text: made one valid UTF-8 line, as every registry word we print.
  if (lower(url.substr(0, 7)) == "http://" && !host.empty()) {
    return "token realm " + one_line(url, 200) + " is not HTTPS; credentials not sent (add --insecure-registry " +
           one_line(host, 200) + " to allow)";
  }
  return "token realm " + util::quoted(one_line(url, 200)) + " is not an https:// URL; credentials not sent";
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
