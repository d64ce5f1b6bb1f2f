#include "adapters/registry/sha256.hpp"

#include <openssl/evp.h>

namespace devk8s::adapters {

std::string sha256_digest(std::string_view data)
{
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), hash, &size, EVP_sha256(), nullptr);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < size; ++i) {
    out += k_hex[hash[i] >> 4];
    out += k_hex[hash[i] & 0x0f];
  }
  return out;
}

} // namespace devk8s::adapters
