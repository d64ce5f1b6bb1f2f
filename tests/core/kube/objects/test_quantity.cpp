#include "core/kube/objects/quantity.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>

using devk8s::core::kube::objects::Quantity;
using devk8s::core::kube::objects::quantity_milli;
using devk8s::core::kube::objects::quantity_value;

TEST_CASE("Quantity::parse", "[kube][quantity]")
{
  SECTION("the API reference's cpu examples: 0.1 is 100m")
  {
    CHECK(*quantity_milli("0.1") == 100);
    CHECK(*quantity_milli("100m") == 100);
    CHECK(*quantity_milli("1") == 1000);
    CHECK(*quantity_milli("1.5") == 1500);
    CHECK(*quantity_milli("250m") == 250);
    CHECK(*quantity_milli("2") == 2000);
  }
  SECTION("the API reference's memory examples: all about 129 MB")
  {
    CHECK(*quantity_value("128974848") == 128974848);
    CHECK(*quantity_value("129e6") == 129000000);
    CHECK(*quantity_value("129M") == 129000000);
    CHECK(*quantity_value("128974848000m") == 128974848);
    CHECK(*quantity_value("123Mi") == 128974848);
  }
  SECTION("binary and decimal suffixes")
  {
    const std::pair<const char*, std::int64_t> cases[] = {
        {"1Ki", 1024},
        {"2Gi", 2147483648},
        {"1.5Gi", 1610612736},
        {"1.5G", 1500000000},
        {"1e3", 1000},
        {"1E3", 1000},
        {"5k", 5000},
        {"1E", 1000000000000000000},
        {"1877276Ki", 1922330624}, // the seed node's memory
        {"61255492Ki", 62725623808},
        {"7Ei", 8070450532247928832},
        {"+1", 1},
        {".5Ki", 512},
        {"1.G", 1000000000},
        {"0", 0},
        {"1000000000000000000000m", 1000000000000000000}, // trailing zeros are not significant digits
    };
    for (const auto& [text, expected] : cases) {
      CAPTURE(text);
      CHECK(*quantity_value(text) == expected);
    }
  }
  SECTION("rounding up, away from zero, as MilliValue() and Value() do")
  {
    CHECK(*quantity_value("100m") == 1);
    CHECK(*quantity_milli("100.1m") == 101);
    CHECK(*quantity_milli("1n") == 1);
    CHECK(*quantity_milli("1u") == 1);
    CHECK(*quantity_milli("1e-3") == 1);
    CHECK(*quantity_milli("1e-36") == 1);
    CHECK(*quantity_milli("1e-50") == 1);
    CHECK(*quantity_milli("-100m") == -100);
    CHECK(*quantity_milli("-1.5m") == -2);
    CHECK(*quantity_value("0.000m") == 0);
    CHECK(Quantity::parse("-0")->negative() == false);
  }
  SECTION("not quantities")
  {
    for (const char* text : {"-", ".", "+.", "1.5.5", "1Ki5", "Gi", "1 Gi", "1gi", "1e", "1e+", "abc", "1.5 ", "1kb",
                             "1KI", "0x10", "1e1001"}) {
      CAPTURE(text);
      const auto parsed = Quantity::parse(text);
      REQUIRE_FALSE(parsed);
      CHECK(parsed.error().message.rfind("invalid quantity \"" + std::string(text) + "\": ", 0) == 0);
      CHECK_FALSE(parsed.error().hint.empty());
    }
    CHECK(Quantity::parse("").error().message == "invalid quantity \"\": it is empty");
    CHECK(Quantity::parse("1kb").error().message == "invalid quantity \"1kb\": unknown suffix \"kb\"");
    CHECK(Quantity::parse("12345678901234567891").error().message ==
          "invalid quantity \"12345678901234567891\": more than 19 significant digits");
  }
  SECTION("too large for 64 bits")
  {
    CHECK_FALSE(quantity_value("8Ei")); // 2^63
    CHECK_FALSE(quantity_milli("1Ei"));
    CHECK_FALSE(quantity_value("1e19"));
    CHECK(*quantity_value("9223372036854775807") == INT64_MAX);
    CHECK(*quantity_value("12345678901234567890m") == 12345678901234568); // 19 significant digits, rounded up
    CHECK(quantity_milli("10E").error().message == "quantity too large: it does not fit in a 64-bit integer");
  }
}
