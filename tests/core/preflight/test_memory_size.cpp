#include "core/preflight/memory_size.hpp"

#include <catch2/catch.hpp>

#include <string>

using devk8s::core::preflight::format_memory_flag;
using devk8s::core::preflight::parse_memory_size;

TEST_CASE("parse_memory_size reads minikube's forms as binary MiB", "[preflight][size]")
{
  struct Case {
    const char* text;
    std::uint64_t mib;
  };
  const Case cases[] = {
      {"2g", 2048},     {"2G", 2048},      {"2048mb", 2048}, {"1.5GiB", 1536}, {"1833mb", 1833},
      {"1024", 1024},   {"1024MB", 1024},  {"512m", 512},    {"1 GB", 1024},  {"4194304k", 4096},
      {"1t", 1048576},  {"1.25g", 1280},   {"2048MiB", 2048},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto mib = parse_memory_size(c.text);
    REQUIRE(mib);
    CHECK(*mib == c.mib);
  }
}

TEST_CASE("parse_memory_size rejects bad sizes with one clear line", "[preflight][size]")
{
  // A 400-digit number (too large for a double) and 0.000…1 (too small) are answers, not exceptions.
  const std::string huge = "1" + std::string(400, '0');
  const std::string tiny = "0." + std::string(400, '0') + "1";
  for (const std::string& bad : {std::string("-1"), std::string("abc"), std::string("0"), std::string("0mb"), std::string(),
                                std::string("2x"), std::string("2gbb"), std::string(".5g"), std::string("1..5g"),
                                std::string("1.2.3g"), std::string("100b"), std::string("g"), huge, tiny}) {
    CAPTURE(bad);
    auto mib = parse_memory_size(bad);
    REQUIRE_FALSE(mib);
    CHECK(mib.error().code == devk8s::util::ExitCode::usage);
    CHECK(mib.error().message.find("invalid memory size \"") == 0);
    CHECK(mib.error().message.find('\n') == std::string::npos);
    CHECK(mib.error().hint.find("2g, 2048mb") != std::string::npos);
  }
}

TEST_CASE("format_memory_flag", "[preflight][size]")
{
  CHECK(format_memory_flag(1024) == "1024mb");
}
