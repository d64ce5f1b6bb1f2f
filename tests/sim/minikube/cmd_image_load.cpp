// `minikube image load ARCHIVE` (from v1.18.0; minikube.md §5): an archive on the host is copied
// to every running node and loaded by its runtime (cmd/minikube/cmd/image.go, then
// machine.DoLoadImages and transferAndLoadImage in pkg/minikube/machine/cache_images.go, the
// same in v1.20.0, v1.23.2, v1.26.0 and v1.38.1). DoLoadImages only logs a node that failed
// ("Live pushes are not considered a failure") and returns nil: a missing or unreadable archive
// loads nothing, prints nothing and exits 0, as the real one does.
//
// Archives: docker-archive (`docker save`, `skopeo copy ... docker-archive:FILE:NAME`):
// manifest.json [{Config, RepoTags, Layers}], the image ID being the config's digest; and
// oci-archive: index.json manifests[].annotations["org.opencontainers.image.ref.name"], the
// manifest blob naming the config. Docker 20.10's `docker load` reads only the former; ctr
// import (containerd) and podman load (cri-o) read both.
//
// `image load IMAGE` (from the host's daemon or a registry, through go-containerregistry) is not
// simulated: the simulated host has no Docker daemon, and its registry access is not modelled.
#include "commands.hpp"

#include "image_store.hpp"
#include "sim_nodes.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

namespace devk8s::sim {
namespace {

using nlohmann::json;

/// The regular files of a POSIX/GNU tar archive, by name (a leading "./" dropped); nullopt when
/// the file is not a readable tar.
std::optional<std::map<std::string, std::string>> read_tar(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::map<std::string, std::string> files;
  char header[512];
  while (in.read(header, sizeof header)) {
    if (header[0] == '\0') {
      return files; // the end-of-archive blocks
    }
    std::string name(header, strnlen(header, 100));
    const std::string prefix(header + 345, strnlen(header + 345, 155));
    if (std::string(header + 257, 5) == "ustar" && !prefix.empty()) {
      name = prefix + "/" + name;
    }
    const std::string size_text(header + 124, strnlen(header + 124, 12));
    size_t size = 0;
    try {
      size = std::stoul(size_text.empty() ? "0" : size_text, nullptr, 8);
    } catch (const std::exception&) {
      return std::nullopt;
    }
    std::string body(size, '\0');
    if (size > 0 && !in.read(body.data(), static_cast<std::streamsize>(size))) {
      return std::nullopt;
    }
    in.ignore(static_cast<std::streamsize>((512 - size % 512) % 512));
    if (name.rfind("./", 0) == 0) {
      name = name.substr(2);
    }
    if (header[156] == '0' || header[156] == '\0') {
      files[name] = body;
    }
  }
  return files.empty() ? std::nullopt : std::optional(files);
}

struct Loaded {
  std::string id;
  std::vector<std::string> names;
};

/// The images an archive holds, as `runtime` would load them; empty when it loads none.
std::vector<Loaded> archive_images(const std::map<std::string, std::string>& files, const std::string& runtime)
{
  std::vector<Loaded> out;
  try {
    if (const auto m = files.find("manifest.json"); m != files.end()) {
      for (const auto& entry : json::parse(m->second)) {
        // Config is "<hex>.json" (docker save) or "blobs/sha256/<hex>" / "<hex>" (skopeo).
        auto config = entry.at("Config").get<std::string>();
        config = config.substr(config.rfind('/') + 1);
        config = config.substr(0, config.find('.'));
        out.push_back({"sha256:" + config, entry.value("RepoTags", std::vector<std::string>{})});
      }
      return out;
    }
    const auto index = files.find("index.json");
    if (index == files.end() || runtime == "docker") {
      return out;
    }
    const auto doc = json::parse(index->second);
    for (const auto& m : doc.at("manifests")) {
      const auto digest = m.at("digest").get<std::string>();
      const auto blob = files.find("blobs/sha256/" + digest.substr(7));
      if (blob == files.end()) {
        continue;
      }
      const auto manifest = json::parse(blob->second);
      std::vector<std::string> names;
      const auto ref = m.value("annotations", json::object()).value("org.opencontainers.image.ref.name", "");
      if (!ref.empty()) {
        names.push_back(ref);
      }
      out.push_back({manifest.at("config").at("digest").get<std::string>(), names});
    }
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

} // namespace

int image_load(const Invocation& inv, Context& ctx)
{
  json& state = ctx.state.doc();
  if (inv.words.size() < 3) {
    ctx.err << "\nX Exiting due to MK_USAGE: Please provide an image in your local daemon to load into minikube via "
               "<minikube image load IMAGE_NAME>\n\n";
    return k_ex_program_usage;
  }
  for (size_t i = 2; i < inv.words.size(); ++i) {
    const auto& arg = inv.words[i];
    const bool local = arg.rfind('/', 0) == 0 || arg.rfind('.', 0) == 0 || std::filesystem::exists(arg);
    if (!local) {
      ctx.err << "\nX Exiting due to MK_USAGE: the simulation loads archives only, not images from the host's "
                 "daemon or a registry (\"" << arg << "\")\n\n";
      return k_ex_program_usage;
    }
  }
  const auto runtime = runtime_of(state);
  for (size_t i = 2; i < inv.words.size(); ++i) {
    const auto files = read_tar(inv.words[i]);
    if (!files) {
      continue; // transferAndLoadImage's error, logged only
    }
    for (const auto& image : archive_images(*files, runtime)) {
      for (const auto& node : machine_names(state)) {
        add_image(state, node, image.id, image.names, {}, 31465472);
      }
    }
  }
  ctx.state.save();
  return 0;
}

} // namespace devk8s::sim
