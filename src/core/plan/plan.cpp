#include "core/plan/plan.hpp"

#include "util/shell_quote.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::plan {

namespace {

std::string what(const Action& action)
{
  if (const auto* write = std::get_if<WriteFile>(&action)) {
    return "write " + write->path + (write->backup ? " (backup: " + *write->backup + ")" : "");
  }
  if (const auto* install = std::get_if<InstallBinary>(&action)) {
    std::string text = "download " + (install->candidates.empty() ? std::string("(no source)") : install->candidates.front().url);
    for (std::size_t i = 1; i < install->candidates.size(); ++i) {
      text += "\n       or " + install->candidates[i].url;
    }
    return text + "\n     verify sha256, install " + install->path + " (mode 0755)" +
           (install->backup ? " (backup: " + *install->backup + ")" : "");
  }
  return "run " + util::shell_join(std::get<RunCommand>(action).argv);
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
        candidates.push_back({{"source", c.source}, {"url", c.url}, {"checksums", c.checksum_urls}});
      }
      action = {{"type", "install-binary"}, {"tool", install->tool}, {"version", install->version},
                {"path", install->path}, {"candidates", candidates}};
      if (install->backup) {
        action["backup"] = *install->backup;
      }
    } else {
      const auto& run = std::get<RunCommand>(step.action);
      action = {{"type", "run"}, {"argv", run.argv}};
      if (run.timeout) {
        action["timeoutSeconds"] = static_cast<double>(run.timeout->count()) / 1000.0;
      }
    }
    steps.push_back({{"description", step.description}, {"action", action}});
  }
  return {{"title", plan.title}, {"steps", steps}};
}

} // namespace devk8s::core::plan
