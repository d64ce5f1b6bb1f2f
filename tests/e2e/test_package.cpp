// The .deb (issue #16), made by CPack from this build tree as scripts/package.sh makes it from a
// Release one (same install rules, same CPack settings): its control fields (dpkg-deb -I), its
// files (dpkg-deb -c), the installed tree (dpkg-deb -x into a scratch root) run for real, the man
// page rendered as lintian renders it, and lintian itself.
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "util/strings.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace {

using devk8s::test::has;

devk8s::ports::ProcessResult run_tool(const std::vector<std::string>& argv, std::map<std::string, std::string> env = {},
                                      std::chrono::seconds timeout = std::chrono::seconds(120))
{
  devk8s::ports::Command command;
  command.argv = argv;
  env.try_emplace("LC_ALL", "C.UTF-8");
  command.env = std::move(env);
  command.timeout = timeout;
  devk8s::adapters::BoostProcessRunner runner;
  auto result = runner.run(command);
  if (!result) {
    throw std::runtime_error("cannot run " + argv.front() + ": " + result.error().message);
  }
  return *result;
}

std::string control_field(const std::string& control, const std::string& name)
{
  const auto at = control.find("\n " + name + ": ");
  if (at == std::string::npos) {
    return {};
  }
  const auto start = at + name.size() + 4;
  return control.substr(start, control.find('\n', start) - start);
}

// One package for the sections below (one test case, so ctest runs CPack once): CPack takes a
// while on a sanitizer build's binary.
struct BuiltPackage {
  BuiltPackage()
  {
    const auto made = run_tool({"cpack", "--config", std::string(DEVK8S_BUILD_DIR) + "/CPackConfig.cmake", "-B",
                                dir.path().string()},
                               {}, std::chrono::seconds(300));
    log = made.out + made.err;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      if (entry.path().extension() == ".deb") {
        deb = entry.path().string();
      }
    }
  }

  devk8s::test::TempDir dir;
  std::string log;
  std::string deb;
};

const BuiltPackage& package()
{
  static const BuiltPackage built;
  return built;
}

} // namespace

TEST_CASE("the .deb: control fields, files, an install that runs, lintian", "[e2e][package]")
{
  SECTION("its control fields, Depends computed from the binary")
  {
    const auto& p = package();
    INFO(p.log);
    REQUIRE(!p.deb.empty());
    CHECK(std::filesystem::path(p.deb).filename().string().rfind("devk8s_0.1.0_", 0) == 0);
    const auto info = run_tool({"dpkg-deb", "-I", p.deb});
    INFO(info.out);
    REQUIRE(info.exit_code == 0);
    CHECK(control_field(info.out, "Package") == "devk8s");
    CHECK(control_field(info.out, "Version") == "0.1.0");
    CHECK(control_field(info.out, "Section") == "admin");
    CHECK(control_field(info.out, "Priority") == "optional");
    CHECK(control_field(info.out, "Suggests") == "kubernetes-client, docker.io, skopeo");
    CHECK(has(control_field(info.out, "Maintainer"), "@"));
    // dpkg-shlibdeps's answer: one entry per library the binary links, with its version floor.
    const std::string depends = control_field(info.out, "Depends");
    for (const char* library : {"libc6 (>=", "libcurl4 (>=", "libyaml-cpp0.7 (>=", "libsimdjson14 (>=", "libssl3 (>=",
                                "libstdc++6 (>=", "libyaml-0-2"}) {
      CHECK(has(depends, library));
    }
  }

  SECTION("the binary, the plugin link, maps, man page, completions, copyright")
  {
    const auto& p = package();
    REQUIRE(!p.deb.empty());
    const auto contents = run_tool({"dpkg-deb", "-c", p.deb});
    INFO(contents.out);
    REQUIRE(contents.exit_code == 0);
    // zsh's directory follows the prefix (cmake/package.cmake): vendor-completions under /usr.
    const std::string zsh = " ./usr/" + std::string(DEVK8S_ZSH_COMPLETION_DIR) + "/_devk8s\n";
    const std::vector<std::string> paths = {" ./usr/bin/devk8s\n",
                                            " ./usr/bin/kubectl-devk8s -> devk8s\n",
                                            " ./usr/share/devk8s/mirrors/cn.yaml\n",
                                            " ./usr/share/devk8s/mirrors/README.md\n",
                                            " ./usr/share/man/man1/devk8s.1.gz\n",
                                            " ./usr/share/man/man1/kubectl-devk8s.1.gz -> devk8s.1.gz\n",
                                            " ./usr/share/bash-completion/completions/devk8s\n",
                                            zsh,
                                            " ./usr/share/fish/vendor_completions.d/devk8s.fish\n",
                                            " ./usr/share/doc/devk8s/copyright\n",
                                            " ./usr/share/doc/devk8s/changelog.gz\n"};
    for (const auto& path : paths) {
      CHECK(has(contents.out, path));
    }
    // Every file root's, as dpkg will install it.
    for (const auto line : devk8s::util::split(contents.out, '\n')) {
      if (!line.empty()) {
        CHECK(has(std::string(line), " root/root "));
      }
    }
  }

  SECTION("it installs into a scratch root and runs")
  {
    const auto& p = package();
    REQUIRE(!p.deb.empty());
    devk8s::test::TempDir root;
    REQUIRE(run_tool({"dpkg-deb", "-x", p.deb, root.path().string()}).exit_code == 0);
    const std::string bin = root.path().string() + "/usr/bin";

    auto r = run_tool({bin + "/devk8s", "version"});
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "devk8s version 0.1.0\n"));
    CHECK(has(run_tool({bin + "/devk8s", "mirror", "resolve", "--mirror", "cn", "gcr.io/k8s-minikube/storage-provisioner:v5"},
                       {{"XDG_CONFIG_HOME", root.path().string()}})
                  .out,
              "storage-provisioner:v5"));
    // Called through the link, it is the kubectl plugin.
    r = run_tool({bin + "/kubectl-devk8s", "--help"});
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "Usage: kubectl devk8s"));

    // The installed bash completion, with the installed binary on PATH.
    r = run_tool({"/bin/bash", "--norc", "--noprofile", "-c",
                  "source " + root.path().string() + "/usr/share/bash-completion/completions/devk8s && "
                  "COMP_LINE='devk8s mirror resolve --mirror '; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(devk8s mirror "
                  "resolve --mirror ''); COMP_CWORD=4; _devk8s_complete; printf '%s\\n' \"${COMPREPLY[@]}\""},
                 {{"PATH", bin + ":/usr/bin:/bin"}, {"XDG_CONFIG_HOME", root.path().string()}});
    CHECK(r.out == "cn\ndaocloud\ndaocloud-prefix\n");

    // The man page as man renders it, with the warnings lintian asks groff for.
    const std::string page = root.path().string() + "/usr/share/man/man1/devk8s.1.gz";
    r = run_tool({"man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", page},
                 {{"MANROFFSEQ", ""}, {"MANWIDTH", "80"}, {"PATH", "/usr/bin:/bin"}});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    r = run_tool({"man", "-l", "-P", "cat", page}, {{"MANWIDTH", "100"}, {"PATH", "/usr/bin:/bin"}});
    CHECK(has(r.out, "devk8s mirror resolve"));
    CHECK(has(r.out, "ENVIRONMENT"));
  }

  SECTION("lintian finds no error in it")
  {
    if (!std::filesystem::exists("/usr/bin/lintian")) {
      FAIL("lintian is not installed: scripts/setup.sh --deps-only installs it");
    }
    const auto& p = package();
    REQUIRE(!p.deb.empty());
    const auto r = run_tool({"lintian", "--fail-on", "error", "--tag-display-limit", "0", p.deb}, {{"PATH", "/usr/bin:/bin"}},
                            std::chrono::seconds(300));
    INFO(r.out + r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(has(r.out, "\nE: "));
    CHECK(r.out.rfind("E: ", 0) != 0);
    // devk8s install asks dpkg-query who owns a file; it once read dpkg's database files itself.
    CHECK_FALSE(has(r.out, "uses-dpkg-database-directly"));
  }
}
