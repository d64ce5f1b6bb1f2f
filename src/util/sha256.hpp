// SHA-256 with OpenSSL's libcrypto: "sha256:<hex>" of a manifest body when a registry does not
// send Docker-Content-Digest, and the hex digest of a downloaded file, fed in chunks (the
// installer reads it back through the FileSystem port). Computation only: no I/O.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace devk8s::util {

/// An incremental digest: update() any number of times, then hex() once.
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view data);
  /// 64 lower-case hex digits.
  std::string hex();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// "sha256:" and the 64 hex digits of `data`, as registries write a digest.
std::string sha256_digest(std::string_view data);

} // namespace devk8s::util
