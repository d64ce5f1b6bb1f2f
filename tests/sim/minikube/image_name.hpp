// Image names as the node's container runtime sees them (docker/distribution reference
// normalisation): `redis` is docker.io/library/redis:latest. The same rules as
// tests/sim/apiserver/image_store.py, so both doubles agree on what the node store holds.
#pragma once

#include <string>

namespace devk8s::sim {

struct ImageName {
  std::string repository; ///< host/path, e.g. docker.io/library/redis
  std::string tag;        ///< empty when pinned by digest
  std::string digest;     ///< sha256:..., or empty

  static ImageName parse(const std::string& text);
  std::string host() const { return repository.substr(0, repository.find('/')); }
  std::string path() const { return repository.substr(repository.find('/') + 1); }
  /// repository:tag, or repository@digest.
  std::string full() const { return digest.empty() ? repository + ":" + tag : repository + "@" + digest; }
};

/// How `docker images` names a repository: docker.io/ and library/ dropped.
std::string familiar(const std::string& repository);

} // namespace devk8s::sim
