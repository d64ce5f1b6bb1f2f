#include "app/snapshot.hpp"

#include <algorithm>

namespace devk8s::app {

namespace objects = core::kube::objects;

util::Result<objects::Snapshot> fetch_snapshot(ports::KubeApi& api, const SnapshotRequest& request)
{
  std::vector<objects::Resource> resources;
  std::vector<std::string> paths;
  for (const auto resource : request.resources) {
    if (std::find(resources.begin(), resources.end(), resource) == resources.end()) {
      resources.push_back(resource);
      paths.push_back(objects::list_api_path(resource, request.namespace_name));
    }
  }
  objects::Snapshot snapshot;
  if (paths.empty()) {
    return snapshot;
  }
  auto outcomes = api.list_all(paths, request.deadline);
  const bool none_read = std::none_of(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.list.has_value(); });
  if (none_read) {
    // Rejected credentials explain every other failure; else the first list's error says why.
    const auto rejected = std::find_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.status == 401; });
    return (rejected != outcomes.end() ? *rejected : outcomes.front()).list.error();
  }
  for (std::size_t i = 0; i < resources.size(); ++i) {
    auto& outcome = outcomes[i];
    if (outcome.list) {
      snapshot.add_items(resources[i], std::move(outcome.list->items));
    } else {
      snapshot.add_failure(resources[i], outcome.list.error());
    }
  }
  return snapshot;
}

} // namespace devk8s::app
