#include "core/kube/status.hpp"
#include "exec/steps.hpp"

namespace devk8s::exec {

util::Result<void> apply_kube_request(const core::plan::KubeRequest& request, ports::KubeApi& kube, ports::Reporter& reporter)
{
  using Verb = core::plan::KubeRequest::Verb;
  // The port sends a PATCH as a JSON merge patch (adapters/kube/curl_kube_api.cpp), as the plan
  // says; POST and DELETE carry whole objects or nothing.
  const char* method = request.verb == Verb::create ? "POST" : request.verb == Verb::patch ? "PATCH" : "DELETE";
  DEVK8S_TRY(const ports::KubeAnswer answer, kube.request(method, request.path, request.body));
  if (answer.status >= 200 && answer.status < 300) {
    return {};
  }
  if (request.verb == Verb::remove && answer.status == 404) {
    reporter.detail(request.path + ": already gone");
    return {};
  }
  if (request.verb == Verb::create && request.exists_ok && answer.status == 409) {
    reporter.detail(request.path + ": already there");
    return {};
  }
  return core::kube::status_error(kube.subject(), method, request.path, answer.status, answer.body);
}

} // namespace devk8s::exec
