// The paging of one Kubernetes list, answer by answer, apart from how the requests are sent:
// KubeApi::list sends its pages one at a time, CurlKubeApi::list_all sends the next page of
// every unfinished list in one batch per round. Reads no clock and opens no socket.
#pragma once

#include "ports/kube_api.hpp"

#include <string>

namespace devk8s::ports {

class KubeListPager {
public:
  /// `subject` only names the server, context and user in messages.
  KubeListPager(core::kube::ApiSubject subject, std::string path, KubeListOptions options);

  /// The path and query of the page to GET next.
  std::string next_path() const;
  /// Reads the answer to next_path(). An Error ends the list: a status that is not 2xx (but a
  /// 410 for an expired continue token, which restarts the list once without paging, as
  /// client-go's pager does), a body that is not a list, a list that never ends. Otherwise
  /// done() says whether the list is complete.
  util::Result<void> read(KubeAnswer&& answer);
  bool done() const { return m_done; }
  /// The HTTP status of the last answer read (a failed list: the one that ended it).
  long status() const { return m_status; }
  /// The list, once done(); the pager is spent.
  KubeList take() { return std::move(m_list); }

private:
  core::kube::ApiSubject m_subject;
  std::string m_path;
  KubeListOptions m_options;
  KubeList m_list;
  std::string m_token;
  bool m_paged = true;
  bool m_done = false;
  int m_requests = 0;
  long m_status = 0;
};

} // namespace devk8s::ports
