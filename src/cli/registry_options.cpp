#include "cli/registry_options.hpp"

#include "core/image/image_ref.hpp"
#include "util/duration.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <iterator>

namespace devk8s::cli {

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
util::Result<std::vector<core::registry::CredsOption>> read_creds_file(Context& ctx, const std::string& path)
{
  std::string text;
  std::string origin = "--creds-file " + util::quoted(path);
  if (path == "-") {
    origin = "--creds-file - (stdin)";
    text.assign(std::istreambuf_iterator<char>(ctx.streams.in), std::istreambuf_iterator<char>());
  } else {
    if (ctx.adapters.fs.kind(path) != ports::FileKind::regular) {
      return util::usage_error(origin + ": no such file", "give a file of [HOST=]USER:PASSWORD lines, or - for stdin");
    }
    auto read = ctx.adapters.fs.read_file(path);
    if (!read) {
      return util::usage_error(origin + ": " + read.error().message, "check the file's permissions");
    }
    text = std::move(*read);
  }
  return core::registry::parse_creds_file(text, origin);
}

} // namespace

void RegistryOptions::add_to(CLI::App& cmd)
{
  for (const CLI::App* app = &cmd; app != nullptr; app = app->get_parent()) {
    m_command = m_command.empty() ? app->get_name() : app->get_name() + " " + m_command;
  }
  m_flags.push_back(
      cmd.add_option("--ca-file", ca_file, "Trust the CA certificates in FILE (PEM) for registries")->type_name("FILE"));
  m_flags.push_back(cmd.add_option("--insecure-registry", insecure_registries,
                                   "Talk plain HTTP to HOST[:PORT], without TLS (repeatable; as Docker's insecure-registries)")
                        ->type_name("HOST")
                        ->allow_extra_args(false)); // one value per flag: a reference after it stays a reference
  m_flags.push_back(cmd.add_option("--creds", creds,
                                   "USER:PASSWORD for the registries of the references given (and their mirrors), or "
                                   "HOST=USER:PASSWORD for one (repeatable; also DEVK8S_REGISTRY_CREDS). "
                                   "Default: Docker's config.json and credential helpers")
                        ->type_name("CREDS")
                        ->allow_extra_args(false));
  m_flags.push_back(cmd.add_option("--creds-file", creds_file,
                                   "Read [HOST=]USER:PASSWORD lines from FILE, or from stdin with -, "
                                   "so the secret is not on the command line")
                        ->type_name("FILE"));
  m_flags.push_back(
      cmd.add_option("--timeout", timeout, "How long one request may take: 10, 10s, 500ms, 1m (default 10s)")
          ->type_name("DURATION"));
  m_flags.push_back(
      cmd.add_option("--deadline", deadline, "How long the whole check may take, retries included (default 60s)")
          ->type_name("DURATION"));
  m_flags.push_back(
      cmd.add_option("--retries", retries, "Retries after connect errors, 429 and 5xx: 0 to 10 (default 2)")
          ->type_name("N"));
}

std::vector<std::string> RegistryOptions::given() const
{
  std::vector<std::string> names;
  for (const CLI::Option* flag : m_flags) {
    if (flag->count() > 0) {
      names.push_back(flag->get_name());
    }
  }
  return names;
}

std::vector<std::string> RegistryOptions::time_problems() const
{
  std::vector<std::string> problems;
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
  if (!parse_retries(retries)) {
    problems.push_back(retries_problem(retries));
  }
  return problems;
}

util::Result<ports::RegistryCheckOptions> RegistryOptions::resolve(Context& ctx) const
{
  std::vector<std::string> problems = time_problems();
  std::string hint; // the first problem's own advice (the form --creds takes), if any
  ports::RegistryCheckOptions o;
  for (const auto& host : insecure_registries) {
    if (!core::image::validate_domain(host, 0, host)) {
      problems.push_back("--insecure-registry " + util::quoted(host) + " is not a HOST[:PORT]");
    }
  }
  std::vector<std::pair<std::string, std::string>> all_creds; // (value, origin)
  for (const auto& text : creds) {
    all_creds.emplace_back(text, "--creds");
  }
  if (const auto env = ctx.env.get("DEVK8S_REGISTRY_CREDS"); env && !env->empty()) {
    for (const auto part : util::split(*env, ',')) {
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
  if (!creds_file.empty()) {
    auto from_file = read_creds_file(ctx, creds_file);
    if (from_file) {
      o.creds.insert(o.creds.end(), from_file->begin(), from_file->end());
    } else {
      problems.push_back(from_file.error().message);
      hint = hint.empty() ? from_file.error().hint : hint;
    }
  }
  if (!ca_file.empty() && ctx.adapters.fs.kind(ca_file) != ports::FileKind::regular) {
    problems.push_back("--ca-file " + util::quoted(ca_file) + ": no such file");
  } else if (!ca_file.empty()) {
    // curl would only say, per registry, that it cannot verify anyone: name the file instead.
    const auto pem = ctx.adapters.fs.read_file(ca_file);
    if (!pem || pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      problems.push_back("--ca-file " + util::quoted(ca_file) + ": " +
                         (pem ? "holds no PEM certificate (-----BEGIN CERTIFICATE-----)" : pem.error().message));
    }
  }
  if (!problems.empty()) {
    return util::usage_error(util::join(problems, "\n"), hint.empty() ? "run '" + m_command + " --help'" : hint);
  }
  o.ca_file = ca_file;
  o.insecure_registries = insecure_registries;
  o.request_timeout = *util::parse_duration(timeout);
  o.connect_timeout = std::min(o.request_timeout, std::chrono::milliseconds(5000));
  o.deadline = *util::parse_duration(deadline);
  o.retry.max_attempts = *parse_retries(retries) + 1;
  // Docker's own lookup: $DOCKER_CONFIG, else ~/.docker (docker/cli config.Dir()).
  if (const auto dir = ctx.env.get("DOCKER_CONFIG"); dir && !dir->empty()) {
    o.docker_config_dir = *dir;
  } else if (const auto home = ctx.env.get("HOME"); home && !home->empty()) {
    o.docker_config_dir = *home + "/.docker";
  }
  return o;
}

} // namespace devk8s::cli
