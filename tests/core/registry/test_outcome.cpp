#include "core/registry/outcome.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::registry;

namespace {

using devk8s::test::k_seed_digest;

Answer http(long status, std::string body = {}, std::string type = {})
{
  Answer a;
  a.status = status;
  a.body = std::move(body);
  a.content_type = std::move(type);
  return a;
}

} // namespace

TEST_CASE("classify: found", "[registry]")
{
  SECTION("HEAD with Docker-Content-Digest and a manifest media type")
  {
    Answer a = http(200, "", "application/vnd.docker.distribution.manifest.v2+json");
    a.digest = k_seed_digest;
    const auto o = classify(a);
    CHECK(o.kind == OutcomeKind::found);
    CHECK(o.digest == k_seed_digest);
    CHECK(o.media_type == "application/vnd.docker.distribution.manifest.v2+json");
    CHECK(o.summary() == k_seed_digest);
  }
  SECTION("each of the four accepted media types, parameters dropped")
  {
    for (const char* type : {"application/vnd.docker.distribution.manifest.list.v2+json",
                             "application/vnd.oci.image.manifest.v1+json; charset=utf-8",
                             "application/vnd.oci.image.index.v1+json"}) {
      CAPTURE(type);
      Answer a = http(200, "", type);
      a.digest = k_seed_digest;
      CHECK(classify(a).kind == OutcomeKind::found);
    }
  }
  SECTION("a GET without the header: the computed digest is used")
  {
    Answer a = http(200, "{}", "application/vnd.oci.image.manifest.v1+json");
    a.computed_digest = k_seed_digest;
    CHECK(needs_get(http(200, "", "application/vnd.oci.image.manifest.v1+json")));
    const auto o = classify(a);
    CHECK(o.kind == OutcomeKind::found);
    CHECK(o.digest == k_seed_digest);
  }
  SECTION("header and body disagree: bad answer")
  {
    Answer a = http(200, "{}", "application/vnd.oci.image.manifest.v1+json");
    a.digest = k_seed_digest;
    a.computed_digest = "sha256:" + std::string(64, '0');
    const auto o = classify(a);
    CHECK(o.kind == OutcomeKind::bad_answer);
    CHECK(o.code == "DIGEST_MISMATCH");
  }
  SECTION("200 that is not a manifest (a captive portal's HTML): bad answer")
  {
    Answer a = http(200, "<html>", "text/html");
    a.computed_digest = k_seed_digest;
    const auto o = classify(a);
    CHECK(o.kind == OutcomeKind::bad_answer);
    CHECK(o.code == "BAD_MEDIA_TYPE");
    CHECK(o.digest.empty());
  }
  SECTION("a malformed digest: bad answer")
  {
    Answer a = http(200, "", "application/vnd.oci.image.manifest.v1+json");
    a.digest = "sha256:xyz";
    CHECK(classify(a).code == "BAD_DIGEST");
  }
}

TEST_CASE("classify: failures keep the registry's words", "[registry]")
{
  SECTION("404 MANIFEST_UNKNOWN (distribution spec error codes)")
  {
    const auto o = classify(http(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"v5"}}]})"));
    CHECK(o.kind == OutcomeKind::not_found);
    CHECK(o.code == "MANIFEST_UNKNOWN");
    CHECK(o.message == "manifest unknown");
    CHECK(o.summary() == "MANIFEST_UNKNOWN: manifest unknown");
  }
  SECTION("404 NAME_UNKNOWN")
  {
    const auto o = classify(http(404, R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]})"));
    CHECK(o.kind == OutcomeKind::not_found);
    CHECK(o.code == "NAME_UNKNOWN");
  }
  SECTION("a plain-text 404 and a HEAD 404 without a body")
  {
    CHECK(classify(http(404, "404 page not found\n")).message == "404 page not found");
    const auto head = classify(http(404));
    CHECK(head.kind == OutcomeKind::not_found);
    CHECK(head.code == "NOT_FOUND");
  }
  SECTION("garbage JSON in an error body is kept as text, control characters blanked")
  {
    const auto o = classify(http(404, std::string("{\"errors\": [{\"code\": \"MANIF\0<b>", 31)));
    CHECK(o.kind == OutcomeKind::not_found);
    CHECK(o.code.empty());
    CHECK(o.message == "{\"errors\": [{\"code\": \"MANIF <b>");
  }
  SECTION("403 from a mirror allowlist (landscape.md §4 item 2)")
  {
    const auto o = classify(http(403, "the image x is not in allowlist\n"));
    CHECK(o.kind == OutcomeKind::denied);
    CHECK(o.code == "DENIED");
    CHECK(o.message == "the image x is not in allowlist");
  }
  SECTION("401 anonymous: honest that the image may be missing")
  {
    Answer a = http(401, R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})");
    const auto anonymous = classify(a);
    CHECK(anonymous.kind == OutcomeKind::denied);
    CHECK(anonymous.message.find("may also not exist") != std::string::npos);
    a.authenticated = true;
    CHECK(classify(a).message.find("credentials were refused, or the image does not exist") != std::string::npos);
  }
  SECTION("401 without a body: the challenge's error is the text")
  {
    Answer a = http(401);
    a.www_authenticate = R"(Bearer realm="https://r/token",error="insufficient_scope")";
    CHECK(classify(a).message.rfind("insufficient_scope", 0) == 0);
  }
  SECTION("429 and 5xx")
  {
    CHECK(classify(http(429)).kind == OutcomeKind::rate_limited);
    const auto o = classify(http(503, "upstream unavailable"));
    CHECK(o.kind == OutcomeKind::bad_answer);
    CHECK(o.code == "HTTP_503");
    CHECK(o.message == "upstream unavailable");
  }
  SECTION("long text is bounded")
  {
    const auto o = classify(http(404, std::string(5000, 'x')), 100);
    CHECK(o.message.size() < 110);
  }
}

TEST_CASE("classify: the kept text is always valid UTF-8", "[registry]")
{
  // Aliyun answers in Chinese: 3 bytes a character. A byte count that lands inside one used to
  // leave half a character, and `-o json` then threw.
  std::string chinese;
  while (chinese.size() < 400) {
    chinese += "\xE9\x95\x9C"; // 镜
  }
  const std::string ellipsis = "\xE2\x80\xA6"; // …
  const auto body = [](const std::string& message) {
    return R"({"errors":[{"code":"DENIED","message":")" + message + R"("}]})";
  };
  SECTION("cut between characters at the limit: whole characters then the ellipsis")
  {
    for (const std::size_t max : {300u, 299u, 298u, 1u, 0u}) {
      CAPTURE(max);
      const auto o = classify(http(403, body(chinese)), max);
      REQUIRE(o.message.size() >= ellipsis.size());
      const std::string kept = o.message.substr(0, o.message.size() - ellipsis.size());
      CHECK(o.message.substr(kept.size()) == ellipsis);
      CHECK(kept.size() <= max);
      CHECK(kept.size() == max / 3 * 3);
      CHECK(kept == chinese.substr(0, kept.size()));
      CHECK_NOTHROW(nlohmann::json(o.message).dump());
    }
  }
  SECTION("text that fits is kept whole")
  {
    CHECK(classify(http(403, body(chinese)), chinese.size()).message == chinese);
  }
  SECTION("bytes that are not UTF-8 become U+FFFD")
  {
    // A lone continuation byte, a truncated sequence, an overlong '/', a surrogate, 0xFF.
    const std::string raw = "a\x80"
                            "b\xE9\x95"
                            "c\xC0\xAF"
                            "d\xED\xA0\x80"
                            "e\xFF";
    const std::string r = "\xEF\xBF\xBD";
    const auto o = classify(http(502, raw));
    CHECK(o.message == "a" + r + "b" + r + r + "c" + r + r + "d" + r + r + r + "e" + r);
    CHECK_NOTHROW(nlohmann::json(o.message).dump());
  }
  SECTION("a cut never splits a 4-byte character")
  {
    const std::string emoji = "\xF0\x9F\x90\xB3"; // U+1F433
    const auto o = classify(http(404, emoji + emoji + emoji), 6);
    CHECK(o.message == emoji + ellipsis);
  }
  SECTION("registry text in headers is made valid too")
  {
    Answer a = http(200, "", "application/vnd.oci.image.manifest.v1+json\xFF");
    a.digest = "sha256:\xFF";
    const auto o = classify(a);
    CHECK(o.kind == OutcomeKind::bad_answer);
    CHECK_NOTHROW(nlohmann::json(o.message).dump());
    Answer challenge = http(401);
    challenge.www_authenticate = "Bearer realm=\"https://r/token\",error=\"\xE9\x95\"";
    CHECK_NOTHROW(nlohmann::json(classify(challenge).message).dump());
  }
}

TEST_CASE("classify: no HTTP answer", "[registry]")
{
  const auto link = [](Link l, const char* msg) {
    Answer a;
    a.link = l;
    a.link_message = msg;
    return classify(a);
  };
  CHECK(link(Link::dns, "Could not resolve host: gcr.io").kind == OutcomeKind::unreachable);
  CHECK(link(Link::dns, "Could not resolve host: gcr.io").code == "dns");
  CHECK(link(Link::connect, "Connection refused").kind == OutcomeKind::unreachable);
  CHECK(link(Link::tls, "SSL certificate problem").kind == OutcomeKind::unreachable);
  CHECK(link(Link::timeout, "Timeout was reached").code == "timeout");
  CHECK(link(Link::too_large, "too big").kind == OutcomeKind::bad_answer);
  CHECK(link(Link::redirects, "loop").code == "redirect-loop");
  CHECK(link(Link::protocol, "weird").kind == OutcomeKind::bad_answer);
}

TEST_CASE("parse_error_body", "[registry]")
{
  CHECK_FALSE(parse_error_body("not json"));
  CHECK_FALSE(parse_error_body(R"({"errors":[]})"));
  CHECK_FALSE(parse_error_body(R"({"errors":[1]})"));
  CHECK_FALSE(parse_error_body(R"([1,2])"));
  const auto e = parse_error_body(R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})");
  REQUIRE(e);
  CHECK(e->code == "DENIED");
}
