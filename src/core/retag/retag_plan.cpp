#include "core/retag/retag_plan.hpp"

#include "util/sha256.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::core::retag {

namespace {

using minikube::Argv;
using plan::Plan;
using plan::RunCommand;
using plan::Step;

std::string file_name(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string node_label(const std::string& node)
{
  return node.empty() ? std::string("the control plane") : "node " + node;
}

RunCommand minikube_step(Argv argv, std::chrono::milliseconds timeout)
{
  RunCommand run{std::move(argv), timeout};
  run.stream_as = "minikube";
  return run;
}

RunCommand host_step(Argv argv, std::chrono::milliseconds timeout, const std::string& name)
{
  RunCommand run{std::move(argv), timeout};
  run.stream_as = name;
  return run;
}

bool insecure(const std::vector<std::string>& registries, const image::ImageRef& ref)
{
  return std::find(registries.begin(), registries.end(), ref.domain()) != registries.end();
}

util::Result<void> add_image_steps(const RetagPlanInput& in, const ImageRepair& repair, Plan& plan)
{
  const auto& wanted = repair.wanted;
  const auto& source = repair.source;
  switch (repair.method) {
  case Method::addon_images:
    return {}; // the addon's enable carries it
  case Method::minikube_image: {
    DEVK8S_TRY(auto pull, minikube::image_pull_argv(in.caps, in.target, source));
    DEVK8S_TRY(auto tag, minikube::image_tag_argv(in.caps, in.target, source, wanted));
    plan.steps.push_back({"pull " + source.str() + " on every node (minikube image pull)",
                          minikube_step(std::move(pull), in.node_timeout), ""});
    plan.steps.push_back({"tag it as " + wanted.str() + " on every node (minikube image tag)",
                          minikube_step(std::move(tag), in.node_timeout), ""});
    return {};
  }
  case Method::node_runtime:
    for (const auto& node : in.nodes) {
      auto target = in.target;
      target.node = node;
      DEVK8S_TRY(auto pull, minikube::ssh_argv(target, minikube::node_pull_argv(in.runtime, source)));
      DEVK8S_TRY(auto tag_words, minikube::node_tag_argv(in.runtime, source, wanted));
      DEVK8S_TRY(auto tag, minikube::ssh_argv(target, tag_words));
      plan.steps.push_back({"pull " + source.str() + " on " + node_label(node) + " (" +
                                std::string(minikube::to_string(in.runtime)) + ")",
                            minikube_step(std::move(pull), in.node_timeout), ""});
      plan.steps.push_back({"tag it as " + wanted.str() + " on " + node_label(node),
                            minikube_step(std::move(tag), in.node_timeout), ""});
    }
    return {};
  case Method::host_skopeo:
  case Method::host_docker: {
    if (in.host_tool.empty()) {
      return util::failure("no host tool to pull " + source.str() + " with", "install skopeo or docker");
    }
    // The archive goes into a directory of its own, made with mode 0700 by a plain mkdir (which
    // fails on anything already there): in a shared /tmp, a file at a name another user can
    // guess could be swapped between the copy and the load (found by review). The name is this
    // run's token (random, from the app) and a hash of the image, so two repairs never share one.
    if (!valid_scratch_token(in.scratch_token)) {
      return util::failure("no private name for " + source.str() + "'s archive", "this is devk8s's mistake: please report it");
    }
    const auto dir = in.scratch_dir + "/devk8s-retag-" + in.scratch_token + "-" +
                     util::sha256_digest(wanted.str()).substr(7, 8);
    const auto archive = dir + "/image.tar";
    DEVK8S_TRY(auto load, minikube::minikube_argv(in.target, {"image", "load", archive}));
    const auto tool = file_name(in.host_tool);
    plan.steps.push_back({"make " + dir + " (mode 0700) for the archive",
                          host_step({"mkdir", "-m", "0700", dir}, std::chrono::seconds(30), ""), ""});
    if (repair.method == Method::host_skopeo) {
      Argv copy = {in.host_tool, "copy"};
      if (insecure(in.insecure_registries, source)) {
        copy.push_back("--src-tls-verify=false");
      }
      copy.insert(copy.end(), {"docker://" + source.str(), "docker-archive:" + archive + ":" + wanted.str()});
      plan.steps.push_back({"copy " + source.str() + " on this host into " + archive + " as " + wanted.str(),
                            host_step(std::move(copy), in.node_timeout, tool), ""});
    } else {
      plan.steps.push_back({"pull " + source.str() + " on this host",
                            host_step({in.host_tool, "pull", source.str()}, in.node_timeout, tool), ""});
      plan.steps.push_back({"tag it as " + wanted.str() + " on this host",
                            host_step({in.host_tool, "tag", source.str(), wanted.str()}, in.node_timeout, tool), ""});
      plan.steps.push_back({"save " + wanted.str() + " to " + archive,
                            host_step({in.host_tool, "save", "-o", archive, wanted.str()}, in.node_timeout, tool), ""});
    }
    plan.steps.push_back({"load " + archive + " into every node (minikube image load)",
                          minikube_step(std::move(load), in.node_timeout), ""});
    plan.steps.push_back({"remove " + archive, host_step({"rm", "-f", archive}, std::chrono::seconds(30), ""), ""});
    plan.steps.push_back({"remove " + dir, host_step({"rmdir", dir}, std::chrono::seconds(30), ""), ""});
    return {};
  }
  }
  return {};
}

util::Result<std::string> pod_path(const std::string& namespace_name, const std::string& name)
{
  if (!valid_object_name(namespace_name) || !valid_object_name(name)) {
    return util::failure("refusing to delete pod " + util::quoted(namespace_name + "/" + name) +
                             ": not a valid Kubernetes name",
                         "delete it with kubectl if it is really there");
  }
  return "/api/v1/namespaces/" + namespace_name + "/pods/" + name;
}

util::Result<void> add_addon_steps(const RetagPlanInput& in, const AddonRestart& addon, Plan& plan)
{
  for (const auto& pod : addon.delete_pods) {
    DEVK8S_TRY(auto path, pod_path(addon.namespace_name, pod));
    plan.steps.push_back({"delete pod " + addon.namespace_name + "/" + pod + " (in image-pull back-off)",
                          plan::KubeRequest{plan::KubeRequest::Verb::remove, path, ""}, ""});
  }
  if (!addon.delete_pods.empty()) {
    plan::Wait gone{{plan::WaitKind::pod, addon.namespace_name, addon.delete_pods, "", plan::WaitState::gone},
                    in.interval, in.timeout};
    plan.steps.push_back({"wait until the deleted pods are gone", gone, ""});
  }
  Argv words = {"addons", "enable", addon.addon};
  std::string images;
  std::string registries;
  for (const auto& repair : in.images) {
    if (repair.addon != addon.addon || repair.method != Method::addon_images) {
      continue;
    }
    const auto& s = repair.source;
    images += (images.empty() ? "" : ",") + repair.key + "=" + s.path() + (s.tag().empty() ? "" : ":" + s.tag()) +
              (s.digest().empty() ? "" : "@" + s.digest());
    registries += (registries.empty() ? "" : ",") + repair.key + "=" + s.domain();
  }
  if (!images.empty()) {
    words.push_back("--images=" + images);
    words.push_back("--registries=" + registries);
  }
  DEVK8S_TRY(auto enable, minikube::minikube_argv(in.target, words));
  plan.steps.push_back({"re-enable the " + addon.addon + " addon" + (images.empty() ? "" : " with its repaired images"),
                        minikube_step(std::move(enable), in.node_timeout), ""});
  for (const auto& selector : addon.ready_selectors) {
    plan::Wait ready{{plan::WaitKind::pod, addon.namespace_name, {}, minikube::selector_text(selector),
                      plan::WaitState::ready},
                     in.interval, in.timeout};
    plan.steps.push_back({"wait until the " + addon.addon + " pods are Ready", ready, ""});
  }
  // One wait per namespace: a condition names one.
  std::vector<std::string> namespaces;
  for (const auto& claim : addon.claims) {
    if (std::find(namespaces.begin(), namespaces.end(), claim.namespace_name) == namespaces.end()) {
      namespaces.push_back(claim.namespace_name);
    }
  }
  for (const auto& claim : addon.claims) {
    if (!valid_object_name(claim.namespace_name) || !valid_object_name(claim.name)) {
      return util::failure("refusing to wait for claim " + util::quoted(claim.namespace_name + "/" + claim.name) +
                           ": not a valid Kubernetes name");
    }
  }
  for (const auto& ns : namespaces) {
    std::vector<std::string> names;
    for (const auto& claim : addon.claims) {
      if (claim.namespace_name == ns) {
        names.push_back(claim.name);
      }
    }
    plan::Wait bound{{plan::WaitKind::persistent_volume_claim, ns, names, "", plan::WaitState::bound},
                     in.interval, in.timeout};
    plan.steps.push_back({"wait until the claims waiting for " + addon.addon + " are Bound", bound, ""});
  }
  return {};
}

} // namespace

std::string_view to_string(Method method)
{
  switch (method) {
  case Method::node_runtime:
    return "pull and tag in each node";
  case Method::minikube_image:
    return "minikube image pull and tag";
  case Method::host_skopeo:
    return "skopeo on this host, minikube image load";
  case Method::host_docker:
    return "docker on this host, minikube image load";
  case Method::addon_images:
    return "addons enable --images/--registries";
  }
  return "";
}

util::Result<Method> choose_method(const minikube::Capabilities& caps, const image::ImageRef& wanted,
                                   const std::string& key, const std::string& host_tool)
{
  if (!wanted.digest().empty()) {
    if (!host_tool.empty()) {
      return util::failure("--via-host cannot deliver " + wanted.str() +
                               ": it is pinned by digest, and an image loaded from an archive has no registry digest",
                           "the nodes must reach a registry that has it; drop --via-host");
    }
    if (key.empty()) {
      return util::failure("cannot repair " + wanted.str() +
                               ": it is pinned by digest, a tag cannot satisfy it, and it is not an addon image "
                               "devk8s can re-point",
                           "change the workload's image to one that exists, e.g. with devk8s mirror rewrite");
    }
    if (!caps.addon_custom_images) {
      return util::failure("cannot repair " + wanted.str() + ": it is pinned by digest, and minikube " +
                               caps.version.str() + " has no addons enable --images/--registries (v1.18.0+)",
                           "upgrade minikube: devk8s install minikube");
    }
    return Method::addon_images;
  }
  if (!host_tool.empty()) {
    if (!caps.image.load) {
      return util::failure("--via-host needs minikube image load (v1.18.0+), and this is minikube " +
                               caps.version.str(),
                           "upgrade minikube: devk8s install minikube");
    }
    return file_name(host_tool) == "skopeo" ? Method::host_skopeo : Method::host_docker;
  }
  if (caps.image.pull && caps.image.tag) {
    return Method::minikube_image;
  }
  return Method::node_runtime;
}

bool valid_scratch_token(std::string_view token)
{
  return token.size() >= 8 && token.size() <= 32 &&
         std::all_of(token.begin(), token.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

bool valid_object_name(std::string_view name)
{
  if (name.empty() || name.size() > 253) {
    return false;
  }
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back())) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '-' || c == '.'; });
}

util::Result<Plan> plan_retag(const RetagPlanInput& in)
{
  Plan plan;
  plan.title = "retag";
  for (const auto& repair : in.images) {
    if (auto added = add_image_steps(in, repair, plan); !added) {
      return added.error();
    }
  }
  for (const auto& addon : in.addons) {
    if (auto added = add_addon_steps(in, addon, plan); !added) {
      return added.error();
    }
  }
  for (const auto& pod : in.delete_pods) {
    DEVK8S_TRY(auto path, pod_path(pod.namespace_name, pod.name));
    plan.steps.push_back({"delete pod " + pod.namespace_name + "/" + pod.name +
                              " (in image-pull back-off; its controller re-creates it)",
                          plan::KubeRequest{plan::KubeRequest::Verb::remove, path, ""}, ""});
  }
  return plan;
}

} // namespace devk8s::core::retag
