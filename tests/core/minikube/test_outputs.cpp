// Parsers of minikube's outputs, on the fixtures in tests/fixtures/minikube/ (README there says
// where each shape comes from) and on broken inputs, which must give an Error, never throw.
#include "core/minikube/addon_images_table.hpp"
#include "core/minikube/addons_list.hpp"
#include "core/minikube/profile_list.hpp"
#include "core/minikube/status.hpp"
#include "core/minikube/version_json.hpp"

#include "support/image_values.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::minikube;
using devk8s::test::read_file;
using devk8s::test::source_path;

namespace {

using devk8s::test::k_aliyun;

std::string fixture(const std::string& name)
{
  return read_file(source_path("tests/fixtures/minikube/" + name));
}

} // namespace

TEST_CASE("parse_version_json", "[minikube]")
{
  SECTION("the seed's minikube v1.20.0")
  {
    auto v = parse_version_json(read_file(source_path("tests/fixtures/hosts/seed-host/tools/minikube-version.json")));
    REQUIRE(v);
    CHECK(v->version.str() == "v1.20.0");
    CHECK(v->commit == "c61663e942ec43b20e8e70839dcca52e44cd85ae");
  }
  SECTION("no commit is allowed")
  {
    auto v = parse_version_json(R"({"minikubeVersion":"v1.38.1"})");
    REQUIRE(v);
    CHECK(v->commit.empty());
  }
  const char* bad[] = {"", "minikube version: v1.20.0", R"({"commit":"x"})", R"({"minikubeVersion":20})",
                       R"({"minikubeVersion":"v1.20.0","commit":7})", "[]"};
  for (const char* text : bad) {
    SECTION(std::string("refused: ") + text) { CHECK_FALSE(parse_version_json(text)); }
  }
}

TEST_CASE("parse_profile_list_json", "[minikube]")
{
  SECTION("the seed's profile")
  {
    auto list = parse_profile_list_json(fixture("profile-list-v1.20.0-seed.json"));
    REQUIRE(list);
    REQUIRE(list->valid.size() == 1);
    CHECK(list->invalid.empty());
    const Profile& p = list->valid[0];
    CHECK(p.name == "minikube");
    CHECK(p.status == "Running");
    CHECK(p.image_repository == k_aliyun);
    CHECK(p.container_runtime == ContainerRuntime::docker);
    CHECK(p.kubernetes_version.str() == "v1.20.2");
    REQUIRE(p.nodes.size() == 1);
    CHECK(p.nodes[0].ip == "192.168.49.2");
    CHECK(p.nodes[0].control_plane);
    CHECK(p.addons == std::map<std::string, bool>{{"default-storageclass", true}, {"storage-provisioner", true}});
    CHECK(p.custom_addon_images.empty());
  }
  SECTION("saved custom addon images (v1.21.0+), cri-o, an invalid profile")
  {
    auto list = parse_profile_list_json(
        R"({"invalid":[{"Name":"broken","Status":"","Config":null}],"valid":[{"Name":"dev","Status":"Stopped","Config":{)"
        R"("KubernetesConfig":{"KubernetesVersion":"v1.35.1","ContainerRuntime":"crio","ImageRepository":""},)"
        R"("Nodes":null,"Addons":null,"CustomAddonImages":{"StorageProvisioner":"storage-provisioner:v5"},)"
        R"("CustomAddonRegistries":{"StorageProvisioner":"registry.cn-hangzhou.aliyuncs.com/google_containers"}}}]})");
    REQUIRE(list);
    CHECK(list->invalid == std::vector<std::string>{"broken"});
    CHECK(list->valid[0].container_runtime == ContainerRuntime::crio);
    CHECK(list->valid[0].custom_addon_images.at("StorageProvisioner") == "storage-provisioner:v5");
    CHECK(list->valid[0].custom_addon_registries.at("StorageProvisioner") == k_aliyun);
  }
  SECTION("no profiles")
  {
    auto list = parse_profile_list_json(R"({"invalid":[],"valid":[]})");
    REQUIRE(list);
    CHECK(list->valid.empty());
  }
  const std::pair<const char*, const char*> bad[] = {
      {"not JSON", "* Profile \"minikube\" not found."},
      {"valid not an array", R"({"valid":{}})"},
      {"a profile without Config", R"({"valid":[{"Name":"m"}]})"},
      {"no KubernetesVersion", R"({"valid":[{"Name":"m","Config":{"KubernetesConfig":{}}}]})"},
      {"a bad runtime", R"({"valid":[{"Name":"m","Config":{"KubernetesConfig":{"KubernetesVersion":"v1.20.2","ContainerRuntime":"rkt"}}}]})"},
      {"Addons of strings", R"({"valid":[{"Name":"m","Config":{"KubernetesConfig":{"KubernetesVersion":"v1.20.2"},"Addons":{"x":"yes"}}}]})"},
      {"Nodes not an array", R"({"valid":[{"Name":"m","Config":{"KubernetesConfig":{"KubernetesVersion":"v1.20.2"},"Nodes":{}}}]})"},
      {"Name a number", R"({"valid":[{"Name":1,"Config":{}}]})"},
  };
  for (const auto& [name, text] : bad) {
    SECTION(std::string("refused: ") + name)
    {
      auto list = parse_profile_list_json(text);
      REQUIRE_FALSE(list);
      CHECK_FALSE(list.error().message.empty());
    }
  }
}

TEST_CASE("parse_status_json and decode_status_exit", "[minikube]")
{
  SECTION("one node: an object")
  {
    auto nodes = parse_status_json(fixture("status-v1.20.0-seed.json"));
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 1);
    CHECK((*nodes)[0].host == "Running");
    CHECK((*nodes)[0].kubeconfig == "Configured");
    CHECK_FALSE((*nodes)[0].worker);
  }
  SECTION("two nodes: an array")
  {
    auto nodes = parse_status_json(fixture("status-two-nodes.json"));
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 2);
    CHECK((*nodes)[1].name == "minikube-m02");
    CHECK((*nodes)[1].apiserver == "Irrelevant");
    CHECK((*nodes)[1].worker);
  }
  SECTION("broken outputs")
  {
    CHECK_FALSE(parse_status_json("[]"));
    CHECK_FALSE(parse_status_json("minikube\ntype: Control Plane\nhost: Running"));
    CHECK_FALSE(parse_status_json(R"({"Name":"minikube","Host":"Running"})"));
    CHECK(parse_status_json(R"({"Name":"minikube","Host":1,"Kubelet":"","APIServer":"","Kubeconfig":""})").error().message ==
          "minikube status -o json node minikube field \"Host\" is number, not a string");
    CHECK_FALSE(parse_status_json(R"([{"Name":"a","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured"},7])"));
  }
  SECTION("exit code bits: 1 host, 2 kubelet/apiserver, 4 kubeconfig")
  {
    CHECK(decode_status_exit(0)->ok());
    auto seven = decode_status_exit(7);
    REQUIRE(seven);
    CHECK((seven->host_not_running && seven->cluster_not_running && seven->kubeconfig_not_configured));
    auto two = decode_status_exit(2);
    CHECK((!two->host_not_running && two->cluster_not_running && !two->kubeconfig_not_configured));
    CHECK(decode_status_exit(4)->kubeconfig_not_configured);
    CHECK_FALSE(decode_status_exit(85));
    CHECK_FALSE(decode_status_exit(-1));
  }
}

TEST_CASE("parse_addons_list_json", "[minikube]")
{
  SECTION("the seed's addons")
  {
    auto addons = parse_addons_list_json(fixture("addons-list-v1.20.0-seed.json"));
    REQUIRE(addons);
    CHECK(addons->size() == 28);
    CHECK(addons->at("storage-provisioner").enabled);
    CHECK(addons->at("default-storageclass").enabled);
    CHECK_FALSE(addons->at("dashboard").enabled);
    CHECK(addons->at("dashboard").profile == "minikube");
  }
  SECTION("broken outputs")
  {
    CHECK_FALSE(parse_addons_list_json("[]"));
    CHECK_FALSE(parse_addons_list_json(R"({"dashboard":"enabled"})"));
    CHECK_FALSE(parse_addons_list_json(R"({"dashboard":{"Profile":"minikube"}})"));
    CHECK(parse_addons_list_json(R"({"dashboard":{"Profile":"minikube","Status":true}})").error().message ==
          "minikube addons list -o json addon \"dashboard\" field \"Status\" is boolean, not a string");
    CHECK_FALSE(parse_addons_list_json(R"({"dashboard":{"Profile":"minikube","Status":"on"}})"));
  }
}

TEST_CASE("parse_addon_images_table", "[minikube]")
{
  SECTION("storage-provisioner at v1.20.0")
  {
    auto rows = parse_addon_images_table(fixture("addons-images-storage-provisioner-v1.20.0.txt"));
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK((*rows)[0].key == "StorageProvisioner");
    CHECK((*rows)[0].image == "k8s-minikube/storage-provisioner:v5");
    CHECK((*rows)[0].registry == "gcr.io");
  }
  SECTION("dashboard: two keys, no default registry, digests kept")
  {
    auto rows = parse_addon_images_table(fixture("addons-images-dashboard-v1.20.0.txt"));
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[1].key == "MetricsScraper");
    CHECK((*rows)[1].image.rfind("kubernetesui/metrics-scraper:v1.0.4@sha256:", 0) == 0);
    CHECK((*rows)[1].registry.empty());
  }
  SECTION("v1.38.1's box-drawn table (tablewriter v1.1.3)")
  {
    auto rows = parse_addon_images_table(fixture("addons-images-dashboard-v1.38.1.txt"));
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[0].key == "Dashboard");
    CHECK((*rows)[0].image.rfind("kubernetesui/dashboard:v2.7.0@sha256:", 0) == 0);
    CHECK((*rows)[0].registry == "docker.io");
    CHECK((*rows)[1].key == "MetricsScraper");
  }
  SECTION("an addon without images")
  {
    auto rows = parse_addon_images_table("    ▪ default-storageclass doesn't have images.\n");
    REQUIRE(rows);
    CHECK(rows->empty());
  }
  SECTION("refusals")
  {
    CHECK(parse_addon_images_table("X  No such addon nope\n").error().message ==
          "minikube addons images: \"X  No such addon nope\"");
    CHECK_FALSE(parse_addon_images_table(""));
    CHECK_FALSE(parse_addon_images_table("| A | B |\n"));
    CHECK_FALSE(parse_addon_images_table("| Addon | Profile | Status |\n"));
    CHECK_FALSE(parse_addon_images_table("| IMAGE NAME | DEFAULT IMAGE | DEFAULT REGISTRY |\n|  | x | y |\n"));
  }
}
