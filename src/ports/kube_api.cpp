// KubeApi's calls built on request(): the same for every implementation, as HttpClient's
// perform() is built on perform_all().
#include "ports/kube_api.hpp"

#include "core/kube/status.hpp"
#include "ports/kube_list_pager.hpp"

namespace devk8s::ports {

namespace {

// One list, page after page; a page is sent only while the deadline has not passed.
KubeListOutcome list_until(KubeApi& api, const std::string& path, const KubeListOptions& options,
                           std::chrono::steady_clock::time_point deadline, const KubeItemSink& sink = {})
{
  KubeListPager pager(api.subject(), path, options, sink);
  while (!pager.done()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return {util::failure("cannot " + core::kube::api_target("GET", path).words + ": " +
                                core::kube::apiserver_at(api.subject()) +
                                " did not complete the list before the deadline",
                            "is the cluster overloaded? " + core::kube::unreachable_hint(api.subject())),
              false};
    }
    auto answer = api.request("GET", pager.next_path());
    if (!answer) {
      return {answer.error(), false};
    }
    if (auto read = pager.read(std::move(*answer)); !read) {
      return {read.error(), true, pager.status()};
    }
  }
  return {pager.take(), true};
}

} // namespace

util::Result<nlohmann::json> KubeApi::get(const std::string& path)
{
  DEVK8S_TRY(KubeAnswer answer, request("GET", path));
  if (answer.status < 200 || answer.status >= 300) {
    return core::kube::status_error(subject(), "GET", path, answer.status, answer.body);
  }
  return std::move(answer.body);
}

util::Result<std::string> KubeApi::get_text(const std::string& path)
{
  DEVK8S_TRY(KubeAnswer answer, request_text(path));
  if (answer.status < 200 || answer.status >= 300) {
    return core::kube::status_error(subject(), "GET", path, answer.status, answer.body);
  }
  return std::move(answer.text);
}

util::Result<KubeList> KubeApi::list(const std::string& path, const KubeListOptions& options)
{
  return std::move(list_until(*this, path, options, std::chrono::steady_clock::time_point::max()).list);
}

std::vector<KubeListOutcome> KubeApi::list_each(const std::vector<KubeListRequest>& lists,
                                                std::chrono::steady_clock::time_point deadline,
                                                const KubeListOptions& options)
{
  std::vector<KubeListOutcome> outcomes;
  outcomes.reserve(lists.size());
  for (const auto& list : lists) {
    outcomes.push_back(list_until(*this, list.path, options, deadline, list.sink));
  }
  return outcomes;
}

std::vector<KubeListOutcome> KubeApi::list_all(const std::vector<std::string>& paths,
                                               std::chrono::steady_clock::time_point deadline,
                                               const KubeListOptions& options)
{
  std::vector<KubeListRequest> lists;
  lists.reserve(paths.size());
  for (const auto& path : paths) {
    lists.push_back({path, {}});
  }
  return list_each(lists, deadline, options);
}

} // namespace devk8s::ports
