#include "core/image/builtin_mirrors.hpp"
#include "core/install/download_sources.hpp"

#include "util/build_info.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::install;

namespace {

const char* const k_two_sources = R"(sources:
  - name: official
    fallback: true
    minikube:
      url: https://storage.googleapis.com/minikube/releases/{version}/minikube-{os}-{arch}
      checksum: "{url}.sha256"
    kubectl:
      url: https://dl.k8s.io/release/{version}/bin/{os}/{arch}/kubectl
      checksum: "{url}.sha256"
      latest: https://dl.k8s.io/release/stable.txt
  - name: cn
    kubectl:
      url: https://kubernetes.oss-cn-hangzhou.aliyuncs.com/kubernetes-release/release/{version}/bin/{os}/{arch}/kubectl
      checksum:
        - "{url}.sha256"
        - https://dl.k8s.io/release/{version}/bin/{os}/{arch}/kubectl.sha256
)";

SourceCatalog catalog_of(const char* yaml)
{
  auto sources = parse_download_sources(yaml, "t.yaml");
  REQUIRE(sources);
  SourceCatalog catalog;
  for (auto& s : *sources) {
    catalog.add(s);
  }
  return catalog;
}

} // namespace

TEST_CASE("parse_download_sources", "[install]")
{
  SECTION("two sources")
  {
    auto sources = parse_download_sources(k_two_sources, "t.yaml");
    REQUIRE(sources);
    REQUIRE(sources->size() == 2);
    CHECK((*sources)[0].name == "official");
    CHECK((*sources)[0].fallback);
    CHECK((*sources)[0].origin == "t.yaml:2");
    CHECK((*sources)[1].find(Tool::minikube) == nullptr);
    REQUIRE((*sources)[1].find(Tool::kubectl) != nullptr);
    CHECK((*sources)[1].find(Tool::kubectl)->checksums.size() == 2);
    CHECK((*sources)[0].find(Tool::kubectl)->latest == "https://dl.k8s.io/release/stable.txt");
  }
  SECTION("every problem with its line, and did-you-mean")
  {
    auto r = parse_download_sources("sources:\n"
                                    "  - name: Bad Name\n"
                                    "    fallbak: true\n"
                                    "    kubectl:\n"
                                    "      url: ftp://x/{arch}\n"
                                    "  - name: y\n"
                                    "    minikube:\n"
                                    "      url: https://x/{verison}\n"
                                    "      checksum: https://x/{url}.sha256\n",
                                    "u.yaml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "u.yaml:2: name \"Bad Name\" must be lowercase letters, digits, '-' or '_'\n"
                               "u.yaml:3: unknown field \"fallbak\" in source 1 (did you mean \"fallback\"?)\n"
                               "u.yaml:5: source 1 kubectl url: \"ftp://x/{arch}\" is not an http(s) URL\n"
                               "u.yaml:5: source 1 kubectl needs \"checksum\": a URL or a list of URLs of SHA-256 files\n"
                               "u.yaml:8: source 2 minikube url: unknown placeholder \"{verison}\" (did you mean \"{version}\"?)");
    // The installed README, which a user of the binary has (issue #9, finding 15: no hint into the source tree).
    CHECK(r.error().hint == "see " + devk8s::util::build_info().data_dir +
                                "/mirrors/README.md (\"Download sources\"; in a source checkout, mirrors/README.md) for the schema");
  }
  SECTION("{url} only in checksums")
  {
    auto r = parse_download_sources("sources:\n  - name: z\n    kubectl:\n      url: \"{url}/kubectl\"\n      checksum: x\n", "v.yaml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("v.yaml:4: source 1 kubectl url: \"{url}/kubectl\" is not an http(s) URL") != std::string::npos);
    CHECK(r.error().message.find("v.yaml:5: source 1 kubectl checksum: \"x\" is not an http(s) URL") != std::string::npos);
  }
  SECTION("invalid YAML and a wrong shape")
  {
    CHECK(parse_download_sources("sources: [", "w.yaml").error().message.rfind("w.yaml:", 0) == 0);
    CHECK(parse_download_sources("- a\n", "w.yaml").error().message ==
          "w.yaml:1: a downloads file must be a mapping with \"sources\"");
    CHECK(parse_download_sources("sourcse: []\n", "w.yaml").error().message ==
          "w.yaml:1: unknown field \"sourcse\" in downloads file (did you mean \"sources\"?)\n"
          "w.yaml:1: \"sources\" must be a non-empty list");
  }
}

TEST_CASE("the built-in download sources load", "[install]")
{
  for (const auto& file : devk8s::core::image::builtin_mirror_files()) {
    if (file.stem != devk8s::core::image::k_downloads_stem) {
      continue;
    }
    auto sources = parse_download_sources(file.text, std::string(file.origin));
    REQUIRE(sources);
    SourceCatalog catalog;
    for (auto& s : *sources) {
      catalog.add(s);
    }
    CHECK(catalog.names() == std::vector<std::string>{"official", "cn"});
    auto order = catalog.order("cn");
    REQUIRE(order);
    // minikube.md §1: the Aliyun bucket minikube uses, then the upstream servers.
    const auto c = candidates(*order, Tool::minikube, "v1.20.0", Platform{});
    REQUIRE(c.size() == 2);
    CHECK(c[0].url == "https://kubernetes.oss-cn-hangzhou.aliyuncs.com/minikube/releases/v1.20.0/minikube-linux-amd64");
    CHECK(c[1].url == "https://storage.googleapis.com/minikube/releases/v1.20.0/minikube-linux-amd64");
    CHECK(c[1].checksum_urls == std::vector<std::string>{c[1].url + ".sha256"});
    const auto k = candidates(*order, Tool::kubectl, "v1.20.2", Platform{"linux", "arm64"});
    REQUIRE(k.size() == 2);
    CHECK(k[0].checksum_urls ==
          std::vector<std::string>{
              "https://kubernetes.oss-cn-hangzhou.aliyuncs.com/kubernetes-release/release/v1.20.2/bin/linux/arm64/kubectl.sha256",
              "https://dl.k8s.io/release/v1.20.2/bin/linux/arm64/kubectl.sha256"});
    CHECK(k[1].url == "https://dl.k8s.io/release/v1.20.2/bin/linux/arm64/kubectl");
  }
}

TEST_CASE("SourceCatalog::order", "[install]")
{
  auto catalog = catalog_of(k_two_sources);
  SECTION("none chosen: the fallbacks")
  {
    auto order = catalog.order("");
    REQUIRE(order);
    REQUIRE(order->size() == 1);
    CHECK(order->front()->name == "official");
  }
  SECTION("a fallback chosen is not tried twice")
  {
    auto order = catalog.order("official");
    REQUIRE(order);
    CHECK(order->size() == 1);
  }
  SECTION("a user source replaces a built-in one by name")
  {
    auto user = parse_download_sources("sources:\n  - name: official\n    kubectl:\n      url: https://corp/{version}/kubectl\n"
                                       "      checksum: \"{url}.sha256\"\n",
                                       "user.yaml");
    REQUIRE(user);
    catalog.add(user->front());
    CHECK(catalog.names() == std::vector<std::string>{"official", "cn"});
    auto order = catalog.order("");
    REQUIRE(order);
    CHECK(order->empty()); // the replacement is not a fallback
  }
  SECTION("an unknown name")
  {
    auto order = catalog.order("cm");
    REQUIRE_FALSE(order);
    CHECK(order.error().code == devk8s::util::ExitCode::usage);
    CHECK(order.error().message == "unknown download source \"cm\" (did you mean \"cn\"?): known sources are official, cn");
  }
}

TEST_CASE("expand", "[install]")
{
  CHECK(expand("{url}.sha256", "v1", Platform{}, "https://a/b") == "https://a/b.sha256");
  CHECK(expand("https://h/{version}/{os}-{arch}/{nope}", "v1.2.3", Platform{"linux", "arm64"}) ==
        "https://h/v1.2.3/linux-arm64/{nope}");
}
