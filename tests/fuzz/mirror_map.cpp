// libFuzzer harness: mirror maps (core/image/mirror_map) as a user's --mirror-file gives them,
// then resolve() (core/image/mirror_resolver) of a few fixed references through every map that
// decodes: each candidate must come from a rule of the map and be a valid reference.
#include "core/image/mirror_map.hpp"
#include "core/image/mirror_resolver.hpp"
#include "fuzz_support.hpp"

#include <array>
#include <string>

namespace image = devk8s::core::image;
using devk8s::fuzz::require;

namespace {

// Each shape a rule can match: Docker Hub's library, a nested path, a registry with a port, a
// digest, and an already-mirrored name.
const std::array<const char*, 7> k_references = {
  "redis",
  "gcr.io/k8s-minikube/storage-provisioner:v5",
  "k8s.gcr.io/ingress-nginx/controller:v0.44.0@sha256:"
  "3dd0fac07c6fe0f1d0a9aaf5ec1e0b13e8c69ba4d2c1ae1c83f8c0ab54e3c62f",
  "registry.k8s.io/kube-apiserver:v1.20.2",
  "quay.io/coreos/etcd:v3.4.13",
  "localhost:5000/a/b/c:1",
  "registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/storage-provisioner:v5",
};

void check_resolution(const image::Resolution& resolution, const image::MirrorMap& map)
{
  for (const auto& candidate : resolution.candidates) {
    require(candidate.rule_index < map.rules.size(), "a candidate names a rule of the map");
    require(image::ImageRef::parse(candidate.ref.str()).has_value(), "a candidate is a valid reference");
    (void)map.describe_rule(candidate.rule_index);
  }
  if (resolution.kind == image::ResolutionKind::unchanged || resolution.kind == image::ResolutionKind::already_mirrored) {
    require(resolution.candidates.empty(), "unchanged and already_mirrored resolutions have no candidates");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto map = image::parse_mirror_map(devk8s::fuzz::as_text(data, size), "fuzz.yaml", "fuzz");
  if (!map) {
    require(!map.error().message.empty(), "a decoding error says why");
    return 0;
  }
  for (const char* text : k_references) {
    const auto ref = image::ImageRef::parse(text);
    require(ref.has_value(), "the fixed references parse");
    const auto resolution = image::resolve(*ref, *map);
    check_resolution(resolution, *map);
    // Resolving what a map chose is what a second `mirror rewrite` does.
    check_resolution(image::resolve(resolution.chosen(), *map), *map);
  }
  return 0;
}
