#include "core/doctor/scheduling.hpp"

#include "util/strings.hpp"

#include <cctype>

namespace devk8s::core::doctor {

namespace {

ScheduleReason classify(std::string_view text)
{
  const auto has = [&](std::string_view part) { return text.find(part) != std::string_view::npos; };
  if (has("unbound immediate PersistentVolumeClaims")) {
    return ScheduleReason::unbound_claims;
  }
  if (has("Insufficient cpu")) {
    return ScheduleReason::insufficient_cpu;
  }
  if (has("Insufficient memory")) {
    return ScheduleReason::insufficient_memory;
  }
  if (has("had taint")) {
    return ScheduleReason::taint;
  }
  if (has("were unschedulable")) {
    return ScheduleReason::unschedulable;
  }
  if (has("node selector") || has("node affinity/selector")) {
    return ScheduleReason::node_selector;
  }
  if (has("volume node affinity conflict")) {
    return ScheduleReason::volume_affinity;
  }
  return ScheduleReason::other;
}

/// "12" at the front of `text`, removed; 0 and `text` unchanged when there is none.
int leading_number(std::string_view& text)
{
  int n = 0;
  std::size_t i = 0;
  while (i < text.size() && i < 6 && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
    n = n * 10 + (text[i] - '0');
    ++i;
  }
  if (i == 0) {
    return 0;
  }
  text.remove_prefix(i);
  return n;
}

} // namespace

std::optional<SchedulingMessage> parse_failed_scheduling(std::string_view message)
{
  if (message.rfind("persistentvolumeclaim \"", 0) == 0 && message.find("\" not found") != std::string_view::npos) {
    return SchedulingMessage{0, 0, {{ScheduleReason::claim_not_found, 0, std::string(message)}}};
  }
  const std::string_view marker = " nodes are available: ";
  const auto at = message.find(marker);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view head = message.substr(0, at);
  SchedulingMessage parsed;
  parsed.available = leading_number(head);
  if (head.empty() || head.front() != '/') {
    return std::nullopt;
  }
  head.remove_prefix(1);
  parsed.total = leading_number(head);
  std::string_view rest = message.substr(at + marker.size());
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ' || rest.back() == '\n')) {
    rest.remove_suffix(1);
  }
  // Reasons are ", "-separated; a taint's text holds ", that the pod didn't tolerate" itself.
  std::vector<std::string> parts;
  for (auto piece : util::split(rest, ',')) {
    auto text = util::trim(piece);
    if (!parts.empty() && text.rfind("that the pod didn't tolerate", 0) == 0) {
      parts.back() += ", " + std::string(text);
      continue;
    }
    parts.emplace_back(text);
  }
  for (const auto& part : parts) {
    std::string_view text = part;
    const int nodes = leading_number(text);
    text = util::trim(text);
    parsed.failures.push_back({classify(text), nodes, std::string(text)});
  }
  return parsed;
}

} // namespace devk8s::core::doctor
