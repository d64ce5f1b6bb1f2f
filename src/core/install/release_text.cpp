#include "core/install/release_text.hpp"

#include "core/kube/version_info.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace devk8s::core::install {

namespace {

bool is_sha256_hex(std::string_view word)
{
  if (word.size() != 64) {
    return false;
  }
  for (const char c : word) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

std::string_view first_word(std::string_view line)
{
  line = util::trim(line);
  const auto space = line.find_first_of(" \t");
  return space == std::string_view::npos ? line : line.substr(0, space);
}

} // namespace

// dl.k8s.io's kubectl.sha256 and minikube's minikube-linux-amd64.sha256 hold the hex digest
// alone (release/push-build.sh and minikube's `make checksum`); sha256sum output adds a name.
util::Result<std::string> parse_checksum_file(std::string_view text, std::string_view file_name)
{
  std::vector<std::string_view> digests;
  for (const auto line : util::split(text, '\n')) {
    const auto word = first_word(line);
    if (word.empty()) {
      continue;
    }
    if (!is_sha256_hex(word)) {
      return util::failure("not a SHA-256 checksum file: " + util::quoted(util::trim(line).substr(0, 80)));
    }
    auto name = util::trim(util::trim(line).substr(word.size()));
    if (!name.empty() && name.front() == '*') { // sha256sum's binary-mode marker
      name.remove_prefix(1);
    }
    if (name.empty() || name == file_name || name.substr(name.rfind('/') + 1) == file_name) {
      digests.push_back(word);
    }
  }
  if (digests.size() != 1) {
    return util::failure(digests.empty() ? "the checksum file has no digest for " + util::quoted(file_name)
                                         : "the checksum file has several digests for " + util::quoted(file_name));
  }
  return util::to_lower(digests.front());
}

util::Result<Version> parse_latest_version(std::string_view text)
{
  const auto trimmed = util::trim(text);
  if (!trimmed.empty() && trimmed.front() == '[') {
    // storage.googleapis.com/minikube/releases.json (minikube constants.GithubMinikubeReleasesURL):
    // [{"name":"v1.20.0","checksums":{"darwin":"…","linux":"…","windows":"…"}}, …], newest first.
    const auto parsed = util::parse_json(trimmed);
    if (!parsed) {
      return util::failure("a releases list that is not JSON: " + parsed.error().message);
    }
    const nlohmann::json& j = *parsed;
    if (!j.is_array() || j.empty() || !j[0].is_object() || !j[0].contains("name") || !j[0]["name"].is_string()) {
      return util::failure("a releases list without a \"name\" in its first entry");
    }
    return Version::parse(j[0]["name"].get<std::string>());
  }
  // dl.k8s.io/release/stable.txt: "v1.35.1" and a newline.
  const auto line = util::trim(util::split(trimmed, '\n').front());
  if (line.empty() || line.size() > 40) {
    return util::failure("not a version: " + util::quoted(line.substr(0, 40)));
  }
  return Version::parse(line);
}

// {"clientVersion":{…},"kustomizeVersion":"v5.0.1","serverVersion":{"major":"1","minor":"20",
// "gitVersion":"v1.20.2",…}} (apimachinery version.Info; serverVersion absent when unreachable).
util::Result<Version> parse_kubectl_server_version_json(std::string_view json)
{
  const auto parsed = util::parse_json(json);
  if (!parsed || !parsed->is_object()) {
    return util::failure("kubectl version -o json is not a JSON object" +
                         (parsed ? std::string() : ": " + parsed.error().message));
  }
  const nlohmann::json& j = *parsed;
  if (!j.contains("serverVersion") || !j["serverVersion"].is_object() || !j["serverVersion"].contains("gitVersion")) {
    return util::failure("kubectl reported no server version (no cluster reachable)");
  }
  return kube::parse_version_info(j["serverVersion"]);
}

// `minikube profile list -o json`: {"invalid":[],"valid":[{"Name":"minikube","Status":"Running",
// "Config":{"KubernetesConfig":{"KubernetesVersion":"v1.20.2",…},…}}]} (../shared/reference/minikube.md §5).
util::Result<Version> parse_minikube_profile_version(std::string_view json, const std::string& profile)
{
  const auto parsed = util::parse_json(json);
  if (!parsed) {
    return util::failure("minikube profile list -o json is not JSON: " + parsed.error().message);
  }
  const nlohmann::json& j = *parsed;
  if (!j.is_object() || !j.contains("valid") || !j["valid"].is_array()) {
    return util::failure("minikube profile list -o json has no \"valid\" list");
  }
  for (const auto& p : j["valid"]) {
    // Read Name only as a string: value() throws on a Name of another type.
    if (!p.is_object() || !p.contains("Name") || !p["Name"].is_string() || p["Name"].get<std::string>() != profile) {
      continue;
    }
    const auto* version = p.contains("Config") ? &p["Config"] : nullptr;
    if (version != nullptr && version->contains("KubernetesConfig")) {
      const auto& kc = (*version)["KubernetesConfig"];
      if (kc.is_object() && kc.contains("KubernetesVersion") && kc["KubernetesVersion"].is_string()) {
        return Version::parse(kc["KubernetesVersion"].get<std::string>());
      }
    }
    return util::failure("minikube profile " + util::quoted(profile) + " has no KubernetesVersion");
  }
  return util::failure("minikube has no profile " + util::quoted(profile));
}

KubectlAdvice advise_kubectl(const Version& client, const Version& cluster)
{
  KubectlAdvice advice;
  advice.recommended = Version{cluster.major, cluster.minor, cluster.patch, {}};
  advice.within_skew = minor_skew(client, cluster) <= 1;
  advice.message = advice.within_skew
                       ? "kubectl " + client.str() + " is within one minor of the cluster (" + cluster.str() + ")"
                       : "kubectl " + client.str() + " is " + std::to_string(minor_skew(client, cluster)) +
                             " minor versions from the cluster (" + cluster.str() + "); kubectl supports one";
  return advice;
}

} // namespace devk8s::core::install
