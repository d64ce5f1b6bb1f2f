// Completion (cli/completion.hpp) on the real command tree, with the world's values from a double,
// and the man page written from the same tree (cli/man_page.hpp). The scripts themselves run in
// real shells in tests/e2e/test_completion_shells.cpp.
#include "cli/app.hpp"
#include "cli/completion.hpp"
#include "cli/man_page.hpp"
#include "support/cli_harness.hpp"
#include "support/text.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include <functional>

using devk8s::test::has;

namespace {

class CompletionTestValues final : public devk8s::cli::CompletionValues {
public:
  std::vector<std::string> mirrors(const std::vector<std::string>& mirror_files) override
  {
    asked_mirror_files = mirror_files;
    return {"cn", "daocloud", "daocloud-prefix"};
  }
  std::vector<std::string> profiles() override { return {"minikube", "ci"}; }
  std::vector<std::string> contexts(const std::string& kubeconfig) override
  {
    asked_kubeconfig = kubeconfig;
    return {"minikube", "prod"};
  }
  std::vector<std::string> addons() override { return {"dashboard", "storage-provisioner"}; }

  std::vector<std::string> asked_mirror_files;
  std::string asked_kubeconfig = "(not asked)";
};

// The tree `devk8s` parses, built on adapters no completion may use.
struct CompletionTree {
  CompletionTree() : streams{out, err, in}, adapters{fs, runner, http, registry, host, kube}
  {
    ctx = std::make_unique<devk8s::cli::Context>(devk8s::cli::Context{streams, env, adapters, {}});
    root = devk8s::cli::command_tree(*ctx, action);
  }

  devk8s::cli::Completion complete(const std::vector<std::string>& words)
  {
    return devk8s::cli::complete(*root, words, values);
  }

  std::vector<std::string> words(const std::vector<std::string>& line)
  {
    std::vector<std::string> values_of;
    for (const auto& candidate : complete(line).candidates) {
      values_of.push_back(candidate.value);
    }
    return values_of;
  }

  devk8s::test::FakeFileSystem fs;
  devk8s::test::FakeProcessRunner runner;
  devk8s::test::UnusedHttp http;
  devk8s::test::UnusedRegistry registry;
  devk8s::test::UnusedHostProbe host;
  devk8s::test::UnusedKube kube;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  devk8s::cli::Streams streams;
  devk8s::cli::Environment env;
  devk8s::cli::Adapters adapters;
  std::unique_ptr<devk8s::cli::Context> ctx;
  devk8s::cli::Action action;
  std::unique_ptr<CLI::App> root;
  CompletionTestValues values;
};

using CompletionWords = std::vector<std::string>;

bool completion_has_word(const CompletionWords& words, const std::string& word)
{
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Every command of the tree, depth first, with its path ("mirror resolve").
void each_tree_command(const CLI::App& app, const std::string& path,
                  const std::function<void(const CLI::App&, const std::string&)>& visit)
{
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string sub_path = path.empty() ? sub->get_name() : path + " " + sub->get_name();
    visit(*sub, sub_path);
    each_tree_command(*sub, sub_path, visit);
  }
}

} // namespace

TEST_CASE("completion offers the commands, then a command's own commands", "[cli][completion]")
{
  CompletionTree tree;
  const auto top = tree.words({""});
  for (const char* command : {"version", "mirror", "preflight", "install", "retag", "doctor", "start", "smoke", "completion"}) {
    CHECK(completion_has_word(top, command));
  }
  CHECK_FALSE(completion_has_word(top, "__complete"));
  CHECK(tree.words({"sm"}) == CompletionWords{"smoke"});
  CHECK(tree.words({"mirror", ""}) == CompletionWords{"resolve", "list", "show", "rewrite", "check"});
  CHECK(tree.words({"install", ""}) == CompletionWords{"minikube", "kubectl"});
  // A command's description comes along for the shells that show it (zsh, fish).
  const auto smoke = tree.complete({"sm"});
  REQUIRE(smoke.candidates.size() == 1);
  CHECK(has(smoke.candidates[0].description, "storage"));
  CHECK(smoke.directive == devk8s::cli::k_complete_no_files);
}

TEST_CASE("completion offers each command's flags and its parents'", "[cli][completion]")
{
  CompletionTree tree;
  CHECK(tree.words({"doctor", "--p"}) == CompletionWords{"--profile"});
  const auto doctor = tree.words({"doctor", "--"});
  for (const char* flag : {"--fix", "--dry-run", "--output", "--kubeconfig", "--context", "--namespace", "--mirror", "--help",
                           "--verbose", "--no-color"}) {
    CHECK(completion_has_word(doctor, flag));
  }
  // A subcommand's --context hides the root's: offered once.
  CHECK(std::count(doctor.begin(), doctor.end(), "--context") == 1);
  // A lone '-' also offers the short names.
  const auto dash = tree.words({"doctor", "-"});
  CHECK(completion_has_word(dash, "-o"));
  CHECK(completion_has_word(dash, "-p"));
  CHECK_FALSE(completion_has_word(tree.words({"doctor", "--"}), "-o"));
  // A single-valued flag already given is not offered again; flags and lists are.
  CHECK_FALSE(completion_has_word(tree.words({"doctor", "-o", "json", "--"}), "--output"));
  CHECK(completion_has_word(tree.words({"mirror", "resolve", "--mirror-file", "a.yaml", "--"}), "--mirror-file"));
  CHECK(completion_has_word(tree.words({"doctor", "--fix", "--"}), "--fix"));
}

TEST_CASE("completion offers the values a flag takes from a fixed set, per command", "[cli][completion]")
{
  CompletionTree tree;
  CHECK(tree.words({"doctor", "-o", ""}) == CompletionWords{"text", "json", "junit"});
  CHECK(tree.words({"version", "--output", ""}) == CompletionWords{"text", "json"});
  CHECK(tree.words({"preflight", "-o", "w"}) == CompletionWords{"wide"});
  CHECK(tree.words({"mirror", "rewrite", "-o", ""}) == CompletionWords{"yaml", "diff", "json"});
  CHECK(tree.words({"completion", ""}) == CompletionWords{"bash", "zsh", "fish"});
  // --flag=value is one word: the candidates keep the flag.
  CHECK(tree.words({"doctor", "--output=j"}) == CompletionWords{"--output=json", "--output=junit"});
}

TEST_CASE("completion asks the world for mirror names, profiles, contexts and addons", "[cli][completion]")
{
  CompletionTree tree;
  CHECK(tree.words({"mirror", "resolve", "--mirror", ""}) == CompletionWords{"cn", "daocloud", "daocloud-prefix"});
  CHECK(tree.words({"start", "-m", "d"}) == CompletionWords{"daocloud", "daocloud-prefix"});
  CHECK(tree.words({"mirror", "show", ""}) == CompletionWords{"cn", "daocloud", "daocloud-prefix"});
  // The maps of a --mirror-file typed earlier are candidates too.
  tree.words({"mirror", "resolve", "--mirror-file", "my.yaml", "--mirror", ""});
  CHECK(tree.values.asked_mirror_files == CompletionWords{"my.yaml"});

  CHECK(tree.words({"doctor", "-p", ""}) == CompletionWords{"minikube", "ci"});
  CHECK(tree.words({"smoke", "--profile", "c"}) == CompletionWords{"ci"});

  CHECK(tree.words({"doctor", "--context", ""}) == CompletionWords{"minikube", "prod"});
  CHECK(tree.values.asked_kubeconfig.empty());
  // The kubeconfig whose contexts are offered is the one the line names, before or after the command.
  tree.words({"doctor", "--kubeconfig", "/k/config", "--context", "p"});
  CHECK(tree.values.asked_kubeconfig == "/k/config");
  tree.words({"--kubeconfig", "/root/level", "doctor", "--context", ""});
  CHECK(tree.values.asked_kubeconfig == "/root/level");

  CHECK(tree.words({"retag", ""}) == CompletionWords{"dashboard", "storage-provisioner"});
  // An addon already named is not offered again.
  CHECK(tree.words({"retag", "storage-provisioner", ""}) == CompletionWords{"dashboard"});
}

TEST_CASE("completion leaves files and directories to the shell where a flag takes one", "[cli][completion]")
{
  CompletionTree tree;
  const auto rewrite = tree.complete({"mirror", "rewrite", ""});
  CHECK(rewrite.candidates.empty());
  CHECK(rewrite.directive == devk8s::cli::k_complete_default);
  CHECK(tree.complete({"doctor", "--kubeconfig", ""}).directive == devk8s::cli::k_complete_default);
  CHECK(tree.complete({"smoke", "--report-dir", ""}).directive == devk8s::cli::k_complete_directories);
  // A number or a duration: nothing to offer, and no file names either.
  const auto cpus = tree.complete({"start", "--cpus", ""});
  CHECK(cpus.candidates.empty());
  CHECK(cpus.directive == devk8s::cli::k_complete_no_files);
  // After `--` the words are minikube's: the shell's default.
  CHECK(tree.complete({"start", "--", "--dri"}).directive == devk8s::cli::k_complete_default);
  CHECK(tree.complete({"start", "--", "--dri"}).candidates.empty());
}

TEST_CASE("a flag added to the command tree completes with no completion code", "[cli][completion]")
{
  CompletionTree tree;
  std::string value;
  CLI::App* doctor = tree.root->get_subcommand("doctor");
  doctor->add_option("--brand-new", value, "A flag no completion code knows")->check(CLI::IsMember({"alpha", "beta"}));
  CHECK(tree.words({"doctor", "--bra"}) == CompletionWords{"--brand-new"});
  CHECK(tree.words({"doctor", "--brand-new", ""}) == CompletionWords{"alpha", "beta"});
}

TEST_CASE("completion answers in cobra's format, one candidate a line", "[cli][completion]")
{
  devk8s::cli::Completion completion;
  completion.candidates = {{"json", ""}, {"--fix", "Repair\tthe root\ncauses"}};
  completion.directive = devk8s::cli::k_complete_no_files;
  CHECK(devk8s::cli::format_completion(completion) == "json\n--fix\tRepair the root causes\n:4\n");
}

TEST_CASE("devk8s __complete and devk8s completion SHELL", "[cli][completion]")
{
  auto run = devk8s::test::run_cli({"__complete", "version", "-o", ""});
  CHECK(run.code == 0);
  CHECK(run.out == "text\njson\n:4\n");
  CHECK(run.err.empty());
  // A line completion cannot parse is no candidates, never an error in the user's terminal.
  run = devk8s::test::run_cli({"__complete", "--no-such-flag", "nonsense", "-"});
  CHECK(run.code == 0);
  CHECK(run.err.empty());

  run = devk8s::test::run_cli({"completion", "bash"});
  CHECK(run.code == 0);
  CHECK(has(run.out, "complete -F _devk8s_complete devk8s"));
  CHECK(has(devk8s::test::run_cli({"completion", "zsh"}).out, "#compdef devk8s"));
  CHECK(has(devk8s::test::run_cli({"completion", "fish"}).out, "complete -c devk8s -f -a '(__devk8s_complete)'"));
  run = devk8s::test::run_cli({"completion", "tcsh"});
  CHECK(run.code == 2);
  CHECK(has(run.err, "devk8s: error: "));
  CHECK(has(run.err, "tcsh"));
}

TEST_CASE("cluster flags before the command are kubectl's globals", "[cli][completion][plugin]")
{
  // Where no cluster is involved they are refused, not ignored.
  auto run = devk8s::test::run_cli({"--context", "prod", "preflight"});
  CHECK(run.code == 2);
  CHECK(has(run.err, "devk8s: error: --context does not apply to \"devk8s preflight\": it talks to no cluster\n"));
  CHECK(has(run.err, "hint: "));
  run = devk8s::test::run_cli({"-n", "kube-system", "mirror", "list"});
  CHECK(run.code == 2);
  CHECK(has(run.err, "--namespace does not apply to \"devk8s mirror list\""));
  // Help names the plugin by the name it was called by.
  run = devk8s::test::run_cli({"doctor", "--nope"}, {}, false, "kubectl devk8s");
  CHECK(run.code == 2);
  CHECK(has(run.err, "unknown flag \"--nope\" for \"kubectl devk8s doctor\""));
  CHECK(has(run.err, "run 'kubectl devk8s doctor --help'"));

  CHECK(devk8s::cli::program_name("/usr/bin/kubectl-devk8s") == "kubectl devk8s");
  CHECK(devk8s::cli::program_name("kubectl-dev_k8s") == "kubectl dev-k8s");
  CHECK(devk8s::cli::program_name("./build/devk8s") == "devk8s");
  CHECK(devk8s::cli::program_name("kubectl-") == "devk8s");
}

TEST_CASE("the man page documents every command and flag of the tree", "[cli][man]")
{
  CompletionTree tree;
  const std::string page = devk8s::cli::man_page(*tree.root, {"0.1.0", "2026-11-30"});
  CHECK(has(page, ".TH DEVK8S 1 \"2026-11-30\" \"devk8s 0.1.0\" \"User Commands\"\n"));
  for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH GLOBAL FLAGS", ".SH COMMANDS",
                              ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", ".SH SEE ALSO"}) {
    CHECK(has(page, section));
  }
  std::size_t flags = 0;
  each_tree_command(*tree.root, "", [&](const CLI::App& command, const std::string& path) {
    INFO(path);
    CHECK(has(page, ".SS \"devk8s " + path + "\"\n"));
    for (const CLI::Option* opt : command.get_options()) {
      for (const auto& name : opt->get_lnames()) {
        std::string roff_name = "\\-\\-";
        for (const char c : name) {
          roff_name += c == '-' ? std::string("\\-") : std::string(1, c);
        }
        CHECK(has(page, "\\fB" + roff_name + "\\fR"));
        ++flags;
      }
    }
  });
  CHECK(flags > 100);
  // Footers keep their examples; no line starts with a character roff would read as a request.
  CHECK(has(page, "devk8s retag storage-provisioner --dry-run"));
  for (const auto line : devk8s::util::split(page, '\n')) {
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) {
      CHECK((line.size() == 1 || std::isalpha(static_cast<unsigned char>(line[1])) != 0 || line.substr(0, 3) == ".\\\""));
    }
  }
}
