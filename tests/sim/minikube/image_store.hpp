// The node's image store (state.node.images: {id, repo_tags, repo_digests, size}) and the
// runtime operations on it: pull (a real lookup in the tests' local registry), tag, find.
// Mirrors tests/sim/apiserver/image_store.py, which the simulated kubelet uses; the error
// texts are the Docker daemon's (seed-case.md; moby distribution/errors.go).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace devk8s::sim {

/// The image a name or name@digest refers to, or nullptr.
nlohmann::json* find_image(nlohmann::json& state, const std::string& ref);

/// Pulls `ref` into the store; returns the daemon's error (without "Error response from
/// daemon: ") when the registry does not serve it. `digest_out` receives the manifest digest.
std::optional<std::string> pull_image(nlohmann::json& state, const std::string& ref, std::string* digest_out = nullptr);

/// `docker tag SRC DST`: DST names SRC's image (moved off any image it named before). A tag
/// adds no repo digest. Returns the daemon's error when SRC is not in the store.
std::optional<std::string> tag_image(nlohmann::json& state, const std::string& source, const std::string& target);

} // namespace devk8s::sim
