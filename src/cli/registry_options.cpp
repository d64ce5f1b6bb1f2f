#include "cli/registry_options.hpp"

#include "core/image/image_ref.hpp"
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
  cmd.add_option("--timeout", timeout_seconds, "Seconds one request may take (default 10)")->type_name("SECONDS");
  cmd.add_option("--deadline", deadline_seconds, "Seconds the whole check may take, retries included (default 60)")
      ->type_name("SECONDS");
  cmd.add_option("--retries", retries, "Retries after connect errors, 429 and 5xx (default 2)")->type_name("N");
}

util::Result<ports::RegistryCheckOptions> RegistryOptions::resolve(Context& ctx) const
{
  std::vector<std::string> problems;
  ports::RegistryCheckOptions o;
  if (!std::isfinite(timeout_seconds) || timeout_seconds <= 0 || timeout_seconds > 3600) {
    problems.push_back("--timeout must be between 0 and 3600 seconds, got " + util::quoted(std::to_string(timeout_seconds)));
  }
  if (!std::isfinite(deadline_seconds) || deadline_seconds <= 0 || deadline_seconds > 86400) {
    problems.push_back("--deadline must be between 0 and 86400 seconds, got " + util::quoted(std::to_string(deadline_seconds)));
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
  o.request_timeout = std::chrono::milliseconds(static_cast<long long>(timeout_seconds * 1000));
  o.connect_timeout = std::min(o.request_timeout, std::chrono::milliseconds(5000));
  o.deadline = std::chrono::milliseconds(static_cast<long long>(deadline_seconds * 1000));
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
