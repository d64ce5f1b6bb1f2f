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
#include <memory>
#include <string>
#include <vector>

namespace devk8s::ports {

/// What the API server answered: its status and JSON body (a Status object when status >= 400).
struct KubeAnswer {
  long status = 0;
  nlohmann::json body;
};

struct KubeListOptions {
  std::string label_selector;
  std::string field_selector;
  int page_size = 500; ///< kubectl's chunk size; 0 asks for everything at once
};

struct KubeList {
  std::vector<nlohmann::json> items;
  std::string resource_version; ///< of the last page: where a watch would start
  int pages = 0;
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

  /// Every list of `paths` (each as list() reads it, with the same options), all within one
  /// deadline; one outcome per path, in order. A list that fails leaves the others alone. A
  /// page that would start after the deadline is not sent: its list fails, unanswered.
  /// This default lists one path after the other, page by page; CurlKubeApi sends the pages of
  /// all the lists together, one batch per round.
  virtual std::vector<KubeListOutcome> list_all(const std::vector<std::string>& paths,
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
