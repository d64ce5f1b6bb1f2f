#include "core/start/start_plan.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace devk8s::core::start {

std::vector<finding::Finding> preflight_blockers(const std::vector<finding::Finding>& findings)
{
  std::vector<finding::Finding> out;
  for (const auto& f : findings) {
    if (f.severity == finding::Severity::fail && !f.forceable && f.id != "tool.minikube" && f.id != "tool.kubectl") {
      out.push_back(f);
    }
  }
  return out;
}

std::vector<std::string> start_argv(const std::vector<std::string>& planned, const std::vector<std::string>& addons,
                                    const std::vector<std::string>& extra)
{
  std::vector<std::string> argv = planned;
  for (const auto& addon : addons) {
    argv.push_back("--addons=" + addon);
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

std::vector<std::string> flag_values(const std::vector<std::string>& argv, const std::string& flag)
{
  std::vector<std::string> values;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i].rfind(flag + "=", 0) == 0) {
      values.push_back(argv[i].substr(flag.size() + 1));
    } else if (argv[i] == flag && i + 1 < argv.size()) {
      values.push_back(argv[++i]);
    }
  }
  return values;
}

std::optional<std::string> flag_value(const std::vector<std::string>& argv, const std::string& flag)
{
  auto values = flag_values(argv, flag);
  return values.empty() ? std::nullopt : std::optional<std::string>(std::move(values.back()));
}

std::vector<std::string> addons_to_repair(const ImageVerdict& verdict)
{
  std::vector<std::string> out;
  for (const auto& row : verdict.rows) {
    if ((row.repair == Repair::retag || row.repair == Repair::enable_images) &&
        std::find(out.begin(), out.end(), row.image.component) == out.end()) {
      out.push_back(row.image.component);
    }
  }
  return out;
}

namespace {

std::string claim_body(const VerifyOptions& options)
{
  // No storageClassName: the cluster's default class decides, as it does for a Helm chart's
  // claims (the seed's redis). 1Mi: the hostpath provisioner reserves nothing.
  const nlohmann::ordered_json claim = {
      {"apiVersion", "v1"},
      {"kind", "PersistentVolumeClaim"},
      {"metadata",
       {{"name", options.claim_name}, {"labels", {{"app.kubernetes.io/managed-by", "devk8s"}}}}},
      {"spec", {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", "1Mi"}}}}}}}};
  return claim.dump();
}

std::string claims_path(const VerifyOptions& options)
{
  return "/api/v1/namespaces/" + options.claim_namespace + "/persistentvolumeclaims";
}

plan::Step delete_claim(const VerifyOptions& options)
{
  return {"delete the claim " + options.claim_namespace + "/" + options.claim_name,
          plan::KubeRequest{plan::KubeRequest::Verb::remove, claims_path(options) + "/" + options.claim_name, ""},
          ""};
}

} // namespace

plan::Plan verify_plan(const VerifyOptions& options)
{
  plan::Plan p{"verify the cluster", {}};
  p.steps.push_back({"wait until every kube-system pod is Ready",
                     plan::Wait{{plan::WaitKind::pod, "kube-system", {}, "", plan::WaitState::ready},
                                options.interval,
                                options.timeout},
                     ""});
  p.steps.push_back({"create the claim " + options.claim_namespace + "/" + options.claim_name +
                         " of the default storage class",
                     plan::KubeRequest{plan::KubeRequest::Verb::create, claims_path(options), claim_body(options), true},
                     ""});
  p.steps.push_back({"wait until the claim is Bound (the provisioner made its volume)",
                     plan::Wait{{plan::WaitKind::persistent_volume_claim,
                                 options.claim_namespace,
                                 {options.claim_name},
                                 "",
                                 plan::WaitState::bound},
                                options.interval,
                                options.timeout},
                     ""});
  p.steps.push_back(delete_claim(options));
  p.steps.push_back({"wait until the claim is gone",
                     plan::Wait{{plan::WaitKind::persistent_volume_claim,
                                 options.claim_namespace,
                                 {options.claim_name},
                                 "",
                                 plan::WaitState::gone},
                                options.interval,
                                options.timeout},
                     ""});
  return p;
}

plan::Plan cleanup_plan(const VerifyOptions& options)
{
  return plan::Plan{"remove start's storage check", {delete_claim(options)}};
}

} // namespace devk8s::core::start
