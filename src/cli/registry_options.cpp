#include "cli/registry_options.hpp"

#include "core/image/image_ref.hpp"
#include "util/duration.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <cmath>

namespace devk8s::cli {

void RegistryOptions::add_to(CLI::App& cmd)
{
  cmd.add_option("--ca-file", ca_file, "Trust the CA certificates in FILE (PEM) for registries")->type_name("FILE");
  cmd.add_option("--insecure-registry", insecure_registries,
                 "Talk plain HTTP to HOST[:PORT], without TLS (repeatable; as Docker's insecure-registries)")
      ->type_name("HOST")
      ->allow_extra_args(false); // one value per flag: a reference after it stays a reference
  cmd.add_option("--creds", creds,
                 "USER:PASSWORD for every registry, or HOST=USER:PASSWORD for one (repeatable; also "
                 "DEVK8S_REGISTRY_CREDS). Default: Docker's config.json and credential helpers")
      ->type_name("CREDS")
      ->allow_extra_args(false);
  cmd.add_option("--timeout", timeout, "How long one request may take: 10, 10s, 500ms, 1m (default 10s)")
      ->type_name("DURATION");
  cmd.add_option("--deadline", deadline, "How long the whole check may take, retries included (default 60s)")
      ->type_name("DURATION");
  cmd.add_option("--retries", retries, "Retries after connect errors, 429 and 5xx (default 2)")->type_name("N");
}

util::Result<ports::RegistryCheckOptions> RegistryOptions::resolve(Context& ctx) const
{
  std::vector<std::string> problems;
  ports::RegistryCheckOptions o;
  const auto timeout_ms = util::parse_duration(timeout);
  if (!timeout_ms) {
    problems.push_back("--timeout: " + timeout_ms.error().message);
  } else if (timeout_ms->count() <= 0 || *timeout_ms > std::chrono::hours(1)) {
    problems.push_back("--timeout must be more than 0 and at most 1h, got " + util::quoted(timeout));
  }
  const auto deadline_ms = util::parse_duration(deadline);
  if (!deadline_ms) {
    problems.push_back("--deadline: " + deadline_ms.error().message);
  } else if (deadline_ms->count() <= 0 || *deadline_ms > std::chrono::hours(24)) {
    problems.push_back("--deadline must be more than 0 and at most 24h, got " + util::quoted(deadline));
  }
  if (retries < 0 || retries > 10) {
    problems.push_back("--retries must be between 0 and 10, got " + std::to_string(retries));
  }
  for (const auto& host : insecure_registries) {
    if (!core::image::validate_domain(host, 0, host)) {
      problems.push_back("--insecure-registry " + util::quoted(host) + " is not a HOST[:PORT]");
    }
  }
  std::vector<std::string> all_creds = creds;
  if (const auto env = ctx.env.get("DEVK8S_REGISTRY_CREDS"); env && !env->empty()) {
    for (const auto part : util::split(*env, ',')) {
      all_creds.emplace_back(util::trim(part));
    }
  }
  for (const auto& text : all_creds) {
    auto parsed = core::registry::parse_creds_option(text);
    if (parsed) {
      o.creds.push_back(*parsed);
    } else {
      problems.push_back(parsed.error().message);
    }
  }
  if (!ca_file.empty() && ctx.adapters.fs.kind(ca_file) != ports::FileKind::regular) {
    problems.push_back("--ca-file " + util::quoted(ca_file) + ": no such file");
  }
  if (!problems.empty()) {
    return util::usage_error(util::join(problems, "\n"), "run 'devk8s mirror check --help'");
  }
  o.ca_file = ca_file;
  o.insecure_registries = insecure_registries;
  o.request_timeout = *timeout_ms;
  o.connect_timeout = std::min(o.request_timeout, std::chrono::milliseconds(5000));
  o.deadline = *deadline_ms;
  o.retry.max_attempts = retries + 1;
  // Docker's own lookup: $DOCKER_CONFIG, else ~/.docker (docker/cli config.Dir()).
  if (const auto dir = ctx.env.get("DOCKER_CONFIG"); dir && !dir->empty()) {
    o.docker_config_dir = *dir;
  } else if (const auto home = ctx.env.get("HOME"); home && !home->empty()) {
    o.docker_config_dir = *home + "/.docker";
  }
  return o;
}

} // namespace devk8s::cli
