#include "core/plan/plan.hpp"

#include "util/shell_quote.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace devk8s::core::plan {

namespace {

// "90 s", "5 min", "1 min 30 s": the plan is read by people, and a wait's deadline is seconds
// to minutes.
std::string seconds_text(std::chrono::milliseconds duration)
{
  const auto total = duration.count() / 1000;
  if (total < 60 || total % 60 != 0) {
    if (total >= 60) {
      return std::to_string(total / 60) + " min " + std::to_string(total % 60) + " s";
    }
    return duration.count() % 1000 == 0 ? std::to_string(total) + " s" : std::to_string(duration.count()) + " ms";
  }
  return std::to_string(total / 60) + " min";
}

// Environment values are shown only for names that cannot hold a secret; a proxy URL may carry
// a password, a token variable is one.
bool may_be_secret(std::string name)
{
  // https_proxy and HTTPS_PROXY are the same to curl and Go: compare in one case.
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const char* word : {"TOKEN", "PASSWORD", "PASSWD", "SECRET", "KEY", "CREDENTIAL", "AUTH", "PROXY"}) {
    if (name.find(word) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string run_text(const RunCommand& run)
{
  std::string text = "run ";
  if (!run.env.empty()) {
    text += "env ";
    for (const auto& [name, value] : run.env) {
      text += util::shell_quote(name + "=" + (may_be_secret(name) ? std::string("…") : value)) + " ";
    }
  }
  text += util::shell_join(run.argv);
  std::vector<std::string> notes;
  if (run.accepted_exit_codes != std::vector<int>{0}) {
    std::string codes;
    for (const int code : run.accepted_exit_codes) {
      codes += (codes.empty() ? "" : ", ") + std::to_string(code);
    }
    notes.push_back("exit status " + codes + " accepted");
  }
  if (!run.stdin_data.empty()) {
    notes.push_back(std::to_string(run.stdin_data.size()) + " bytes on stdin");
  }
  if (!notes.empty()) {
    text += "\n     (";
    for (std::size_t i = 0; i < notes.size(); ++i) {
      text += (i == 0 ? "" : "; ") + notes[i];
    }
    text += ")";
  }
  return text;
}

const char* verb_text(KubeRequest::Verb verb)
{
  switch (verb) {
  case KubeRequest::Verb::create:
    return "create";
  case KubeRequest::Verb::patch:
    return "merge-patch";
  case KubeRequest::Verb::remove:
    return "delete";
  }
  return "create";
}

std::string what(const Action& action)
{
  if (const auto* write = std::get_if<WriteFile>(&action)) {
    return "write " + write->path + (write->backup ? " (backup: " + *write->backup + ")" : "");
  }
  if (const auto* install = std::get_if<InstallBinary>(&action)) {
    // A private source's URL may carry user:token@ (curl sends it as Basic auth): never shown.
    std::string text = "download " + (install->candidates.empty() ? std::string("(no source)")
                                                                   : util::redact_url_credentials(install->candidates.front().url));
    for (std::size_t i = 1; i < install->candidates.size(); ++i) {
      text += "\n       or " + util::redact_url_credentials(install->candidates[i].url);
    }
    return text + "\n     verify sha256, install " + install->path + " (mode 0755)" +
           (install->backup ? " (backup: " + *install->backup + ")" : "");
  }
  if (const auto* request = std::get_if<KubeRequest>(&action)) {
    std::string text = std::string(verb_text(request->verb)) + " " + request->path;
    if (request->verb == KubeRequest::Verb::create && request->exists_ok) {
      text += " (already there: ok)";
    } else if (request->verb == KubeRequest::Verb::remove) {
      text += " (already gone: ok)";
    }
    return text;
  }
  if (const auto* wait = std::get_if<Wait>(&action)) {
    return "wait up to " + seconds_text(wait->timeout) + " for " + describe(wait->condition) + " (every " +
           seconds_text(wait->interval) + ")";
  }
  return run_text(std::get<RunCommand>(action));
}

nlohmann::json run_json(const RunCommand& run)
{
  nlohmann::json action = {{"type", "run"}, {"argv", run.argv}};
  if (run.timeout) {
    action["timeoutSeconds"] = static_cast<double>(run.timeout->count()) / 1000.0;
  }
  if (!run.env.empty()) {
    nlohmann::json env = nlohmann::json::object();
    for (const auto& [name, value] : run.env) {
      env[name] = may_be_secret(name) ? std::string("…") : value;
    }
    action["env"] = env;
  }
  if (!run.stdin_data.empty()) {
    action["stdinBytes"] = run.stdin_data.size();
  }
  if (run.accepted_exit_codes != std::vector<int>{0}) {
    action["acceptedExitCodes"] = run.accepted_exit_codes;
  }
  if (!run.stream_as.empty()) {
    action["streamAs"] = run.stream_as;
  }
  return action;
}

nlohmann::json wait_json(const Wait& wait)
{
  const auto& c = wait.condition;
  nlohmann::json condition = {{"resource", to_string(c.kind)}, {"state", to_string(c.state)}};
  if (!c.namespace_name.empty()) {
    condition["namespace"] = c.namespace_name;
  }
  if (!c.names.empty()) {
    condition["names"] = c.names;
  }
  if (!c.label_selector.empty()) {
    condition["labelSelector"] = c.label_selector;
  }
  return {{"type", "wait"},
          {"condition", condition},
          {"intervalSeconds", static_cast<double>(wait.interval.count()) / 1000.0},
          {"timeoutSeconds", static_cast<double>(wait.timeout.count()) / 1000.0}};
}

} // namespace

std::string render_text(const Plan& plan, bool with_previews)
{
  std::string out = plan.title + " (" + std::to_string(plan.steps.size()) +
                    (plan.steps.size() == 1 ? " step)\n" : " steps)\n");
  if (plan.steps.empty()) {
    out += "  nothing to do\n";
  }
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    out += "  " + std::to_string(i + 1) + ". " + plan.steps[i].description + "\n     " + what(plan.steps[i].action) + "\n";
  }
  if (with_previews) {
    for (const auto& step : plan.steps) {
      out += step.preview;
    }
  }
  return out;
}

nlohmann::json to_json(const Plan& plan)
{
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& step : plan.steps) {
    nlohmann::json action;
    if (const auto* write = std::get_if<WriteFile>(&step.action)) {
      action = {{"type", "write-file"}, {"path", write->path}};
      if (write->backup) {
        action["backup"] = *write->backup;
      }
    } else if (const auto* install = std::get_if<InstallBinary>(&step.action)) {
      nlohmann::json candidates = nlohmann::json::array();
      for (const auto& c : install->candidates) {
        nlohmann::json checksums = nlohmann::json::array();
        for (const auto& url : c.checksum_urls) {
          checksums.push_back(util::redact_url_credentials(url));
        }
        candidates.push_back({{"source", c.source}, {"url", util::redact_url_credentials(c.url)}, {"checksums", checksums}});
      }
      action = {{"type", "install-binary"}, {"tool", install->tool}, {"version", install->version},
                {"path", install->path}, {"candidates", candidates}};
      if (install->backup) {
        action["backup"] = *install->backup;
      }
    } else if (const auto* request = std::get_if<KubeRequest>(&step.action)) {
      // The body is not printed: it may be a Secret. A command shows what changes in the preview.
      action = {{"type", "kube"}, {"verb", verb_text(request->verb)}, {"path", request->path}};
      if (request->verb == KubeRequest::Verb::create) {
        action["existsOk"] = request->exists_ok;
      }
    } else if (const auto* wait = std::get_if<Wait>(&step.action)) {
      action = wait_json(*wait);
    } else {
      action = run_json(std::get<RunCommand>(step.action));
    }
    steps.push_back({{"description", step.description}, {"action", action}});
  }
  return {{"title", plan.title}, {"steps", steps}};
}

} // namespace devk8s::core::plan
