#include "core/image/image_ref.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>

using devk8s::core::image::ImageRef;

namespace {

using devk8s::test::k_seed_digest;

ImageRef parse_ok(const std::string& text)
{
  auto ref = ImageRef::parse(text);
  INFO(text << ": " << (ref ? std::string("ok") : ref.error().message));
  REQUIRE(ref);
  return *ref;
}

std::string parse_error(const std::string& text)
{
  auto ref = ImageRef::parse(text);
  INFO(text);
  REQUIRE_FALSE(ref);
  return ref.error().message;
}

} // namespace

TEST_CASE("ImageRef::parse normalizes like Docker", "[image]")
{
  struct Case {
    std::string input, domain, path, tag, normalized, familiar;
  };
  const std::vector<Case> cases = {
      {"redis", "docker.io", "library/redis", "latest", "docker.io/library/redis:latest", "redis:latest"},
      {"redis:6.2", "docker.io", "library/redis", "6.2", "docker.io/library/redis:6.2", "redis:6.2"},
      {"bitnami/redis:6.2.3-debian-10-r0", "docker.io", "bitnami/redis", "6.2.3-debian-10-r0",
       "docker.io/bitnami/redis:6.2.3-debian-10-r0", "bitnami/redis:6.2.3-debian-10-r0"},
      {"docker.io/library/redis", "docker.io", "library/redis", "latest", "docker.io/library/redis:latest", "redis:latest"},
      {"index.docker.io/redis", "docker.io", "library/redis", "latest", "docker.io/library/redis:latest", "redis:latest"},
      {"localhost/x", "localhost", "x", "latest", "localhost/x:latest", "localhost/x:latest"},
      {"localhost:5000/x", "localhost:5000", "x", "latest", "localhost:5000/x:latest", "localhost:5000/x:latest"},
      {"localhost:5000", "docker.io", "library/localhost", "5000", "docker.io/library/localhost:5000", "localhost:5000"},
      {"127.0.0.1:5000/ns/app:v1", "127.0.0.1:5000", "ns/app", "v1", "127.0.0.1:5000/ns/app:v1", "127.0.0.1:5000/ns/app:v1"},
      {"[::1]:5000/app", "[::1]:5000", "app", "latest", "[::1]:5000/app:latest", "[::1]:5000/app:latest"},
      {"[2001:db8::1]/app:1", "[2001:db8::1]", "app", "1", "[2001:db8::1]/app:1", "[2001:db8::1]/app:1"},
      {"gcr.io/k8s-minikube/storage-provisioner:v5", "gcr.io", "k8s-minikube/storage-provisioner", "v5",
       "gcr.io/k8s-minikube/storage-provisioner:v5", "gcr.io/k8s-minikube/storage-provisioner:v5"},
      {"k8s.gcr.io/coredns:1.7.0", "k8s.gcr.io", "coredns", "1.7.0", "k8s.gcr.io/coredns:1.7.0", "k8s.gcr.io/coredns:1.7.0"},
      {"a/b/c/d/e", "docker.io", "a/b/c/d/e", "latest", "docker.io/a/b/c/d/e:latest", "a/b/c/d/e:latest"},
      {"foo__bar-baz---qux/x.y_z", "docker.io", "foo__bar-baz---qux/x.y_z", "latest",
       "docker.io/foo__bar-baz---qux/x.y_z:latest", "foo__bar-baz---qux/x.y_z:latest"},
      {"my-registry.example.com:443/team/app:1.0_rc-1", "my-registry.example.com:443", "team/app", "1.0_rc-1",
       "my-registry.example.com:443/team/app:1.0_rc-1", "my-registry.example.com:443/team/app:1.0_rc-1"},
      {"library/library", "docker.io", "library/library", "latest", "docker.io/library/library:latest", "library:latest"},
      {"redis:_x", "docker.io", "library/redis", "_x", "docker.io/library/redis:_x", "redis:_x"},
      // Found by fuzzing (tests/fuzz/regressions/image_ref): without docker.io/ these name another registry.
      {"docker.io/b.i/k", "docker.io", "b.i/k", "latest", "docker.io/b.i/k:latest", "docker.io/b.i/k:latest"},
      {"docker.io/a_b.c/x", "docker.io", "a_b.c/x", "latest", "docker.io/a_b.c/x:latest", "docker.io/a_b.c/x:latest"},
      {"docker.io/localhost/x", "docker.io", "localhost/x", "latest", "docker.io/localhost/x:latest",
       "docker.io/localhost/x:latest"},
      // Found by the long fuzz run: a bare 64-hex name is an image ID, so "library/" stays.
      {"library/cb5e0e3e8c26ba4dcb5e0e3e8c26ba4dcb5e0e3e8c69ba4d2c1a2fba4d2c1a2f", "docker.io", "library/cb5e0e3e8c26ba4dcb5e0e3e8c26ba4dcb5e0e3e8c69ba4d2c1a2fba4d2c1a2f", "latest",
       "docker.io/library/cb5e0e3e8c26ba4dcb5e0e3e8c26ba4dcb5e0e3e8c69ba4d2c1a2fba4d2c1a2f:latest", "library/cb5e0e3e8c26ba4dcb5e0e3e8c26ba4dcb5e0e3e8c69ba4d2c1a2fba4d2c1a2f:latest"},
  };
  for (const auto& c : cases) {
    SECTION(c.input)
    {
      const ImageRef ref = parse_ok(c.input);
      CHECK(ref.domain() == c.domain);
      CHECK(ref.path() == c.path);
      CHECK(ref.tag() == c.tag);
      CHECK(ref.digest().empty());
      CHECK(ref.str() == c.normalized);
      CHECK(ref.familiar() == c.familiar);
      CHECK(parse_ok(ref.str()) == ref); // normalizing twice changes nothing
      CHECK(parse_ok(ref.familiar()) == ref); // the short form names the same image
    }
  }
}

TEST_CASE("ImageRef::parse keeps digests", "[image]")
{
  SECTION("digest only: no default tag")
  {
    const ImageRef ref = parse_ok("redis@" + k_seed_digest);
    CHECK(ref.tag().empty());
    CHECK(ref.digest() == k_seed_digest);
    CHECK(ref.str() == "docker.io/library/redis@" + k_seed_digest);
  }
  SECTION("tag and digest")
  {
    const ImageRef ref = parse_ok("docker.io/kubernetesui/dashboard:v2.1.0@" + k_seed_digest);
    CHECK(ref.tag() == "v2.1.0");
    CHECK(ref.digest() == k_seed_digest);
    CHECK(ref.familiar() == "kubernetesui/dashboard:v2.1.0@" + k_seed_digest);
  }
  SECTION("other algorithms as the grammar allows")
  {
    CHECK(parse_ok("x@sha512:" + std::string(128, 'a')).digest().size() == 7 + 128);
    CHECK(parse_ok("x@multihash+base58:" + std::string(40, 'b')).digest().rfind("multihash+base58:", 0) == 0);
  }
  SECTION("port and digest")
  {
    CHECK(parse_ok("localhost:5000/x:1@" + k_seed_digest).domain() == "localhost:5000");
  }
}

TEST_CASE("ImageRef::parse rejects invalid references with where and why", "[image]")
{
  struct Case {
    std::string input, expected;
  };
  const std::vector<Case> cases = {
      {"", "\"\": the reference is empty"},
      {"Gcr.io/X", "\"Gcr.io/X\": repository name must be lowercase (position 7)"},
      {"Foo/bar", "\"Foo/bar\": repository name must be lowercase (position 0)"}, // not a domain once lowercase
      {"gcr.io/Foo", "\"gcr.io/Foo\": repository name must be lowercase (position 7)"},
      {"Redis", "\"Redis\": repository name must be lowercase (position 0)"},
      {"redis:", "\"redis:\": empty tag after ':' (position 6)"},
      {"redis:-x", "tag must start with a letter, digit or '_' (position 6)"},
      {"redis:" + std::string(129, 'a'), "tag is longer than 128 characters"},
      {"redis:a!b", "invalid character \"!\" in tag (position 7)"},
      {"re dis", "invalid character \" \" (position 2)"},
      {"redis@sha256:abc", "sha256 digest must have 64 hex digits, not 3"},
      {"redis@sha256:" + std::string(64, 'g'), "invalid character \"g\" in digest"},
      {"redis@" + std::string(64, 'a'), "digest must be algorithm:hex"},
      {"redis@1sha:" + std::string(64, 'a'), "invalid digest algorithm"},
      {"x@foo:" + std::string(31, 'a'), "at least 32 hex digits"},
      {"a//b", "empty path component (position 2)"},
      {"/redis", "empty path component (position 0)"},
      {"redis/", "empty path component (position 6)"},
      {"-redis", "invalid path component \"-redis\""},
      {"redis-", "invalid path component \"redis-\""},
      {"a...b", "invalid path component \"a...b\""},
      {"a___b", "invalid path component \"a___b\""},
      {"foo_bar.example/x", "invalid domain component \"foo_bar\" (position 0)"},
      {"gcr.io:abc/x", "invalid port \"abc\" (position 7)"},
      {"gcr.io:99999/x", "invalid port \"99999\""},
      {"-gcr.io/x", "invalid domain component \"-gcr\" (position 0)"},
      {"[::1/x", "missing its closing ']'"},
      {"[zz::1]/x", "invalid IPv6 address"},
      {"[::1]x/y", "expected ':' and a port"},
      {std::string(64, 'a'), "is an image ID, not a repository name"},
      {"a/" + std::string(254, 'b'), "longer than 255 characters"},
      {":tag", "repository name is empty (position 0)"},
      {"redis\xc3\xa9", "invalid character \"\xc3\xa9\" (position 5)"}, // the whole character
      {"redis\xc3", "\"redis\\xc3\": invalid character \"\\xc3\" (position 5)"}, // half of one, escaped
      {"redis\xc3(x", "invalid character \"\\xc3\" (position 5)"},
      {"redis\xff", "invalid character \"\\xff\" (position 5)"},
  };
  for (const auto& c : cases) {
    SECTION(c.input.substr(0, 40))
    {
      CAPTURE(c.input);
      const std::string message = parse_error(c.input);
      CAPTURE(message);
      CHECK(message.find(c.expected) != std::string::npos);
    }
  }
}

TEST_CASE("ImageRef::parse takes an uppercase domain, as Docker's grammar does, and lowercases it", "[image]")
{
  CHECK(parse_ok("Gcr.io/x").str() == "gcr.io/x:latest");
  CHECK(parse_ok("Registry.K8S.io/pause:3.2").str() == "registry.k8s.io/pause:3.2");
  CHECK(parse_ok("LOCALHOST:5000/x").domain() == "localhost:5000");
  CHECK(parse_ok("Gcr.io/x") == parse_ok("gcr.io/x"));
}

TEST_CASE("ImageRef limits sit exactly at the grammar's edges", "[image]")
{
  SECTION("a 128-character tag is valid")
  {
    CHECK(parse_ok("redis:" + std::string(128, 'a')).tag().size() == 128);
  }
  SECTION("a 255-character name is valid")
  {
    CHECK(parse_ok("example.com/" + std::string(243, 'b')).name().size() == 255);
  }
  SECTION("normalization may push a short name past 255")
  {
    // 250 chars of path become docker.io/ + 250 = 260.
    CHECK_FALSE(ImageRef::parse("aa/" + std::string(247, 'b')));
  }
}

TEST_CASE("ImageRef::parse_all reports every invalid reference", "[image]")
{
  auto ok = ImageRef::parse_all({"redis", "gcr.io/x:1"});
  REQUIRE(ok);
  CHECK(ok->size() == 2);
  auto bad = ImageRef::parse_all({"Redis", "redis", "a//b"});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == devk8s::util::ExitCode::usage);
  CHECK(bad.error().message == "invalid image reference \"Redis\": repository name must be lowercase (position 0)\n"
                               "invalid image reference \"a//b\": empty path component (position 2)");
}
