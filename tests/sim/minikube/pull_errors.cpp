#include "pull_errors.hpp"

#include "image_name.hpp"

namespace devk8s::sim {
namespace {

using Kind = PullFailure::Kind;

const char* k_rate_limit = "toomanyrequests: You have reached your pull rate limit. You may increase the limit by "
                           "authenticating and upgrading: https://www.docker.com/increase-rate-limit";

std::string path_of(const PullFailure& f) { return f.repository.substr(f.repository.find('/') + 1); }

std::string dial_error(const PullFailure& f)
{
  return f.kind == Kind::refused ? "dial tcp " + f.host + ": connect: connection refused"
                                 : "dial tcp: lookup " + f.host + ": i/o timeout";
}

/// The root cause containers/image reports (what podman's cleanErrorMessage prints).
std::string containers_image_cause(const PullFailure& f)
{
  switch (f.kind) {
  case Kind::unreachable:
    return "Get \"https://" + f.host + "/v2/\": " + dial_error(f);
  case Kind::refused:
    return "Get \"http://" + f.host + "/v2/\": " + dial_error(f);
  case Kind::rate_limited:
    return k_rate_limit;
  case Kind::denied:
    return "denied: requested access to the resource is denied";
  case Kind::not_found:
    return "manifest unknown: manifest unknown";
  }
  return {};
}

/// containers/image's error for a source it cannot open.
std::string containers_image_error(const PullFailure& f)
{
  if (f.kind == Kind::unreachable || f.kind == Kind::refused) {
    return "error pinging docker registry " + f.host + ": " + containers_image_cause(f);
  }
  return "Error reading manifest " + f.object + " in " + f.repository + ": " + containers_image_cause(f);
}

} // namespace

std::string docker_daemon_text(const PullFailure& f)
{
  switch (f.kind) {
  case Kind::rate_limited:
    return k_rate_limit;
  case Kind::unreachable:
    return "Get \"https://" + f.host +
           "/v2/\": net/http: request canceled while waiting for connection (Client.Timeout exceeded while "
           "awaiting headers)";
  case Kind::refused:
    return "Get \"http://" + f.host + "/v2/\": dial tcp " + f.host + ": connect: connection refused";
  case Kind::denied:
    return "pull access denied for " + familiar(f.repository) +
           ", repository does not exist or may require 'docker login': denied: requested access to the resource "
           "is denied";
  case Kind::not_found:
    // moby distribution/errors.go: FamiliarString of the reference, name@digest for a digest.
    return "manifest for " + familiar(f.repository) + (f.object.rfind("sha256:", 0) == 0 ? "@" : ":") + f.object +
           " not found: manifest unknown: manifest unknown";
  }
  return {};
}

std::string cri_error(const std::string& runtime, const PullFailure& f)
{
  if (runtime == "containerd") {
    const std::string head = "failed to pull and unpack image \"" + f.reference + "\": failed to resolve reference \"" +
                             f.reference + "\": ";
    switch (f.kind) {
    case Kind::not_found:
      return "rpc error: code = NotFound desc = " + head + f.reference + ": not found";
    case Kind::denied:
      return "rpc error: code = Unknown desc = " + head +
             "pull access denied, repository does not exist or may require authorization: server message: "
             "insufficient_scope: authorization failed";
    case Kind::rate_limited:
      return "rpc error: code = Unknown desc = " + head + "unexpected status code [manifests " + f.object +
             "]: 429 Too Many Requests";
    case Kind::unreachable:
    case Kind::refused:
      return "rpc error: code = Unknown desc = " + head + "failed to do request: Head \"" +
             (f.kind == Kind::refused ? "http" : "https") + "://" + f.host + "/v2/" + path_of(f) + "/manifests/" +
             f.object + "\": " + dial_error(f);
    }
  }
  if (runtime == "crio") {
    return "rpc error: code = Unknown desc = " + containers_image_error(f);
  }
  return "rpc error: code = Unknown desc = Error response from daemon: " + docker_daemon_text(f);
}

std::string podman_pull_failure(const PullFailure& f)
{
  return "Trying to pull " + f.reference + "...\n  " + containers_image_cause(f) + "\nError: 1 error occurred:\n\t* " +
         "Error initializing source docker://" + f.reference + ": " + containers_image_error(f) + "\n";
}

} // namespace devk8s::sim
