// The paging of one Kubernetes list, answer by answer, apart from how the requests are sent:
// KubeApi::list sends its pages one at a time, CurlKubeApi::list_all sends the next page of
// every unfinished list in one batch per round. Reads no clock and opens no socket.
#pragma once

#include "ports/kube_api.hpp"

#include <string>

namespace devk8s::ports {

class KubeListPager {
public:
  /// `subject` only names the server, context and user in messages. With a sink, the items go
  /// to it page by page and the list's `items` stay empty.
  KubeListPager(core::kube::ApiSubject subject, std::string path, KubeListOptions options, KubeItemSink sink = {});

  /// The path and query of the page to GET next.
  std::string next_path() const;
  /// Reads the answer to next_path(). An Error ends the list: a status that is not 2xx (but a
  /// 410 for an expired continue token, which restarts the list once without paging, as
  /// client-go's pager does), a body that is not a list, a list that never ends. Otherwise
  /// done() says whether the list is complete.
  util::Result<void> read(KubeAnswer&& answer);
  /// The sink's item callback, for a reader that parses a page item by item before read() sees
  /// the rest of it (CurlKubeApi); empty without a sink.
  const std::function<void(nlohmann::json&&)>& item_sink() const { return m_sink.item; }
  /// Counts an item given to item_sink() directly.
  void count_streamed() { ++m_list.item_count; }
  /// From now on, pages of about `bytes` (set before the first read): once the first page says
  /// how large an item is, later pages ask for as many items as fit, never fewer than the page
  /// size asked for nor more than ten times it. kubectl's 500 items are 1.1 MB of pods but 0.35 MB
  /// of events, and each page is a round trip.
  void aim_for_page_bytes(std::size_t bytes) { m_target_bytes = bytes; }
  /// The size in bytes of the answer about to be read (for aim_for_page_bytes).
  void observe_page_bytes(std::size_t bytes) { m_page_bytes = bytes; }
  bool done() const { return m_done; }
  /// The HTTP status of the last answer read (a failed list: the one that ended it).
  long status() const { return m_status; }
  /// The list, once done(); the pager is spent.
  KubeList take() { return std::move(m_list); }

private:
  core::kube::ApiSubject m_subject;
  std::string m_path;
  KubeListOptions m_options;
  KubeItemSink m_sink;
  KubeList m_list;
  std::string m_token;
  bool m_paged = true;
  int m_limit = 0; ///< the page size asked for now (options' page size, then aimed at m_target_bytes)
  std::size_t m_target_bytes = 0;
  std::size_t m_page_bytes = 0;
  bool m_done = false;
  int m_requests = 0;
  long m_status = 0;
};

} // namespace devk8s::ports
