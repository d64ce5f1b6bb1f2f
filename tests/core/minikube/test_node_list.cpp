// `minikube node list` (core/minikube/node_list.hpp), on the fixture and on what is not its layout.
#include "core/minikube/node_list.hpp"

#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::minikube;

TEST_CASE("parse_node_list", "[minikube]")
{
  SECTION("two nodes, as node_list.go prints them")
  {
    const auto nodes =
        parse_node_list(devk8s::test::read_file(devk8s::test::source_path("tests/fixtures/minikube/node-list-two-nodes.txt")));
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 2);
    CHECK((*nodes)[0].machine == "minikube");
    CHECK((*nodes)[0].ip == "192.168.49.2");
    CHECK((*nodes)[1].machine == "minikube-m02");
    CHECK((*nodes)[1].ip == "192.168.49.3");
  }
  SECTION("a node that has no IP yet, and blank lines")
  {
    const auto nodes = parse_node_list("\nseed\t192.168.58.2\nseed-m02\t\n\n");
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 2);
    CHECK((*nodes)[1].machine == "seed-m02");
    CHECK((*nodes)[1].ip.empty());
  }
  SECTION("no nodes")
  {
    const auto nodes = parse_node_list("");
    REQUIRE(nodes);
    CHECK(nodes->empty());
  }
  SECTION("a line that is not <machine>\\t<IP> is refused, naming it")
  {
    const auto nodes = parse_node_list("minikube\t192.168.49.2\n* Profile \"x\" not found.\n");
    REQUIRE_FALSE(nodes);
    CHECK(nodes.error().message == "minikube node list: line 2 is not \"<machine>\\t<IP>\": \"* Profile \\\"x\\\" not found.\"");
    CHECK_FALSE(parse_node_list("\t192.168.49.2\n"));
    CHECK_FALSE(parse_node_list("minikube\t192.168.49.2\textra\n")); // node_list.go prints one tab
  }
}
