#include "core/kube/kubeconfig.hpp"
#include "core/registry/docker_config.hpp"
#include "util/base64.hpp"

#include <catch2/catch.hpp>

using devk8s::util::base64_decode;

TEST_CASE("base64_decode is as strict as Go's StdEncoding", "[util][base64]")
{
  SECTION("RFC 4648 test vectors, and line breaks anywhere")
  {
    const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"Zg==", "f"},         {"Zm8=", "fo"},
                                                           {"Zm9v", "foo"},  {"Zm9vYg==", "foob"}, {"Zm9vYmE=", "fooba"},
                                                           {"Zm9vYmFy", "foobar"}};
    for (const auto& [encoded, decoded] : vectors) {
      CAPTURE(encoded);
      REQUIRE(base64_decode(encoded));
      CHECK(*base64_decode(encoded) == decoded);
    }
    CHECK(*base64_decode("Zm9v\nYmFy\r\n") == "foobar");
    CHECK(*base64_decode("Zm9vYg=\n=") == "foob");
  }
  SECTION("refused: a bad length, garbage after the padding, padding in the wrong place, other characters")
  {
    using namespace std::string_view_literals;
    for (const std::string_view bad : {"Zm9vYg"sv, "Zm9vY"sv, "Z"sv, "Zg="sv, "Zm9vYg==junk"sv, "Zg==Zg=="sv, "Zm8=x"sv,
                                       "Zg==\n="sv, "Z==="sv, "===="sv, "Zm=8"sv, "=Zm8"sv, "Zm 9v"sv, "Zm9v\t"sv, "!!"sv,
                                       "Zm9v\0\0\0\0"sv}) {
      CAPTURE(bad);
      CHECK_FALSE(base64_decode(bad));
    }
  }
}

TEST_CASE("base64 callers refuse what Go refuses: docker config auth, kubeconfig *-data", "[util][base64]")
{
  using namespace devk8s::core;
  const auto padded = registry::parse_docker_config(R"({"auths":{"h":{"auth":"dTpwdw=="}}})", "c.json");
  REQUIRE(padded);
  CHECK(padded->auths.at("h").password == "pw");
  const auto trailing = registry::parse_docker_config(R"({"auths":{"h":{"auth":"dTpwdw==dTpw"}}})", "c.json");
  REQUIRE_FALSE(trailing);
  CHECK(trailing.error().message == "c.json: auths.\"h\".auth is not base64 of user:password");
  const auto unpadded = registry::parse_docker_config(R"({"auths":{"h":{"auth":"dTpwdw"}}})", "c.json");
  CHECK_FALSE(unpadded);
}

TEST_CASE("kubeconfig *-data: padded and wrapped is read, garbage after the padding is not", "[util][base64]")
{
  using namespace devk8s::core::kube;
  const std::string base = "current-context: x\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\nclusters:\n- name: c\n"
                           "  cluster: {server: 'https://h:6443'}\nusers:\n- name: u\n  user:\n    client-key-data: 'eA=='\n";
  const auto good = select_context({{"/c", base + "    client-certificate-data: |\n      LS0t\n      Q0E=\n"}}, "");
  REQUIRE(good);
  CHECK(good->client_certificate.pem == "---CA");
  const auto bad = select_context({{"/c", base + "    client-certificate-data: 'LS0tQ0E=LS0t'\n"}}, "");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "/c: user \"u\".client-certificate-data is not valid base64");
}
