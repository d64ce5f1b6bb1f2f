#include "core/kube/status.hpp"

#include "util/strings.hpp"

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

// The cluster-scoped types devk8s may list; any other type listed without a namespace is a
// list across every namespace.
bool cluster_scoped(const std::string& resource)
{
  static const char* const k_types[] = {"namespaces", "nodes", "persistentvolumes", "storageclasses.storage.k8s.io",
                                        "csidrivers.storage.k8s.io", "csinodes.storage.k8s.io",
                                        "volumeattachments.storage.k8s.io", "clusterroles.rbac.authorization.k8s.io",
                                        "clusterrolebindings.rbac.authorization.k8s.io",
                                        "customresourcedefinitions.apiextensions.k8s.io",
                                        "priorityclasses.scheduling.k8s.io"};
  for (const char* type : k_types) {
    if (resource == type) {
      return true;
    }
  }
  return false;
}

std::string verb_of(const std::string& method, bool collection)
{
  if (method == "GET") {
    return collection ? "list" : "get";
  }
  if (method == "POST") {
    return "create";
  }
  if (method == "PATCH" || method == "PUT") {
    return "update";
  }
  if (method == "DELETE") {
    return "delete";
  }
  return util::to_lower(method);
}

// "credentials of user "u" (context "c" in FILE)", as much of it as is known.
std::string whose_credentials(const ApiSubject& s)
{
  std::string words = s.user.empty() ? std::string("credentials") : "credentials of user " + util::quoted(s.user);
  if (!s.context.empty()) {
    words += " (context " + util::quoted(s.context) + (s.origin.empty() ? "" : " in " + s.origin) + ")";
  }
  return words;
}

std::string profile_flag(const ApiSubject& s)
{
  return s.minikube_profile.empty() ? std::string() : " -p " + s.minikube_profile;
}

std::string rejected_hint(const ApiSubject& s)
{
  if (!s.minikube_profile.empty()) {
    return "certificates of a deleted or recreated cluster? `minikube update-context" + profile_flag(s) +
           "` rewrites them (or `minikube start" + profile_flag(s) + "`)";
  }
  return "refresh the credentials of that user (a new token or certificate), or pick another context with --context";
}

std::string forbidden_hint(const ApiSubject& s, const ApiTarget& t, const std::string& verb)
{
  std::string who = s.user.empty() ? std::string("the kubeconfig's user") : "user " + util::quoted(s.user);
  if (t.resource.empty()) {
    return who + " lacks the permission: ask for it in RBAC";
  }
  std::string can_i = "kubectl auth can-i " + verb + " " + t.resource;
  if (!t.namespace_name.empty()) {
    can_i += " -n " + t.namespace_name;
  } else if (t.every_namespace) {
    can_i += " -A";
  }
  std::string hint = who + " lacks the RBAC permission (" + can_i + ")";
  // A list across namespaces is refused to a user allowed only in some of them.
  if (t.every_namespace) {
    hint += "; if it may read only some namespaces, name one with -n NAMESPACE";
  }
  return hint;
}

} // namespace

ApiTarget api_target(const std::string& method, const std::string& path)
{
  ApiTarget target;
  const std::string bare = path.substr(0, path.find('?'));
  std::vector<std::string> parts;
  for (const auto& part : util::split(bare, '/')) {
    if (!part.empty()) {
      parts.emplace_back(part);
    }
  }
  // /api/v1/[namespaces/NS/]RESOURCE[/NAME] and /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME]
  std::size_t rest = 0;
  std::string group;
  if (parts.size() >= 3 && parts[0] == "api") {
    rest = 2;
  } else if (parts.size() >= 4 && parts[0] == "apis") {
    group = parts[1];
    rest = 3;
  }
  if (rest == 0) {
    target.words = (method == "GET" ? "read " : verb_of(method, false) + " ") + bare;
    return target;
  }
  if (parts.size() - rest >= 3 && parts[rest] == "namespaces") {
    target.namespace_name = parts[rest + 1];
    rest += 2;
  }
  target.resource = parts[rest] + (group.empty() ? "" : "." + group);
  if (parts.size() > rest + 1) {
    target.name = parts[rest + 1];
  }
  const bool collection = target.name.empty();
  target.words = verb_of(method, collection) + " " + target.resource;
  if (!collection) {
    target.words += " " + util::quoted(target.name);
  }
  if (!target.namespace_name.empty()) {
    target.words += " in namespace " + util::quoted(target.namespace_name);
  } else if (collection && method == "GET" && !cluster_scoped(target.resource)) {
    // A namespaced type listed without a namespace: the path is the cluster-wide list.
    target.every_namespace = true;
    target.words += " in every namespace";
  }
  return target;
}

std::string apiserver_at(const ApiSubject& subject)
{
  return "the apiserver at " + subject.server;
}

std::string unreachable_hint(const ApiSubject& s)
{
  if (!s.minikube_profile.empty()) {
    return "is the cluster running? try `minikube status" + profile_flag(s) + "`";
  }
  return "is the cluster running, and is the server of context " + util::quoted(s.context) + " right? (kubectl cluster-info)";
}

util::Error status_error(const ApiSubject& subject, const std::string& method, const std::string& path, long status,
                         const nlohmann::json& body)
{
  const ApiTarget target = api_target(method, path);
  const std::string reason = field(body, "reason");
  const std::string words = field(body, "message");
  std::string answered = "HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason);
  if (!words.empty()) {
    answered += ": " + words;
  }
  const std::string at = apiserver_at(subject);
  const std::string what = "cannot " + target.words;
  switch (status) {
  case 401:
    // The credentials, not the request, are at fault: every request would get the same.
    return util::failure(at + " rejected the " + whose_credentials(subject) + ": HTTP 401" +
                             (reason.empty() ? "" : " " + reason),
                         rejected_hint(subject));
  case 403:
    return util::failure(what + ": " + at + " answered " + answered,
                         forbidden_hint(subject, target, verb_of(method, target.name.empty())));
  case 404:
    if (!target.resource.empty() && target.name.empty()) {
      return util::failure(what + ": " + at + " does not serve " + target.resource + " (HTTP 404 for " +
                               path.substr(0, path.find('?')) + ")",
                           "kubectl api-resources lists what it serves; a Kubernetes release without that API?");
    }
    return util::failure(what + ": " + at + " answered " + answered,
                         target.resource.empty() ? "is the kubeconfig's server a Kubernetes API server?"
                                                 : "it does not exist (kubectl get " + target.resource +
                                                       (target.namespace_name.empty() ? "" : " -n " + target.namespace_name) +
                                                       " lists what does)");
  case 410:
    return util::failure(what + ": " + at + " answered " + answered,
                         "the list changed too much while it was read; run the command again");
  case 429:
    return util::failure(what + ": " + at + " answered " + answered,
                         "the API server is overloaded; wait and run the command again");
  default:
    return util::failure(what + ": " + at + " answered " + answered,
                         status >= 500 ? "the API server is unwell: `minikube status" + profile_flag(subject) +
                                             "`, then `minikube logs" + profile_flag(subject) + "`"
                                       : "");
  }
}

} // namespace devk8s::core::kube
