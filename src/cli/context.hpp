// What every subcommand is handed: streams, the environment, global flags and the adapters.
// Built once per run by cli/app.cpp from cli/wiring.cpp (real) or by tests (fakes).
#pragma once

#include "app/ports.hpp"
#include "cli/text_reporter.hpp"
#include "util/cancel.hpp"
#include "util/result.hpp"

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>

namespace devk8s::cli {

struct Streams {
  std::ostream& out;
  std::ostream& err;
  std::istream& in;
  bool err_is_tty = false;
  bool out_is_tty = false;
  std::size_t out_columns = 0; ///< the terminal's width when `out` is one and it says (TIOCGWINSZ), else 0
  std::size_t err_columns = 0; ///< the same for `err`, where live statuses are drawn
  bool in_is_tty = false;      ///< stdin is a terminal: a user can answer a question there
};

/// A snapshot of environment variables, so nothing below the CLI calls getenv.
class Environment {
public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string> vars) : m_vars(std::move(vars)) {}
  static Environment from_process();

  std::optional<std::string> get(const std::string& name) const;
  /// Set and non-empty.
  bool has(const std::string& name) const;

private:
  std::map<std::string, std::string> m_vars;
};

/// The adapters behind the ports; owned by whoever builds the Context.
using Adapters = app::Ports;

/// devk8s's directory of the user's configuration: $XDG_CONFIG_HOME/devk8s, else
/// ~/.config/devk8s; "" when neither is set. Mirror maps and download sources live there.
std::string user_config_dir(const Environment& env);

/// Where the host probe looks, from the environment as minikube and docker read it:
/// $MINIKUBE_HOME (else ~/.minikube), DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH (else ~/.docker).
ports::ProbeRequest host_probe_request(const Environment& env);

/// devk8s's cache: $XDG_CACHE_HOME/devk8s, else ~/.cache/devk8s; "" when neither is set. Exec
/// credential plugins' credentials are kept there until they expire.
std::string user_cache_dir(const Environment& env);

struct GlobalOptions {
  int verbosity = 0;
  bool no_color = false;
  bool version = false; ///< `devk8s --version`
  /// kubectl's global flags, given before the command (`kubectl devk8s --context C doctor`, as
  /// kubectl hands a plugin its arguments): a command's own flag of the same name wins.
  std::string kubeconfig;
  std::string context;
  std::string namespace_name;
};

struct Context {
  Streams& streams;
  const Environment& env;
  Adapters& adapters;
  GlobalOptions global;

  /// Colour on stderr only for a terminal that can show it: never with NO_COLOR
  /// (https://no-color.org), --no-color or TERM=dumb.
  bool color() const;
  /// The same for stdout (a report's colour).
  bool color_out() const;

  /// The columns a table on stdout may take, 0 for no limit: COLUMNS when it is set (a user who
  /// exports it means it, even for a pipe); else a terminal's width (80 when it does not say);
  /// else, piped or redirected, no limit, so scripts and grep see whole lines as with kubectl.
  std::size_t output_width() const;

  /// What use cases tell the user as they work: lines on stderr, detail with -v.
  TextReporter reporter() const
  {
    return TextReporter(streams.err, streams.err_is_tty, global.verbosity > 0, std::chrono::steady_clock::now,
                        streams.err_columns);
  }
};

/// A use case's result, unless Ctrl-C (SIGINT/SIGTERM) arrived while it ran: then an
/// "interrupted" error (exit 130), so that answers cut short (a registry check that reads
/// "interrupted", a tool probe that never finished) are never rendered as a result.
template <typename T>
util::Result<T> unless_interrupted(util::Result<T> result)
{
  if (util::process_cancel_token().cancelled() && (result || result.error().code != util::ExitCode::interrupted)) {
    return util::interrupted("stopped before the answers were complete; nothing was changed");
  }
  return result;
}

/// What a subcommand runs once the command line has parsed.
using Action = std::function<util::Result<util::ExitCode>()>;

} // namespace devk8s::cli
