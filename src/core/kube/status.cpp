#include "core/kube/status.hpp"

namespace devk8s::core::kube {

namespace {

std::string field(const nlohmann::json& body, const char* name)
{
  if (!body.is_object()) {
    return {};
  }
  const auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string hint_for(long status)
{
  switch (status) {
  case 401:
    return "the server refused the kubeconfig's credentials: certificates of a deleted or recreated cluster? "
           "'minikube update-context' or 'minikube start' writes fresh ones";
  case 403:
    return "the kubeconfig's user lacks the permission (kubectl auth can-i); minikube's own user has all of them";
  case 404:
    return "the object or resource does not exist on this cluster (kubectl api-resources lists what it serves)";
  case 410:
    return "the list changed too much while it was read; run the command again";
  case 429:
    return "the API server is overloaded; wait and run the command again";
  default:
    return status >= 500 ? "the API server is unwell: minikube status, then minikube logs" : "";
  }
}

} // namespace

util::Error status_error(const std::string& server, long status, const nlohmann::json& body)
{
  std::string message = server + ": HTTP " + std::to_string(status);
  if (const auto reason = field(body, "reason"); !reason.empty()) {
    message += " " + reason;
  }
  if (const auto words = field(body, "message"); !words.empty()) {
    message += ": " + words;
  }
  return util::failure(message, hint_for(status));
}

} // namespace devk8s::core::kube
