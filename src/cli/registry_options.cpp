#include "cli/registry_options.hpp"

#include <CLI/CLI.hpp>

#include <iterator>

namespace devk8s::cli {

void RegistryOptions::add_to(CLI::App& cmd, bool with_time_flags)
{
  for (const CLI::App* app = &cmd; app != nullptr; app = app->get_parent()) {
    m_command = m_command.empty() ? app->get_name() : app->get_name() + " " + m_command;
  }
  m_flags.push_back(
      cmd.add_option("--ca-file", settings.ca_file, "Trust the CA certificates in FILE (PEM) for registries")->type_name("FILE"));
  m_flags.push_back(cmd.add_option("--insecure-registry", settings.insecure_registries,
                                   "Talk plain HTTP to HOST[:PORT], without TLS (repeatable; as Docker's insecure-registries)")
                        ->type_name("HOST")
                        ->allow_extra_args(false)); // one value per flag: a reference after it stays a reference
  m_flags.push_back(cmd.add_option("--registry-endpoint", settings.endpoints,
                                   "Reach REGISTRY at HOST[:PORT] instead, keeping the images' names: a pull-through "
                                   "cache or an in-house copy (repeatable; as containerd's hosts.toml)")
                        ->type_name("REGISTRY=HOST")
                        ->allow_extra_args(false));
  m_flags.push_back(cmd.add_option("--creds", settings.creds,
                                   "USER:PASSWORD for the registries of the references given (and their mirrors), or "
                                   "HOST=USER:PASSWORD for one (repeatable; also DEVK8S_REGISTRY_CREDS). "
                                   "Default: Docker's config.json and credential helpers")
                        ->type_name("CREDS")
                        ->allow_extra_args(false));
  m_flags.push_back(cmd.add_option("--creds-file", settings.creds_file,
                                   "Read [HOST=]USER:PASSWORD lines from FILE, or from stdin with -, "
                                   "so the secret is not on the command line")
                        ->type_name("FILE"));
  if (!with_time_flags) {
    return;
  }
  m_flags.push_back(
      cmd.add_option("--timeout", settings.timeout, "How long one request may take: 10, 10s, 500ms, 1m (default 10s)")
          ->type_name("DURATION"));
  m_flags.push_back(
      cmd.add_option("--deadline", settings.deadline, "How long the whole check may take, retries included (default 60s)")
          ->type_name("DURATION"));
  m_flags.push_back(
      cmd.add_option("--retries", settings.retries, "Retries after connect errors, 429 and 5xx: 0 to 10 (default 2)")
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

util::Result<ports::RegistryCheckOptions> RegistryOptions::resolve(Context& ctx) const
{
  app::RegistrySettings with_env = settings;
  with_env.env_creds = ctx.env.get("DEVK8S_REGISTRY_CREDS").value_or("");
  // Docker's own lookup: $DOCKER_CONFIG, else ~/.docker (docker/cli config.Dir()).
  if (const auto dir = ctx.env.get("DOCKER_CONFIG"); dir && !dir->empty()) {
    with_env.docker_config_dir = *dir;
  } else if (const auto home = ctx.env.get("HOME"); home && !home->empty()) {
    with_env.docker_config_dir = *home + "/.docker";
  }
  with_env.read_stdin = [&ctx] {
    return std::string(std::istreambuf_iterator<char>(ctx.streams.in), std::istreambuf_iterator<char>());
  };
  with_env.help_hint = "run '" + m_command + " --help'";
  return app::registry_check_options(ctx.adapters.fs, with_env);
}

} // namespace devk8s::cli
