#include "core/image/mirror_resolver.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::image;

namespace {

using devk8s::test::k_aliyun;
using devk8s::test::k_seed_digest;

const MirrorMap& builtin(const std::string& name)
{
  static const MirrorCatalog catalog = [] {
    auto c = builtin_catalog();
    REQUIRE(c);
    return *c;
  }();
  const MirrorMap* map = catalog.find(name);
  REQUIRE(map != nullptr);
  return *map;
}

Resolution resolve_text(const std::string& text, const MirrorMap& map)
{
  auto ref = ImageRef::parse(text);
  INFO(text);
  REQUIRE(ref);
  return resolve(*ref, map);
}

MirrorMap map_from(const std::string& yaml)
{
  auto map = parse_mirror_map(yaml, "test.yaml", "test");
  INFO((map ? std::string() : map.error().message));
  REQUIRE(map);
  return *map;
}

} // namespace

TEST_CASE("resolve through the cn map", "[mirror]")
{
  const MirrorMap& cn = builtin("cn");
  struct Case {
    std::string input, expected;
    ResolutionKind kind;
  };
  const std::vector<Case> cases = {
      {"gcr.io/k8s-minikube/storage-provisioner:v5", k_aliyun + "/storage-provisioner:v5", ResolutionKind::rewritten},
      {"gcr.io/k8s-minikube/kicbase:v0.0.22", k_aliyun + "/kicbase:v0.0.22", ResolutionKind::rewritten},
      {"registry.k8s.io/coredns/coredns:v1.8.0", k_aliyun + "/coredns:v1.8.0", ResolutionKind::rewritten},
      {"k8s.gcr.io/coredns:1.7.0", k_aliyun + "/coredns:1.7.0", ResolutionKind::rewritten},
      {"k8s.gcr.io/kube-apiserver:v1.20.2", k_aliyun + "/kube-apiserver:v1.20.2", ResolutionKind::rewritten},
      {"k8s.gcr.io/pause:3.2", k_aliyun + "/pause:3.2", ResolutionKind::rewritten},
      {"k8s.gcr.io/etcd:3.4.13-0", k_aliyun + "/etcd:3.4.13-0", ResolutionKind::rewritten},
      {"k8s.gcr.io/metrics-server/metrics-server:v0.4.2", k_aliyun + "/metrics-server:v0.4.2", ResolutionKind::rewritten},
      {"k8s.gcr.io/ingress-nginx/controller:v0.44.0", k_aliyun + "/nginx-ingress-controller:v0.44.0", ResolutionKind::rewritten},
      {"registry.k8s.io/ingress-nginx/controller:v1.14.3", k_aliyun + "/nginx-ingress-controller:v1.14.3", ResolutionKind::rewritten},
      {"docker.io/jettech/kube-webhook-certgen:v1.5.1", k_aliyun + "/kube-webhook-certgen:v1.5.1", ResolutionKind::rewritten},
      {"kubernetesui/dashboard:v2.1.0", k_aliyun + "/dashboard:v2.1.0", ResolutionKind::rewritten},
      {"kubernetesui/metrics-scraper:v1.0.4", k_aliyun + "/metrics-scraper:v1.0.4", ResolutionKind::rewritten},
      {"cryptexlabs/minikube-ingress-dns:0.3.0", k_aliyun + "/minikube-ingress-dns:0.3.0", ResolutionKind::rewritten},
      {"gcr.io/google_containers/kube-registry-proxy:0.4", k_aliyun + "/kube-registry-proxy:0.4", ResolutionKind::rewritten},
      {"redis", "docker.m.daocloud.io/library/redis:latest", ResolutionKind::rewritten},
      {"bitnami/redis:6.2.3-debian-10-r0", "docker.m.daocloud.io/bitnami/redis:6.2.3-debian-10-r0", ResolutionKind::rewritten},
      {"quay.io/prometheus/node-exporter:v1.0.0", "quay.m.daocloud.io/prometheus/node-exporter:v1.0.0", ResolutionKind::rewritten},
      {"ghcr.io/fluxcd/flux:v2", "ghcr.m.daocloud.io/fluxcd/flux:v2", ResolutionKind::rewritten},
      {"example.com/team/app:1", "example.com/team/app:1", ResolutionKind::unchanged},
      {"localhost:5000/app", "localhost:5000/app:latest", ResolutionKind::unchanged},
  };
  for (const auto& c : cases) {
    SECTION(c.input)
    {
      const Resolution r = resolve_text(c.input, cn);
      CHECK(r.chosen().str() == c.expected);
      CHECK(r.kind == c.kind);
      CHECK(r.changed() == (c.kind != ResolutionKind::unchanged || c.expected != r.original.str()));
    }
  }
}

TEST_CASE("resolve repairs every naive path minikube v1.20.0 produced", "[mirror]")
{
  // ../shared/reference/minikube.md §1, "Known bad paths".
  const MirrorMap& cn = builtin("cn");
  struct Case {
    std::string naive, upstream, expected;
  };
  const std::vector<Case> cases = {
      {k_aliyun + "/k8s-minikube/storage-provisioner:v5", "gcr.io/k8s-minikube/storage-provisioner:v5",
       k_aliyun + "/storage-provisioner:v5"},
      {k_aliyun + "/kubernetesui/dashboard:v2.1.0@" + k_seed_digest, "docker.io/kubernetesui/dashboard:v2.1.0@" + k_seed_digest,
       k_aliyun + "/dashboard:v2.1.0@" + k_seed_digest},
      {k_aliyun + "/kubernetesui/metrics-scraper:v1.0.4", "docker.io/kubernetesui/metrics-scraper:v1.0.4",
       k_aliyun + "/metrics-scraper:v1.0.4"},
      {k_aliyun + "/ingress-nginx/controller:v0.44.0@" + k_seed_digest, "k8s.gcr.io/ingress-nginx/controller:v0.44.0@" + k_seed_digest,
       k_aliyun + "/nginx-ingress-controller:v0.44.0@" + k_seed_digest},
      {k_aliyun + "/docker.io/jettech/kube-webhook-certgen:v1.5.1", "docker.io/jettech/kube-webhook-certgen:v1.5.1",
       k_aliyun + "/kube-webhook-certgen:v1.5.1"},
      {k_aliyun + "/metrics-server/metrics-server:v0.4.2", "k8s.gcr.io/metrics-server/metrics-server:v0.4.2",
       k_aliyun + "/metrics-server:v0.4.2"},
      {k_aliyun + "/cryptexlabs/minikube-ingress-dns:0.3.0", "docker.io/cryptexlabs/minikube-ingress-dns:0.3.0",
       k_aliyun + "/minikube-ingress-dns:0.3.0"},
      {k_aliyun + "/google_containers/kube-registry-proxy:0.4", "gcr.io/google_containers/kube-registry-proxy:0.4",
       k_aliyun + "/kube-registry-proxy:0.4"},
      {k_aliyun + "/coredns/coredns:v1.8.0", "registry.k8s.io/coredns/coredns:v1.8.0", k_aliyun + "/coredns:v1.8.0"},
  };
  for (const auto& c : cases) {
    SECTION(c.naive)
    {
      const Resolution r = resolve_text(c.naive, cn);
      CHECK(r.kind == ResolutionKind::repaired);
      CHECK(r.upstream.str() == c.upstream);
      CHECK(r.chosen().str() == c.expected);
      CHECK(r.mirror_location == k_aliyun);
      // The repair is itself on the mirror: resolving it again changes nothing.
      const Resolution again = resolve(r.chosen(), cn);
      CHECK(again.kind == ResolutionKind::already_mirrored);
      CHECK_FALSE(again.changed());
    }
  }
}

TEST_CASE("resolve is idempotent over every rule's output", "[mirror]")
{
  for (const std::string& name : std::vector<std::string>{"cn", "daocloud", "daocloud-prefix"}) {
    const MirrorMap& map = builtin(name);
    for (const std::string& input : std::vector<std::string>{"redis", "gcr.io/k8s-minikube/storage-provisioner:v5", "registry.k8s.io/pause:3.9",
                                    "quay.io/a/b:c", "ghcr.io/x/y@" + k_seed_digest, "k8s.gcr.io/ingress-nginx/controller:v1"}) {
      const Resolution first = resolve_text(input, map);
      for (const auto& candidate : first.candidates) {
        CAPTURE(name, input, candidate.ref.str());
        const Resolution second = resolve(candidate.ref, map);
        CHECK_FALSE(second.changed());
        CHECK(second.kind == ResolutionKind::already_mirrored);
      }
    }
  }
}

TEST_CASE("resolve returns candidates in order of preference", "[mirror]")
{
  SECTION("cn: Aliyun first, DaoCloud host swap second")
  {
    const Resolution r = resolve_text("gcr.io/k8s-minikube/storage-provisioner:v5", builtin("cn"));
    REQUIRE(r.candidates.size() == 2);
    CHECK(r.candidates[0].ref.str() == k_aliyun + "/storage-provisioner:v5");
    CHECK(r.candidates[1].ref.str() == "gcr.m.daocloud.io/k8s-minikube/storage-provisioner:v5");
  }
  SECTION("a renamed image does not also get the wrong flat name")
  {
    const Resolution r = resolve_text("k8s.gcr.io/ingress-nginx/controller:v0.44.0", builtin("cn"));
    for (const auto& c : r.candidates) {
      CHECK(c.ref.str() != k_aliyun + "/controller:v0.44.0");
    }
    CHECK(r.candidates.back().ref.str() == "k8s-gcr.m.daocloud.io/ingress-nginx/controller:v0.44.0");
  }
  SECTION("exact tag mapping gives a fallback tag")
  {
    const Resolution r = resolve_text("registry.k8s.io/coredns/coredns:v1.8.0", builtin("cn"));
    REQUIRE(r.candidates.size() == 3);
    CHECK(r.candidates[0].ref.str() == k_aliyun + "/coredns:v1.8.0");
    CHECK(r.candidates[1].ref.str() == k_aliyun + "/coredns:1.8.0");
    CHECK(r.candidates[2].ref.str() == "k8s.m.daocloud.io/coredns/coredns:v1.8.0");
  }
  SECTION("daocloud: host swap first, then the whole-reference prefix")
  {
    const Resolution r = resolve_text("redis:7", builtin("daocloud"));
    REQUIRE(r.candidates.size() == 2);
    CHECK(r.candidates[0].ref.str() == "docker.m.daocloud.io/library/redis:7");
    CHECK(r.candidates[1].ref.str() == "m.daocloud.io/docker.io/library/redis:7");
  }
  SECTION("a list in `to` gives one candidate per location")
  {
    const MirrorMap map = map_from("rules:\n  - prefix: docker.io\n    to: [a.example/hub, b.example]\n");
    const Resolution r = resolve_text("nginx", map);
    REQUIRE(r.candidates.size() == 2);
    CHECK(r.candidates[0].ref.str() == "a.example/hub/library/nginx:latest");
    CHECK(r.candidates[1].ref.str() == "b.example/library/nginx:latest");
  }
}

TEST_CASE("resolve with every rule kind", "[mirror]")
{
  SECTION("flatten with join keeps every component")
  {
    const MirrorMap map = map_from("rules:\n  - flatten: gcr.io\n    to: docker.io/anjia0532\n    join: \".\"\n");
    CHECK(resolve_text("gcr.io/k8s-minikube/storage-provisioner:v5", map).chosen().str() ==
          "docker.io/anjia0532/k8s-minikube.storage-provisioner:v5");
  }
  SECTION("flatten with join '-' (hub-mirror style)")
  {
    const MirrorMap map = map_from("rules:\n  - flatten: gcr.io\n    to: m.example\n    join: \"-\"\n");
    CHECK(resolve_text("gcr.io/a/b", map).chosen().str() == "m.example/a-b:latest");
  }
  SECTION("a flattened name past 255 characters gives no candidate")
  {
    const std::string ns = std::string(60, 'n');
    const MirrorMap map = map_from("rules:\n  - flatten: e.io\n    to: mirror.example.com/" + ns +
                                   "\n    join: \".\"\n  - prefix: e.io\n    to: p.io\n");
    const std::string long_path = std::string(120, 'a') + "/" + std::string(119, 'b'); // e.io/ + 240 = 245
    const Resolution r = resolve_text("e.io/" + long_path, map);
    REQUIRE(r.candidates.size() == 1);
    CHECK(r.candidates[0].ref.str() == "p.io/" + long_path + ":latest");
  }
  SECTION("prefix of a full repository keeps the tag")
  {
    const MirrorMap map = map_from("rules:\n  - prefix: docker.io/library/redis\n    to: m.example/redis\n");
    CHECK(resolve_text("redis:7", map).chosen().str() == "m.example/redis:7");
    CHECK(resolve_text("redis-x", map).kind == ResolutionKind::unchanged);
  }
  SECTION("exact matches one repository only")
  {
    const MirrorMap map = map_from("rules:\n  - exact: quay.io/a/b\n    to: m.example/b2\n    tags: {\"1\": \"1-m\"}\n");
    CHECK(resolve_text("quay.io/a/b:1", map).chosen().str() == "m.example/b2:1-m");
    CHECK(resolve_text("quay.io/a/b:2", map).chosen().str() == "m.example/b2:2");
    CHECK(resolve_text("quay.io/a/bc:1", map).kind == ResolutionKind::unchanged);
  }
  SECTION("prefix matches on '/' boundaries only")
  {
    const MirrorMap map = map_from("rules:\n  - prefix: gcr.io\n    to: m.example\n");
    CHECK(resolve_text("gcr.io.evil.example/x", map).kind == ResolutionKind::unchanged);
  }
  SECTION("a digest-pinned reference keeps its digest")
  {
    const Resolution r = resolve_text("gcr.io/k8s-minikube/storage-provisioner@" + k_seed_digest, builtin("cn"));
    CHECK(r.chosen().str() == k_aliyun + "/storage-provisioner@" + k_seed_digest);
  }
  SECTION("a path under a flat namespace that no rule explains is left alone")
  {
    const MirrorMap map = map_from("rules:\n  - flatten: gcr.io/k8s-minikube\n    to: harbor.example/k8s\n");
    const Resolution r = resolve_text("harbor.example/k8s/somebody/else:1", map);
    CHECK(r.kind == ResolutionKind::unchanged);
    CHECK(r.mirror_location == "harbor.example/k8s");
    CHECK_FALSE(r.changed());
  }
  SECTION("cn flattens whole registries, so any nested path under it has an upstream")
  {
    const Resolution r = resolve_text(k_aliyun + "/somebody/else:1", builtin("cn"));
    CHECK(r.kind == ResolutionKind::repaired);
    CHECK(r.chosen().str() == k_aliyun + "/else:1");
  }
  SECTION("an exact rule's target is a repository, not a namespace")
  {
    const Resolution r = resolve_text(k_aliyun + "/nginx-ingress-controller:v1", builtin("cn"));
    CHECK(r.kind == ResolutionKind::already_mirrored);
  }
  SECTION("a private mirror gets the same repair as Aliyun")
  {
    // minikube fixes paths only for the exact Aliyun string; devk8s fixes any flat mirror.
    const MirrorMap map = map_from("rules:\n  - flatten: gcr.io/k8s-minikube\n    to: harbor.corp.example/k8s\n");
    const Resolution r = resolve_text("harbor.corp.example/k8s/k8s-minikube/storage-provisioner:v5", map);
    CHECK(r.kind == ResolutionKind::repaired);
    CHECK(r.chosen().str() == "harbor.corp.example/k8s/storage-provisioner:v5");
  }
}
