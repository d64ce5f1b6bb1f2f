// status_error: the apiserver's refusals as one line that says what was asked, of which server,
// as which user, with the Status message verbatim and a hint that fits (issue #12).
#include "core/kube/status.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::kube;
using nlohmann::json;

namespace {

const ApiSubject k_minikube{"https://192.168.49.2:8443", "minikube", "minikube", "/home/u/.kube/config", "minikube"};
const ApiSubject k_other{"https://10.0.0.1:6443", "dev", "alice", "/home/u/.kube/config", ""};

json status(int code, const std::string& reason, const std::string& message)
{
  return {{"kind", "Status"}, {"apiVersion", "v1"}, {"status", "Failure"}, {"message", message}, {"reason", reason},
          {"code", code}};
}

} // namespace

TEST_CASE("api_target: a request path in words", "[kube][status]")
{
  CHECK(api_target("GET", "/api/v1/pods?limit=500").words == "list pods in every namespace");
  CHECK(api_target("GET", "/api/v1/namespaces/web/pods").words == "list pods in namespace \"web\"");
  CHECK(api_target("GET", "/api/v1/nodes?limit=500").words == "list nodes");
  CHECK(api_target("GET", "/apis/storage.k8s.io/v1/storageclasses").words == "list storageclasses.storage.k8s.io");
  CHECK(api_target("GET", "/api/v1/namespaces/default/pods/nope").words == "get pods \"nope\" in namespace \"default\"");
  CHECK(api_target("DELETE", "/api/v1/namespaces/kube-system/pods/p").words ==
        "delete pods \"p\" in namespace \"kube-system\"");
  CHECK(api_target("POST", "/apis/batch/v1/namespaces/x/jobs").words == "create jobs.batch in namespace \"x\"");
  CHECK(api_target("GET", "/version").words == "read /version");
  const auto t = api_target("GET", "/apis/apps/v1/deployments");
  CHECK(t.resource == "deployments.apps");
  CHECK(t.every_namespace);
}

TEST_CASE("status_error: one line per refusal", "[kube][status]")
{
  SECTION("401: the credentials of which user, from which file, and how minikube refreshes them")
  {
    const auto e = status_error(k_minikube, "GET", "/api/v1/pods?limit=500", 401, status(401, "Unauthorized", "Unauthorized"));
    CHECK(e.message == "the apiserver at https://192.168.49.2:8443 rejected the credentials of user \"minikube\" "
                       "(context \"minikube\" in /home/u/.kube/config): HTTP 401 Unauthorized");
    CHECK(e.hint == "certificates of a deleted or recreated cluster? `minikube update-context -p minikube` rewrites them "
                    "(or `minikube start -p minikube`)");
    const auto other = status_error(k_other, "GET", "/version", 401, json());
    CHECK(other.message == "the apiserver at https://10.0.0.1:6443 rejected the credentials of user \"alice\" (context "
                           "\"dev\" in /home/u/.kube/config): HTTP 401");
    CHECK(other.hint.rfind("refresh the credentials of that user", 0) == 0);
  }
  SECTION("403: the Status message verbatim, the resource and namespace, and RBAC")
  {
    const std::string words = "pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" at the "
                              "cluster scope";
    const auto e = status_error(k_other, "GET", "/api/v1/pods?limit=500", 403, status(403, "Forbidden", words));
    CHECK(e.message == "cannot list pods in every namespace: the apiserver at https://10.0.0.1:6443 answered HTTP 403 "
                       "Forbidden: " + words);
    CHECK(e.hint == "user \"alice\" lacks the RBAC permission (kubectl auth can-i list pods -A); if it may read only some "
                    "namespaces, name one with -n NAMESPACE");
    const auto in_ns = status_error(k_other, "GET", "/api/v1/namespaces/web/events", 403, status(403, "Forbidden", "no"));
    CHECK(in_ns.hint == "user \"alice\" lacks the RBAC permission (kubectl auth can-i list events -n web)");
    const auto nodes = status_error(k_other, "GET", "/api/v1/nodes", 403, status(403, "Forbidden", "no"));
    CHECK(nodes.hint == "user \"alice\" lacks the RBAC permission (kubectl auth can-i list nodes)");
  }
  SECTION("404 of a list: the server does not serve that type")
  {
    const auto e = status_error(k_other, "GET", "/apis/storage.k8s.io/v1/storageclasses?limit=500", 404,
                                status(404, "NotFound", "the server could not find the requested resource"));
    CHECK(e.message == "cannot list storageclasses.storage.k8s.io: the apiserver at https://10.0.0.1:6443 does not serve "
                       "storageclasses.storage.k8s.io (HTTP 404 for /apis/storage.k8s.io/v1/storageclasses)");
    CHECK(e.hint.rfind("kubectl api-resources", 0) == 0);
  }
  SECTION("404 of an object: not found, with the Status's words")
  {
    const auto e = status_error(k_other, "GET", "/api/v1/namespaces/default/pods/nope", 404,
                                status(404, "NotFound", "pods \"nope\" not found"));
    CHECK(e.message == "cannot get pods \"nope\" in namespace \"default\": the apiserver at https://10.0.0.1:6443 answered "
                       "HTTP 404 NotFound: pods \"nope\" not found");
    CHECK(e.hint == "it does not exist (kubectl get pods -n default lists what does)");
  }
  SECTION("500 and 410")
  {
    const auto e = status_error(k_minikube, "GET", "/api/v1/events", 500,
                                status(500, "InternalError", "Internal error occurred: etcdserver: request timed out"));
    CHECK(e.message == "cannot list events in every namespace: the apiserver at https://192.168.49.2:8443 answered HTTP "
                       "500 InternalError: Internal error occurred: etcdserver: request timed out");
    CHECK(e.hint == "the API server is unwell: `minikube status -p minikube`, then `minikube logs -p minikube`");
    const auto gone = status_error(k_minikube, "GET", "/api/v1/pods", 410, status(410, "Expired", "too old"));
    CHECK(gone.hint == "the list changed too much while it was read; run the command again");
  }
  SECTION("a body that is no Status")
  {
    CHECK(status_error(k_other, "GET", "/api/v1/pods", 502, "oops").message ==
          "cannot list pods in every namespace: the apiserver at https://10.0.0.1:6443 answered HTTP 502");
  }
}

TEST_CASE("unreachable_hint", "[kube][status]")
{
  CHECK(unreachable_hint(k_minikube) == "is the cluster running? try `minikube status -p minikube`");
  CHECK(unreachable_hint(k_other) ==
        "is the cluster running, and is the server of context \"dev\" right? (kubectl cluster-info)");
}
