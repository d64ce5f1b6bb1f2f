#include "addon_catalog.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

namespace devk8s::sim {
namespace {

const std::string k_sp_image = "k8s-minikube/storage-provisioner:v5";

// pkg/minikube/assets/addons.go at each tag: the "dashboard" and "metrics-server" entries.
std::optional<std::vector<AddonImage>> catalog(const std::string& version, const std::string& addon)
{
  if (addon == "storage-provisioner") {
    return std::vector<AddonImage>{{"StorageProvisioner", k_sp_image, "gcr.io"}};
  }
  struct Release {
    const char* version;
    const char* dashboard;
    const char* scraper;
    const char* hub_registry; ///< the Registries map of dashboard: none before v1.27 (8858959ce3)
    const char* metrics_server;
    const char* metrics_registry;
  };
  static const Release releases[] = {
      {"v1.20.0", "kubernetesui/dashboard:v2.1.0@sha256:7f80b5ba141bead69c4fee8661464857af300d7d7ed0274cf7beecedc00322e6",
       "kubernetesui/metrics-scraper:v1.0.4@sha256:555981a24f184420f3be0c79d4efb6c948a85cfce84034f85a563f4151a81cbf", "",
       "metrics-server/metrics-server:v0.4.2@sha256:dbc33d7d35d2a9cc5ab402005aa7a0d13be6192f3550c7d42cba8d2d5e3a5d62",
       "k8s.gcr.io"},
      {"v1.23.2", "kubernetesui/dashboard:v2.3.1@sha256:ec27f462cf1946220f5a9ace416a84a57c18f98c777876a8054405d1428cc92e",
       "kubernetesui/metrics-scraper:v1.0.7@sha256:36d5b3f60e1a144cc5ada820910535074bdf5cf73fb70d1ff1681537eef4e172", "",
       "metrics-server/metrics-server:v0.4.2@sha256:dbc33d7d35d2a9cc5ab402005aa7a0d13be6192f3550c7d42cba8d2d5e3a5d62",
       "k8s.gcr.io"},
      {"v1.26.0", "kubernetesui/dashboard:v2.6.0@sha256:4af9580485920635d888efe1eddbd67e12f9d5d84dba87100e93feb4e46636b3",
       "kubernetesui/metrics-scraper:v1.0.8@sha256:76049887f07a0476dc93efc2d3569b9529bf982b22d29f356092ce206e98765c", "",
       "metrics-server/metrics-server:v0.6.1@sha256:5ddc6458eb95f5c70bd13fdab90cbd7d6ad1066e5b528ad1dcb28b76c5fb2f00",
       "k8s.gcr.io"},
      {"v1.38.1", "kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93",
       "kubernetesui/metrics-scraper:v1.0.8@sha256:76049887f07a0476dc93efc2d3569b9529bf982b22d29f356092ce206e98765c",
       "docker.io",
       "metrics-server/metrics-server:v0.8.1@sha256:b2d2efaf5ac3b366ed0f839d2412a2c4279d4fc2a2a733f12c52133faed36c41",
       "registry.k8s.io"},
  };
  for (const auto& r : releases) {
    if (version != r.version) {
      continue;
    }
    if (addon == "dashboard") {
      return std::vector<AddonImage>{{"Dashboard", r.dashboard, r.hub_registry},
                                     {"MetricsScraper", r.scraper, r.hub_registry}};
    }
    if (addon == "metrics-server") {
      return std::vector<AddonImage>{{"MetricsServer", r.metrics_server, r.metrics_registry}};
    }
  }
  return std::nullopt;
}

enum class AliyunRule { none, strip_namespaces, table_v1_24, table_v1_27 };

// v1.23.1 (#11785) fixAddonImages; v1.24.0 (#12578) aliyun_mirror.json; v1.27.0 (8858959ce3)
// the same file with docker.io/ keys.
AliyunRule aliyun_rule(const std::string& version)
{
  if (version == "v1.23.2") {
    return AliyunRule::strip_namespaces;
  }
  if (version == "v1.26.0") {
    return AliyunRule::table_v1_24;
  }
  if (version == "v1.38.1") {
    return AliyunRule::table_v1_27;
  }
  return AliyunRule::none;
}

/// deploy/addons/aliyun_mirror.json: the keys of the modelled images; values are under the mirror.
std::optional<std::string> aliyun_path(AliyunRule rule, const std::string& key)
{
  static const std::map<std::string, std::string> v1_24 = {
      {"kubernetesui/dashboard", "dashboard"},
      {"kubernetesui/metrics-scraper", "metrics-scraper"},
      {"k8s.gcr.io/metrics-server/metrics-server", "metrics-server"},
      {"gcr.io/k8s-minikube/storage-provisioner", "storage-provisioner"}};
  static const std::map<std::string, std::string> v1_27 = {
      {"docker.io/kubernetesui/dashboard", "dashboard"},
      {"docker.io/kubernetesui/metrics-scraper", "metrics-scraper"},
      {"registry.k8s.io/metrics-server/metrics-server", "metrics-server"},
      {"gcr.io/k8s-minikube/storage-provisioner", "storage-provisioner"}};
  const auto& table = rule == AliyunRule::table_v1_24 ? v1_24 : v1_27;
  const auto it = table.find(key);
  return it == table.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string strip_prefix(const std::string& text, const std::string& prefix)
{
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}

std::string without_digest(const std::string& image) { return image.substr(0, image.find('@')); }

std::string slashed(const std::string& registry)
{
  return registry.empty() || registry.back() == '/' ? registry : registry + "/";
}

} // namespace

std::optional<std::vector<AddonImage>> addon_images(const std::string& version, const std::string& addon)
{
  return catalog(version, addon);
}

std::string addon_image(const VersionProfile& profile, const std::string& repo, const std::string& aliyun,
                        const AddonImage& entry, const std::optional<std::string>& custom_image,
                        const std::optional<std::string>& custom_registry, std::string& shown)
{
  const AliyunRule rule = aliyun_rule(profile.version);
  const bool on_aliyun = !repo.empty() && repo == aliyun;
  std::string image = entry.image;
  // v1.23.x SelectAndPersistImages: the defaults are fixed, then custom images replace them.
  if (rule == AliyunRule::strip_namespaces && on_aliyun) {
    image = strip_prefix(strip_prefix(image, "k8s-minikube/"), "kubernetesui/");
  }
  if (custom_image) {
    image = *custom_image;
  }
  std::optional<std::string> registry_override = custom_registry;
  if ((rule == AliyunRule::table_v1_24 || rule == AliyunRule::table_v1_27) && on_aliyun) {
    // aliyun_mirror.go FixAddonImagesAndRegistries (pkg/addons/addons.go calls it when the
    // repository is the Aliyun mirror): the key is registry/image up to the first ':', the rest
    // (tag and any @digest) is kept; a miss keeps the registry, now as a custom one.
    const std::string registry = custom_registry ? *custom_registry : entry.registry;
    const std::string img = registry.empty() || registry == "docker.io" ? image : registry + "/" + image;
    const auto colon = img.find(':');
    const std::string tag = colon == std::string::npos ? "" : img.substr(colon + 1);
    if (const auto path = aliyun_path(rule, img.substr(0, colon))) {
      const std::string mirrored = aliyun + "/" + *path;
      const auto slash = mirrored.find('/');
      registry_override = mirrored.substr(0, slash);
      image = mirrored.substr(slash + 1) + ":" + tag;
    } else {
      registry_override = registry;
    }
  }
  std::string default_registry = entry.registry;
  if (profile.version == "v1.38.1" && custom_image) {
    // GenerateTemplateData at v1.38.1 (not v1.26.0): a custom image drops the default registry.
    default_registry.clear();
  }
  // assets/addons.go GenerateTemplateData: the "Using image" line per image.
  if (registry_override) {
    shown = "Using image " + slashed(*registry_override) + without_digest(image);
  } else if (!repo.empty()) {
    shown = "Using image " + slashed(repo) + image + " (global image repository)";
  } else {
    shown = "Using image " + slashed(default_registry) + without_digest(image);
  }
  std::string prefix = registry_override ? *registry_override : "";
  if (prefix.empty()) {
    prefix = repo;
  }
  if (prefix.empty()) {
    prefix = default_registry;
  }
  return slashed(prefix) + image;
}

std::string addon_images_table(const std::string& version, const std::string& addon,
                               const std::vector<AddonImage>& images)
{
  // cmd/minikube/cmd/config/images.go: out.Infof (style.Option, "  - " off a terminal), then the
  // table on stdout. v1.20.0–v1.37: "has following images:" and olekukonko/tablewriter v0.0.5
  // (SetBorders all, SetCenterSeparator("|"): '-' rules, '|' corners); v1.38.1: "has the
  // following images:" and tablewriter v1.1.3, whose default Blueprint renderer draws
  // StyleLight box characters (renderer/fn.go defaultBlueprint, tw/symbols.go). Both: headers
  // upper-cased and centred (extra space on the right), cells left-aligned, one space of padding.
  const bool v1 = version == "v1.38.1";
  std::vector<std::vector<std::string>> rows = {{"IMAGE NAME", "DEFAULT IMAGE", "DEFAULT REGISTRY"}};
  for (const auto& i : images) {
    rows.push_back({i.key, i.image, i.registry});
  }
  size_t widths[3] = {0, 0, 0};
  for (const auto& row : rows) {
    for (size_t c = 0; c < 3; ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  }
  auto rule = [&](const char* left, const char* mid, const char* right) {
    std::string line = left;
    for (size_t c = 0; c < 3; ++c) {
      for (size_t n = 0; n < widths[c] + 2; ++n) {
        line += v1 ? "─" : "-";
      }
      line += c == 2 ? right : mid;
    }
    return line + "\n";
  };
  const char* bar = v1 ? "│" : "|";
  auto line = [&](const std::vector<std::string>& row, bool centre) {
    std::string text = bar;
    for (size_t c = 0; c < 3; ++c) {
      const size_t gap = widths[c] - row[c].size();
      const size_t left = centre ? gap / 2 : 0;
      text += " " + std::string(left, ' ') + row[c] + std::string(gap - left, ' ') + " " + bar;
    }
    return text + "\n";
  };
  std::ostringstream out;
  out << "  - " << addon << (v1 ? " has the following images:\n" : " has following images:\n");
  out << (v1 ? rule("┌", "┬", "┐") : rule("|", "|", "|")) << line(rows[0], true)
      << (v1 ? rule("├", "┼", "┤") : rule("|", "|", "|"));
  for (size_t r = 1; r < rows.size(); ++r) {
    out << line(rows[r], false);
  }
  out << (v1 ? rule("└", "┴", "┘") : rule("|", "|", "|"));
  return out.str();
}

} // namespace devk8s::sim
