// A node's image store (state.nodes[].images: {id, repo_tags, repo_digests, size}) and the
// runtime operations on it: pull (a real lookup in the tests' local registry), tag, find.
// Mirrors tests/sim/apiserver/image_store.py, which the simulated kubelet uses. Why a pull
// failed is kept apart from how each client words it (pull_errors.hpp), since docker, the CRI
// of containerd and cri-o, crictl and podman each say it their own way.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace devk8s::sim {

/// Why a pull failed: what the registry (or the network) answered.
struct PullFailure {
  enum class Kind { unreachable, refused, rate_limited, denied, not_found };
  Kind kind;
  std::string reference;  ///< the normalised reference, e.g. docker.io/library/redis:6 (ParseDockerRef)
  std::string host;       ///< registry host
  std::string repository; ///< host/path
  std::string object;     ///< the tag or digest asked for
};

/// The image a name or name@digest refers to in machine `node`'s store, or nullptr.
nlohmann::json* find_image(nlohmann::json& state, const std::string& node, const std::string& ref);

/// Pulls `ref` into `node`'s store; returns why not when the registry does not serve it.
/// `digest_out` receives the manifest digest.
std::optional<PullFailure> pull_image(nlohmann::json& state, const std::string& node, const std::string& ref,
                                      std::string* digest_out = nullptr);

/// Tags SRC as DST in `node`'s store: DST names SRC's image (moved off any image it named
/// before). A tag adds no repo digest. Returns false when SRC is not in the store.
bool tag_image(nlohmann::json& state, const std::string& node, const std::string& source, const std::string& target);

/// Adds an image with a known ID to `node`'s store under `names` (image load, preloads).
void add_image(nlohmann::json& state, const std::string& node, const std::string& id,
               const std::vector<std::string>& names, const std::vector<std::string>& digests, long size);

} // namespace devk8s::sim
