#include "cli/man_page.hpp"

#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <sstream>

namespace devk8s::cli {

namespace {

// Text as roff shows it literally: backslashes escaped, a line that starts with a control
// character ('.' or '\'') kept from being read as a request, '-' as a real minus in flags.
std::string roff(std::string_view text, bool minus = false)
{
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) {
      out += "\\&";
    }
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-' && minus) {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string command_path(const CLI::App* app)
{
  std::string path;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    path = path.empty() ? a->get_name() : a->get_name() + " " + path;
  }
  return path;
}

bool is_positional(const CLI::Option* opt) { return opt->get_positional() && !opt->nonpositional(); }

// FORMAT of "FORMAT:{text,json}": the allowed values are in the flag's description already.
std::string value_name(const CLI::Option* opt)
{
  const std::string type = opt->get_type_name();
  return type.substr(0, type.find(':'));
}

// `with_help`: -h, --help is said once, with the global flags, not under every command.
void write_flags(std::ostream& out, const CLI::App& app, bool with_help)
{
  for (const CLI::Option* opt : app.get_options()) {
    if (is_positional(opt) || opt->get_group().empty() || (!with_help && opt == app.get_help_ptr())) {
      continue;
    }
    std::string names;
    for (const auto& s : opt->get_snames()) {
      names += std::string(names.empty() ? "" : ", ") + "\\fB" + roff("-" + s, true) + "\\fR";
    }
    for (const auto& l : opt->get_lnames()) {
      names += std::string(names.empty() ? "" : ", ") + "\\fB" + roff("--" + l, true) + "\\fR";
    }
    if (opt->get_expected_max() > 0 && opt->get_type_size_max() > 0 && !value_name(opt).empty()) {
      names += " \\fI" + roff(value_name(opt)) + "\\fR";
    }
    out << ".TP\n" << names << "\n" << roff(opt->get_description()) << "\n";
  }
}

void write_positionals(std::ostream& out, const CLI::App& app)
{
  for (const CLI::Option* opt : app.get_options()) {
    if (is_positional(opt)) {
      out << ".TP\n\\fI" << roff(opt->get_name(true, false)) << "\\fR\n" << roff(opt->get_description()) << "\n";
    }
  }
}

std::string usage(const CLI::App& app)
{
  std::string line = "\\fB" + roff(command_path(&app)) + "\\fR";
  bool flags = false;
  for (const CLI::Option* opt : app.get_options()) {
    flags = flags || (!is_positional(opt) && opt->get_group() != "" && opt->get_lnames() != std::vector<std::string>{"help"});
  }
  if (flags) {
    line += " [\\fIflags\\fR]";
  }
  for (const CLI::Option* opt : app.get_options()) {
    if (!is_positional(opt)) {
      continue;
    }
    std::string word = "\\fI" + roff(opt->get_name(true, false)) + "\\fR";
    if (opt->get_items_expected_max() > 1) {
      word += "...";
    }
    line += " " + (opt->get_required() ? word : "[" + word + "]");
  }
  if (!app.get_subcommands({}).empty()) {
    line += " \\fIcommand\\fR";
  }
  return line;
}

void write_command(std::ostream& out, const CLI::App& app)
{
  out << ".SS \"" << roff(command_path(&app)) << "\"\n" << roff(app.get_description()) << "\n";
  out << ".PP\n" << usage(app) << "\n";
  if (!app.get_subcommands({}).empty()) {
    out << ".PP\nCommands: ";
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) {
      names.push_back("\\fB" + roff(sub->get_name()) + "\\fR");
    }
    out << util::join(names, ", ") << ".\n";
  }
  write_positionals(out, app);
  write_flags(out, app, false);
  if (!app.get_footer().empty()) {
    // The footer is laid out for a terminal (examples, aligned comments): kept as it is.
    out << ".PP\n.RS 4\n.nf\n" << roff(app.get_footer()) << "\n.fi\n.RE\n";
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_group().empty()) {
      write_command(out, *sub);
    }
  }
}

// What no command's help holds. Kept to what the code reads (cli/context.cpp, cli/*_options.cpp,
// app/mirror_maps.cpp, app/download_sources.cpp).
const char* const k_environment = R"(.TP
.B KUBECONFIG
The kubeconfig files to read, as kubectl reads them (default ~/.kube/config); \fB\-\-kubeconfig\fR wins.
.TP
.B DEVK8S_MIRROR
The mirror map to use when no \fB\-\-mirror\fR is given (cn, daocloud, daocloud\-prefix or a user map).
.TP
.B DEVK8S_REGISTRY_CREDS
Registry credentials, comma-separated HOST=USER:PASSWORD as \fB\-\-creds\fR takes them; never printed.
.TP
.B DOCKER_CONFIG
The directory of Docker's config.json, read for registry credentials (default ~/.docker).
.TP
.B DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH
The Docker daemon preflight and start ask, as the docker CLI reads them.
.TP
.B MINIKUBE_HOME
minikube's directory (default ~/.minikube).
.TP
.B XDG_CONFIG_HOME
devk8s reads its configuration from $XDG_CONFIG_HOME/devk8s (default ~/.config/devk8s).
.TP
.B XDG_CACHE_HOME
Credentials from kubeconfig exec plugins are kept in $XDG_CACHE_HOME/devk8s until they expire (default ~/.cache/devk8s).
.TP
.B NO_COLOR, TERM
No colour when NO_COLOR is set or TERM is dumb (also \fB\-\-no\-color\fR).
.TP
.B COLUMNS
The width of tables on standard output.
)";

const char* const k_files = R"(.TP
.I ~/.config/devk8s/mirrors/*.yaml
The user's mirror maps; one with the name of a built-in map replaces it.
.TP
.I ~/.config/devk8s/downloads.yaml
The user's download sources for \fBdevk8s install\fR.
.TP
.I /usr/share/devk8s/mirrors
The built-in mirror maps (compiled into the binary; these copies document them) and their format (README.md).
)";

} // namespace

std::string man_page(const CLI::App& root, const ManPageInfo& info)
{
  std::ostringstream out;
  out << ".\\\" Generated from devk8s's command tree (src/cli/man_page.cpp); edit the commands, not this page.\n";
  out << ".TH DEVK8S 1 \"" << info.date << "\" \"devk8s " << roff(info.version) << "\" \"User Commands\"\n";
  out << ".SH NAME\ndevk8s \\- a healthy local Kubernetes cluster on minikube, through image mirrors\n";
  out << ".SH SYNOPSIS\n.B devk8s\n[\\fIglobal flags\\fR] \\fIcommand\\fR [\\fIflags\\fR] [\\fIarguments\\fR]\n";
  out << ".br\n.B kubectl devk8s\n\\fIcommand\\fR [\\fIflags\\fR] [\\fIarguments\\fR]\n";
  out << ".SH DESCRIPTION\n" << roff(root.get_description()) << "\n";
  out << ".PP\nInstalled beside kubectl as \\fBkubectl\\-devk8s\\fR, devk8s is also a kubectl plugin: "
         "\\fBkubectl devk8s doctor\\fR. kubectl hands a plugin everything after its name, so kubectl's "
         "global flags (\\fB\\-\\-kubeconfig\\fR, \\fB\\-\\-context\\fR, \\fB\\-n\\fR) come after "
         "\\fBdevk8s\\fR there.\n";
  out << ".SH GLOBAL FLAGS\n";
  write_flags(out, root, true);
  out << ".SH COMMANDS\n";
  for (const CLI::App* sub : root.get_subcommands({})) {
    if (!sub->get_group().empty()) {
      write_command(out, *sub);
    }
  }
  out << ".SH EXIT STATUS\n" << roff(root.get_footer()) << "\n";
  out << ".PP\nEach command's own codes are listed with it above.\n";
  out << ".SH ENVIRONMENT\n" << k_environment;
  out << ".SH FILES\n" << k_files;
  out << ".SH SEE ALSO\n\\fBminikube\\fR(1), \\fBkubectl\\fR(1), \\fBdocker\\fR(1)\n";
  return out.str();
}

} // namespace devk8s::cli
