// The words for an API server's refusal: its Status object (metav1.Status: kind Status, reason,
// message, code) turned into devk8s's one error line, naming what was asked (list pods in every
// namespace, get pods "x") of which server as which user, and a hint that fits the status.
#pragma once

#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace devk8s::core::kube {

/// Who asked, for messages; never a credential.
struct ApiSubject {
  std::string server;           ///< without any user:password@
  std::string context;
  std::string user;             ///< the kubeconfig's user
  std::string origin;           ///< the kubeconfig file that defined the context
  std::string minikube_profile; ///< when minikube wrote the context
};

/// What a request path asks for, in words: "list pods in every namespace", "get pods \"x\" in
/// namespace \"web\"", "list storageclasses.storage.k8s.io", "read /version".
struct ApiTarget {
  std::string resource;  ///< "pods", "storageclasses.storage.k8s.io"; "" for a path outside /api and /apis
  std::string namespace_name;
  std::string name;      ///< "" for a collection
  bool every_namespace = false; ///< a namespaced type listed across all namespaces
  std::string words;     ///< the whole phrase
};

/// `path` may carry a query; `method` is GET, POST, PATCH, DELETE…
ApiTarget api_target(const std::string& method, const std::string& path);

/// "the apiserver at https://…": the server in the words every API failure uses.
std::string apiserver_at(const ApiSubject& subject);

/// `minikube status -p P` or a word on the kubeconfig's server, for a server that cannot be reached.
std::string unreachable_hint(const ApiSubject& subject);

/// One line for an HTTP status >= 300 from `method path`: 401 names the user and file whose
/// credentials were rejected; 403 quotes the Status message verbatim with the resource and
/// namespace; 404 of a collection says the server does not serve that resource type. `body` may
/// be anything: a Status, other JSON, or null.
util::Error status_error(const ApiSubject& subject, const std::string& method, const std::string& path, long status,
                         const nlohmann::json& body);

} // namespace devk8s::core::kube
