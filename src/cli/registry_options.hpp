// The flags shared by every command that asks registries (mirror check, resolve --verify);
// app/registry_settings.hpp checks them and turns them into check options.
#pragma once

#include "app/registry_settings.hpp"
#include "cli/context.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}

namespace devk8s::cli {

struct RegistryOptions {
  app::RegistrySettings settings; ///< the flags' values

  /// Without `with_time_flags`, the defaults of --timeout, --deadline and --retries apply and the
  /// command may use those names for its own (retag's --timeout is its waits').
  void add_to(CLI::App& cmd, bool with_time_flags = true);
  /// app::registry_check_options with the environment and standard input (--creds-file -).
  util::Result<ports::RegistryCheckOptions> resolve(Context& ctx) const;
  /// The flags given on the command line ("--timeout", ...), in the order add_to() declares them.
  std::vector<std::string> given() const;

private:
  std::vector<CLI::Option*> m_flags;
  std::string m_command; ///< "devk8s mirror resolve": where the help for these flags is
};

} // namespace devk8s::cli
