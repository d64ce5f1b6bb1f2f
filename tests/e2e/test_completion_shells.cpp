// The scripts of `devk8s completion bash|zsh|fish` (issue #16) in the real shells, with the built
// binary on PATH as `devk8s`: bash gets the variables readline sets for a completion function
// (COMP_LINE, COMP_POINT, COMP_WORDS, COMP_CWORD) and its COMPREPLY is read back; zsh runs the
// function with compsys's words/CURRENT and compadd recorded; fish answers `complete -C LINE`, its
// own way of asking for a line's completions. Profiles come from the simulated minikube. Where a
// script hands a word to the shell's own file-name completion (readline's, in bash), a real bash
// on a tmux pane is typed at, Tab and all, and its screen read back.
#include "support/run_devk8s.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "util/strings.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <filesystem>
#include <fstream>

namespace {

using devk8s::test::has;
using ShellWords = std::vector<std::string>;

struct ShellSetup {
  ShellSetup()
  {
    std::filesystem::create_directories(bin());
    std::filesystem::create_symlink(DEVK8S_BINARY, bin() + "/devk8s");
    std::filesystem::create_directories(work());
    std::ofstream(work() + "/manifest.yaml") << "kind: Pod\n";
    std::filesystem::create_directories(work() + "/manifests");
    std::ofstream(work() + "/my file.yaml") << "kind: Pod\n";
    std::ofstream(work() + "/kubeconfig.yaml") << "apiVersion: v1\nkind: Config\n";
  }

  std::string bin() const { return dir.path().string() + "/bin"; }
  std::string work() const { return dir.path().string() + "/work"; }

  /// Runs `script` in `shell` (argv) from work(), with only bin(), `more_path` and the system on PATH.
  devk8s::ports::ProcessResult run(const ShellWords& shell, const std::string& script, const std::string& more_path = {},
                                   std::map<std::string, std::string> env = {}) const
  {
    devk8s::ports::Command command;
    command.argv = shell;
    command.argv.push_back("cd " + work() + " && " + script);
    env.try_emplace("PATH", bin() + ":" + (more_path.empty() ? "" : more_path + ":") + "/usr/bin:/bin");
    env.try_emplace("HOME", dir.path().string());
    env.try_emplace("XDG_CONFIG_HOME", dir.path().string() + "/config");
    env.try_emplace("XDG_CACHE_HOME", dir.path().string() + "/cache");
    env.try_emplace("KUBECONFIG", "");
    env.try_emplace("DEVK8S_MIRROR", "");
    command.env = std::move(env);
    command.timeout = std::chrono::seconds(30);
    devk8s::adapters::BoostProcessRunner runner;
    auto result = runner.run(command);
    if (!result) {
      throw std::runtime_error("cannot run " + shell.front() + ": " + result.error().message);
    }
    return *result;
  }

  /// bash's completion of `line` (the cursor at its end): COMPREPLY, one word a line.
  ShellWords bash(const std::string& line, const std::string& more_path = {},
                  std::map<std::string, std::string> env = {}) const
  {
    // COMP_WORDS as readline splits the line (COMP_WORDBREAKS splits at '=' too).
    const std::string script = "source <(devk8s completion bash) || exit 9\n"
                               "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                               "read -r -a COMP_WORDS <<< \"${COMP_LINE//=/ = }\"\n"
                               "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')\n"
                               "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                               // compopt works only while readline completes: recorded here.
                               "compopt() { printf 'compopt %s\\n' \"$*\"; }\n"
                               "_devk8s_complete; rc=$?\n"
                               "printf '%s\\n' \"${COMPREPLY[@]}\"; exit $rc\n";
    const auto result = run({"/bin/bash", "--norc", "--noprofile", "-c"}, script, more_path, std::move(env));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    ShellWords words;
    for (const auto word : devk8s::util::split(result.out, '\n')) {
      if (!word.empty()) {
        words.emplace_back(word);
      }
    }
    return words;
  }

  devk8s::test::TempDir dir;
};

ShellWords shell_sorted(ShellWords words)
{
  std::sort(words.begin(), words.end());
  return words;
}

bool shell_installed(const std::string& program) { return std::filesystem::exists("/usr/bin/" + program); }

} // namespace

TEST_CASE("bash completes devk8s mirror resolve --mirror <TAB> with the map names", "[e2e][completion]")
{
  ShellSetup shell;
  CHECK(shell_sorted(shell.bash("devk8s mirror resolve --mirror ")) == ShellWords{"cn", "daocloud", "daocloud-prefix"});
  // readline replaces the text after '=': the candidates are what follows it.
  CHECK(shell.bash("devk8s mirror resolve --mirror=c") == ShellWords{"cn"});
  // A map of the user's own is offered with the built-in ones.
  std::filesystem::create_directories(shell.dir.path() / "config/devk8s/mirrors");
  std::ofstream(shell.dir.path() / "config/devk8s/mirrors/corp.yaml")
      << "name: corp\ndescription: the company's mirror\nrules:\n  - prefix: docker.io\n    to: mirror.corp.example/hub\n";
  CHECK(shell_sorted(shell.bash("devk8s start --mirror ")) == ShellWords{"cn", "corp", "daocloud", "daocloud-prefix"});
}

TEST_CASE("bash completes commands, flags and fixed values", "[e2e][completion]")
{
  ShellSetup shell;
  CHECK(shell.bash("devk8s sm") == ShellWords{"smoke"});
  CHECK(shell.bash("devk8s mirror re") == ShellWords{"resolve", "rewrite"});
  CHECK(shell.bash("devk8s doctor --fi") == ShellWords{"--fix"});
  CHECK(shell.bash("devk8s doctor -o ") == ShellWords{"text", "json", "junit"});
  CHECK(shell_sorted(shell.bash("devk8s retag ")) ==
        ShellWords{"dashboard", "ingress", "ingress-dns", "metrics-server", "registry", "storage-provisioner"});
  // Files where a command takes files, directories where it takes a directory: readline's own
  // completion of names (the terminal test below types them).
  CHECK(shell.bash("devk8s mirror rewrite ma") == ShellWords{"compopt -o default"});
  CHECK(shell.bash("devk8s smoke --report-dir ma") == ShellWords{"compopt -o dirnames"});
  CHECK(shell.bash("devk8s doctor --kubeconfig=ku") == ShellWords{"compopt -o default"});
  // Short flags, partly typed or with their value attached.
  CHECK(shell.bash("devk8s doctor -o") == ShellWords{"-o"});
  CHECK(shell.bash("devk8s doctor -oj") == ShellWords{"-ojson", "-ojunit"});
  // kubectl's global flags are offered where they apply, and not where devk8s would refuse them.
  CHECK(shell.bash("devk8s --con") == ShellWords{"--context"});
  CHECK(shell.bash("devk8s doctor --con") == ShellWords{"--context"});
  CHECK(shell.bash("devk8s preflight --con").empty());
  // Nothing where nothing fits, and never file names for a number.
  CHECK(shell.bash("devk8s start --cpus ").empty());
  CHECK(shell.bash("devk8s nosuch ").empty());
}

TEST_CASE("bash completes -p with minikube's profiles, and gives up on a minikube that hangs", "[e2e][completion]")
{
  ShellSetup shell;
  devk8s::test::SimCluster sim("healthy", false);
  CHECK(shell.bash("devk8s doctor -p ", DEVK8S_SIM_BIN_DIR, {{"DEVK8S_SIM_STATE", sim.state_dir()}}) ==
        ShellWords{"minikube"});

  const std::string slow = shell.dir.path().string() + "/slow";
  std::filesystem::create_directories(slow);
  std::ofstream(slow + "/minikube") << "#!/bin/sh\nsleep 20\n";
  std::filesystem::permissions(slow + "/minikube", std::filesystem::perms::owner_all);
  const auto started = std::chrono::steady_clock::now();
  CHECK(shell.bash("devk8s smoke --profile ", slow).empty());
  const auto took = std::chrono::steady_clock::now() - started;
  // One second for minikube, plus bash and devk8s starting (under a sanitizer in CI).
  CHECK(took < std::chrono::seconds(6));
}

TEST_CASE("bash completes --context with the kubeconfig's contexts", "[e2e][completion]")
{
  ShellSetup shell;
  const std::string kubeconfig = shell.dir.path().string() + "/kubeconfig";
  std::ofstream(kubeconfig) << "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts:\n"
                               "- name: minikube\n  context: {cluster: minikube, user: minikube}\n"
                               "- name: prod-eu\n  context: {cluster: prod, user: admin}\n";
  CHECK(shell.bash("devk8s doctor --context ", {}, {{"KUBECONFIG", kubeconfig}}) == ShellWords{"minikube", "prod-eu"});
  CHECK(shell.bash("devk8s smoke --kubeconfig " + kubeconfig + " --context p") == ShellWords{"prod-eu"});
  // A path the shell has not expanded yet, as it is typed.
  CHECK(shell.bash("devk8s doctor --kubeconfig ~/kubeconfig --context ") == ShellWords{"minikube", "prod-eu"});
  // A path with a blank, quoted or escaped as it is typed: one word to devk8s, as to the command.
  const std::string spaced = shell.dir.path().string() + "/my configs";
  std::filesystem::create_directories(spaced);
  std::filesystem::copy_file(kubeconfig, spaced + "/kube config");
  CHECK(shell.bash("devk8s doctor --kubeconfig \"" + spaced + "/kube config\" --context p") == ShellWords{"prod-eu"});
  const std::string escaped = shell.dir.path().string() + "/my\\ configs/kube\\ config";
  CHECK(shell.bash("devk8s doctor --kubeconfig=" + escaped + " --context m") == ShellWords{"minikube"});
  // The line is read, never run.
  CHECK(shell.bash("devk8s doctor --kubeconfig \"$(touch ran)\" --context ").empty());
  CHECK_FALSE(std::filesystem::exists(shell.work() + "/ran"));
}

TEST_CASE("zsh completes through compsys's compadd", "[e2e][completion]")
{
  if (!shell_installed("zsh")) {
    WARN("zsh is not installed (scripts/apt-packages.txt installs it): not tested");
    return;
  }
  ShellSetup shell;
  // compadd and _files recorded: the function is run as compsys runs it, with words and CURRENT.
  const std::string stubs = "compadd() { local -a v; while (( $# )); do case $1 in --) shift; v=(\"$@\"); break;; "
                            "-d|-S|-J|-X|-o) shift 2;; *) shift;; esac; done; print -l -- $v; }\n"
                            "_files() { print -- '<files>'; }\n_path_files() { print -- \"<dirs $*>\"; }\n";
  const auto complete = [&](const std::string& words, int current) {
    const auto result = shell.run({"/usr/bin/zsh", "-f", "-c"}, "source <(devk8s completion zsh) || exit 9\n" + stubs +
                                                                    "words=(" + words + "); CURRENT=" +
                                                                    std::to_string(current) + "\n_devk8s\n");
    INFO(result.err);
    CHECK(result.exit_code == 0);
    return result.out;
  };
  CHECK(complete("devk8s mirror resolve --mirror ''", 5) == "cn\ndaocloud\ndaocloud-prefix\n");
  CHECK(complete("devk8s doctor -o j", 4) == "json\njunit\n");
  CHECK(complete("devk8s mirror rewrite ''", 4) == "<files>\n");
  CHECK(complete("devk8s smoke --report-dir ''", 4) == "<dirs -/>\n");
  CHECK(complete("devk8s doctor -oj", 4) == "-ojson\n-ojunit\n");
  // Installed in fpath and loaded by compinit, the file registers itself for devk8s.
  const auto registered = shell.run({"/usr/bin/zsh", "-f", "-c"},
                                    "mkdir -p fn && devk8s completion zsh > fn/_devk8s && fpath=($PWD/fn $fpath) && "
                                    "autoload -U compinit && compinit -u -d $PWD/zcompdump && print -- $_comps[devk8s]");
  INFO(registered.err);
  CHECK(registered.out == "_devk8s\n");
}

TEST_CASE("fish completes through complete -C", "[e2e][completion]")
{
  if (!shell_installed("fish")) {
    WARN("fish is not installed (scripts/apt-packages.txt installs it): not tested");
    return;
  }
  ShellSetup shell;
  const auto complete = [&](const std::string& line) {
    const auto result = shell.run({"/usr/bin/fish", "--no-config", "-c"},
                                  "devk8s completion fish | source; complete -C'" + line + "'");
    INFO(result.err);
    CHECK(result.exit_code == 0);
    return result.out;
  };
  CHECK(complete("devk8s mirror resolve --mirror ") == "cn\ndaocloud\ndaocloud-prefix\n");
  // fish shows the descriptions beside the candidates.
  CHECK(has(complete("devk8s sm"), "smoke\tProve the cluster runs real workloads"));
  CHECK(complete("devk8s mirror rewrite manifest.y") == "manifest.yaml\n");
  // A name after --flag= and a name with a space, as fish escapes it on the line.
  CHECK(has(complete("devk8s doctor --kubeconfig=kubec"), "--kubeconfig=kubeconfig.yaml"));
  CHECK(has(complete("devk8s mirror rewrite my\\ f"), "my file.yaml"));
  CHECK(complete("devk8s smoke --report-dir manif") == "manifests/\tDirectory\n");
}

namespace {

// An interactive bash on a tmux pane: keys typed, the screen read, as a user at a terminal.
class TmuxBash {
public:
  explicit TmuxBash(const ShellSetup& shell) : m_shell(shell), m_socket(shell.dir.path().string() + "/tmux.sock")
  {
    tmux({"-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50", "/bin/bash --norc --noprofile"});
    keys({"PS1='$ '; cd " + shell.work() + " && source <(devk8s completion bash) && clear", "Enter"});
    wait_for("$ ");
  }
  ~TmuxBash() { tmux({"kill-server"}); }
  TmuxBash(const TmuxBash&) = delete;
  TmuxBash& operator=(const TmuxBash&) = delete;

  /// Types `line`, presses Tab, and gives the screen once `expected` shows (or after 10 s).
  std::string complete(const std::string& line, const std::string& expected)
  {
    keys({"C-u"});
    keys({"-l", line});
    keys({"Tab"});
    return wait_for(expected);
  }

private:
  devk8s::ports::ProcessResult tmux(std::vector<std::string> args) const
  {
    args.insert(args.begin(), {"/usr/bin/tmux", "-S", m_socket});
    devk8s::ports::Command command;
    command.argv = args;
    command.env = {{"PATH", m_shell.bin() + ":/usr/bin:/bin"},
                   {"HOME", m_shell.dir.path().string()},
                   {"XDG_CONFIG_HOME", m_shell.dir.path().string() + "/config"},
                   {"TERM", "xterm"},
                   {"KUBECONFIG", ""}};
    command.timeout = std::chrono::seconds(20);
    devk8s::adapters::BoostProcessRunner runner;
    auto result = runner.run(command);
    if (!result) {
      throw std::runtime_error("cannot run tmux: " + result.error().message);
    }
    return *result;
  }

  void keys(std::vector<std::string> keys) const
  {
    keys.insert(keys.begin(), {"send-keys", "-t", "0"});
    tmux(keys);
  }

  std::string wait_for(const std::string& text) const
  {
    std::string screen;
    for (int i = 0; i < 100; ++i) {
      screen = tmux({"capture-pane", "-p", "-N", "-t", "0"}).out; // -N: trailing spaces kept
      if (has(screen, text)) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return screen;
  }

  const ShellSetup& m_shell;
  std::string m_socket;
};

} // namespace

TEST_CASE("bash at a terminal: Tab completes values, and names the way readline quotes them", "[e2e][completion]")
{
  if (!shell_installed("tmux")) {
    WARN("tmux is not installed (scripts/apt-packages.txt installs it): not tested");
    return;
  }
  ShellSetup shell;
  TmuxBash bash(shell);
  const auto typed = [&](const std::string& line, const std::string& wanted) {
    const std::string screen = bash.complete(line, wanted);
    INFO(screen);
    CHECK(has(screen, "$ " + wanted));
  };
  typed("devk8s mirror resolve --mirror c", "devk8s mirror resolve --mirror cn ");
  typed("devk8s mirror rewrite my\\ f", "devk8s mirror rewrite my\\ file.yaml ");
  typed("devk8s doctor --kubeconfig=kubec", "devk8s doctor --kubeconfig=kubeconfig.yaml ");
  // A directory only, where a directory is wanted (manifest.yaml also starts with "ma").
  typed("devk8s smoke --report-dir ma", "devk8s smoke --report-dir manifests/");
  typed("devk8s doctor -o ju", "devk8s doctor -o junit ");
}
