#include "core/preflight/tool_output.hpp"

#include "support/host_fixture.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::preflight;
using devk8s::test::fixture_host;
using devk8s::test::read_file;

TEST_CASE("tool version outputs", "[preflight][tools]")
{
  SECTION("minikube version -o json (v1.20.0, the seed case)")
  {
    auto v = parse_minikube_version_json(read_file(fixture_host("seed-host") + "/tools/minikube-version.json"));
    REQUIRE(v);
    CHECK(v->str() == "v1.20.0");
  }
  SECTION("kubectl version --client -o json, without and with kustomizeVersion")
  {
    CHECK(parse_kubectl_client_version_json(read_file(fixture_host("seed-host") + "/tools/kubectl-version.json"))->str() == "v1.17.9");
    CHECK(parse_kubectl_client_version_json(read_file(fixture_host("laptop-cgroup2") + "/tools/kubectl-version.json"))->str() == "v1.28.3");
  }
  SECTION("a vendor kubectl whose minor is \"27+\" is read from gitVersion")
  {
    auto v = parse_kubectl_client_version_json(
        R"({"clientVersion":{"major":"1","minor":"27+","gitVersion":"v1.27.1-eks-2f008fe"},"kustomizeVersion":"v5.0.1"})");
    REQUIRE(v);
    CHECK(v->minor == 27);
  }
  SECTION("docker's client version line") { CHECK(parse_docker_client_version("20.10.6\n")->str() == "v20.10.6"); }
  SECTION("garbage is an error, not a crash")
  {
    CHECK_FALSE(parse_minikube_version_json("minikube version: v1.20.0\ncommit: c61663e"));
    CHECK_FALSE(parse_minikube_version_json("{}"));
    CHECK_FALSE(parse_kubectl_client_version_json("[1,2]"));
    CHECK_FALSE(parse_kubectl_client_version_json(R"({"clientVersion":{"gitVersion":7}})"));
    CHECK_FALSE(parse_docker_client_version("Cannot connect to the Docker daemon"));
  }
}

TEST_CASE("parse_docker_info reads the Engine API SystemInfo", "[preflight][docker]")
{
  SECTION("seed host: Docker 20.10.6, 1 CPU, cgroup v1, no swap limit")
  {
    auto info = parse_docker_info(read_file(fixture_host("seed-host") + "/docker-info.json"));
    REQUIRE(info);
    CHECK(info->ncpu == 1);
    CHECK(info->mem_total / (1024 * 1024) == 1833);
    CHECK(info->cgroup_version == "1");
    CHECK(info->cgroup_driver == "cgroupfs");
    CHECK(info->memory_limit);
    CHECK_FALSE(info->swap_limit);
    CHECK_FALSE(info->rootless);
    CHECK(info->server_version == "20.10.6");
    CHECK(info->root_dir == "/var/lib/docker");
  }
  SECTION("rootless is a SecurityOptions entry")
  {
    auto info = parse_docker_info(read_file(fixture_host("rootless-docker") + "/docker-info.json"));
    REQUIRE(info);
    CHECK(info->rootless);
    CHECK(info->cgroup_version == "2");
  }
  SECTION("\"rootless\" inside another option's value is not rootless")
  {
    auto info = parse_docker_info(R"({"NCPU":2,"MemTotal":4,"SecurityOptions":["name=seccomp,profile=/etc/name=rootlessish.json"]})");
    REQUIRE(info);
    CHECK_FALSE(info->rootless);
  }
  SECTION("missing NCPU/MemTotal or not JSON")
  {
    CHECK_FALSE(parse_docker_info(R"({"ServerVersion":"20.10.6"})"));
    CHECK_FALSE(parse_docker_info("<html>"));
  }
}

TEST_CASE("parse_docker_host", "[preflight][docker]")
{
  CHECK(parse_docker_host("", false)->unix_socket == "/var/run/docker.sock");
  CHECK(parse_docker_host("unix:///run/user/1000/docker.sock", false)->unix_socket == "/run/user/1000/docker.sock");
  auto tcp = parse_docker_host("tcp://10.0.0.5:2376/", true);
  REQUIRE(tcp);
  CHECK(tcp->base_url == "https://10.0.0.5:2376");
  CHECK(tcp->unix_socket.empty());
  CHECK(parse_docker_host("tcp://10.0.0.5:2375", false)->base_url == "http://10.0.0.5:2375");
  CHECK_FALSE(parse_docker_host("ssh://me@host", false));
  CHECK_FALSE(parse_docker_host("unix://relative.sock", false));
}
