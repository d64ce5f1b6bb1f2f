#include "core/minikube/start_failure.hpp"

#include "util/strings.hpp"

#include <utility>

namespace devk8s::core::minikube {

namespace {

bool starts_with(std::string_view text, std::string_view prefix)
{
  return text.substr(0, prefix.size()) == prefix;
}

/// The text after a leading marker ("X ", "* ", "! ", an emoji) and spaces.
std::string_view unmarked(std::string_view line)
{
  line = util::trim(line);
  for (const std::string_view marker : {"X ", "* ", "! ", "❌  ", "💡  ", "❗  ", "😿  "}) {
    if (starts_with(line, marker)) {
      return util::trim(line.substr(marker.size()));
    }
  }
  return line;
}

/// exitcodes.go's ranges.
std::string area_of(int code)
{
  static const std::pair<int, const char*> k_areas[] = {
      {20, "resources"}, {30, "host"},  {40, "internet"},         {50, "driver"},           {60, "provider"},
      {70, "network"},   {80, "guest"}, {90, "container runtime"}, {100, "control plane"},
  };
  if (code == 14) {
    return "usage";
  }
  for (const auto& [base, name] : k_areas) {
    if (code >= base && code < base + 10) {
      return name;
    }
  }
  return {};
}

std::string hint_for(const StartFailure& f, const std::string& profile)
{
  const std::string p = profile.empty() || profile == "minikube" ? std::string() : " -p " + profile;
  const auto& id = f.reason;
  if (id == "RSRC_INSUFFICIENT_CORES" || id == "RSRC_DOCKER_CORES") {
    return "minikube wants 2 CPUs: on a 1-CPU host, devk8s start --cpus 1 passes --force and kubeadm's NumCPU "
           "exception (keep them if you add flags after --)";
  }
  if (starts_with(id, "RSRC_INSUFFICIENT") && id.find("MEMORY") != std::string::npos) {
    return "ask for less memory (--memory 1800mb is minikube's usable minimum), or free memory on the host";
  }
  if (id == "RSRC_INSUFFICIENT_STORAGE") {
    return "free disk space where minikube keeps its machines (docker system prune; ~/.minikube)";
  }
  if (id == "DRV_AS_ROOT") {
    return "run as a user in the docker group, or with --force (devk8s start adds it when preflight sees root)";
  }
  if (id == "DRV_NOT_DETECTED" || id == "DRV_NOT_FOUND" || starts_with(id, "PROVIDER_")) {
    return "the driver is not installed or not running: devk8s preflight says which (for docker: sudo systemctl "
           "start docker; the user in the docker group)";
  }
  if (id == "GUEST_DRIVER_MISMATCH" || id == "DRV_UNSUPPORTED_PROFILE") {
    return "the profile was created with other settings: minikube delete" + p + ", then start again";
  }
  if (starts_with(id, "INET_")) {
    return "minikube could not download what it needs: use a mirror (--mirror cn) or set HTTPS_PROXY";
  }
  if (starts_with(id, "K8S_") || starts_with(id, "GUEST_START") || starts_with(id, "GUEST_PROVISION")) {
    const auto text = f.message;
    if (text.find("pull") != std::string::npos || text.find("timed out") != std::string::npos ||
        text.find("deadline exceeded") != std::string::npos) {
      return "the control plane's images could not be pulled in time: a mirror (--mirror cn), then devk8s doctor";
    }
    return "the cluster did not come up: minikube logs" + p + " | tail -50, then devk8s doctor";
  }
  if (!f.kept_settings.empty()) {
    return "the profile keeps its old settings: minikube delete" + p + " to change them";
  }
  return {};
}

} // namespace

std::vector<std::string> kept_settings(const std::vector<std::string>& lines)
{
  std::vector<std::string> out;
  for (const auto& line : lines) {
    const auto text = unmarked(line);
    // start_flags.go (v1.20.0 and HEAD): "You cannot change the memory size|CPUs|Disk size for
    // an existing minikube cluster" ("exiting" in the disk size's, a typo minikube keeps).
    if (starts_with(text, "You cannot change the ") && text.find(" minikube cluster") != std::string_view::npos) {
      out.emplace_back(text);
    }
  }
  return out;
}

StartFailure classify_start_failure(int exit_code, const std::vector<std::string>& lines, const std::string& profile)
{
  StartFailure f;
  f.area = area_of(exit_code);
  constexpr std::string_view k_exiting = "Exiting due to ";
  for (const auto& line : lines) {
    const auto text = unmarked(line);
    if (starts_with(text, k_exiting)) {
      const auto rest = text.substr(k_exiting.size());
      const auto colon = rest.find(": ");
      const auto id = rest.substr(0, colon);
      // reason.Kind IDs are upper-case words joined by '_' (pkg/minikube/reason/reason.go); a line
      // without one keeps its text as the message and names no reason.
      const bool is_id = !id.empty() && id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos;
      f.reason = is_id ? std::string(id) : std::string();
      f.message = !is_id ? std::string(rest) : colon == std::string_view::npos ? std::string() : std::string(rest.substr(colon + 2));
      f.suggestion.clear(); // a suggestion belongs to the error it follows
    } else if (starts_with(text, "Suggestion: ") && !f.reason.empty()) {
      f.suggestion = std::string(text.substr(12));
    }
  }
  f.kept_settings = kept_settings(lines);
  f.hint = hint_for(f, profile);
  return f;
}

} // namespace devk8s::core::minikube
