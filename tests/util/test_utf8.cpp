#include "util/utf8.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::util;

TEST_CASE("utf8::sanitize keeps valid UTF-8 and replaces each bad byte with U+FFFD", "[util][utf8]")
{
  const std::string r(utf8::k_replacement);
  SECTION("valid text passes unchanged")
  {
    for (const char* text : {"", "plain ascii", "阿里云 镜像", "→ ok", "\xF0\x9F\x90\xB3 whale", "e\xCC\x81"}) {
      CAPTURE(text);
      CHECK(utf8::is_valid(text));
      CHECK(utf8::sanitize(text) == text);
    }
  }
  SECTION("a lone continuation byte, a truncated sequence, an overlong form, a surrogate, past U+10FFFF")
  {
    CHECK(utf8::sanitize("a\x80z") == "a" + r + "z");
    CHECK(utf8::sanitize("\xE9\x98") == r + r); // half of 阿
    CHECK(utf8::sanitize("\xC0\xAF") == r + r); // overlong '/'
    CHECK(utf8::sanitize("\xED\xA0\x80") == r + r + r);
    CHECK(utf8::sanitize("\xF4\x90\x80\x80") == r + r + r + r);
    CHECK(utf8::sanitize("\xFF") == r);
    CHECK_FALSE(utf8::is_valid("a\x80z"));
  }
  SECTION("decode gives the code point and always advances")
  {
    CHECK(utf8::decode("阿").value == U'阿');
    CHECK(utf8::decode("阿").length == 3);
    CHECK(utf8::decode("\x80").value == 0xFFFD);
    CHECK(utf8::decode("\x80").length == 1);
  }
}

TEST_CASE("utf8::display_width counts terminal columns, not code points", "[util][utf8]")
{
  CHECK(utf8::display_width("abc") == 3);
  CHECK(utf8::display_width("→") == 1);
  CHECK(utf8::display_width("阿里云") == 6);        // East Asian Wide
  CHECK(utf8::display_width("ＡＢ") == 4);          // Fullwidth
  CHECK(utf8::display_width("e\xCC\x81") == 1);     // e + combining acute
  CHECK(utf8::display_width("\xE2\x80\x8B") == 0);  // zero width space
  CHECK(utf8::display_width("\xF0\x9F\x90\xB3") == 2);
  CHECK(utf8::display_width("a\x80") == 2);         // the bad byte prints as one U+FFFD
  CHECK(utf8::display_width("\xE3\x81\x8B\xE3\x82\x99") == 2); // か + combining voiced mark
}
