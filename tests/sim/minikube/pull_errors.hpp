// How each client words a failed pull (PullFailure, image_store.hpp), from the sources of the
// versions minikube v1.20.0's kicbase (v0.0.22) ships:
// - Docker 20.10.6 daemon: moby distribution/errors.go and registry/ (seed-case.md shows the
//   "pull access denied" text).
// - containerd 1.4.4 CRI: vendor/github.com/containerd/cri/pkg/server/image_pull.go ("failed to
//   pull and unpack image %q"), pull.go and remotes/docker/resolver.go ("failed to resolve
//   reference %q", "%s: not found" = errors.Wrap(errdefs.ErrNotFound, ref), "pull access
//   denied, repository does not exist or may require authorization", "failed to do request",
//   "unexpected status code %v: %v" with the path parts), remotes/docker/authorizer.go
//   ("server message: %s"); instrumented_service.go turns ErrNotFound into gRPC NotFound.
// - cri-o 1.20.0 (containers/image v5.7.0): server/image_pull.go returns the last
//   PrepareImage error; docker/docker_image_src.go ("Error reading manifest %s in %s"),
//   docker/docker_client.go ("error pinging docker registry %s").
// - podman 3.1.0 (containers/image v5.10.5): libpod/image/pull.go ("Trying to pull %s...",
//   cleanErrorMessage: "  " + the root cause), pkg/errorhandling JoinErrors (multierror's
//   "1 error occurred:\n\t* ..."), copy/copy.go ("Error initializing source %s").
// The address in a network error depends on DNS; the simulation uses the resolver-timeout form
// Go prints when the lookup of a blocked host times out ("dial tcp: lookup HOST: i/o timeout").
#pragma once

#include "image_store.hpp"

#include <string>

namespace devk8s::sim {

/// The Docker daemon's text (what follows "Error response from daemon: ").
std::string docker_daemon_text(const PullFailure& f);

/// The CRI PullImage error as kubelet and crictl show it: "rpc error: code = C desc = ...".
std::string cri_error(const std::string& runtime, const PullFailure& f);

/// `podman pull`'s output (stdout and stderr together) when the pull fails; it exits 125.
std::string podman_pull_failure(const PullFailure& f);

} // namespace devk8s::sim
