#include "core/kube/list_query.hpp"

#include "util/strings.hpp"

namespace devk8s::core::kube {

std::string list_path(const std::string& path, const ListQuery& query)
{
  std::string url = path;
  char sep = path.find('?') == std::string::npos ? '?' : '&';
  const auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) {
      url += sep + std::string(name) + "=" + util::url_encode(value);
      sep = '&';
    }
  };
  add("labelSelector", query.label_selector);
  add("fieldSelector", query.field_selector);
  if (query.limit > 0) {
    add("limit", std::to_string(query.limit));
  }
  add("continue", query.continue_token);
  return url;
}

} // namespace devk8s::core::kube
