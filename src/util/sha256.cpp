#include "util/sha256.hpp"

#include <openssl/evp.h>

namespace devk8s::util {

struct Sha256::Impl {
  EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>())
{
  m_impl->ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256()
{
  EVP_MD_CTX_free(m_impl->ctx);
}

void Sha256::update(std::string_view data)
{
  EVP_DigestUpdate(m_impl->ctx, data.data(), data.size());
}

std::string Sha256::hex()
{
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(m_impl->ctx, hash, &size);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += k_hex[hash[i] >> 4];
    out += k_hex[hash[i] & 0x0f];
  }
  return out;
}

std::string sha256_digest(std::string_view data)
{
  Sha256 sha;
  sha.update(data);
  return "sha256:" + sha.hex();
}

} // namespace devk8s::util
