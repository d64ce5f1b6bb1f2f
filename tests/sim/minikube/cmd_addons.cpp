// `minikube addons list -o json | enable NAME [--images= --registries=] | disable NAME | images
// NAME`. Shapes: minikube.md §3 and §5 (addons list -o json is {addon: {Profile, Status}});
// the enable output is the seed's ("Using image ... (global image repository)", "The
// 'storage-provisioner' addon is enabled") and cmd/minikube/cmd/config/enable.go's (the
// dashboard's metrics-server tip). storage-provisioner, default-storageclass, dashboard and
// metrics-server have something behind them in the simulated cluster (the API server's addon
// manager makes their pods from state.addons); enabling another addon is refused rather than
// recorded without its pods.
#include "addon_catalog.hpp"
#include "commands.hpp"

#include <algorithm>
#include <ostream>
#include <sstream>

namespace devk8s::sim {
namespace {

using nlohmann::json;

// assets/addons.go at v1.20.0: every addon minikube knows.
const std::vector<std::string> k_addons = {
    "ambassador", "auto-pause", "csi-hostpath-driver", "dashboard", "default-storageclass", "efk", "freshpod",
    "gcp-auth", "gvisor", "helm-tiller", "ingress", "ingress-dns", "istio", "istio-provisioner", "kubevirt",
    "logviewer", "metallb", "metrics-server", "nvidia-driver-installer", "nvidia-gpu-device-plugin", "olm",
    "pod-security-policy", "registry", "registry-aliases", "registry-creds", "storage-provisioner",
    "storage-provisioner-gluster", "volumesnapshots"};

/// "Key=value,Key2=value2" as --images/--registries take them.
std::map<std::string, std::string> pairs(const std::string& text)
{
  std::map<std::string, std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (const auto eq = item.find('='); eq != std::string::npos) {
      out[item.substr(0, eq)] = item.substr(eq + 1);
    }
  }
  return out;
}

/// dashboard and metrics-server: every image of the addon through addon_image(), custom images
/// and registries kept in the profile from v1.21.0 (SelectAndPersistImages: --images merged into
/// CustomAddonImages, --registries replacing the addon's CustomAddonRegistries).
int enable_deployment_addon(const Invocation& inv, Context& ctx, const std::string& name)
{
  json& state = ctx.state.doc();
  const json& p = state["minikube"]["profile"];
  const auto entries = addon_images(ctx.profile.version, name).value_or(std::vector<AddonImage>{});
  auto known = [&](const std::string& key) {
    return std::any_of(entries.begin(), entries.end(), [&](const AddonImage& e) { return e.key == key; });
  };
  const auto images = pairs(inv.get("images"));
  auto registries = pairs(inv.get("registries"));
  for (const auto& [key, value] : images) {
    if (!known(key)) {
      ctx.err << "! Ignoring unknown custom image " << key << "\n";
    }
  }
  for (const auto& [key, value] : registries) {
    if (!known(key)) {
      ctx.err << "! Ignoring unknown custom registry " << key << "\n";
    }
  }
  json& addon = state["addons"][name];
  if (!addon.is_object()) {
    addon = json::object();
  }
  json saved_images = addon.value("custom_images", json::object());
  json saved_registries = addon.value("custom_registries", json::object());
  if (inv.has("registries")) {
    saved_registries = json::object();
  }
  for (const auto& [key, value] : images) {
    if (known(key)) {
      saved_images[key] = value;
    }
  }
  for (const auto& [key, value] : registries) {
    if (known(key)) {
      saved_registries[key] = value;
    }
  }
  if (!ctx.profile.persists_addon_images) {
    // Before v1.21.0 (#11432) the flags applied to this enable only.
    saved_images = json::object();
    saved_registries = json::object();
    for (const auto& [key, value] : images) {
      saved_images[key] = value;
    }
    for (const auto& [key, value] : registries) {
      saved_registries[key] = value;
    }
  } else {
    addon["custom_images"] = saved_images;
    addon["custom_registries"] = saved_registries;
  }
  const std::string repo = p.value("image_repository", "");
  const std::string aliyun = state["settings"]["mirrors"].value("cn", "");
  json chosen = json::object();
  for (const auto& entry : entries) {
    std::optional<std::string> custom_image;
    std::optional<std::string> custom_registry;
    if (saved_images.contains(entry.key)) {
      custom_image = saved_images[entry.key].get<std::string>();
    }
    if (saved_registries.contains(entry.key)) {
      custom_registry = saved_registries[entry.key].get<std::string>();
    }
    std::string shown;
    chosen[entry.key] = addon_image(ctx.profile, repo, aliyun, entry, custom_image, custom_registry, shown);
    ctx.out << "  - " << shown << "\n";
  }
  addon["enabled"] = true;
  addon["generation"] = addon.value("generation", 0) + 1;
  addon["images"] = chosen;
  ctx.state.save();
  if (name == "dashboard") {
    // enable.go: style.Tip ("* " off a terminal) with the template's tab and blank lines.
    ctx.out << "* Some dashboard features require the metrics-server addon. To enable all features please run:\n"
               "\n\tminikube addons enable metrics-server\t\n\n\n";
  }
  ctx.out << "* The '" << name << "' addon is enabled\n";
  return 0;
}

int enable(const Invocation& inv, Context& ctx, const std::string& name)
{
  json& state = ctx.state.doc();
  const json& p = state["minikube"]["profile"];
  if (name == "default-storageclass") {
    state["addons"][name]["enabled"] = true;
    state["addons"][name]["generation"] = state["addons"][name].value("generation", 0) + 1;
    ctx.state.save();
    ctx.out << "* The 'default-storageclass' addon is enabled\n";
    return 0;
  }
  if (name == "dashboard" || name == "metrics-server") {
    return enable_deployment_addon(inv, ctx, name);
  }
  if (name != "storage-provisioner") {
    ctx.err << "\nX Exiting due to MK_ADDON_ENABLE: the simulation models only the storage-provisioner, "
               "default-storageclass, dashboard and metrics-server addons, not \"" << name << "\"\n\n";
    return 1;
  }
  auto images = pairs(inv.get("images"));
  auto registries = pairs(inv.get("registries"));
  for (const auto& [key, value] : images) {
    if (key != "StorageProvisioner") {
      ctx.err << "! Ignoring unknown custom image " << key << "\n";
    }
  }
  for (const auto& [key, value] : registries) {
    if (key != "StorageProvisioner") {
      ctx.err << "! Ignoring unknown custom registry " << key << "\n";
    }
  }
  json& addon = state["addons"][name];
  // Before v1.21.0 (#11432) custom images applied to this enable only; later they are saved.
  std::string custom_registry = registries.count("StorageProvisioner") ? registries["StorageProvisioner"] : "";
  std::string custom_image = images.count("StorageProvisioner") ? images["StorageProvisioner"] : "";
  if (ctx.profile.persists_addon_images) {
    if (custom_registry.empty()) {
      custom_registry = addon.value("custom_registry", "");
    }
    if (custom_image.empty()) {
      custom_image = addon.value("custom_image", "");
    }
    addon["custom_registry"] = custom_registry;
    addon["custom_image"] = custom_image;
  }
  const std::string repo = p.value("image_repository", "");
  const auto image = storage_provisioner_image(ctx.profile, repo, state["settings"]["mirrors"].value("cn", ""),
                                               custom_registry, custom_image);
  addon["enabled"] = true;
  addon["generation"] = addon.value("generation", 0) + 1;
  addon["images"] = {{"StorageProvisioner", image}};
  ctx.state.save();
  ctx.out << "  - Using image " << image << (custom_registry.empty() && !repo.empty() ? " (global image repository)" : "")
          << "\n* The '" << name << "' addon is enabled\n";
  return 0;
}

} // namespace

int cmd_addons(const Invocation& inv, Context& ctx)
{
  json& state = ctx.state.doc();
  const std::string verb = inv.words.size() > 1 ? inv.words[1] : "";
  const std::string name = inv.words.size() > 2 ? inv.words[2] : "";
  if (verb == "images") {
    if (std::find(k_addons.begin(), k_addons.end(), name) == k_addons.end()) {
      ctx.err << "X No such addon " << name << "\n";
      return 0;
    }
    if (name == "default-storageclass") {
      ctx.out << "  - " << name << " doesn't have images.\n";
      return 0;
    }
    const auto entries = addon_images(ctx.profile.version, name);
    if (!entries) {
      ctx.err << "\nX Exiting due to MK_USAGE: the simulation does not model the images of \"" << name << "\"\n\n";
      return 1;
    }
    ctx.out << addon_images_table(ctx.profile.version, name, *entries);
    return 0;
  }
  if (state["minikube"].value("profile", json()).is_null()) {
    return profile_not_found(ctx);
  }
  if (verb == "list") {
    json out = json::object();
    for (const auto& addon : k_addons) {
      const bool on = state["addons"].value(addon, json::object()).value("enabled", false);
      out[addon] = {{"Profile", "minikube"}, {"Status", on ? "enabled" : "disabled"}};
    }
    if (inv.get("output") == "json") {
      ctx.out << out.dump() << "\n";
    } else {
      ctx.out << "|-----------------------------|----------|--------------|\n"
              << "|         ADDON NAME          | PROFILE  |    STATUS    |\n"
              << "|-----------------------------|----------|--------------|\n";
      for (const auto& addon : k_addons) {
        const bool on = out[addon]["Status"] == "enabled";
        ctx.out << "| " << addon << std::string(28 - addon.size(), ' ') << "| minikube | "
                << (on ? "enabled ✅   |" : "disabled     |") << "\n";
      }
      ctx.out << "|-----------------------------|----------|--------------|\n";
    }
    return 0;
  }
  if (std::find(k_addons.begin(), k_addons.end(), name) == k_addons.end()) {
    ctx.err << "\nX Exiting due to MK_ADDON_ENABLE: run callbacks: " << name << " is not a valid addon\n\n";
    return 1;
  }
  if (verb == "enable") {
    return enable(inv, ctx, name);
  }
  if (verb == "disable") {
    state["addons"][name]["enabled"] = false;
    ctx.state.save();
    ctx.out << "* The '" << name << "' addon is disabled\n";
    return 0;
  }
  ctx.err << "Error: unknown command \"" << verb << "\" for \"minikube addons\"\n";
  return k_ex_program_usage;
}

} // namespace devk8s::sim
