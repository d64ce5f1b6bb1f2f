#include "core/preflight/memory_size.hpp"

#include <catch2/catch.hpp>

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
  for (const char* bad : {"-1", "abc", "0", "0mb", "", "2x", "2gbb", ".5g", "1..5g", "1.2.3g", "100b", "g"}) {
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
