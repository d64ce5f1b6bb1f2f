#include "app/registry_settings.hpp"

#include "core/image/image_ref.hpp"
#include "core/registry/creds_option.hpp"
#include "util/duration.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <charconv>

namespace devk8s::app {

std::optional<int> parse_retries(const std::string& text)
{
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < 0 || value > 10) {
    return std::nullopt;
  }
  return value;
}

std::string retries_problem(const std::string& text)
{
  return "--retries must be a whole number from 0 to 10, got " + util::quoted(text);
}

namespace {

// The lines of --creds-file: a file, or stdin for "-" (so the secret is in neither argv nor
// the environment, as `docker login --password-stdin`).
util::Result<std::vector<core::registry::CredsOption>> read_creds_file(ports::FileSystem& fs, const RegistrySettings& settings)
{
  const std::string& path = settings.creds_file;
  std::string text;
  std::string origin = "--creds-file " + util::quoted(path);
  if (path == "-") {
    origin = "--creds-file - (stdin)";
    text = settings.read_stdin ? settings.read_stdin() : std::string();
  } else {
    if (fs.kind(path) != ports::FileKind::regular) {
      return util::usage_error(origin + ": no such file", "give a file of [HOST=]USER:PASSWORD lines, or - for stdin");
    }
    auto read = fs.read_file(path);
    if (!read) {
      return util::usage_error(origin + ": " + read.error().message, "check the file's permissions");
    }
    text = std::move(*read);
  }
  return core::registry::parse_creds_file(text, origin);
}

} // namespace

std::vector<std::string> time_problems(const RegistrySettings& settings)
{
  std::vector<std::string> problems;
  const auto timeout_ms = util::parse_duration(settings.timeout);
  if (!timeout_ms) {
    problems.push_back("--timeout: " + timeout_ms.error().message);
  } else if (timeout_ms->count() <= 0 || *timeout_ms > std::chrono::hours(1)) {
    problems.push_back("--timeout must be more than 0 and at most 1h, got " + util::quoted(settings.timeout));
  }
  const auto deadline_ms = util::parse_duration(settings.deadline);
  if (!deadline_ms) {
    problems.push_back("--deadline: " + deadline_ms.error().message);
  } else if (deadline_ms->count() <= 0 || *deadline_ms > std::chrono::hours(24)) {
    problems.push_back("--deadline must be more than 0 and at most 24h, got " + util::quoted(settings.deadline));
  }
  if (!parse_retries(settings.retries)) {
    problems.push_back(retries_problem(settings.retries));
  }
  return problems;
}

util::Result<ports::RegistryCheckOptions> registry_check_options(ports::FileSystem& fs, const RegistrySettings& settings)
{
  std::vector<std::string> problems = time_problems(settings);
  std::string hint; // the first problem's own advice (the form --creds takes), if any
  ports::RegistryCheckOptions o;
  for (const auto& host : settings.insecure_registries) {
    if (!core::image::validate_domain(host, 0, host)) {
      problems.push_back("--insecure-registry " + util::quoted(host) + " is not a HOST[:PORT]");
    }
  }
  for (const auto& text : settings.endpoints) {
    const auto eq = text.find('=');
    const std::string registry = eq == std::string::npos ? std::string() : text.substr(0, eq);
    const std::string host = eq == std::string::npos ? std::string() : text.substr(eq + 1);
    if (registry.empty() || host.empty() || !core::image::validate_domain(registry, 0, registry) ||
        !core::image::validate_domain(host, 0, host)) {
      problems.push_back("--registry-endpoint " + util::quoted(text) + " is not REGISTRY=HOST[:PORT]");
      hint = hint.empty() ? "--registry-endpoint registry.cn-hangzhou.aliyuncs.com=cache.example.com:5000" : hint;
    } else if (!o.endpoints.emplace(registry, host).second) {
      problems.push_back("--registry-endpoint names " + util::quoted(registry) + " twice");
    }
  }
  std::vector<std::pair<std::string, std::string>> all_creds; // (value, origin)
  for (const auto& text : settings.creds) {
    all_creds.emplace_back(text, "--creds");
  }
  if (!settings.env_creds.empty()) {
    for (const auto part : util::split(settings.env_creds, ',')) {
      all_creds.emplace_back(util::trim(part), "DEVK8S_REGISTRY_CREDS");
    }
  }
  for (const auto& [text, origin] : all_creds) {
    auto parsed = core::registry::parse_creds_option(text, origin);
    if (parsed) {
      o.creds.push_back(*parsed);
    } else {
      problems.push_back(parsed.error().message);
      hint = hint.empty() ? parsed.error().hint : hint;
    }
  }
  if (!settings.creds_file.empty()) {
    auto from_file = read_creds_file(fs, settings);
    if (from_file) {
      o.creds.insert(o.creds.end(), from_file->begin(), from_file->end());
    } else {
      problems.push_back(from_file.error().message);
      hint = hint.empty() ? from_file.error().hint : hint;
    }
  }
  if (!settings.ca_file.empty() && fs.kind(settings.ca_file) != ports::FileKind::regular) {
    problems.push_back("--ca-file " + util::quoted(settings.ca_file) + ": no such file");
  } else if (!settings.ca_file.empty()) {
    // curl would only say, per registry, that it cannot verify anyone: name the file instead.
    const auto pem = fs.read_file(settings.ca_file);
    if (!pem || pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      problems.push_back("--ca-file " + util::quoted(settings.ca_file) + ": " +
                         (pem ? "holds no PEM certificate (-----BEGIN CERTIFICATE-----)" : pem.error().message));
    }
  }
  if (!problems.empty()) {
    return util::usage_error(util::join(problems, "\n"), hint.empty() ? settings.help_hint : hint);
  }
  o.ca_file = settings.ca_file;
  o.insecure_registries = settings.insecure_registries;
  o.request_timeout = *util::parse_duration(settings.timeout);
  o.connect_timeout = std::min(o.request_timeout, std::chrono::milliseconds(5000));
  o.deadline = *util::parse_duration(settings.deadline);
  o.retry.max_attempts = *parse_retries(settings.retries) + 1;
  o.docker_config_dir = settings.docker_config_dir;
  return o;
}

} // namespace devk8s::app
