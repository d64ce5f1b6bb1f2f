#include "core/smoke/evaluate.hpp"

#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::core::smoke {

namespace {


const nlohmann::json* find_named(const std::vector<nlohmann::json>& items, const std::string& name)
{
  for (const auto& item : items) {
    if (text_at(item, {"metadata", "name"}) == name) {
      return &item;
    }
  }
  return nullptr;
}

bool condition_true(const nlohmann::json& object, const std::string& type, std::string* message = nullptr)
{
  const auto status = object.find("status");
  if (status == object.end() || !status->is_object()) {
    return false;
  }
  const auto conditions = status->find("conditions");
  if (conditions == status->end() || !conditions->is_array()) {
    return false;
  }
  for (const auto& c : *conditions) {
    if (text_at(c, {"type"}) == type && text_at(c, {"status"}) == "True") {
      if (message != nullptr) {
        const std::string reason = text_at(c, {"reason"});
        const std::string words = text_at(c, {"message"});
        *message = reason.empty() ? words : (words.empty() ? reason : reason + ": " + words);
      }
      return true;
    }
  }
  return false;
}

// A container's end in words: "check exited 1 (Error)".
std::string terminated_words(const nlohmann::json& pod)
{
  const auto status = pod.find("status");
  if (status == pod.end() || !status->is_object()) {
    return {};
  }
  const auto statuses = status->find("containerStatuses");
  if (statuses == status->end() || !statuses->is_array()) {
    return {};
  }
  for (const auto& c : *statuses) {
    // The API's JSON is not trusted: a field of another type is as good as absent.
    if (!c.is_object()) {
      continue;
    }
    const auto state = c.find("state");
    if (state == c.end() || !state->is_object()) {
      continue;
    }
    const auto t = state->find("terminated");
    if (t == state->end() || !t->is_object()) {
      continue;
    }
    const auto code_at = t->find("exitCode");
    const long long code = code_at != t->end() && code_at->is_number_integer() ? code_at->get<long long>() : 0;
    if (code != 0) {
      std::string words = text_at(c, {"name"}) + " exited " + std::to_string(code);
      if (const auto reason = text_at(*t, {"reason"}); !reason.empty()) {
        words += " (" + reason + ")";
      }
      return words;
    }
  }
  return {};
}

// What no waiting will mend: a pod that failed, a Job the controller gave up on.
std::optional<std::string> hard_failure(const plan::WaitCondition& wait, const Observation& observation)
{
  const auto list = observation.lists.find(plan::list_path(wait));
  if (list == observation.lists.end() || wait.names.empty()) {
    return std::nullopt;
  }
  const auto* object = find_named(list->second, wait.names.front());
  if (object == nullptr) {
    return std::nullopt;
  }
  if (wait.kind == plan::WaitKind::pod && text_at(*object, {"status", "phase"}) == "Failed") {
    const auto words = terminated_words(*object);
    const auto reason = text_at(*object, {"status", "reason"});
    return "pod " + wait.names.front() + " failed" +
           (!words.empty() ? ": " + words : (reason.empty() ? std::string() : ": " + reason));
  }
  if (wait.kind == plan::WaitKind::job) {
    std::string message;
    if (condition_true(*object, "Failed", &message)) {
      return "job " + wait.names.front() + " failed" + (message.empty() ? std::string() : ": " + message);
    }
  }
  return std::nullopt;
}

// The last lines of a log, for a message that says what it held instead.
std::string tail(const std::string& log, std::size_t lines)
{
  std::vector<std::string_view> all = util::split(log, '\n');
  while (!all.empty() && util::trim(all.back()).empty()) {
    all.pop_back();
  }
  if (all.empty()) {
    return "an empty log";
  }
  const std::size_t from = all.size() > lines ? all.size() - lines : 0;
  std::string out;
  for (std::size_t i = from; i < all.size(); ++i) {
    out += (out.empty() ? "" : " | ") + std::string(util::trim(all[i]));
  }
  return util::quoted(out);
}

bool has_line(const std::string& log, const std::string& expect)
{
  for (const auto line : util::split(log, '\n')) {
    if (util::trim(line) == expect) {
      return true;
    }
  }
  return false;
}

} // namespace

const char* to_string(CheckState state)
{
  switch (state) {
  case CheckState::pending:
    return "pending";
  case CheckState::passed:
    return "passed";
  case CheckState::failed:
    return "failed";
  }
  return "pending";
}

std::optional<std::string> log_pod(const LogCheck& log, const std::string& namespace_name,
                                   const Observation& observation)
{
  if (log.kind == "Pod") {
    return log.name;
  }
  const auto pods = observation.lists.find(pods_path(namespace_name));
  if (pods == observation.lists.end()) {
    return std::nullopt;
  }
  for (const auto& pod : pods->second) {
    if (text_at(pod, {"metadata", "labels", "job-name"}) == log.name &&
        text_at(pod, {"status", "phase"}) == "Succeeded") {
      return text_at(pod, {"metadata", "name"});
    }
  }
  return std::nullopt;
}

CheckStatus evaluate_check(const Check& check, const Observation& observation)
{
  CheckStatus status;
  for (const auto& wait : check.waits) {
    if (auto failed = hard_failure(wait, observation)) {
      status.state = CheckState::failed;
      status.message = *failed;
      return status;
    }
    const auto list = observation.lists.find(plan::list_path(wait));
    auto items = list != observation.lists.end() ? list->second : std::vector<nlohmann::json>{};
    const auto waited = plan::evaluate(wait, std::move(items));
    if (!waited.done) {
      for (const auto& pending : waited.pending) {
        status.pending.push_back(pending);
      }
    }
  }
  if (!status.pending.empty()) {
    status.message = status.pending.front().name + ": " + status.pending.front().state;
    return status;
  }
  const std::string ns = check.waits.empty() ? std::string() : check.waits.front().namespace_name;
  for (const auto& log : check.logs) {
    const auto pod = log_pod(log, ns, observation);
    if (!pod) {
      status.message = "no succeeded pod of job " + log.name + " yet";
      return status;
    }
    const auto text = observation.logs.find(*pod);
    if (text == observation.logs.end()) {
      status.logs_to_fetch.push_back(*pod);
      continue;
    }
    status.logs[*pod] = text->second;
    if (!has_line(text->second, log.expect)) {
      status.state = CheckState::failed;
      status.message = "the log of pod " + *pod + " has no line " + util::quoted(log.expect) + " (it ends with " +
                       tail(text->second, 3) + ")";
      return status;
    }
  }
  if (!status.logs_to_fetch.empty()) {
    status.message = "reading the log of pod " + status.logs_to_fetch.front();
    return status;
  }
  status.state = CheckState::passed;
  return status;
}

std::string timeout_message(const CheckStatus& status)
{
  if (status.pending.empty()) {
    return "timed out: " + status.message;
  }
  std::string out = "timed out waiting for ";
  for (std::size_t i = 0; i < status.pending.size(); ++i) {
    out += (i == 0 ? "" : "; ") + status.pending[i].name + " (" + status.pending[i].state + ")";
  }
  return out;
}

} // namespace devk8s::core::smoke
