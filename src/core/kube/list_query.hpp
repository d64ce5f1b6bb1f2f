// The query of one page of a Kubernetes list: selectors, the page size and the continue token,
// as kubectl sends them (labelSelector, fieldSelector, limit, continue; values percent-encoded).
#pragma once

#include <string>

namespace devk8s::core::kube {

struct ListQuery {
  std::string label_selector;
  std::string field_selector;
  int limit = 0;          ///< 0: no limit, the whole list at once
  std::string continue_token;
};

/// `path` with the query appended ("?" or "&" as the path needs); empty parts are left out.
std::string list_path(const std::string& path, const ListQuery& query);

} // namespace devk8s::core::kube
