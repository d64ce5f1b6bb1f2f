#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/wiring.hpp"
#include "util/cancel.hpp"
#include "util/edit_distance.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace devk8s::cli {

namespace {

std::string command_path(const CLI::App* app)
{
  std::string path;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    path = path.empty() ? a->get_name() : a->get_name() + " " + path;
  }
  return path;
}

const CLI::App* deepest_selected(const CLI::App* app)
{
  for (const CLI::App* sub : app->get_subcommands()) {
    return deepest_selected(sub);
  }
  return app;
}

std::vector<std::string> flag_names(const CLI::App* app)
{
  std::vector<std::string> names;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* opt : a->get_options()) {
      for (const auto& l : opt->get_lnames()) {
        names.push_back("--" + l);
      }
    }
  }
  return names;
}

std::vector<std::string> subcommand_names(const CLI::App* app)
{
  std::vector<std::string> names;
  for (const CLI::App* sub : app->get_subcommands({})) {
    names.push_back(sub->get_name());
  }
  return names;
}

// CLI11's own messages are fine for most errors; unknown words get kubectl-style wording and
// a did-you-mean, which CLI11 does not offer.
util::Error describe_parse_error(const CLI::App& root, const CLI::ParseError& e)
{
  const CLI::App* where = deepest_selected(&root);
  const std::string path = command_path(where);
  const std::string help_hint = "run '" + path + " --help'";
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    // With fallthrough an unknown flag may have been handed up to a parent; look everywhere.
    auto extras = where->remaining();
    if (extras.empty()) {
      extras = root.remaining(true);
    }
    const std::string word = extras.empty() ? std::string() : extras.front();
    if (!word.empty() && word[0] == '-') {
      const std::string flag = word.substr(0, word.find('='));
      std::string message = "unknown flag " + util::quoted(flag) + " for " + util::quoted(path);
      if (auto guess = util::nearest(flag, flag_names(where))) {
        message += " (did you mean " + util::quoted(*guess) + "?)";
      }
      return util::usage_error(message, help_hint);
    }
    const auto subs = subcommand_names(where);
    if (!subs.empty()) {
      std::string message = "unknown command " + util::quoted(word) + " for " + util::quoted(path);
      if (auto guess = util::nearest(word, subs)) {
        message += " (did you mean " + util::quoted(*guess) + "?)";
      }
      return util::usage_error(message, help_hint);
    }
    return util::usage_error("unexpected argument " + util::quoted(word) + " for " + util::quoted(path), help_hint);
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
    // CLI11's "Could not convert: --cpus = abc" names neither what was expected nor quotes the value.
    const std::string text = e.what();
    const std::string prefix = "Could not convert: ";
    const auto eq = text.find(" = ");
    if (text.rfind(prefix, 0) == 0 && eq != std::string::npos) {
      return util::usage_error(text.substr(prefix.size(), eq - prefix.size()) + " must be a number, got " +
                                   util::quoted(text.substr(eq + 3)),
                               help_hint);
    }
  }
  std::string message = e.what();
  // CLI11 capitalizes its sentences; ours start lower-case. Acronyms ("REF is required") stay.
  if (message.size() > 1 && std::isupper(static_cast<unsigned char>(message[0])) != 0 &&
      std::islower(static_cast<unsigned char>(message[1])) != 0) {
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  }
  return util::usage_error(path + ": " + message, help_hint);
}

// Every command without exit codes of its own gets the common ones; preflight's 3 and install's
// meanings stay on their commands only.
void add_exit_code_footers(CLI::App& app)
{
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_footer().find("Exit codes:") == std::string::npos &&
        sub->get_footer().find("Exit 0") == std::string::npos) {
      const std::string footer = sub->get_footer();
      sub->footer(footer + (footer.empty() ? "" : "\n") + "Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted.");
    }
    add_exit_code_footers(*sub);
  }
}

// One name per concept in help: CLI11 calls every string TEXT, so `--mirror TEXT` stood beside
// `show NAME` and "pass --mirror NAME" in errors. An option registered without a type name gets
// its concept's name here; an unlisted one, its flag's last word in capitals. A positional is
// already named for its concept (REF, NAME, INPUT), so it shows no second name.
void name_option_types(CLI::App& app)
{
  static const std::map<std::string, std::string> k_names = {
      {"output", "FORMAT"}, {"mirror", "NAME"}, {"profile", "NAME"}, {"context", "NAME"}};
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_type_name().rfind("TEXT", 0) != 0) {
      continue;
    }
    if (opt->get_lnames().empty()) {
      opt->type_name("");
      continue;
    }
    const std::string& flag = opt->get_lnames().front();
    const auto it = k_names.find(flag);
    std::string name = it != k_names.end() ? it->second : flag.substr(flag.rfind('-') + 1);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    opt->type_name(name);
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    name_option_types(*sub);
  }
}

// `--help` wins over everything but a word that is not a command or flag: `devk8s nosuch --help`
// is the unknown-command error (exit 2), as kubectl says it, not the root's help.
int print_help(const CLI::App& root, const std::string& help, Streams& streams, bool color)
{
  const CLI::App* where = deepest_selected(&root);
  auto extras = where->remaining();
  if (extras.empty()) {
    extras = root.remaining(true);
  }
  if (!extras.empty()) {
    print_error(streams.err, describe_parse_error(root, CLI::ExtrasError(where->get_name(), extras)), color);
    return static_cast<int>(util::ExitCode::usage);
  }
  streams.out << help;
  return 0;
}

// A cluster flag given before (or, falling through, after) a command that talks to no cluster:
// said, not silently ignored.
std::optional<util::Error> misplaced_cluster_flag(const CLI::App& root, const GlobalOptions& global)
{
  const CLI::App* where = deepest_selected(&root);
  const std::pair<const char*, const std::string*> flags[] = {
      {"--kubeconfig", &global.kubeconfig}, {"--context", &global.context}, {"--namespace", &global.namespace_name}};
  for (const auto& [flag, value] : flags) {
    if (!value->empty() && where != &root && where->get_option_no_throw(flag) == nullptr) {
      if (std::string_view(flag) == "--namespace" && where->get_option_no_throw("--context") != nullptr) {
        return util::usage_error("--namespace does not apply to " + util::quoted(command_path(where)) +
                                     ": it reads no namespace",
                                 "-n goes with doctor (only that namespace) and smoke (the namespace it uses)");
      }
      return util::usage_error(std::string(flag) + " does not apply to " + util::quoted(command_path(where)) +
                                   ": it talks to no cluster",
                               "cluster flags go with doctor, retag, smoke, start and install");
    }
  }
  return std::nullopt;
}

} // namespace

void print_error(std::ostream& err, const util::Error& error, bool color)
{
  const char* red = color ? "\033[31m" : "";
  const char* reset = color ? "\033[0m" : "";
  // A validator may report several problems: one line each, each a complete error line.
  for (const auto line : util::split(error.message, '\n')) {
    err << "devk8s: " << red << "error" << reset << ": " << line << '\n';
  }
  // A tool's own words, indented under the line that names it: they are not devk8s's errors.
  for (const auto line : util::split(error.output, '\n')) {
    if (!error.output.empty()) {
      err << "  " << line << '\n';
    }
  }
  if (!error.hint.empty()) {
    err << "hint: " << error.hint << '\n';
  }
}

std::unique_ptr<CLI::App> command_tree(Context& ctx, Action& action, const std::string& program)
{
  auto root = std::make_unique<CLI::App>(
      "devk8s: from a bare Linux host to a healthy local Kubernetes cluster on minikube,\n"
      "through mirrors that rewrite images correctly.",
      program);
  root->require_subcommand(0, 1);
  root->fallthrough(true);
  root->add_flag("-v,--verbose", ctx.global.verbosity, "More detail on stderr (repeat for more)");
  root->add_flag("--no-color", ctx.global.no_color, "No colour in output (also: NO_COLOR=1, TERM=dumb)");
  root->add_flag("--version", ctx.global.version, "Print the version (as 'devk8s version')");
  // kubectl's global flags, so `kubectl devk8s --context C doctor` works as kubectl passes it to
  // its plugin (everything after the plugin's name, flags first); also accepted after the command.
  const std::string kube_group = k_cluster_flags_group;
  root->add_option("--kubeconfig", ctx.global.kubeconfig, "Kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config)")
      ->type_name("FILE")
      ->group(kube_group);
  root->add_option("--context", ctx.global.context, "Kubeconfig context to use")->group(kube_group);
  root->add_option("-n,--namespace", ctx.global.namespace_name, "Namespace (doctor: only this one; smoke: the one it uses)")
      ->group(kube_group);

  add_version_command(*root, ctx, action);
  add_mirror_command(*root, ctx, action);
  add_preflight_command(*root, ctx, action);
  add_install_command(*root, ctx, action);
  add_retag_command(*root, ctx, action);
  add_doctor_command(*root, ctx, action);
  add_start_command(*root, ctx, action);
  add_smoke_command(*root, ctx, action);
  add_completion_command(*root, ctx, action);
  // Set after the subcommands, which copy their parent's footer when added: each command's help
  // states its own exit codes.
  root->footer("Exit codes: 0 ok, 1 failure or findings, 2 usage error, 130 interrupted (Ctrl-C); some commands add\n"
               "their own (see their --help). Run '" + program + " <command> --help' for a command's flags.");
  add_exit_code_footers(*root);
  name_option_types(*root);
  return root;
}

std::string program_name(std::string_view argv0)
{
  const auto slash = argv0.rfind('/');
  std::string base(slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1));
  const std::string plugin_prefix = "kubectl-";
  if (base.size() > plugin_prefix.size() && base.rfind(plugin_prefix, 0) == 0) {
    std::string plugin = base.substr(plugin_prefix.size());
    std::replace(plugin.begin(), plugin.end(), '_', '-');
    return "kubectl " + plugin;
  }
  return "devk8s";
}

int run(const std::vector<std::string>& args, Streams& streams, const Environment& env, Adapters& adapters,
        const std::string& program)
{
  Context ctx{streams, env, adapters, GlobalOptions{}};
  Action action;
  const auto tree = command_tree(ctx, action, program);
  CLI::App& root = *tree;
  if (!args.empty() && args.front() == "__complete") {
    return print_completions(root, std::vector<std::string>(args.begin() + 1, args.end()), ctx);
  }

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    root.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return print_help(root, root.help(), streams, ctx.color());
  } catch (const CLI::CallForAllHelp&) {
    return print_help(root, root.help("", CLI::AppFormatMode::All), streams, ctx.color());
  } catch (const CLI::ParseError& e) {
    print_error(streams.err, describe_parse_error(root, e), ctx.color());
    return static_cast<int>(util::ExitCode::usage);
  }

  if (auto misplaced = misplaced_cluster_flag(root, ctx.global)) {
    print_error(streams.err, *misplaced, ctx.color());
    return static_cast<int>(util::ExitCode::usage);
  }
  if (ctx.global.version) {
    // `devk8s --version` is `devk8s version`, whatever else is on the line (as git does).
    action = [&ctx] { return print_version(ctx, "text"); };
  }
  if (!action) {
    // A group such as `devk8s` or `devk8s mirror` alone: show what it offers.
    const CLI::App* where = deepest_selected(&root);
    if (where == &root) {
      streams.out << root.help();
      return 0;
    }
    print_error(streams.err,
                util::usage_error(command_path(where) + ": a subcommand is required: " +
                                      util::join(subcommand_names(where), ", "),
                                  "run '" + command_path(where) + " --help'"),
                ctx.color());
    return static_cast<int>(util::ExitCode::usage);
  }

  try {
    auto result = action();
    if (result && util::process_cancel_token().cancelled()) {
      // A command that finished its work anyway still reports the interruption: a script must
      // not take an interrupted run for a complete one.
      result = util::interrupted("the command was stopped; its output may be incomplete");
    }
    if (!result) {
      print_error(streams.err, result.error(), ctx.color());
      return static_cast<int>(result.error().code);
    }
    return static_cast<int>(*result);
  } catch (const std::exception& e) {
    // Only a bug gets here; still one line and a defined exit code, never an abort.
    print_error(streams.err, util::failure(std::string("internal error: ") + e.what(), "please report this"), ctx.color());
    return static_cast<int>(util::ExitCode::failure);
  }
}

int run_main(int argc, char** argv)
{
  const std::vector<std::string> args(argv + 1, argv + argc);
  const std::string program = program_name(argc > 0 ? argv[0] : "devk8s");
  Streams streams{std::cout, std::cerr, std::cin, ::isatty(STDERR_FILENO) == 1};
  streams.out_is_tty = ::isatty(STDOUT_FILENO) == 1;
  streams.in_is_tty = ::isatty(STDIN_FILENO) == 1;
  if (winsize size{}; streams.out_is_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) {
    streams.out_columns = size.ws_col;
  }
  if (winsize size{}; streams.err_is_tty && ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0) {
    streams.err_columns = size.ws_col;
  }
  const Environment env = Environment::from_process();
  util::install_cancel_signals(); // Ctrl-C stops at a step boundary or stops the child (util/cancel.hpp)
  Wiring wiring(env);
  Adapters adapters = wiring.adapters();
  const int code = run(args, streams, env, adapters, program);
  // Interrupted: end by the same signal, once the error is printed, so a shell reports 130 and
  // a script's loop stops as it would for any program killed by Ctrl-C.
  util::reraise_cancel_signal();
  return code;
}

} // namespace devk8s::cli
