#include "core/smoke/suite.hpp"

#include "core/yaml/depth_check.hpp"
#include "core/yaml/json_of.hpp"
#include "util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

namespace devk8s::core::smoke {

namespace {

const char* const k_hint = "smoke's manifests are in manifests/smoke/ of devk8s's sources";

// How smoke creates and waits for each kind it knows. A kind not here cannot be waited for.
struct KindRule {
  const char* kind;
  const char* api_version;
  const char* collection; // under /namespaces/NS
  const char* group_path;
};

constexpr KindRule k_kinds[] = {
    {"Pod", "v1", "pods", "/api/v1"},
    {"PersistentVolumeClaim", "v1", "persistentvolumeclaims", "/api/v1"},
    {"Service", "v1", "services", "/api/v1"},
    {"Deployment", "apps/v1", "deployments", "/apis/apps/v1"},
    {"Job", "batch/v1", "jobs", "/apis/batch/v1"},
};

const KindRule* rule_of(const std::string& kind)
{
  for (const auto& rule : k_kinds) {
    if (kind == rule.kind) {
      return &rule;
    }
  }
  return nullptr;
}


// A pod meant to run to completion is waited Complete; one that restarts forever, Ready.
plan::WaitCondition wait_for(const std::string& kind, const std::string& name, const std::string& ns,
                             const nlohmann::json& object)
{
  using plan::WaitKind;
  using plan::WaitState;
  if (kind == "Pod") {
    const auto policy = text_at(object, {"spec", "restartPolicy"});
    const bool completes = policy == "Never" || policy == "OnFailure";
    return {WaitKind::pod, ns, {name}, "", completes ? WaitState::complete : WaitState::ready};
  }
  if (kind == "PersistentVolumeClaim") {
    return {WaitKind::persistent_volume_claim, ns, {name}, "", WaitState::bound};
  }
  if (kind == "Service") {
    return {WaitKind::endpoints, ns, {name}, "", WaitState::ready};
  }
  if (kind == "Deployment") {
    return {WaitKind::deployment, ns, {name}, "", WaitState::ready};
  }
  return {WaitKind::job, ns, {name}, "", WaitState::complete};
}

// A Pod's containers are at spec, a Deployment's and a Job's at spec.template.spec.
std::vector<std::string> images_of(const nlohmann::json& object)
{
  std::vector<std::string> images;
  const auto spec = object.find("spec");
  if (spec == object.end() || !spec->is_object()) {
    return images;
  }
  const nlohmann::json* pod = &*spec;
  if (const auto t = spec->find("template"); t != spec->end() && t->is_object() && t->contains("spec")) {
    pod = &(*t)["spec"];
  }
  for (const char* list : {"initContainers", "containers"}) {
    const auto containers = pod->find(list);
    if (containers == pod->end() || !containers->is_array()) {
      continue;
    }
    for (const auto& c : *containers) {
      const auto image = text_at(c, {"image"});
      if (!image.empty() && std::find(images.begin(), images.end(), image) == images.end()) {
        images.push_back(image);
      }
    }
  }
  return images;
}

util::Result<std::vector<nlohmann::json>> documents(const ManifestText& manifest)
{
  if (auto deep = yaml::check_depth(manifest.text); !deep) {
    return util::failure(manifest.origin + ":" + deep.error().message, k_hint);
  }
  std::vector<nlohmann::json> out;
  try {
    for (const auto& node : YAML::LoadAll(manifest.text)) {
      if (node.IsNull()) {
        continue;
      }
      out.push_back(yaml::json_of(node));
    }
  } catch (const YAML::Exception& e) {
    return util::failure(manifest.origin + ":" + std::to_string(e.mark.line + 1) + ":" +
                             std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg,
                         k_hint);
  }
  return out;
}

} // namespace

util::Result<Suite> build_suite(const std::vector<ManifestText>& manifests, const std::string& namespace_name)
{
  Suite suite;
  suite.namespace_name = namespace_name;
  std::set<std::string> seen;
  for (const auto& manifest : manifests) {
    DEVK8S_TRY(auto objects, documents(manifest));
    for (auto& object : objects) {
      const std::string kind = text_at(object, {"kind"});
      const std::string name = text_at(object, {"metadata", "name"});
      const std::string check = text_at(object, {"metadata", "annotations", k_check_annotation});
      const std::string where = manifest.origin + ": " + (kind.empty() ? "an object" : kind) +
                                (name.empty() ? std::string() : " " + util::quoted(name));
      if (kind.empty() || name.empty()) {
        return util::failure(where + " has no kind or no metadata.name", k_hint);
      }
      if (check.empty()) {
        return util::failure(where + " names no check (annotation " + k_check_annotation + ")", k_hint);
      }
      const KindRule* rule = rule_of(kind);
      if (rule == nullptr) {
        return util::failure(where + ": smoke cannot tell when a " + kind + " is ready",
                             "a smoke check is made of Pods, PersistentVolumeClaims, Services, Deployments and Jobs");
      }
      if (text_at(object, {"apiVersion"}) != rule->api_version) {
        return util::failure(where + ": apiVersion must be " + rule->api_version, k_hint);
      }
      if (!seen.insert(kind + "/" + name).second) {
        return util::failure(where + " is there twice", k_hint);
      }
      object["metadata"]["namespace"] = namespace_name;

      auto it = std::find_if(suite.checks.begin(), suite.checks.end(), [&](const Check& c) { return c.name == check; });
      if (it == suite.checks.end()) {
        suite.checks.push_back(Check{check, {}, {}, {}});
        it = std::prev(suite.checks.end());
      }
      it->objects.push_back(kind + "/" + name);
      it->waits.push_back(wait_for(kind, name, namespace_name, object));
      if (const auto expect = text_at(object, {"metadata", "annotations", k_log_annotation}); !expect.empty()) {
        if (kind != "Pod" && kind != "Job") {
          return util::failure(where + ": only a Pod's or a Job's log can be checked", k_hint);
        }
        it->logs.push_back(LogCheck{kind, name, expect});
      }
      auto images = images_of(object);
      suite.objects.push_back(SmokeObject{kind, name, check,
                                          std::string(rule->group_path) + "/namespaces/" + namespace_name + "/" +
                                              rule->collection,
                                          std::move(object), std::move(images)});
    }
  }
  if (suite.checks.empty()) {
    return util::failure("smoke's manifests hold no object", k_hint);
  }
  return suite;
}

plan::Plan setup_plan(const Suite& suite)
{
  plan::Plan plan;
  plan.title = "smoke: create namespace " + suite.namespace_name + " and its checks' objects";
  const nlohmann::json ns = {{"apiVersion", "v1"},
                             {"kind", "Namespace"},
                             {"metadata",
                              {{"name", suite.namespace_name},
                               {"labels", {{"app.kubernetes.io/managed-by", "devk8s"}, {k_namespace_label, "true"}}}}}};
  plan.steps.push_back({"create namespace " + suite.namespace_name,
                        plan::KubeRequest{plan::KubeRequest::Verb::create, "/api/v1/namespaces", ns.dump(), false},
                        {}});
  for (const auto& object : suite.objects) {
    const std::string images = util::join(object.images, ", ");
    plan.steps.push_back({"create " + object.kind + " " + object.name + " (" + object.check + ")" +
                              (images.empty() ? std::string() : ": " + images),
                          plan::KubeRequest{plan::KubeRequest::Verb::create, object.collection, object.body.dump(), false},
                          {}});
  }
  return plan;
}

plan::Plan cleanup_plan(const Suite& suite, std::chrono::milliseconds timeout)
{
  plan::Plan plan;
  plan.title = "smoke: delete namespace " + suite.namespace_name;
  plan.steps.push_back({"delete namespace " + suite.namespace_name + " and everything in it",
                        plan::KubeRequest{plan::KubeRequest::Verb::remove, "/api/v1/namespaces/" + suite.namespace_name,
                                          {}, false},
                        {}});
  plan.steps.push_back({"wait until namespace " + suite.namespace_name + " is gone",
                        plan::Wait{{plan::WaitKind::namespace_, "", {suite.namespace_name}, "", plan::WaitState::gone},
                                   std::chrono::milliseconds(1000), timeout},
                        {}});
  return plan;
}

std::vector<std::string> list_paths(const Suite& suite)
{
  std::vector<std::string> paths;
  const auto add = [&paths](std::string path) {
    if (std::find(paths.begin(), paths.end(), path) == paths.end()) {
      paths.push_back(std::move(path));
    }
  };
  for (const auto& check : suite.checks) {
    for (const auto& wait : check.waits) {
      add(plan::list_path(wait));
    }
  }
  add(pods_path(suite.namespace_name));
  return paths;
}

std::string pods_path(const std::string& namespace_name)
{
  return "/api/v1/namespaces/" + namespace_name + "/pods";
}

bool is_smoke_namespace(const nlohmann::json& object)
{
  return text_at(object, {"metadata", "labels", k_namespace_label}) == "true";
}

std::optional<std::string> invalid_namespace_name(const std::string& name)
{
  // apimachinery validation.IsDNS1123Label, which ValidateNamespaceName applies.
  if (name.empty() || name.size() > 63) {
    return std::string("must be 1 to 63 characters");
  }
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (const char c : name) {
    if (!alnum(c) && c != '-') {
      return std::string("may hold only lower-case letters, digits and '-'");
    }
  }
  if (!alnum(name.front()) || !alnum(name.back())) {
    return std::string("must start and end with a letter or digit");
  }
  return std::nullopt;
}

std::string text_at(const nlohmann::json& object, std::initializer_list<const char*> path)
{
  const nlohmann::json* at = &object;
  for (const char* key : path) {
    if (!at->is_object()) {
      return {};
    }
    const auto it = at->find(key);
    if (it == at->end()) {
      return {};
    }
    at = &*it;
  }
  return at->is_string() ? at->get<std::string>() : std::string();
}

} // namespace devk8s::core::smoke
