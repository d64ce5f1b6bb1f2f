// The Kubernetes API of one cluster, as devk8s reads and changes it: the doctor's snapshot, the
// cluster version for `install kubectl --match-cluster`, and next retag's and smoke's objects.
// Implemented by adapters/kube/curl_kube_api on the HttpClient port (one libcurl layer for the
// registries and the cluster). A KubeConnector makes one from a kubeconfig's ClusterAccess.
#pragma once

#include "core/kube/kubeconfig.hpp"
#include "core/kube/status.hpp"
#include "util/result.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace devk8s::ports {

/// What the API server answered: its status and JSON body (a Status object when status >= 400).
struct KubeAnswer {
  long status = 0;
  nlohmann::json body;
  std::string text{}; ///< request_text's 2xx answer (a container's log); request() leaves it empty
};

struct KubeListOptions {
  std::string label_selector;
  std::string field_selector;
  int page_size = 500; ///< kubectl's chunk size; 0 asks for everything at once
};

/// Takes a list's items page by page as they arrive, so that a large list is decoded as it comes
/// and never held whole (KubeApi::list_each).
struct KubeItemSink {
  std::function<void(nlohmann::json&& item)> item;
  /// The list starts again from its first item (a 410 for an expired continue token restarts it
  /// without paging): forget the items given so far.
  std::function<void()> restart;
  /// How many items the list holds in all, when the first page says (remainingItemCount): room
  /// can be made once instead of growing a vector page by page (optional).
  std::function<void(std::size_t items)> expect;
};

/// One list for KubeApi::list_each: its path, and where its items go (no sink: into the
/// outcome's KubeList::items).
struct KubeListRequest {
  std::string path;
  KubeItemSink sink;
};

struct KubeList {
  std::vector<nlohmann::json> items; ///< empty when a KubeItemSink took them
  std::string resource_version; ///< of the last page: where a watch would start
  int pages = 0;
  std::size_t item_count = 0; ///< items read, collected or given to a sink (a restart starts it again)
};

/// One list of KubeApi::list_all: its items, or why not. `answered` says whether the failure came
/// from the API server (a 403, the 404 of a resource type the server does not serve, a body that
/// is not a list) or from no JSON answer arriving (refused, TLS, a timeout, the deadline), so a
/// caller can tell a forbidden list from an unreachable server; `status` is the HTTP status of
/// the answer that ended a failed list (401: no list can be read with these credentials), else 0.
struct KubeListOutcome {
  util::Result<KubeList> list;
  bool answered = true;
  long status = 0;
};

/// Threads: a KubeApi is used like the HttpClient under it, one call at a time (http_client.hpp).
class KubeApi {
public:
  virtual ~KubeApi() = default;

  /// One request to a path of the API ("/version", "/api/v1/namespaces/default/pods"). Fails
  /// only when no JSON answer arrived (unreachable, TLS, timeout, a body that is not JSON); an
  /// HTTP error is an answer, for the caller to read.
  virtual util::Result<KubeAnswer> request(const std::string& method, const std::string& path,
                                           const std::string& body = {}) = 0;

  /// A GET of a path whose answer is text, not JSON: a container's log (pods/NAME/log). A 2xx
  /// answer's body is in `text`; an error's Status in `body`, as request() gives it.
  virtual util::Result<KubeAnswer> request_text(const std::string& path) = 0;
  /// request_text's 2xx text; anything else fails with the Status's words and a hint.
  util::Result<std::string> get_text(const std::string& path);
  /// The server's URL, for messages.
  virtual const std::string& server() const = 0;

  /// The server, context, user and kubeconfig file, for messages that say whose request failed.
  /// This default knows only the server.
  virtual core::kube::ApiSubject subject() const { return core::kube::ApiSubject{server(), {}, {}, {}, {}}; }

  /// A GET whose answer must be 2xx; anything else fails with the Status's words and a hint.
  util::Result<nlohmann::json> get(const std::string& path);

  /// Every item of a list, page by page through `continue` tokens. A token that expired
  /// mid-list (410) restarts the list once without paging, as client-go's pager does, so a
  /// large cluster still gives one consistent list.
  util::Result<KubeList> list(const std::string& path, const KubeListOptions& options = {});

  /// Every list of `lists` (each as list() reads it, with the same options), all within one
  /// deadline; one outcome per list, in order. A list that fails leaves the others alone. A
  /// page that would start after the deadline is not sent: its list fails, unanswered. A list
  /// with a sink hands it each page's items as the page is read; when the list then fails, the
  /// items given so far are the caller's to drop.
  /// This default lists one path after the other, page by page; CurlKubeApi sends the pages of
  /// all the lists together, one batch per round, and parses each page item by item.
  virtual std::vector<KubeListOutcome> list_each(const std::vector<KubeListRequest>& lists,
                                                 std::chrono::steady_clock::time_point deadline,
                                                 const KubeListOptions& options = {});
  /// list_each, each list's items collected in its outcome.
  std::vector<KubeListOutcome> list_all(const std::vector<std::string>& paths,
                                        std::chrono::steady_clock::time_point deadline,
                                        const KubeListOptions& options = {});
};

class KubeConnector {
public:
  virtual ~KubeConnector() = default;
  /// A client for the cluster and user that `access` names. Fails for what cannot be used (a
  /// token file that cannot be read).
  virtual util::Result<std::unique_ptr<KubeApi>> connect(const core::kube::ClusterAccess& access) = 0;
};

} // namespace devk8s::ports
