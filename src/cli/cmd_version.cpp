// `devk8s version` (and `devk8s --version`): what this binary is.
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "util/build_info.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace devk8s::cli {

util::Result<util::ExitCode> print_version(Context& ctx, const std::string& output)
{
  const auto info = util::build_info();
  if (output == "json") {
    const nlohmann::json j = {{"version", info.version}, {"commit", info.commit}, {"buildType", info.build_type}};
    ctx.streams.out << json_text(j) << '\n';
  } else {
    ctx.streams.out << "devk8s version " << info.version << "\ncommit: " << info.commit << "\nbuild: " << info.build_type
                    << '\n';
  }
  return util::ExitCode::ok;
}

void add_version_command(CLI::App& root, Context& ctx, Action& action)
{
  auto output = std::make_shared<std::string>("text");
  CLI::App* cmd = root.add_subcommand("version", "Print the version, git commit and build type");
  cmd->add_option("-o,--output", *output, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, &action, output] { action = [&ctx, output] { return print_version(ctx, *output); }; });
}

} // namespace devk8s::cli
