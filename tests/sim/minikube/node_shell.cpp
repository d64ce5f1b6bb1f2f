#include "node_shell.hpp"

#include "image_name.hpp"
#include "image_store.hpp"
#include "shell_words.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sstream>

namespace devk8s::sim {
namespace {

using nlohmann::json;
using Words = std::vector<std::string>;

std::string runtime_of(const json& state)
{
  return state["minikube"].value("profile", json::object()).value("container_runtime", "docker");
}

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

int docker_pull(json& state, const std::string& ref, std::ostream& out)
{
  const auto name = ImageName::parse(ref);
  const bool had = find_image(state, ref) != nullptr;
  std::string digest;
  if (auto error = pull_image(state, ref, &digest)) {
    out << "Error response from daemon: " << *error << "\n";
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

int docker_images(json& state, const Words& w, std::ostream& out)
{
  std::string format;
  for (size_t i = 2; i < w.size(); ++i) {
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
  for (const auto& image : state["node"]["images"]) {
    Words tags = image["repo_tags"].get<Words>();
    if (tags.empty()) {
      tags.push_back("<none>:<none>");
    }
    for (const auto& t : tags) {
      const auto repo = t == "<none>:<none>" ? "<none>" : familiar(repo_of(t));
      const auto tag = t == "<none>:<none>" ? "<none>" : tag_of(t);
      if (format.empty()) {
        // CREATED: the test registry's image configs carry no creation time, which docker shows as N/A.
        rows.push_back({repo, tag, short_id(image, 12), "N/A", human_size(image["size"].get<double>())});
        continue;
      }
      std::string line = format;
      for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
               {"{{.Repository}}", repo}, {"{{.Tag}}", tag}, {"{{.ID}}", short_id(image, 12)}}) {
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

int docker_inspect(json& state, const Words& args, std::ostream& out)
{
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
    const json* image = find_image(state, ref);
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

int crictl(json& state, const Words& w, std::ostream& out)
{
  if (w.size() == 3 && w[1] == "pull") {
    if (auto error = pull_image(state, w[2])) {
      out << "FATA[0000] pulling image: rpc error: code = Unknown desc = Error response from daemon: " << *error << "\n";
      return 1;
    }
    out << "Image is up to date for " << (*find_image(state, w[2]))["id"].get<std::string>() << "\n";
    return 0;
  }
  if (w.size() == 2 && w[1] == "images") {
    std::vector<std::vector<std::string>> rows = {{"IMAGE", "TAG", "IMAGE ID", "SIZE"}};
    for (const auto& image : state["node"]["images"]) {
      for (const auto& t : image["repo_tags"]) {
        rows.push_back({repo_of(t.get<std::string>()), tag_of(t.get<std::string>()), short_id(image, 13),
                        human_size(image["size"].get<double>())});
      }
    }
    out << tabulate(rows);
    return 0;
  }
  out << "FATA[0000] the simulated node's crictl knows only `pull IMAGE` and `images`\n";
  return 1;
}

int ctr(json& state, const Words& w, std::ostream& out)
{
  const bool containerd = runtime_of(state) == "containerd";
  if (w.size() == 4 && w[1] == "-n=k8s.io" && w[2] == "images" && w[3] == "ls") {
    out << "REF TYPE DIGEST SIZE PLATFORMS LABELS\n";
    for (const auto& image : containerd ? state["node"]["images"] : json::array()) {
      for (const auto& t : image["repo_tags"]) {
        out << t.get<std::string>() << " application/vnd.docker.distribution.manifest.v2+json " << image["id"].get<std::string>()
            << " " << human_size(image["size"].get<double>()) << " linux/amd64 io.cri-containerd.image=managed\n";
      }
    }
    return 0;
  }
  if (w.size() == 6 && w[1] == "-n=k8s.io" && w[2] == "images" && w[3] == "tag") {
    if (!containerd || tag_image(state, w[4], w[5])) {
      out << "ctr: image \"" << w[4] << "\": not found\n";
      return 1;
    }
    out << w[5] << "\n";
    return 0;
  }
  out << "ctr: the simulated node's ctr knows only `-n=k8s.io images ls|tag`\n";
  return 1;
}

int run_one(json& state, Words w, std::ostream& out)
{
  const bool sudo = !w.empty() && w[0] == "sudo";
  if (sudo) {
    w.erase(w.begin());
  }
  if (w.empty()) {
    return 0;
  }
  if (w[0] == "docker") {
    if (w.size() == 3 && w[1] == "pull") {
      return docker_pull(state, w[2], out);
    }
    if (w.size() == 4 && w[1] == "tag") {
      if (auto error = tag_image(state, w[2], w[3])) {
        out << "Error response from daemon: " << *error << "\n";
        return 1;
      }
      return 0;
    }
    if (w.size() >= 2 && w[1] == "images") {
      return docker_images(state, w, out);
    }
    if (w.size() >= 2 && (w[1] == "inspect" || (w[1] == "image" && w.size() >= 3 && w[2] == "inspect"))) {
      return docker_inspect(state, Words(w.begin() + (w[1] == "inspect" ? 2 : 3), w.end()), out);
    }
    out << "docker: the simulated node's docker knows only pull, tag, images and inspect.\n";
    return 1;
  }
  if (w[0] == "crictl") {
    return crictl(state, w, out);
  }
  if (w[0] == "ctr" && sudo) {
    return ctr(state, w, out);
  }
  if (w[0] == "podman" && sudo && w.size() == 4 && w[1] == "tag") {
    const auto runtime = runtime_of(state);
    if ((runtime != "crio" && runtime != "cri-o") || tag_image(state, w[2], w[3])) {
      out << "Error: " << w[2] << ": image not known\n";
      return 125;
    }
    return 0;
  }
  out << "bash: " << w[0] << ": command not found\n";
  return 127;
}

} // namespace

int run_in_node(json& state, const std::string& line, std::string& output)
{
  std::ostringstream out;
  std::string error;
  auto commands = split_shell(line, error);
  if (!commands) {
    output = error + "\n";
    return 2;
  }
  int rc = 0;
  for (size_t i = 0; i < commands->size(); ++i) {
    rc = run_one(state, (*commands)[i].words, out);
    if (rc != 0 && (*commands)[i].and_then) {
      break;
    }
  }
  output = out.str();
  return rc;
}

} // namespace devk8s::sim
