#include "cli/install_check.hpp"

#include "app/install_check.hpp"
#include "cli/json_text.hpp"
#include "cli/kube_options.hpp"
#include "cli/text_reporter.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <vector>

namespace devk8s::cli {

namespace {

// The report's three rows: what, its version, where it is or why not.
struct Row {
  std::string what;
  std::string version;
  std::string detail;
};

Row row(const std::string& what, const app::FoundTool& found)
{
  return {what, found.version ? found.version->str() : "-",
          found.path.empty() ? found.problem : found.path + (found.version ? "" : " (" + found.problem + ")")};
}

// Columns as wide as their longest entry and two spaces (at least ten, as before), so a long
// version such as "v1.32.4-dispatcher" does not push its own row out of line.
void print_rows(std::ostream& out, const std::vector<Row>& rows)
{
  std::size_t what_width = 10;
  std::size_t version_width = 10;
  for (const auto& r : rows) {
    what_width = std::max(what_width, r.what.size() + 2);
    version_width = std::max(version_width, r.version.size() + 2);
  }
  for (const auto& r : rows) {
    out << r.what << std::string(what_width - r.what.size(), ' ') << r.version
        << std::string(version_width - r.version.size(), ' ') << r.detail << '\n';
  }
}

nlohmann::ordered_json tool_json(const app::FoundTool& found)
{
  nlohmann::ordered_json j;
  j["installed"] = !found.path.empty();
  j["path"] = found.path.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(found.path);
  j["version"] = found.version ? nlohmann::ordered_json(found.version->str()) : nlohmann::ordered_json(nullptr);
  if (!found.problem.empty()) {
    j["problem"] = found.problem;
  }
  return j;
}

} // namespace

util::Result<util::ExitCode> run_install_check(Context& ctx, const std::string& profile, const app::KubeOptions& kube,
                                               const std::string& output)
{
  app::InstallCheckOptions options{profile, with_kube_environment(kube, ctx), ctx.env.get("PATH").value_or(""),
                                   ctx.env.get("HOME").value_or("")};
  TextReporter reporter = ctx.reporter();
  const auto check = app::check_install(ctx.adapters, options, reporter);
  if (util::process_cancel_token().cancelled()) {
    return util::interrupted("stopped before the answers were complete; nothing was changed");
  }
  const auto code = check.problem ? util::ExitCode::failure : util::ExitCode::ok;

  auto& out = ctx.streams.out;
  if (output == "json") {
    nlohmann::ordered_json j;
    j["minikube"] = tool_json(check.minikube);
    j["kubectl"] = tool_json(check.kubectl);
    if (check.cluster) {
      j["cluster"] = {{"version", check.cluster->version.str()}, {"from", check.cluster->from}};
    } else {
      j["cluster"] = {{"version", nullptr}, {"problem", check.cluster_problem}};
    }
    if (check.skew) {
      j["kubectl_skew"] = {{"within", check.skew->within_skew},
                           {"recommended", check.skew->recommended.str()},
                           {"message", check.skew->message}};
    }
    j["recommended"] = check.advice;
    out << json_text(j) << '\n';
    return code;
  }
  print_rows(out, {row("minikube", check.minikube), row("kubectl", check.kubectl),
                   check.cluster ? Row{"cluster", check.cluster->version.str(), "(from " + check.cluster->from + ")"}
                                 : Row{"cluster", "-", check.cluster_problem}});
  if (check.skew) {
    out << '\n' << check.skew->message << '\n';
  }
  for (const auto& line : check.advice) {
    out << "recommended: " << line << '\n';
  }
  if (!check.problem) {
    out << "nothing to do\n";
  }
  return code;
}

} // namespace devk8s::cli
