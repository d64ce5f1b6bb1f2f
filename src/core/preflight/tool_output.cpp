#include "core/preflight/tool_output.hpp"

#include "util/json_parse.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::preflight {

namespace {

util::Result<nlohmann::json> parse_json(std::string_view text, const std::string& what)
{
  auto j = util::parse_json(text);
  if (!j || !j->is_object()) {
    return util::failure(what + " is not a JSON object: " + util::quoted(util::trim(text).substr(0, 80)) +
                         (j ? std::string() : " (" + j.error().message + ")"));
  }
  return j;
}

util::Result<Version> version_field(const nlohmann::json& j, const char* key, const std::string& what)
{
  if (!j.contains(key) || !j[key].is_string()) {
    return util::failure(what + " has no \"" + key + "\"");
  }
  return Version::parse(j[key].get<std::string>());
}

} // namespace

// {"commit":"c61663e942ec43b20e8e70839dcca52e44cd85ae","minikubeVersion":"v1.20.0"}
// (cmd/minikube/cmd/version.go; the key tilt and skaffold read as well).
util::Result<Version> parse_minikube_version_json(std::string_view json)
{
  DEVK8S_TRY(const auto j, parse_json(json, "minikube version -o json"));
  return version_field(j, "minikubeVersion", "minikube version -o json");
}

// {"clientVersion":{"major":"1","minor":"17","gitVersion":"v1.17.9",...},"kustomizeVersion":"v5.0.1"}
// (apimachinery version.Info). "minor" may read "27+" on vendor builds, so gitVersion is used.
util::Result<Version> parse_kubectl_client_version_json(std::string_view json)
{
  DEVK8S_TRY(const auto j, parse_json(json, "kubectl version --client -o json"));
  if (!j.contains("clientVersion") || !j["clientVersion"].is_object()) {
    return util::failure("kubectl version --client -o json has no \"clientVersion\"");
  }
  return version_field(j["clientVersion"], "gitVersion", "kubectl clientVersion");
}

// `docker version --format '{{.Client.Version}}'` prints "20.10.6\n" even when the daemon is down.
util::Result<Version> parse_docker_client_version(std::string_view text)
{
  return Version::parse(util::first_line(text));
}

// Docker Engine API SystemInfo (GET /info), e.g. API v1.41 (Docker 20.10):
// https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemInfo
// NCPU int, MemTotal int64 bytes, CgroupVersion "1"|"2", CgroupDriver "cgroupfs"|"systemd"|"none",
// MemoryLimit/SwapLimit bool, SecurityOptions []string like "name=seccomp,profile=default",
// "name=rootless", DockerRootDir, ServerVersion, KernelVersion, OperatingSystem.
util::Result<DockerInfo> parse_docker_info(std::string_view json)
{
  DEVK8S_TRY(const auto j, parse_json(json, "Docker /info"));
  if (!j.contains("NCPU") || !j["NCPU"].is_number_integer() || !j.contains("MemTotal") ||
      !j["MemTotal"].is_number_integer()) {
    return util::failure("Docker /info has no NCPU or MemTotal");
  }
  DockerInfo info;
  info.ncpu = j["NCPU"].get<int>();
  info.mem_total = j["MemTotal"].get<std::uint64_t>();
  auto text = [&j](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; };
  auto flag = [&j](const char* key) { return j.contains(key) && j[key].is_boolean() && j[key].get<bool>(); };
  info.server_version = text("ServerVersion");
  info.cgroup_version = text("CgroupVersion");
  info.cgroup_driver = text("CgroupDriver");
  info.root_dir = text("DockerRootDir");
  info.kernel_version = text("KernelVersion");
  info.operating_system = text("OperatingSystem");
  info.memory_limit = flag("MemoryLimit");
  info.swap_limit = flag("SwapLimit");
  if (j.contains("SecurityOptions") && j["SecurityOptions"].is_array()) {
    for (const auto& option : j["SecurityOptions"]) {
      if (!option.is_string()) {
        continue;
      }
      // Each entry is a comma-separated key=value list; "name=rootless" is its own entry.
      const std::string entry = option.get<std::string>();
      for (auto field : util::split(entry, ',')) {
        if (util::trim(field) == "name=rootless") {
          info.rootless = true;
        }
      }
    }
  }
  return info;
}

util::Result<DockerEndpoint> parse_docker_host(std::string_view docker_host, bool tls)
{
  const std::string host(util::trim(docker_host));
  if (host.empty()) {
    return DockerEndpoint{"/var/run/docker.sock", "http://localhost", "unix:///var/run/docker.sock"};
  }
  if (host.rfind("unix://", 0) == 0) {
    const std::string path = host.substr(7);
    if (path.empty() || path.front() != '/') {
      return util::usage_error("invalid DOCKER_HOST " + util::quoted(host) + ": expected unix:///absolute/path");
    }
    return DockerEndpoint{path, "http://localhost", host};
  }
  if (host.rfind("tcp://", 0) == 0) {
    std::string rest = host.substr(6);
    while (!rest.empty() && rest.back() == '/') {
      rest.pop_back();
    }
    if (rest.empty()) {
      return util::usage_error("invalid DOCKER_HOST " + util::quoted(host) + ": no host after tcp://");
    }
    return DockerEndpoint{"", std::string(tls ? "https://" : "http://") + rest, host};
  }
  return util::usage_error("unsupported DOCKER_HOST " + util::quoted(host) + ": devk8s reads unix:// and tcp:// endpoints",
                           "unset DOCKER_HOST, or point it at unix:///var/run/docker.sock");
}

} // namespace devk8s::core::preflight
