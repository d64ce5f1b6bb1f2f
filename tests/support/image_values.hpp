// Names the image tests share: the cn mirror's Google path and the seed case's digest
// (../shared/reference/seed-case.md), and a reference parsed or the test fails.
#pragma once

#include "core/image/image_ref.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace devk8s::test {

/// Aliyun's registry, and where minikube's `--image-mirror-country=cn` points in it (minikube.md,
/// mirror rules): the flat google_containers namespace.
inline const std::string k_aliyun_host = "registry.cn-hangzhou.aliyuncs.com";
inline const std::string k_aliyun = k_aliyun_host + "/google_containers";

/// storage-provisioner:v5's manifest digest in the seed case (`docker pull` of the flat name).
inline const std::string k_seed_digest = "sha256:18eb69d1418e854ad5a19e399310e52808a8321e4c441c1dddad8977a0d7a944";

inline core::image::ImageRef image_ref(const std::string& text)
{
  auto r = core::image::ImageRef::parse(text);
  REQUIRE(r);
  return *r;
}

} // namespace devk8s::test
