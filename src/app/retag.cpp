#include "app/retag.hpp"

#include "app/retag_sources.hpp"
#include "app/snapshot.hpp"
#include "core/image/image_ref.hpp"
#include "core/minikube/addon_pods.hpp"
#include "core/minikube/image_plan.hpp"
#include "core/minikube/names.hpp"
#include "app/tools.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <map>
#include <random>

namespace devk8s::app {

namespace {

namespace objects = core::kube::objects;
namespace retag = core::retag;

using core::image::ImageRef;

const std::string k_default_profile = "minikube";

// The random part of --via-host's private directory name (64 bits from the system's entropy
// source): another user of a shared /tmp cannot create it first.
std::string random_token()
{
  std::random_device entropy;
  std::string token;
  for (int i = 0; i < 4; ++i) {
    const auto word = entropy() & 0xffffU;
    const char* const hex = "0123456789abcdef";
    for (int shift = 12; shift >= 0; shift -= 4) {
      token += hex[(word >> static_cast<unsigned>(shift)) & 0xfU];
    }
  }
  return token;
}

std::string profile_flag(const std::string& profile)
{
  return profile.empty() ? std::string() : " -p " + profile;
}

util::Result<void> check_options(const RetagOptions& o)
{
  if (o.addons.empty() == o.image.empty()) {
    return util::usage_error(o.image.empty() ? "nothing to retag: name an addon or --image"
                                             : "give either addons or --image, not both",
                             "devk8s retag storage-provisioner, or devk8s retag --image WANTED [--from SOURCE]");
  }
  if (!o.profile.empty()) {
    if (auto valid = core::minikube::check_profile_name(o.profile); !valid) {
      return valid.error();
    }
  }
  if (!o.from.empty() && o.image.empty()) {
    return util::usage_error("--from needs --image", "devk8s retag --image WANTED --from SOURCE");
  }
  for (const auto& [flag, text] : {std::pair{"--image", &o.image}, std::pair{"--from", &o.from}}) {
    if (text->empty()) {
      continue;
    }
    if (auto ref = ImageRef::parse(*text); !ref) {
      return util::usage_error(std::string(flag) + " " + util::quoted(*text) + ": " + ref.error().message,
                               "an image looks like registry/path:tag; nothing was changed");
    }
  }
  for (const auto& addon : o.addons) {
    if (core::minikube::addon_pods(addon) == nullptr) {
      return util::usage_error("unknown addon " + util::quoted(addon) + ": devk8s knows the images and pods of " +
                                   util::join(core::minikube::addons_with_pods(), ", "),
                               "for any other image a pod waits on: devk8s retag --image WANTED");
    }
  }
  return {};
}

util::Result<core::minikube::Profile> find_profile(ports::Minikube& minikube, const std::string& name)
{
  DEVK8S_TRY(auto list, minikube.profiles());
  const auto& wanted = name.empty() ? k_default_profile : name;
  for (auto& profile : list.valid) {
    if (profile.name == wanted) {
      if (profile.status != "Running") {
        return util::failure("minikube profile " + util::quoted(wanted) + " is " +
                                 (profile.status.empty() ? std::string("not running") : profile.status),
                             "start it: minikube start" + profile_flag(name));
      }
      return std::move(profile);
    }
  }
  return util::failure("no minikube profile " + util::quoted(wanted),
                       "see the profiles with minikube profile list, or start one: devk8s start" + profile_flag(name));
}

std::string base_name(const ImageRef& ref)
{
  const auto slash = ref.path().rfind('/');
  return slash == std::string::npos ? ref.path() : ref.path().substr(slash + 1);
}

/// The addon's --images/--registries key for `wanted`: the planned image minikube requests
/// under that name, else the one with the same last path component.
std::string key_for(const std::vector<core::minikube::PlannedImage>& planned, const std::string& addon,
                    const ImageRef& wanted)
{
  for (const auto& p : planned) {
    if (p.component == addon && p.requested == wanted) {
      return p.key;
    }
  }
  for (const auto& p : planned) {
    if (p.component == addon && base_name(p.requested) == base_name(wanted)) {
      return p.key;
    }
  }
  return {};
}

util::Result<ImageRef> parse_wanted(const std::string& text, const std::string& where)
{
  auto ref = ImageRef::parse(text);
  if (!ref) {
    return util::failure(where + " asks for image " + util::quoted(text) + ", which is not a valid image reference: " +
                             ref.error().message + "; nothing was changed",
                         "devk8s sends only valid references to a node; fix the workload's image");
  }
  return ref;
}

/// Adds `pod`'s failing images to `images` (one entry per wanted image and addon).
util::Result<void> collect(const std::string& addon, const retag::PodState& pod, std::vector<WantedImage>& images)
{
  for (const auto& failure : pod.failures) {
    DEVK8S_TRY(const auto ref, parse_wanted(failure.image, "pod " + pod.namespace_name + "/" + pod.name));
    const auto wanted = ref.str();
    auto it = std::find_if(images.begin(), images.end(),
                           [&](const WantedImage& w) { return w.wanted == wanted && w.addon == addon; });
    if (it == images.end()) {
      WantedImage image;
      image.addon = addon;
      image.wanted = wanted;
      image.reason = failure.reason;
      image.message = failure.message;
      image.repair.addon = addon;
      image.repair.wanted = ref;
      images.push_back(std::move(image));
      it = images.end() - 1;
    }
    const auto name = pod.namespace_name + "/" + pod.name;
    if (std::find(it->pods.begin(), it->pods.end(), name) == it->pods.end()) {
      it->pods.push_back(name);
    }
  }
  return {};
}

/// The host's tool for --via-host: skopeo, else docker.
util::Result<std::string> host_tool(const Ports& ports, const RetagOptions& options)
{
  for (const char* name : {"skopeo", "docker"}) {
    if (auto path = find_on_path(ports.fs, options.search_path, name); !path.empty()) {
      return path;
    }
  }
  return util::failure("--via-host needs skopeo or docker on this host, and PATH has neither",
                       "install one: sudo apt-get install skopeo");
}

util::Result<objects::Snapshot> snapshot_of(ports::KubeApi& kube)
{
  SnapshotRequest request{{objects::Resource::pods, objects::Resource::persistent_volume_claims,
                           objects::Resource::storage_classes},
                          "",
                          std::chrono::steady_clock::now() + std::chrono::seconds(30)};
  DEVK8S_TRY(auto snapshot, fetch_snapshot(kube, request));
  if (const auto* failed = snapshot.failure(objects::Resource::pods)) {
    return failed->error.wrap("listing pods");
  }
  return snapshot;
}

} // namespace

util::Result<std::unique_ptr<ports::KubeApi>> connect_profile(const Ports& ports, KubeOptions kube,
                                                              const std::string& profile)
{
  if (!kube.named()) {
    // minikube names the kubeconfig context after the profile (kubeconfig.UpdateEndpoint).
    kube.context = profile.empty() ? k_default_profile : profile;
  }
  DEVK8S_TRY(const auto access, load_cluster_access(ports.fs, kube));
  if (!access) {
    return util::failure("no kubeconfig: the profile's cluster cannot be reached",
                         "minikube update-context" + profile_flag(profile) + " writes it");
  }
  return ports.kube.connect(*access);
}

util::Result<RetagAnalysis> analyze_retag(const Ports& ports, ports::Minikube& minikube, const KubeConnect& connect,
                                          const RetagOptions& options, ports::Reporter& reporter)
{
  if (auto ok = check_options(options); !ok) {
    return ok.error();
  }
  DEVK8S_TRY(const auto caps, minikube.capabilities());
  DEVK8S_TRY(const auto profile, find_profile(minikube, options.profile));
  RetagAnalysis analysis;
  analysis.profile = profile.name;
  analysis.minikube = caps.version;
  analysis.runtime = profile.container_runtime;
  DEVK8S_TRY(auto* api, connect(profile.name));
  auto& kube = *api;
  analysis.server = kube.server();
  for (const auto& node : profile.nodes) {
    analysis.nodes.push_back(node.name);
  }
  if (analysis.nodes.empty()) {
    analysis.nodes.emplace_back();
  }
  reporter.detail("profile " + profile.name + ": minikube " + caps.version.str() + ", " +
                  std::string(core::minikube::to_string(profile.container_runtime)) + ", " +
                  std::to_string(analysis.nodes.size()) + " node(s), image repository " +
                  (profile.image_repository.empty() ? "(upstream)" : profile.image_repository));
  DEVK8S_TRY(const auto snapshot, snapshot_of(kube));
  DEVK8S_TRY(const auto map, map_for_repository(ports.fs, options.mirror, profile.image_repository));
  if (map) {
    analysis.map = map->name;
  }

  // The images minikube requests for these addons, for their --images keys and for addons whose
  // pods are not in the cluster.
  core::minikube::PlanRequest request{caps.version, profile.kubernetes_version, profile.container_runtime,
                                      profile.image_repository, options.addons,
                                      static_cast<int>(analysis.nodes.size())};
  const auto planned = core::minikube::plan_images(request);
  if (!planned && !options.addons.empty()) {
    // Needed for addons without pods and for the --images key of a digest pin; say why they fail.
    reporter.warning("no image table for this profile: " + planned.error().message);
  }
  const std::vector<core::minikube::PlannedImage> no_plan;
  const auto& planned_images = planned ? planned->images : no_plan;

  std::vector<retag::AddonRestart> restarts;
  std::vector<retag::PodRef> delete_pods;
  for (const auto& addon : options.addons) {
    const auto* pods = core::minikube::addon_pods(addon);
    auto state = retag::addon_state(snapshot, *pods);
    analysis.addons.push_back(state);
    if (state.healthy) {
      continue;
    }
    const auto enabled = profile.addons.find(addon);
    if (state.pods.empty() && enabled != profile.addons.end() && !enabled->second) {
      return util::failure("the " + addon + " addon is not enabled in profile " + profile.name,
                           "enable it: minikube" + profile_flag(options.profile) + " addons enable " + addon);
    }
    const auto before = analysis.images.size();
    for (const auto& pod : state.pods) {
      if (auto added = collect(addon, pod, analysis.images); !added) {
        return added.error();
      }
    }
    if (state.pods.empty()) {
      // No pod asked yet: the images minikube will request, repaired where the registry lacks them.
      for (const auto& p : planned_images) {
        if (p.component == addon) {
          WantedImage image;
          image.addon = addon;
          image.wanted = p.requested.str();
          image.repair.addon = addon;
          image.repair.wanted = p.requested;
          analysis.images.push_back(std::move(image));
        }
      }
    } else if (analysis.images.size() == before) {
      std::vector<std::string> states;
      for (const auto& pod : state.pods) {
        states.push_back(pod.namespace_name + "/" + pod.name + " is " + pod.status);
      }
      return util::failure("the " + addon + " addon is unhealthy, but not for an image: " + util::join(states, ", ") +
                               "; nothing was changed",
                           "see why: kubectl describe pod -n " + std::string(pods->namespace_name) + " " +
                               state.pods.front().name);
    }
    retag::AddonRestart restart{addon, std::string(pods->namespace_name), {}, pods->ready_selectors, {}};
    if (restart.ready_selectors.empty()) {
      restart.ready_selectors = pods->selectors;
    }
    for (const auto& pod : state.pods) {
      if (!pod.failures.empty()) {
        restart.delete_pods.push_back(pod.name);
      }
    }
    const auto waiting = retag::dependents(snapshot, std::string(pods->provisioner));
    for (const auto& d : waiting) {
      if (d.kind == "PersistentVolumeClaim") {
        restart.claims.push_back({d.namespace_name, d.name});
      }
      analysis.dependents.push_back(d);
    }
    restarts.push_back(std::move(restart));
  }
  if (!options.image.empty()) {
    DEVK8S_TRY(const auto wanted, parse_wanted(options.image, "--image"));
    WantedImage image;
    image.wanted = wanted.str();
    image.repair.wanted = wanted;
    std::vector<std::string> spellings; // pods name images as written; --image may be spelt otherwise
    for (const auto& pod : snapshot.pods) {
      for (const auto* list : {&pod.init_containers, &pod.containers}) {
        for (const auto& c : *list) {
          auto ref = ImageRef::parse(c.image);
          if (ref && *ref == wanted && std::find(spellings.begin(), spellings.end(), c.image) == spellings.end()) {
            spellings.push_back(c.image);
          }
        }
      }
    }
    for (const auto& spelling : spellings) {
      for (auto& failing : retag::pods_failing_on(snapshot, spelling)) {
        const auto name = failing.namespace_name + "/" + failing.name;
        if (std::find(image.pods.begin(), image.pods.end(), name) != image.pods.end()) {
          continue;
        }
        image.pods.push_back(name);
        image.reason = failing.failures.front().reason;
        image.message = failing.failures.front().message;
        if (failing.owned) {
          delete_pods.push_back({failing.namespace_name, failing.name});
        } else {
          reporter.warning("pod " + name + " has no controller to re-create it: the kubelet retries its pull "
                           "within five minutes");
        }
      }
    }
    analysis.image_spellings = spellings;
    analysis.images.push_back(std::move(image));
  }

  if (!analysis.images.empty()) {
    if (auto found = find_sources(ports, options, map ? &*map : nullptr, analysis.images, reporter); !found) {
      return found.error();
    }
  }
  // An addon with no pods yet whose images all exist needs no repair of them.
  analysis.images.erase(std::remove_if(analysis.images.begin(), analysis.images.end(),
                                       [](const WantedImage& w) { return w.repair.source == w.repair.wanted && w.pods.empty(); }),
                        analysis.images.end());
  std::string tool;
  if (options.via_host) {
    DEVK8S_TRY(tool, host_tool(ports, options));
  }
  for (auto& image : analysis.images) {
    const auto key = key_for(planned_images, image.addon, image.repair.wanted);
    image.repair.key = key;
    DEVK8S_TRY(image.repair.method, retag::choose_method(caps, image.repair.wanted, key, tool));
    if (image.repair.method == retag::Method::addon_images && !caps.addon_custom_images_persist) {
      image.warnings.push_back("minikube " + caps.version.str() +
                               " forgets --images/--registries at the next `minikube start` (they are saved from "
                               "v1.21.0): run devk8s retag " + image.addon + " again after one");
    }
  }

  retag::RetagPlanInput input;
  input.target = {"minikube", options.profile, ""};
  input.caps = caps;
  input.runtime = profile.container_runtime;
  input.nodes = analysis.nodes;
  for (const auto& image : analysis.images) {
    input.images.push_back(image.repair);
  }
  input.addons = std::move(restarts);
  input.delete_pods = std::move(delete_pods);
  input.host_tool = tool;
  input.insecure_registries = options.registry.insecure_registries;
  input.scratch_dir = options.scratch_dir;
  input.scratch_token = options.scratch_token.empty() ? random_token() : options.scratch_token;
  input.timeout = options.timeout;
  input.interval = options.interval;
  DEVK8S_TRY(analysis.plan, retag::plan_retag(input));
  analysis.plan.title = "retag in minikube profile " + profile.name;
  return analysis;
}

util::Result<RetagOutcome> apply_retag(ports::KubeApi& kube, const RetagAnalysis& analysis, exec::Executor& executor)
{
  if (auto done = executor.execute(analysis.plan); !done) {
    return done.error();
  }
  RetagOutcome outcome;
  DEVK8S_TRY(const auto snapshot, snapshot_of(kube));
  for (const auto& addon : analysis.addons) {
    outcome.addons.push_back(retag::addon_state(snapshot, *core::minikube::addon_pods(addon.addon)));
  }
  outcome.dependents = retag::current(analysis.dependents, snapshot);
  for (const auto& spelling : analysis.image_spellings) {
    auto failing = retag::pods_failing_on(snapshot, spelling);
    outcome.still_failing.insert(outcome.still_failing.end(), failing.begin(), failing.end());
  }
  return outcome;
}

} // namespace devk8s::app
