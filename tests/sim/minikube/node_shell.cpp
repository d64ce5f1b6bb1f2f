#include "node_shell.hpp"

#include "image_name.hpp"
#include "image_store.hpp"
#include "pull_errors.hpp"
#include "shell_words.hpp"
#include "sim_nodes.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sstream>

namespace devk8s::sim {
namespace {

using nlohmann::json;
using Words = std::vector<std::string>;

/// docker/go-units HumanSizeWithPrecision(size, 3): decimal units.
std::string human_size(double size)
{
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  int i = 0;
  while (size >= 1000.0 && i < 4) {
    size /= 1000.0;
    ++i;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g%s", size, units[i]);
  return buf;
}

std::string short_id(const json& image, size_t n) { return image["id"].get<std::string>().substr(7, n); }

/// Go's tabwriter as the docker and crictl CLIs set it up (minwidth 20, padding 3, blanks): each
/// column but the last is as wide as its widest cell plus 3, and at least 20.
std::string tabulate(const std::vector<std::vector<std::string>>& rows)
{
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], std::max<size_t>(20, row[i].size() + 3));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line += std::string(widths[i] - row[i].size(), ' ');
      }
    }
    out += line + "\n";
  }
  return out;
}

/// The node's state and where its output goes, for one command.
struct Node {
  json& state;
  std::string name;
  std::ostream& out;
  json& images() { return node_images(state, name); }
};

int docker_pull(Node& node, const std::string& ref)
{
  auto& out = node.out;
  const auto name = ImageName::parse(ref);
  const bool had = find_image(node.state, node.name, ref) != nullptr;
  std::string digest;
  if (auto failure = pull_image(node.state, node.name, ref, &digest)) {
    out << "Error response from daemon: " << docker_daemon_text(*failure) << "\n";
    return 1;
  }
  out << (name.digest.empty() ? name.tag : name.digest) << ": Pulling from " << name.path() << "\n";
  out << "Digest: " << digest << "\n";
  out << "Status: " << (had ? "Image is up to date for " : "Downloaded newer image for ") << name.full() << "\n";
  out << name.full() << "\n";
  return 0;
}

std::string repo_of(const std::string& tag) { return tag.substr(0, tag.rfind(':')); }
std::string tag_of(const std::string& tag) { return tag.substr(tag.rfind(':') + 1); }

int docker_images(Node& node, const Words& w)
{
  auto& out = node.out;
  std::string format;
  bool no_trunc = false;
  for (size_t i = 2; i < w.size(); ++i) {
    if (w[i] == "--no-trunc") {
      no_trunc = true;
    }
    if (w[i] == "--format" && i + 1 < w.size()) {
      format = w[++i];
    } else if (w[i].rfind("--format=", 0) == 0) {
      format = w[i].substr(9);
    }
  }
  std::vector<std::vector<std::string>> rows;
  if (format.empty()) {
    rows.push_back({"REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"});
  }
  for (const auto& image : node.images()) {
    Words tags = image["repo_tags"].get<Words>();
    if (tags.empty()) {
      tags.push_back("<none>:<none>");
    }
    for (const auto& t : tags) {
      const auto repo = t == "<none>:<none>" ? "<none>" : familiar(repo_of(t));
      const auto tag = t == "<none>:<none>" ? "<none>" : tag_of(t);
      const std::string id = no_trunc ? image["id"].get<std::string>() : short_id(image, 12);
      if (format.empty()) {
        // CREATED: the test registry's image configs carry no creation time, which docker shows as N/A.
        rows.push_back({repo, tag, id, "N/A", human_size(image["size"].get<double>())});
        continue;
      }
      if (format == "{{json .}}") {
        // docker/cli cli/command/formatter/image.go: every field of the image context, marshalled
        // with sorted keys; no creation time in the test registry's configs, hence N/A (above).
        const auto size = human_size(image["size"].get<double>());
        out << json{{"Containers", "N/A"}, {"CreatedAt", "N/A"}, {"CreatedSince", "N/A"}, {"Digest", "<none>"},
                    {"ID", id}, {"Repository", repo}, {"SharedSize", "N/A"}, {"Size", size}, {"Tag", tag},
                    {"UniqueSize", "N/A"}, {"VirtualSize", size}}
                   .dump()
            << "\n";
        continue;
      }
      std::string line = format;
      for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
               {"{{.Repository}}", repo}, {"{{.Tag}}", tag}, {"{{.ID}}", id}}) {
        for (auto pos = line.find(key); pos != std::string::npos; pos = line.find(key)) {
          line.replace(pos, key.size(), value);
        }
      }
      out << line << "\n";
    }
  }
  out << tabulate(rows);
  return 0;
}

int docker_inspect(Node& node, const Words& args)
{
  auto& out = node.out;
  std::string format;
  Words refs;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--format" || args[i] == "-f") && i + 1 < args.size()) {
      format = args[++i];
    } else if (args[i].rfind("--format=", 0) == 0) {
      format = args[i].substr(9);
    } else {
      refs.push_back(args[i]);
    }
  }
  json found = json::array();
  int rc = 0;
  std::ostringstream errors;
  for (const auto& ref : refs) {
    const json* image = find_image(node.state, node.name, ref);
    if (image == nullptr) {
      errors << "Error: No such object: " << ref << "\n";
      rc = 1;
      continue;
    }
    json tags = json::array();
    for (const auto& t : (*image)["repo_tags"]) {
      tags.push_back(familiar(repo_of(t.get<std::string>())) + ":" + tag_of(t.get<std::string>()));
    }
    json digests = json::array();
    for (const auto& d : (*image)["repo_digests"]) {
      const auto s = d.get<std::string>();
      digests.push_back(familiar(s.substr(0, s.find('@'))) + s.substr(s.find('@')));
    }
    json doc = {{"Id", (*image)["id"]}, {"RepoTags", tags}, {"RepoDigests", digests}, {"Parent", ""},
                {"Comment", ""}, {"Created", "0001-01-01T00:00:00Z"}, {"Architecture", "amd64"}, {"Os", "linux"},
                {"Size", (*image)["size"]}, {"VirtualSize", (*image)["size"]}};
    if (format.empty()) {
      found.push_back(doc);
    } else if (format == "{{.Id}}" || format == "{{.ID}}") {
      out << doc["Id"].get<std::string>() << "\n";
    } else if (format == "{{json .RepoDigests}}" || format == "{{json .RepoTags}}") {
      out << doc[format.substr(8, format.size() - 10)].dump() << "\n";
    } else {
      out << "Template parsing error: the simulated node does not know the format " << format << "\n";
      return 1;
    }
  }
  if (format.empty()) {
    out << found.dump(4) << "\n";
  }
  out << errors.str();
  return rc;
}

int crictl(Node& node, const Words& w)
{
  auto& out = node.out;
  const auto runtime = runtime_of(node.state);
  if (w.size() == 3 && w[1] == "pull") {
    if (auto failure = pull_image(node.state, node.name, w[2])) {
      out << "FATA[0000] pulling image: " << cri_error(runtime, *failure) << "\n";
      return 1;
    }
    // PullImageResponse.ImageRef: the image ID from dockershim and containerd, the first repo
    // digest from cri-o (server/image_pull.go).
    const json& image = *find_image(node.state, node.name, w[2]);
    const bool digest = runtime == "crio" && !image["repo_digests"].empty();
    out << "Image is up to date for "
        << (digest ? image["repo_digests"][0] : image["id"]).get<std::string>() << "\n";
    return 0;
  }
  const bool json_output = (w.size() == 4 && (w[2] == "--output" || w[2] == "-o") && w[3] == "json") ||
                           (w.size() == 3 && (w[2] == "--output=json" || w[2] == "-o=json"));
  if (w.size() >= 2 && w[1] == "images" && json_output) {
    // cri-tools v1.20.0 cmd/crictl/util.go: jsonpb with EmitDefaults and a two-space indent; the
    // uint64 size as a string, the unset uid as null.
    json images = json::array();
    for (const auto& image : node.images()) {
      images.push_back({{"id", image["id"]}, {"repoTags", image["repo_tags"]}, {"repoDigests", image["repo_digests"]},
                        {"size", std::to_string(image["size"].get<long>())}, {"uid", nullptr}, {"username", ""}});
    }
    out << json{{"images", images}}.dump(2) << "\n";
    return 0;
  }
  if (w.size() == 2 && w[1] == "images") {
    std::vector<std::vector<std::string>> rows = {{"IMAGE", "TAG", "IMAGE ID", "SIZE"}};
    for (const auto& image : node.images()) {
      for (const auto& t : image["repo_tags"]) {
        rows.push_back({repo_of(t.get<std::string>()), tag_of(t.get<std::string>()), short_id(image, 13),
                        human_size(image["size"].get<double>())});
      }
    }
    out << tabulate(rows);
    return 0;
  }
  out << "FATA[0000] the simulated node's crictl knows only `pull IMAGE`, `images` and `images --output json`\n";
  return 1;
}

int ctr(Node& node, const Words& w)
{
  auto& out = node.out;
  const bool containerd = runtime_of(node.state) == "containerd";
  if (w.size() == 4 && w[1] == "-n=k8s.io" && w[2] == "images" && w[3] == "ls") {
    out << "REF TYPE DIGEST SIZE PLATFORMS LABELS\n";
    for (const auto& image : containerd ? node.images() : json::array()) {
      for (const auto& t : image["repo_tags"]) {
        out << t.get<std::string>() << " application/vnd.docker.distribution.manifest.v2+json " << image["id"].get<std::string>()
            << " " << human_size(image["size"].get<double>()) << " linux/amd64 io.cri-containerd.image=managed\n";
      }
    }
    return 0;
  }
  if (w.size() == 6 && w[1] == "-n=k8s.io" && w[2] == "images" && w[3] == "tag") {
    if (!containerd || !tag_image(node.state, node.name, w[4], w[5])) {
      out << "ctr: image \"" << w[4] << "\": not found\n";
      return 1;
    }
    out << w[5] << "\n";
    return 0;
  }
  out << "ctr: the simulated node's ctr knows only `-n=k8s.io images ls|tag`\n";
  return 1;
}

/// `sudo podman pull|tag` on a cri-o node (podman and cri-o share containers/storage).
int podman(Node& node, const Words& w)
{
  auto& out = node.out;
  const auto runtime = runtime_of(node.state);
  if (w.size() == 3 && w[1] == "pull") {
    if (runtime != "crio") {
      // Only cri-o profiles point podman at the node's image store; elsewhere the pull would land
      // where no kubelet looks, which the simulation refuses rather than pretends.
      out << "Error: the simulated node runs " << runtime << ", not cri-o: podman's store is not the kubelet's\n";
      return 125;
    }
    if (auto failure = pull_image(node.state, node.name, w[2])) {
      out << podman_pull_failure(*failure);
      return 125;
    }
    // podman 3.1.0: the copy's progress (layer lines not simulated), then the image ID.
    out << "Trying to pull " << ImageName::parse(w[2]).full() << "...\n"
        << "Getting image source signatures\n"
        << "Writing manifest to image destination\n"
        << "Storing signatures\n"
        << (*find_image(node.state, node.name, w[2]))["id"].get<std::string>().substr(7) << "\n";
    return 0;
  }
  if (w.size() == 4 && w[1] == "tag") {
    if (runtime != "crio" || !tag_image(node.state, node.name, w[2], w[3])) {
      out << "Error: " << w[2] << ": image not known\n";
      return 125;
    }
    return 0;
  }
  out << "Error: the simulated node's podman knows only `pull IMAGE` and `tag SOURCE TARGET`\n";
  return 125;
}

int run_one(Node& node, Words w)
{
  auto& out = node.out;
  const bool sudo = !w.empty() && w[0] == "sudo";
  if (sudo) {
    w.erase(w.begin());
  }
  if (w.empty()) {
    return 0;
  }
  if (w[0] == "docker") {
    if (runtime_of(node.state) != "docker") {
      // minikube stops dockerd on containerd and cri-o profiles (cruntime disableOthers); the
      // docker CLI then says what it always says without a daemon.
      out << "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n";
      return 1;
    }
    if (w.size() == 3 && w[1] == "pull") {
      return docker_pull(node, w[2]);
    }
    if (w.size() == 4 && w[1] == "tag") {
      if (!tag_image(node.state, node.name, w[2], w[3])) {
        out << "Error response from daemon: No such image: " << w[2] << "\n";
        return 1;
      }
      return 0;
    }
    if (w.size() >= 2 && w[1] == "images") {
      return docker_images(node, w);
    }
    if (w.size() >= 2 && (w[1] == "inspect" || (w[1] == "image" && w.size() >= 3 && w[2] == "inspect"))) {
      return docker_inspect(node, Words(w.begin() + (w[1] == "inspect" ? 2 : 3), w.end()));
    }
    out << "docker: the simulated node's docker knows only pull, tag, images and inspect.\n";
    return 1;
  }
  if (w[0] == "crictl") {
    return crictl(node, w);
  }
  if (w[0] == "ctr" && sudo) {
    return ctr(node, w);
  }
  if (w[0] == "podman" && sudo) {
    return podman(node, w);
  }
  out << "bash: " << w[0] << ": command not found\n";
  return 127;
}

} // namespace

int run_in_node(json& state, const std::string& node_name, const std::string& line, std::string& output)
{
  std::ostringstream out;
  Node node{state, node_name, out};
  std::string error;
  auto commands = split_shell(line, error);
  if (!commands) {
    output = error + "\n";
    return 2;
  }
  int rc = 0;
  for (size_t i = 0; i < commands->size(); ++i) {
    rc = run_one(node, (*commands)[i].words);
    if (rc != 0 && (*commands)[i].and_then) {
      break;
    }
  }
  output = out.str();
  return rc;
}

} // namespace devk8s::sim
