// "sha256:<hex>" of bytes, with OpenSSL's libcrypto: the digest of a manifest body when a
// registry does not send Docker-Content-Digest.
#pragma once

#include <string>
#include <string_view>

namespace devk8s::adapters {

std::string sha256_digest(std::string_view data);

} // namespace devk8s::adapters
