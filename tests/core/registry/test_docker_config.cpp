#include "core/registry/docker_config.hpp"
#include "util/base64.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::registry;

// Shapes from the Docker CLI reference, "docker login" → "Credential stores" / "Credential helpers",
// and docker/docker-credential-helpers' README (the `get` protocol).
TEST_CASE("parse_docker_config", "[registry]")
{
  SECTION("auths with base64 user:password; Docker Hub's key")
  {
    const auto c = parse_docker_config(R"({"auths":{"https://index.docker.io/v1/":{"auth":"YWxpY2U6czNjcjN0OmV4dHJh"},
                                          "127.0.0.1:5000":{"auth":"Ym9iOnB3"}}})",
                                       "config.json");
    REQUIRE(c);
    const auto hub = credential_source(*c, "docker.io");
    REQUIRE(hub.inline_credentials);
    CHECK(hub.inline_credentials->username == "alice");
    CHECK(hub.inline_credentials->password == "s3cr3t:extra"); // only the first ':' separates
    const auto local = credential_source(*c, "127.0.0.1:5000");
    REQUIRE(local.inline_credentials);
    CHECK(local.inline_credentials->username == "bob");
    CHECK_FALSE(credential_source(*c, "quay.io").inline_credentials);
  }
  SECTION("an auths key written as a URL matches the host")
  {
    const auto c = parse_docker_config(R"({"auths":{"https://registry.example.com/v2/":{"auth":"dTpw"}}})", "c");
    REQUIRE(c);
    CHECK(credential_source(*c, "registry.example.com").inline_credentials);
  }
  SECTION("credHelpers win over auths, credsStore is the fallback")
  {
    const auto c = parse_docker_config(
        R"({"auths":{"gcr.io":{"auth":"dTpw"}},"credHelpers":{"gcr.io":"gcloud"},"credsStore":"desktop"})", "c");
    REQUIRE(c);
    const auto gcr = credential_source(*c, "gcr.io");
    CHECK(gcr.helper == "gcloud");
    CHECK_FALSE(gcr.inline_credentials);
    const auto other = credential_source(*c, "quay.io");
    CHECK(other.helper == "desktop");
    CHECK(other.server_url == "quay.io");
    CHECK(credential_source(*c, "docker.io").server_url == "https://index.docker.io/v1/");
  }
  SECTION("malformed files are errors that show no secret")
  {
    CHECK_FALSE(parse_docker_config("{", "c.json"));
    const auto bad = parse_docker_config(R"({"auths":{"h":{"auth":"bm9jb2xvbg=="}}})", "c.json"); // "nocolon"
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("nocolon") == std::string::npos);
    CHECK(bad.error().message.find("bm9jb2xvbg") == std::string::npos);
    // A hand edit that lost a closing quote: the parser's message once quoted the token it read.
    const auto cut = parse_docker_config("{\"auths\": {\"h\": {\"auth\": \"YWxpY2U6czNjcjN0\n}}}", "c.json");
    REQUIRE_FALSE(cut);
    CHECK(cut.error().message.rfind("c.json:1:", 0) == 0);
    CHECK(cut.error().message.find("YWxp") == std::string::npos);
    const auto helper = parse_helper_output("{\"Username\":\"u\",\"Secret\":\"ya29.secret\u0001", "gcloud");
    REQUIRE_FALSE(helper);
    CHECK(helper.error().message.find("ya29") == std::string::npos);
  }
}

TEST_CASE("credential helper answers", "[registry]")
{
  SECTION("a helper's JSON")
  {
    const auto c = parse_helper_output(R"({"ServerURL":"gcr.io","Username":"oauth2accesstoken","Secret":"ya29.x"})", "gcloud");
    REQUIRE(c);
    CHECK(c->username == "oauth2accesstoken");
    CHECK(c->password == "ya29.x");
    const auto token = parse_helper_output(R"({"Username":"<token>","Secret":"refresh"})", "desktop");
    REQUIRE(token);
    CHECK(token->identity_token == "refresh");
    CHECK(token->username.empty());
    CHECK_FALSE(parse_helper_output("credentials not found in native keychain", "x"));
  }
  SECTION("base64 round trip (RFC 4648 test vectors)")
  {
    CHECK(devk8s::util::base64_encode("foobar") == "Zm9vYmFy");
    CHECK(devk8s::util::base64_encode("fo") == "Zm8=");
    CHECK(*devk8s::util::base64_decode("Zm9vYg==") == "foob");
    CHECK_FALSE(devk8s::util::base64_decode("!!"));
  }
}
