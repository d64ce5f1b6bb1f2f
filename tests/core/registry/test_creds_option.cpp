// --creds, DEVK8S_REGISTRY_CREDS and --creds-file values: which registry a credential is for,
// the forms that are refused, and that no error echoes any part of the value.
#include "core/registry/creds_option.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::registry;

namespace {

// Every message must be free of every part of the value that could be a secret.
void check_not_echoed(const devk8s::util::Error& error, const std::vector<std::string>& secrets)
{
  for (const auto& secret : secrets) {
    CAPTURE(secret);
    CHECK(error.message.find(secret) == std::string::npos);
    CHECK(error.hint.find(secret) == std::string::npos);
  }
}

} // namespace

TEST_CASE("parse_creds_option: HOST=USER:PASSWORD with Docker's config keys as HOST", "[registry][creds]")
{
  struct Case {
    std::string text;
    std::string host;
  };
  const std::vector<Case> cases = {
      {"127.0.0.1:5000=alice:wonderland", "127.0.0.1:5000"},
      {"https://127.0.0.1:5000=alice:wonderland", "127.0.0.1:5000"},
      {"http://registry.local=alice:wonderland", "registry.local"},
      {"https://registry.example.com/=alice:wonderland", "registry.example.com"},
      {"registry.example.com/v1/=alice:wonderland", "registry.example.com"},
      {"https://registry.example.com/v2/=alice:wonderland", "registry.example.com"},
      {"index.docker.io/v1/=alice:wonderland", "docker.io"},
      {"https://index.docker.io/v1/=alice:wonderland", "docker.io"},
      {"registry-1.docker.io=alice:wonderland", "docker.io"},
      {"Registry.Example.COM=alice:wonderland", "registry.example.com"},
      {"localhost=alice:wonderland", "localhost"},
      {"myregistry:5000=alice:wonderland", "myregistry:5000"},
      {"[::1]:5000=alice:wonderland", "[::1]:5000"},
  };
  for (const auto& c : cases) {
    SECTION(c.text)
    {
      const auto parsed = parse_creds_option(c.text);
      INFO((parsed ? std::string() : parsed.error().message));
      REQUIRE(parsed);
      CHECK(parsed->host == c.host);
      CHECK(parsed->credentials.username == "alice");
      CHECK(parsed->credentials.password == "wonderland");
      CHECK(parsed->origin == "--creds");
    }
  }
}

TEST_CASE("parse_creds_option: USER:PASSWORD, whose password may hold '=' and ':'", "[registry][creds]")
{
  struct Case {
    std::string text;
    std::string user;
    std::string password;
  };
  const std::vector<Case> cases = {
      {"alice:wonderland", "alice", "wonderland"},
      {"alice:pa:ss=word", "alice", "pa:ss=word"},
      // The part before '=' looks like HOST:PORT, but what follows is no USER:PASSWORD.
      {"user:12345=rest", "user", "12345=rest"},
      {"user:ab==", "user", "ab=="},
      {"alice:c2VjcmV0=", "alice", "c2VjcmV0="},
      {"alice@example.com:secret", "alice@example.com", "secret"},
      {"u:p/x=y:z", "u", "p/x=y:z"},
      {"alice:p@ssword", "alice", "p@ssword"},
  };
  for (const auto& c : cases) {
    SECTION(c.text)
    {
      const auto parsed = parse_creds_option(c.text, "DEVK8S_REGISTRY_CREDS");
      INFO((parsed ? std::string() : parsed.error().message));
      REQUIRE(parsed);
      CHECK(parsed->host.empty());
      CHECK(parsed->credentials.username == c.user);
      CHECK(parsed->credentials.password == c.password);
      CHECK(parsed->origin == "DEVK8S_REGISTRY_CREDS");
    }
  }
}

TEST_CASE("parse_creds_option: forms that name a host devk8s would not read as one are refused", "[registry][creds]")
{
  struct Case {
    std::string text;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"alice:wonderland@127.0.0.1:5000", "USER:PASSWORD@HOST"},
      {"alice:wonderland@registry.example.com", "USER:PASSWORD@HOST"},
      {"alice:wonderland@localhost/v2/", "USER:PASSWORD@HOST"},
      {"https://alice:wonderland@registry.example.com", "a URL"},
      {"https://registry.example.com/library/redis=alice:wonderland", "has a path"},
      {"registry.example.com/team=alice:wonderland", "has a path"},
      {"ftp://registry.example.com=alice:wonderland", "only http:// and https://"},
      {"https://=alice:wonderland", "not a registry HOST[:PORT]"},
      {"https://bad_host!=alice:wonderland", "not a registry HOST[:PORT]"},
      // Found by review: each of these was sent to every registry as a user "HOST=" or " HOST".
      {"=alice:wonderland", "the part before '='"},
      {" 127.0.0.1:5901=alice:wonderland", "the part before '='"},
      {"127.0.0.1:5901 =alice:wonderland", "the part before '='"},
      {"registry.example.com =alice:wonderland", "the part before '='"},
  };
  for (const auto& c : cases) {
    SECTION(c.text)
    {
      const auto parsed = parse_creds_option(c.text);
      REQUIRE_FALSE(parsed);
      CHECK(parsed.error().code == devk8s::util::ExitCode::usage);
      CHECK(parsed.error().message.rfind("--creds names a registry in a form devk8s does not read: ", 0) == 0);
      CHECK(parsed.error().message.find(c.why) != std::string::npos);
      CHECK(parsed.error().hint.find("HOST=USER:PASSWORD") != std::string::npos);
      check_not_echoed(parsed.error(), {"alice", "wonderland", "redis", "team", "bad_host"});
    }
  }
  SECTION("malformed values: one line that echoes nothing")
  {
    for (const std::string bad : {"alice", ":pw", "host.example=nocolon", "https://host.example=nocolon", "",
                                  "127.0.0.1:5901=:pw", "localhost:5000=:pw", "registry.example.com=:pw"}) {
      CAPTURE(bad);
      const auto r = parse_creds_option(bad);
      REQUIRE_FALSE(r);
      CHECK(r.error().message == "--creds must be USER:PASSWORD or HOST=USER:PASSWORD");
      check_not_echoed(r.error(), {"nocolon", "pw"});
    }
  }
}

TEST_CASE("registry_host: Docker's config keys", "[registry][creds]")
{
  CHECK(registry_host("https://index.docker.io/v1/") == "docker.io");
  CHECK(registry_host("quay.io") == "quay.io");
  CHECK(registry_host("http://127.0.0.1:5000") == "127.0.0.1:5000");
  CHECK_FALSE(registry_host("alice"));
  CHECK_FALSE(registry_host("quay.io/org"));
  CHECK_FALSE(registry_host("https://quay.io/org/repo"));
  // A single-label host no image reference can name (found by the registry_text fuzzer: it was
  // read as "indv1", which registry_host then refused).
  CHECK_FALSE(registry_host("https://indv1/"));
  CHECK(registry_host("https://localhost:5000/") == "localhost:5000");
  // Nor as --creds' HOST: credentials for it could never be sent (it was accepted before).
  const auto creds = parse_creds_option("https://intranet=alice:secret");
  REQUIRE_FALSE(creds);
  CHECK(creds.error().message == "--creds names a registry in a form devk8s does not read: no image can come from "
                                 "intranet: a registry host has a '.', a :PORT or is localhost (as image references "
                                 "read it)");
}

TEST_CASE("parse_creds_file: one entry a line, errors by line number", "[registry][creds]")
{
  SECTION("entries, comments, blank lines and CRLF")
  {
    const auto parsed = parse_creds_file("# mirror credentials\r\n\r\n127.0.0.1:5000=alice:wonder=land\r\nbob:s3cret\n",
                                         "--creds-file \"c.txt\"");
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 2);
    CHECK((*parsed)[0].host == "127.0.0.1:5000");
    CHECK((*parsed)[0].credentials.password == "wonder=land");
    CHECK((*parsed)[0].origin == "--creds-file \"c.txt\" line 3");
    CHECK((*parsed)[1].host.empty());
    CHECK((*parsed)[1].credentials.username == "bob");
    CHECK((*parsed)[1].credentials.password == "s3cret");
  }
  SECTION("a bad line names its number, never its text")
  {
    const auto parsed = parse_creds_file("bob:s3cret\nhunter2\n", "--creds-file \"c.txt\"");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message == "--creds-file \"c.txt\" line 2 must be USER:PASSWORD or HOST=USER:PASSWORD");
    check_not_echoed(parsed.error(), {"hunter2", "s3cret"});
  }
  SECTION("nothing in it")
  {
    const auto parsed = parse_creds_file("# only a comment\n\n", "--creds-file - (stdin)");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message == "--creds-file - (stdin) holds no USER:PASSWORD or HOST=USER:PASSWORD line");
  }
}

TEST_CASE("creds_for: a credential without a host goes only to the registries named", "[registry][creds]")
{
  const std::vector<CredsOption> options = {*parse_creds_option("a:1"), *parse_creds_option("h:5000=b:2")};
  const std::set<std::string> named = {"named.example.com", "h:5000"};
  CHECK(creds_for(options, "h:5000", named)->credentials.username == "b");
  CHECK(creds_for(options, "named.example.com", named)->credentials.username == "a");
  // Another registry (one the user never named) gets no credential without a host.
  CHECK_FALSE(creds_for(options, "other.example.com", named));
  // Its own HOST= entry applies even when it is not among the named ones.
  CHECK(creds_for(options, "h:5000", {})->credentials.username == "b");
  CHECK_FALSE(creds_for({}, "named.example.com", named));
}
