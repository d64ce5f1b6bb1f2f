#include "core/doctor/fixes.hpp"

#include <algorithm>

namespace devk8s::core::doctor {

namespace {

/// `retag ADDON...` or `retag --image W --from S`, as the image analyzer writes them; anything
/// else is not for --fix to run.
bool add_retag(const std::vector<std::string>& command, FixSelection& out)
{
  if (command.size() < 2 || command[0] != "retag") {
    return false;
  }
  if (command.size() == 5 && command[1] == "--image" && command[3] == "--from") {
    const ImageFix fix{command[2], command[4]};
    if (std::none_of(out.images.begin(), out.images.end(),
                     [&](const ImageFix& f) { return f.wanted == fix.wanted && f.from == fix.from; })) {
      out.images.push_back(fix);
    }
    return true;
  }
  if (std::any_of(command.begin() + 1, command.end(), [](const std::string& word) { return word.rfind("-", 0) == 0; })) {
    return false;
  }
  for (auto it = command.begin() + 1; it != command.end(); ++it) {
    if (std::find(out.addons.begin(), out.addons.end(), *it) == out.addons.end()) {
      out.addons.push_back(*it);
    }
  }
  return true;
}

} // namespace

FixSelection select_fixes(const std::vector<finding::Finding>& findings, const std::vector<finding::Problem>& problems)
{
  FixSelection out;
  for (const auto& problem : problems) {
    const auto& root = findings.at(problem.root);
    if (add_retag(root.command, out)) {
      continue;
    }
    if (root.severity != finding::Severity::ok &&
        std::find(out.manual.begin(), out.manual.end(), problem.root) == out.manual.end()) {
      out.manual.push_back(problem.root);
    }
  }
  return out;
}

FixComparison compare_findings(const std::vector<finding::Finding>& before, const std::vector<finding::Finding>& after)
{
  FixComparison out;
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].severity == finding::Severity::ok) {
      continue;
    }
    (finding::find(after, before[i].ref()) ? out.remaining : out.cleared).push_back(i);
  }
  for (std::size_t i = 0; i < after.size(); ++i) {
    if (after[i].severity != finding::Severity::ok && !finding::find(before, after[i].ref())) {
      out.appeared.push_back(i);
    }
  }
  return out;
}

} // namespace devk8s::core::doctor
