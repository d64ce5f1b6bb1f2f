#include "cli/context.hpp"

#include "core/preflight/start_request.hpp"

#include <charconv>
#include <unistd.h>

extern char** environ; // POSIX: declared by no standard header in C++ mode

namespace devk8s::cli {

Environment Environment::from_process()
{
  std::map<std::string, std::string> vars;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto eq = text.find('=');
    if (eq != std::string::npos) {
      vars.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
  }
  return Environment(std::move(vars));
}

std::optional<std::string> Environment::get(const std::string& name) const
{
  const auto it = m_vars.find(name);
  if (it == m_vars.end()) {
    return std::nullopt;
  }
  return it->second;
}

namespace {

/// No --no-color, NO_COLOR or TERM=dumb.
bool color_allowed(const Context& ctx)
{
  return !ctx.global.no_color && !ctx.env.has("NO_COLOR") && ctx.env.get("TERM").value_or("") != "dumb";
}

} // namespace

bool Context::color() const
{
  return streams.err_is_tty && color_allowed(*this);
}

bool Context::color_out() const
{
  return streams.out_is_tty && color_allowed(*this);
}

std::size_t Context::output_width() const
{
  if (const auto columns = env.get("COLUMNS")) {
    std::size_t value = 0;
    const char* end = columns->data() + columns->size();
    const auto [ptr, ec] = std::from_chars(columns->data(), end, value);
    if (ec == std::errc() && ptr == end && value > 0) {
      return value;
    }
  }
  if (!streams.out_is_tty) {
    return 0;
  }
  return streams.out_columns > 0 ? streams.out_columns : 80;
}

namespace {

/// $VAR/devk8s, else $HOME/FALLBACK/devk8s, else "". The XDG Base Directory spec says a
/// relative $VAR is invalid and must be ignored.
std::string xdg_dir(const Environment& env, const char* var, const char* fallback)
{
  const auto xdg = env.get(var);
  if (xdg && !xdg->empty() && xdg->front() == '/') {
    return *xdg + "/devk8s";
  }
  if (const auto home = env.get("HOME"); home && !home->empty()) {
    return *home + "/" + fallback + "/devk8s";
  }
  return {};
}

} // namespace

std::string user_config_dir(const Environment& env)
{
  return xdg_dir(env, "XDG_CONFIG_HOME", ".config");
}

ports::ProbeRequest host_probe_request(const Environment& env)
{
  ports::ProbeRequest probe;
  const std::string home = env.get("HOME").value_or("");
  probe.minikube_home = core::preflight::minikube_home_dir(env.get("MINIKUBE_HOME").value_or(""), home);
  probe.docker_host = env.get("DOCKER_HOST").value_or("");
  probe.docker_tls = env.has("DOCKER_TLS_VERIFY");
  probe.docker_cert_path = env.get("DOCKER_CERT_PATH").value_or(home + "/.docker");
  return probe;
}

std::string user_cache_dir(const Environment& env)
{
  return xdg_dir(env, "XDG_CACHE_HOME", ".cache");
}

bool Environment::has(const std::string& name) const
{
  const auto value = get(name);
  return value && !value->empty();
}

} // namespace devk8s::cli
