// devk8s install end to end: cli::run in-process on the real adapters against
// tests/support/release_server.py, pointed there by --downloads-file, the way a user adds a
// source; Ctrl-C is sent to the built binary, whose process the signal ends.
#include "adapters/process/boost_process_runner.hpp"
#include "support/cli_harness.hpp"
#include "support/release_server.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

using namespace devk8s;

namespace {

struct Setup {
  test::ReleaseServer server;
  test::TempDir home;
  std::string bin = (home.path() / "bin").string();

  std::string downloads(const std::vector<std::pair<std::string, std::string>>& sources) const
  {
    return home.write("downloads.yaml", server.downloads_yaml(sources));
  }
  ports::ProcessResult install(std::vector<std::string> args, const std::string& file) const
  {
    args.insert(args.begin(), "install");
    args.insert(args.end(), {"--downloads-file", file, "--dir", bin});
    return test::run_in_process(args, {}, {{"HOME", home.path().string()}, {"PATH", "/usr/bin:/bin"}});
  }
  std::vector<std::string> bin_files() const
  {
    std::vector<std::string> names;
    if (std::filesystem::exists(bin)) {
      for (const auto& entry : std::filesystem::directory_iterator(bin)) {
        names.push_back(entry.path().filename().string());
      }
    }
    std::sort(names.begin(), names.end());
    return names;
  }
  std::string run_installed(const std::string& name, const std::vector<std::string>& args) const
  {
    adapters::BoostProcessRunner runner;
    ports::Command command;
    command.argv = {bin + "/" + name};
    command.argv.insert(command.argv.end(), args.begin(), args.end());
    return runner.run(command)->out;
  }
};

} // namespace

TEST_CASE("install minikube: downloaded from the first source that works and verified", "[install]")
{
  Setup s;
  SECTION("success: the latest version from releases.json; the installed binary runs")
  {
    const auto r = s.install({"minikube"}, s.downloads({{"official", "ok"}}));
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "installed minikube v1.20.0 at " + s.bin + "/minikube\n");
    CHECK(s.run_installed("minikube", {"version", "-o", "json"}).find("\"minikubeVersion\": \"v1.20.0\"") != std::string::npos);
    CHECK((std::filesystem::status(s.bin + "/minikube").permissions() & std::filesystem::perms::all) ==
          static_cast<std::filesystem::perms>(0755));
    CHECK(s.bin_files() == std::vector<std::string>{"minikube"});
    CHECK(r.err.find("sha256") != std::string::npos);
    CHECK(r.err.find("is not on PATH") != std::string::npos);
  }
  SECTION("a 404 then a working second source: each failure is reported")
  {
    const auto r = s.install({"minikube", "--version", "v1.20.0"}, s.downloads({{"official", "missing"}, {"second", "ok"}}));
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("devk8s: official (" + s.server.url("/missing/v1.20.0/minikube-linux-amd64") + "): ") != std::string::npos);
    CHECK(r.err.find("HTTP 404") != std::string::npos);
    CHECK(s.bin_files() == std::vector<std::string>{"minikube"});
  }
  SECTION("--mirror puts a source first")
  {
    const auto r = s.install({"minikube", "--version", "v1.20.0", "--mirror", "second"},
                             s.downloads({{"official", "missing"}, {"second", "ok"}}));
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("official (") == std::string::npos);
  }
  SECTION("a checksum mismatch installs nothing and says so")
  {
    const auto r = s.install({"minikube", "--version", "v1.20.0"}, s.downloads({{"official", "badsum"}}));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("checksum mismatch") != std::string::npos);
    CHECK(r.err.find("nothing installed") != std::string::npos);
    CHECK(s.bin_files().empty());
  }
  SECTION("a body cut short every time fails after the attempts and leaves no partial file")
  {
    const auto r = s.install({"minikube", "--version", "v1.20.0", "--retries", "1"}, s.downloads({{"official", "truncate"}}));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("attempt 1 of 2 failed") != std::string::npos);
    CHECK(r.err.find("cannot install minikube v1.20.0 from any source") != std::string::npos);
    CHECK(s.bin_files().empty());
  }
  SECTION("an interrupted download is resumed with Range")
  {
    const auto r = s.install({"minikube", "--version", "v1.20.0"}, s.downloads({{"official", "flaky"}}));
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("resuming at 256.0 KiB") != std::string::npos);
    const auto ranges = s.server.stats().at("/flaky/v1.20.0/minikube-linux-amd64");
    CHECK(ranges == nlohmann::json::array({"", "bytes=262144-"}));
    CHECK(s.run_installed("minikube", {"version", "-o", "json"}).find("v1.20.0") != std::string::npos);
  }
  SECTION("a server that ignores Range: the whole file again")
  {
    const auto r = s.install({"minikube", "--version", "v1.20.0"}, s.downloads({{"official", "norange"}}));
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(s.server.stats().at("/norange/v1.20.0/minikube-linux-amd64") == nlohmann::json::array({"", "bytes=262144-"}));
    CHECK(std::filesystem::file_size(s.bin + "/minikube") == 512u << 10);
  }
  SECTION("a stalled server times out")
  {
    const auto started = std::chrono::steady_clock::now();
    const auto r = s.install({"minikube", "--version", "v1.20.0", "--timeout", "1s", "--retries", "0"},
                             s.downloads({{"official", "stall"}}));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("timeout: no data for 1000 ms (stalled)") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    CHECK(s.bin_files().empty());
  }
  SECTION("a binary that reports another version is not installed")
  {
    const auto r = s.install({"minikube", "--version", "v1.20.0"}, s.downloads({{"official", "liar"}}));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("the downloaded minikube reports v0.0.1, not v1.20.0") != std::string::npos);
    CHECK(s.bin_files().empty());
  }
}

TEST_CASE("install: the target directory and an existing binary", "[install]")
{
  Setup s;
  const std::string file = s.downloads({{"official", "ok"}});
  SECTION("a read-only target directory")
  {
    std::filesystem::create_directories(s.bin);
    std::filesystem::permissions(s.bin, static_cast<std::filesystem::perms>(0555));
    const auto r = s.install({"kubectl", "--version", "v1.20.2"}, file);
    std::filesystem::permissions(s.bin, static_cast<std::filesystem::perms>(0755));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot write in " + s.bin) != std::string::npos);
    CHECK(r.err.find("hint: choose a directory you own with --dir DIR") != std::string::npos);
    CHECK(s.bin_files().empty());
  }
  SECTION("an existing different binary is kept without --force and backed up with it")
  {
    REQUIRE(s.install({"kubectl", "--version", "v1.17.9"}, file).exit_code == 0);
    const auto refused = s.install({"kubectl", "--version", "v1.20.2"}, file);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find(s.bin + "/kubectl is kubectl v1.17.9, not v1.20.2: refusing to replace it") != std::string::npos);
    CHECK(refused.err.find("hint: add --force") != std::string::npos);
    CHECK(s.run_installed("kubectl", {"version", "--client", "-o", "json"}).find("v1.17.9") != std::string::npos);

    const auto forced = s.install({"kubectl", "--version", "v1.20.2", "--force"}, file);
    CAPTURE(forced.err);
    REQUIRE(forced.exit_code == 0);
    CHECK(s.bin_files() == std::vector<std::string>{"kubectl", "kubectl.old"});
    CHECK(s.run_installed("kubectl", {"version", "--client", "-o", "json"}).find("v1.20.2") != std::string::npos);
    CHECK(s.run_installed("kubectl.old", {"version", "--client", "-o", "json"}).find("v1.17.9") != std::string::npos);

    // Back again: kubectl.old is an earlier backup and stays; this one goes to the first free name.
    const auto third = s.install({"kubectl", "--version", "v1.17.9", "--force"}, file);
    CAPTURE(third.err);
    REQUIRE(third.exit_code == 0);
    CHECK(third.out == "installed kubectl v1.17.9 at " + s.bin + "/kubectl (previous one kept as " + s.bin + "/kubectl.old.1)\n");
    CHECK(s.bin_files() == std::vector<std::string>{"kubectl", "kubectl.old", "kubectl.old.1"});
    CHECK(s.run_installed("kubectl.old", {"version", "--client", "-o", "json"}).find("v1.17.9") != std::string::npos);
    CHECK(s.run_installed("kubectl.old.1", {"version", "--client", "-o", "json"}).find("v1.20.2") != std::string::npos);
  }
  SECTION("the same version already there: nothing to do")
  {
    REQUIRE(s.install({"kubectl"}, file).exit_code == 0); // stable.txt: v1.20.2
    const auto again = s.install({"kubectl", "--version", "v1.20.2"}, file);
    CHECK(again.exit_code == 0);
    CHECK(again.out == "kubectl v1.20.2 is already installed at " + s.bin + "/kubectl\n");
  }
  SECTION("--dry-run prints the plan and changes nothing")
  {
    const auto r = s.install({"kubectl", "--version", "v1.20.2", "--dry-run"}, file);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Install kubectl v1.20.2 (1 step)\n"
                   "  1. install kubectl v1.20.2 to " + s.bin + "/kubectl\n"
                   "     download " + s.server.url("/ok/v1.20.2/kubectl") + "\n"
                   "     verify sha256, install " + s.bin + "/kubectl (mode 0755)\n");
    CHECK(s.bin_files().empty());
  }
  SECTION("--dry-run finds what the real run would: a directory that cannot be written")
  {
    // From finding 15 of issue 9: `--dry-run --dir /proc` printed a plan and exited 0.
    const auto proc = test::run_in_process({"install", "kubectl", "--version", "v1.20.2", "--dry-run", "--downloads-file",
                                            file, "--dir", "/proc"},
                                           {}, {{"HOME", s.home.path().string()}, {"PATH", "/usr/bin:/bin"}});
    CHECK(proc.exit_code == 1);
    CHECK(proc.out.empty());
    CHECK(proc.err == "devk8s: error: cannot write in /proc: the directory is read-only\n"
                      "hint: choose a directory you own with --dir DIR (the default is ~/.local/bin); nothing was changed\n");

    std::filesystem::create_directories(s.bin);
    std::filesystem::permissions(s.bin, static_cast<std::filesystem::perms>(0555));
    const auto dry = s.install({"kubectl", "--version", "v1.20.2", "--dry-run"}, file);
    const auto real = s.install({"kubectl", "--version", "v1.20.2"}, file);
    std::filesystem::permissions(s.bin, static_cast<std::filesystem::perms>(0755));
    CHECK(dry.exit_code == 1);
    CHECK(dry.out.empty());
    CHECK(dry.err == real.err);
    CHECK(real.exit_code == 1);
  }
}

TEST_CASE("install: bad input is one line and a hint", "[install]")
{
  Setup s;
  const std::string file = s.downloads({{"official", "ok"}});
  SECTION("an unknown source")
  {
    const auto r = s.install({"minikube", "--mirror", "secnod"}, s.downloads({{"official", "ok"}, {"second", "ok"}}));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown download source \"secnod\" (did you mean \"second\"?)") != std::string::npos);
  }
  SECTION("a bad version")
  {
    const auto r = s.install({"kubectl", "--version", "latest-ish"}, file);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: --version: ", 0) == 0);
  }
  SECTION("--retries: the same name, range and words as for the registry flags")
  {
    for (const std::string bad : {"abc", "11", "-1"}) {
      const auto r = s.install({"minikube", "--retries", bad}, file);
      CHECK(r.exit_code == 2);
      CHECK(r.err.rfind("devk8s: error: --retries must be a whole number from 0 to 10, got \"" + bad + "\"\n", 0) == 0);
    }
  }
  SECTION("--version and --match-cluster together")
  {
    const auto r = s.install({"kubectl", "--version", "v1.20.2", "--match-cluster"}, file);
    CHECK(r.exit_code == 2);
  }
  SECTION("the cluster flags without --match-cluster: refused, not ignored")
  {
    // They once did nothing here: the latest kubectl was installed, whatever the cluster ran.
    const std::vector<std::vector<std::string>> lines{{"kubectl", "--context", "prod"},
                                                      {"kubectl", "--kubeconfig", "/k"},
                                                      {"kubectl", "-p", "other"},
                                                      {"kubectl", "--allow-exec-plugin", "--dry-run"}};
    for (const auto& line : lines) {
      const auto r = s.install(line, file);
      CAPTURE(line);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err == "devk8s: error: --context, --kubeconfig, --allow-exec-plugin and -p choose the cluster for "
                     "--match-cluster: without it they do nothing\n"
                     "hint: add --match-cluster to install the version that cluster runs, or leave them out\n");
    }
    const auto before = test::run_in_process({"--context", "prod", "install", "kubectl", "--downloads-file", file, "--dir", s.bin},
                                             {}, {{"HOME", s.home.path().string()}, {"PATH", "/usr/bin:/bin"}});
    CHECK(before.exit_code == 2);
    CHECK(before.err.rfind("devk8s: error: --context, --kubeconfig", 0) == 0);
    CHECK(s.bin_files().empty());
  }
  SECTION("a --downloads-file that is not there is usage, as a missing --mirror-file is (found by review)")
  {
    const auto r = s.install({"minikube"}, s.home.file("nonexistent.yaml"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: --downloads-file \"" + s.home.file("nonexistent.yaml") + "\": no such file\n", 0) == 0);
  }
  SECTION("a typo in a downloads file")
  {
    const std::string bad = s.home.write("bad.yaml", "sources:\n  - name: x\n    minikube:\n      url: http://127.0.0.1:1/{verison}\n      checksum: \"{url}.sha256\"\n");
    const auto r = s.install({"minikube"}, bad);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(bad + ":4: source 1 minikube url: unknown placeholder \"{verison}\" (did you mean \"{version}\"?)") !=
          std::string::npos);
  }
}

TEST_CASE("install: sources from the user's config file and DEVK8S_MIRROR", "[install]")
{
  Setup s;
  test::TempDir config;
  config.write("devk8s/downloads.yaml", s.server.downloads_yaml({{"official", "missing"}, {"second", "ok"}}));
  const auto r = test::run_in_process({"install", "minikube", "--version", "v1.20.0", "--dir", s.bin},
                                      {}, {{"HOME", s.home.path().string()}, {"XDG_CONFIG_HOME", config.path().string()},
                                           {"DEVK8S_MIRROR", "second"}, {"PATH", "/usr/bin:/bin"}});
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("downloading minikube v1.20.0 from second") != std::string::npos);
  CHECK(r.err.find("official (") == std::string::npos); // DEVK8S_MIRROR put "second" first
}

TEST_CASE("install: Ctrl-C during a download removes the partial file", "[install]")
{
  Setup s;
  const std::string file = s.downloads({{"official", "stall"}});
  std::filesystem::create_directories(s.bin);
  const std::string home = "HOME=" + s.home.path().string();
  std::vector<std::string> args = {DEVK8S_BINARY, "install", "minikube", "--version", "v1.20.0",
                                   "--downloads-file", file, "--dir", s.bin, "--timeout", "30s"};
  std::vector<char*> argv;
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  std::string no_proxy = "NO_PROXY=127.0.0.1";
  std::string xdg = "XDG_CONFIG_HOME=/nonexistent-devk8s-test-config";
  std::vector<char*> envp = {const_cast<char*>(home.c_str()), no_proxy.data(), xdg.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) == 0);
  posix_spawn_file_actions_destroy(&actions);
  // Wait for the partial download to appear: the server sends half, then nothing.
  bool partial = false;
  for (int i = 0; i < 100 && !partial; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto files = s.bin_files();
    partial = files.size() == 1 && files.front().rfind("minikube.devk8s-download-", 0) == 0 &&
              std::filesystem::file_size(s.bin + "/" + files.front()) > 0;
  }
  CHECK(partial);
  ::kill(pid, SIGINT);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  CHECK(s.bin_files().empty());
}
