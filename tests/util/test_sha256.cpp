// SHA-256 (util/sha256.hpp) on FIPS 180-2's example messages, whole and fed in pieces.
#include "util/sha256.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::util;

TEST_CASE("sha256", "[util]")
{
  CHECK(sha256_digest("") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_digest("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  CHECK(sha256_digest(two_blocks) == "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  SECTION("in pieces, across block boundaries, the same digest")
  {
    for (std::size_t cut = 0; cut <= two_blocks.size(); cut += 7) {
      CAPTURE(cut);
      Sha256 sha;
      sha.update(std::string_view(two_blocks).substr(0, cut));
      sha.update(std::string_view(two_blocks).substr(cut));
      CHECK(sha.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
  }
  SECTION("a million 'a'")
  {
    Sha256 sha;
    const std::string thousand(1000, 'a');
    for (int i = 0; i < 1000; ++i) {
      sha.update(thousand);
    }
    CHECK(sha.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
}
