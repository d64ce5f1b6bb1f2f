// The cluster's lists a command asks for, fetched together within one deadline and decoded into
// a typed Snapshot. A list that fails (403 on events, a resource type the server does not serve,
// a timeout) is recorded in the snapshot; only a server that answered none of them is an error.
#pragma once

#include "core/kube/objects/snapshot.hpp"
#include "ports/kube_api.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace devk8s::app {

struct SnapshotRequest {
  std::vector<core::kube::objects::Resource> resources;
  std::string namespace_name; ///< "" lists every namespace; cluster-scoped resources ignore it
  std::chrono::steady_clock::time_point deadline;
};

/// The snapshot of `request.resources`, each list asked for once (a resource named twice is
/// listed once). Fails only when no list got an answer from the API server (refused, TLS, every
/// list timed out): the first list's error, which says why.
util::Result<core::kube::objects::Snapshot> fetch_snapshot(ports::KubeApi& api, const SnapshotRequest& request);

} // namespace devk8s::app
