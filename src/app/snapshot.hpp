// The cluster's lists a command asks for, fetched together within one deadline and decoded into
// a typed Snapshot. A list that fails (403 on events, a resource type the server does not serve,
// a timeout) is recorded in the snapshot; only a cluster of which no list could be read is an error.
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
  int page_size = 500; ///< items per GET (KubeListOptions::page_size)
};

/// The snapshot of `request.resources`, each list asked for once (a resource named twice is
/// listed once), each page decoded as it arrives (no list is held as JSON whole). Fails only when no list could be read (refused, TLS, credentials rejected,
/// every list forbidden or timed out): the 401's error when there is one, else the first list's.
util::Result<core::kube::objects::Snapshot> fetch_snapshot(ports::KubeApi& api, const SnapshotRequest& request);

} // namespace devk8s::app
