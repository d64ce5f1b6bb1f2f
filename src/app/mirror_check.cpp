#include "app/mirror_check.hpp"

#include "app/registry_words.hpp"
#include "core/image/mirror_resolver.hpp"

#include <string>

namespace devk8s::app {

util::Result<CheckResult> check_images(const Ports& ports, CheckOptions options, ports::Reporter& reporter)
{
  CheckResult result;
  result.originals = options.references;
  result.checked = options.references;
  result.with_mirror = options.mirror.requested();
  if (result.with_mirror) {
    DEVK8S_TRY(const auto map, choose_map(ports.fs, options.mirror));
    for (auto& ref : result.checked) {
      ref = core::image::resolve(ref, map).chosen();
    }
  }
  // A credential without a host goes to these registries only: the references named, and
  // where the map sends them.
  for (std::size_t i = 0; i < result.checked.size(); ++i) {
    options.registry.general_creds_registries.insert(result.originals[i].domain());
    options.registry.general_creds_registries.insert(result.checked[i].domain());
  }
  result.outcomes = ports.registry.check_manifests(result.checked, options.registry);
  for (const auto& o : result.outcomes) {
    if (!o.ok()) {
      ++result.failed;
      result.failed_kinds.insert(o.kind);
    }
  }
  if (!result.outcomes.empty()) {
    int requests = 0;
    for (const auto& o : result.outcomes) {
      requests += o.attempts;
    }
    reporter.detail("checked " + std::to_string(result.checked.size()) + " references (" + std::to_string(requests) +
                    " attempts) in " + std::to_string(result.outcomes.front().elapsed.count()) + " ms");
    report_credentials_sent(reporter, result.outcomes);
  }
  return result;
}

} // namespace devk8s::app
