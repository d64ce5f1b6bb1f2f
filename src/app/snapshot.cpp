#include "app/snapshot.hpp"

#include <algorithm>

namespace devk8s::app {

namespace objects = core::kube::objects;

util::Result<objects::Snapshot> fetch_snapshot(ports::KubeApi& api, const SnapshotRequest& request)
{
  std::vector<objects::Resource> resources;
  for (const auto resource : request.resources) {
    if (std::find(resources.begin(), resources.end(), resource) == resources.end()) {
      resources.push_back(resource);
    }
  }
  objects::Snapshot snapshot;
  if (resources.empty()) {
    return snapshot;
  }
  // Each list decodes into its own part, so a list that fails or restarts drops only its items.
  std::vector<objects::Snapshot> parts(resources.size());
  std::vector<std::size_t> given(resources.size(), 0); // items each part has been handed
  std::vector<ports::KubeListRequest> lists;
  for (std::size_t i = 0; i < resources.size(); ++i) {
    auto& part = parts[i];
    auto& count = given[i];
    const auto resource = resources[i];
    lists.push_back({objects::list_api_path(resource, request.namespace_name),
                     {[&part, &count, resource](nlohmann::json&& item) {
                        ++count;
                        part.add_item(resource, std::move(item));
                      },
                      [&part, &count] {
                        part = objects::Snapshot{};
                        count = 0;
                      },
                      // The sink hears the list's whole size; the part already holds the first page.
                      [&part, &count, resource](std::size_t items) {
                        part.reserve(resource, items > count ? items - count : 0);
                      }}});
  }
  ports::KubeListOptions options;
  options.page_size = request.page_size;
  auto outcomes = api.list_each(lists, request.deadline, options);
  const bool none_read = std::none_of(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.list.has_value(); });
  if (none_read) {
    // Rejected credentials explain every other failure; else the first list's error says why.
    const auto rejected = std::find_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.status == 401; });
    return (rejected != outcomes.end() ? *rejected : outcomes.front()).list.error();
  }
  for (std::size_t i = 0; i < resources.size(); ++i) {
    if (outcomes[i].list) {
      snapshot.absorb(std::move(parts[i]));
    } else {
      snapshot.add_failure(resources[i], outcomes[i].list.error());
    }
  }
  return snapshot;
}

} // namespace devk8s::app
