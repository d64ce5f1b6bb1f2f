// The InstallBinary step through RealExecutor, on the fake file system, HTTP client and process
// runner: what the installer leaves on disk, and what it does not start. The real download,
// resume and Ctrl-C are in tests/cli/test_cmd_install.cpp.
#include "util/sha256.hpp"
#include "exec/executor.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_http_client.hpp"
#include "support/fake_process_runner.hpp"
#include "support/recording_reporter.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace devk8s;

namespace {

const std::string k_dir = "/home/u/.local/bin";
const std::string k_path = k_dir + "/minikube";
const std::string k_url = "https://dl.example/v1.20.0/minikube-linux-amd64";
const std::string k_sum_url = k_url + ".sha256";
const std::string k_binary = "the new minikube";

std::string sha256_hex(std::string_view data)
{
  return util::sha256_digest(data).substr(std::string("sha256:").size());
}

struct Harness {
  test::FakeFileSystem fs;
  test::FakeHttpClient http;
  test::FakeProcessRunner runner;
  std::ostringstream progress;
  test::RecordingReporter reporter;
  std::uint64_t max_bytes = std::uint64_t{1} << 30;
  std::vector<core::plan::DownloadCandidate> candidates{{"official", k_url, {k_sum_url}}};

  Harness()
  {
    http.script(k_url, {test::FakeHttpClient::ok(k_binary)});
    http.script(k_sum_url, {test::FakeHttpClient::ok(sha256_hex(k_binary) + "  minikube-linux-amd64\n")});
    // The fake stages the first file as <path>.devk8s-download-1: the new binary runs from there.
    runner.script(k_path + ".devk8s-download-1 version -o json",
                  ports::ProcessResult{0, R"({"minikubeVersion": "v1.20.0", "commit": "x"})", "", false});
  }

  util::Result<void> install(const std::optional<std::string>& backup)
  {
    core::plan::InstallBinary step;
    step.tool = "minikube";
    step.version = "v1.20.0";
    step.candidates = candidates;
    step.path = k_path;
    step.backup = backup;
    step.version_args = {"version", "-o", "json"};
    step.attempts = 1;
    step.max_bytes = max_bytes;
    exec::RealExecutor executor(fs, runner, reporter, {&http, nullptr, &progress, false, nullptr, {}});
    return executor.execute(core::plan::Plan{"Install", {core::plan::Step{"install minikube", step, ""}}});
  }

  bool any_staged_file_left() const
  {
    return std::any_of(fs.files.begin(), fs.files.end(),
                       [](const auto& f) { return f.first.find(".devk8s-download-") != std::string::npos; });
  }
};

} // namespace

TEST_CASE("BinaryInstaller commits the verified download with mode 0755 and keeps the old one", "[exec][install]")
{
  Harness h;
  h.fs.files[k_path] = "the old minikube";
  h.fs.modes[k_path] = 0700;

  const auto result = h.install(k_path + ".old");
  CAPTURE(h.progress.str());
  REQUIRE(result);
  CHECK(h.fs.directories.count(k_dir) == 1);
  CHECK(h.fs.files.at(k_path) == k_binary);
  CHECK(h.fs.modes.at(k_path) == 0755);
  CHECK(h.fs.files.at(k_path + ".old") == "the old minikube");
  CHECK(h.fs.modes.at(k_path + ".old") == 0700);
  CHECK(h.fs.writes == std::vector<std::string>{k_path + ".old", k_path});
  CHECK_FALSE(h.any_staged_file_left());
  // Run from the staged file, before it replaced anything.
  CHECK(h.runner.ran() == std::vector<std::vector<std::string>>{{k_path + ".devk8s-download-1", "version", "-o", "json"}});
  CHECK(h.progress.str().find("sha256 " + sha256_hex(k_binary).substr(0, 12) + "… verified") != std::string::npos);
  CHECK(h.progress.str().find("devk8s: installed " + k_path + " (minikube v1.20.0)") != std::string::npos);
}

TEST_CASE("BinaryInstaller never prints a source's user:token@", "[exec][install]")
{
  // A private mirror that authenticates in its URL (found by review): its checksum is missing, the
  // binary is served, and neither the progress nor the error repeats the token.
  Harness h;
  const std::string corp = "https://ci:s3cret@artifacts.corp/minikube-linux-amd64";
  h.candidates = {{"corp", corp, {corp + ".sha256"}}};
  h.http.script(corp, {test::FakeHttpClient::ok(k_binary)});
  h.http.script(corp + ".sha256", {test::FakeHttpClient::answer(404, "not found")});
  const auto result = h.install(std::nullopt);
  REQUIRE_FALSE(result);
  CAPTURE(h.progress.str(), result.error().message);
  CHECK(result.error().message.find("https://***@artifacts.corp/minikube-linux-amd64.sha256: HTTP 404") !=
        std::string::npos);
  CHECK(result.error().message.find("s3cret") == std::string::npos);
  CHECK(h.progress.str().find("s3cret") == std::string::npos);
}

TEST_CASE("BinaryInstaller without a backup path replaces the old file", "[exec][install]")
{
  Harness h;
  h.fs.files[k_path] = "the old minikube";
  REQUIRE(h.install(std::nullopt));
  CHECK(h.fs.files.at(k_path) == k_binary);
  CHECK(h.fs.files.count(k_path + ".old") == 0);
  CHECK(h.fs.writes == std::vector<std::string>{k_path});
  CHECK_FALSE(h.any_staged_file_left());
}

TEST_CASE("BinaryInstaller leaves nothing behind on a checksum mismatch", "[exec][install]")
{
  Harness h;
  h.fs.files[k_path] = "the old minikube";
  h.http.script(k_sum_url, {test::FakeHttpClient::ok(sha256_hex("something else") + "\n")});
  const auto before = h.fs.files;

  const auto result = h.install(k_path + ".old");
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("checksum mismatch: the published sha256 is " + sha256_hex("something else")) !=
        std::string::npos);
  CHECK(result.error().message.find("nothing installed") != std::string::npos);
  CHECK(h.fs.staged.size() == 1); // one was staged, and is gone again
  CHECK_FALSE(h.any_staged_file_left());
  CHECK(h.fs.files == before);
  CHECK(h.fs.writes.empty());
  CHECK(h.runner.ran().empty()); // an unverified file is never run
}

TEST_CASE("BinaryInstaller stops a download that grows past its limit and leaves nothing", "[exec][install]")
{
  Harness h;
  h.max_bytes = k_binary.size() - 1;
  const auto result = h.install(std::nullopt);
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("the download grew past 15 B, more than any release binary") != std::string::npos);
  CHECK_FALSE(h.any_staged_file_left());
  CHECK(h.fs.files.count(k_path) == 0);
  CHECK(h.runner.ran().empty());
}

TEST_CASE("BinaryInstaller refuses a read-only directory before any download", "[exec][install]")
{
  Harness h;
  h.fs.directories.insert(k_dir);
  h.fs.read_only.insert(k_dir);

  const auto result = h.install(std::nullopt);
  REQUIRE_FALSE(result);
  // The executor's check of the whole plan finds it, before the step starts.
  CHECK(result.error().message == "cannot write in " + k_dir + ": the directory is read-only");
  CHECK(result.error().hint == "choose a directory you own with --dir DIR (the default is ~/.local/bin); nothing was changed");
  CHECK(h.http.requests().empty());
  CHECK(h.fs.staged.empty());
  CHECK(h.fs.files.empty());
  CHECK(h.runner.ran().empty());
}

TEST_CASE("BinaryInstaller: Ctrl-C during the version check installs nothing and tries no other source", "[exec][install][cancel]")
{
  Harness h;
  h.fs.files[k_path] = "the old minikube";
  // The runner saw the token and stopped the new binary (BoostProcessRunner marks it cancelled).
  ports::ProcessResult stopped{130, "", "", false};
  stopped.cancelled = true;
  h.runner.script(k_path + ".devk8s-download-1 version -o json", stopped);
  const std::string other_url = "https://mirror.example/minikube-linux-amd64";
  h.http.script(other_url, {test::FakeHttpClient::ok(k_binary)});

  core::plan::InstallBinary step;
  step.tool = "minikube";
  step.version = "v1.20.0";
  step.candidates = {{"official", k_url, {k_sum_url}}, {"mirror", other_url, {k_sum_url}}};
  step.path = k_path;
  step.version_args = {"version", "-o", "json"};
  step.attempts = 1;
  exec::RealExecutor executor(h.fs, h.runner, h.reporter, {&h.http, nullptr, &h.progress, false, nullptr, {}});
  const auto result = executor.execute(core::plan::Plan{"Install", {core::plan::Step{"install minikube", step, ""}}});
  REQUIRE_FALSE(result);
  CHECK(result.error().code == util::ExitCode::interrupted);
  CHECK(h.fs.files.at(k_path) == "the old minikube");
  CHECK_FALSE(h.any_staged_file_left());
  CHECK(h.progress.str().find("mirror.example") == std::string::npos); // the next source was not tried
}
