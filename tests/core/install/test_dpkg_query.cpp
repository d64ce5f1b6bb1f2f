// core/install/dpkg_query: the argument and the answer of `dpkg-query --search`. The outputs are
// Debian 12's dpkg-query 1.21.22, copied from a terminal (see the header for the format's source).
#include "core/install/dpkg_query.hpp"

#include <catch2/catch.hpp>

using devk8s::core::install::dpkg_search_argument;
using devk8s::core::install::dpkg_search_owners;
using Owners = std::vector<std::string>;

TEST_CASE("dpkg_search_argument: a path is looked up as itself, never as a glob", "[install]")
{
  CHECK(dpkg_search_argument("/usr/bin/kubectl") == "/usr/bin/kubectl");
  CHECK(dpkg_search_argument("/opt/k8s [old]/kube*?\\") == "/opt/k8s \\[old]/kube\\*\\?\\\\");
}

TEST_CASE("dpkg_search_owners reads the packages of the line about the path", "[install]")
{
  CHECK(dpkg_search_owners("kubectl: /usr/bin/kubectl\n", "/usr/bin/kubectl") == Owners{"kubectl"});
  SECTION("Multi-Arch packages lose their :ARCH; a shared path names each package")
  {
    CHECK(dpkg_search_owners("libc6:amd64, libc6-dbg:amd64, g++-12: /usr/lib/debug\n", "/usr/lib/debug") ==
          Owners{"libc6", "libc6-dbg", "g++-12"});
  }
  SECTION("diversions are dpkg-divert's records, not owners")
  {
    const std::string sh = "diversion by dash from: /bin/sh\ndiversion by dash to: /bin/sh.distrib\ndash: /bin/sh\n";
    CHECK(dpkg_search_owners(sh, "/bin/sh") == Owners{"dash"});
    CHECK(dpkg_search_owners(sh, "/bin/sh.distrib").empty());
  }
  SECTION("a path with \": \" in it")
  {
    CHECK(dpkg_search_owners("tool: /opt/a: b/kubectl\n", "/opt/a: b/kubectl") == Owners{"tool"});
    CHECK(dpkg_search_owners("tool: /opt/a: b/kubectl\n", "b/kubectl").empty());
  }
  SECTION("lines about other paths, and what is not dpkg's answer")
  {
    CHECK(dpkg_search_owners("kubectl: /usr/bin/kubectl\n", "/usr/bin/kube").empty());
    CHECK(dpkg_search_owners("kubectl: /usr/bin/kubectl2\n", "/usr/bin/kubectl").empty());
    CHECK(dpkg_search_owners("", "/usr/bin/kubectl").empty());
    CHECK(dpkg_search_owners("kubectl: /usr/bin/kubectl", "").empty());
    // A translated diversion line (dpkg's messages are; devk8s asks with LC_ALL=C all the same).
    CHECK(dpkg_search_owners("Umleitung durch dash von: /bin/sh\ndash: /bin/sh\n", "/bin/sh") == Owners{"dash"});
    CHECK(dpkg_search_owners("Kubectl: /usr/bin/kubectl\n", "/usr/bin/kubectl").empty());
    CHECK(dpkg_search_owners(": /usr/bin/kubectl\n", "/usr/bin/kubectl").empty());
    CHECK(dpkg_search_owners("kubectl:: /usr/bin/kubectl\n", "/usr/bin/kubectl").empty());
    CHECK(dpkg_search_owners("kubectl: /usr/bin/kubectl\r\n", "/usr/bin/kubectl") == Owners{"kubectl"});
  }
}
