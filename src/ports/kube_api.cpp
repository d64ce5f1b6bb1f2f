// KubeApi's calls built on request(): the same for every implementation, as HttpClient's
// perform() is built on perform_all().
#include "core/kube/list_query.hpp"
#include "core/kube/status.hpp"
#include "ports/kube_api.hpp"

namespace devk8s::ports {

namespace {

std::string text_at(const nlohmann::json& j, const char* object, const char* name)
{
  if (!j.is_object() || !j.contains(object) || !j[object].is_object()) {
    return {};
  }
  const auto& o = j[object];
  return o.contains(name) && o[name].is_string() ? o[name].get<std::string>() : std::string();
}

} // namespace

util::Result<nlohmann::json> KubeApi::get(const std::string& path)
{
  DEVK8S_TRY(KubeAnswer answer, request("GET", path));
  if (answer.status < 200 || answer.status >= 300) {
    return core::kube::status_error(server() + path, answer.status, answer.body);
  }
  return std::move(answer.body);
}

util::Result<KubeList> KubeApi::list(const std::string& path, const KubeListOptions& options)
{
  KubeList result;
  std::string token;
  bool paged = true;
  // Each page is a request; a list of 10,000 pods at 500 a page is 20. The bound stops a server
  // that keeps handing out tokens from looping forever.
  for (int page = 0; page < 100000; ++page) {
    const core::kube::ListQuery query{options.label_selector, options.field_selector, paged ? options.page_size : 0, token};
    DEVK8S_TRY(KubeAnswer answer, request("GET", core::kube::list_path(path, query)));
    if (answer.status == 410 && paged && !token.empty()) {
      // client-go's ListPager (FullListIfExpired): the token expired, so read it all at once.
      result = KubeList{};
      token.clear();
      paged = false;
      continue;
    }
    if (answer.status < 200 || answer.status >= 300) {
      return core::kube::status_error(server() + path, answer.status, answer.body);
    }
    if (!answer.body.is_object() || !answer.body.contains("items") ||
        !(answer.body["items"].is_array() || answer.body["items"].is_null())) {
      return util::failure(server() + path + ": not a list (no \"items\" array in the answer)",
                           "is the server a Kubernetes API server? check the kubeconfig's server");
    }
    ++result.pages;
    if (answer.body["items"].is_array()) {
      for (auto& item : answer.body["items"]) {
        result.items.push_back(std::move(item));
      }
    }
    result.resource_version = text_at(answer.body, "metadata", "resourceVersion");
    token = text_at(answer.body, "metadata", "continue");
    if (token.empty() || !paged) {
      return result;
    }
  }
  return util::failure(server() + path + ": the list did not end after 100,000 pages",
                       "the server keeps handing out continue tokens; is it a Kubernetes API server?");
}

} // namespace devk8s::ports
