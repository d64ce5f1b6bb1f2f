// The mirror commands end to end on the real adapters: in-process by default (cli::run), through
// the built binary where the process boundary is the point (pipes, /dev/stdin, FIFOs).
#include "support/cli_harness.hpp"
#include "support/image_values.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using devk8s::test::read_file;
using devk8s::test::run_devk8s;
using devk8s::test::run_in_process;
using devk8s::test::source_path;
using devk8s::test::TempDir;

namespace {

using devk8s::test::k_aliyun;

bool has_line(const std::string& text, const std::string& line)
{
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("devk8s mirror resolve (the issue's done-when)", "[cli]")
{
  SECTION("the seed image resolves to the flat Aliyun path")
  {
    auto r = run_in_process({"mirror", "resolve", "gcr.io/k8s-minikube/storage-provisioner:v5", "--mirror", "cn"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == k_aliyun + "/storage-provisioner:v5\n");
    CHECK(r.err.empty());
  }
  SECTION("the naive path minikube produced is repaired, and says so")
  {
    auto r = run_in_process({"mirror", "resolve", k_aliyun + "/k8s-minikube/storage-provisioner:v5", "--mirror", "cn"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == k_aliyun + "/storage-provisioner:v5\n");
    CHECK(r.err.find("repaired a naive mirror path") != std::string::npos);
  }
  SECTION("coredns, the renamed ingress controller, and a Docker Hub image")
  {
    auto r = run_in_process({"mirror", "resolve", "registry.k8s.io/coredns/coredns:v1.8.0",
                         "k8s.gcr.io/ingress-nginx/controller:v0.44.0", "redis", "-m", "cn"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == k_aliyun + "/coredns:v1.8.0\n" + k_aliyun + "/nginx-ingress-controller:v0.44.0\ndocker.m.daocloud.io/library/redis:latest\n");
  }
  SECTION("-o json lists candidates with their rules")
  {
    auto r = run_in_process({"mirror", "resolve", "redis", "-m", "daocloud", "-o", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["original"] == "docker.io/library/redis:latest");
    CHECK(j[0]["resolved"] == "docker.m.daocloud.io/library/redis:latest");
    CHECK(j[0]["status"] == "rewritten");
    CHECK(j[0]["candidates"].size() == 2);
    CHECK(j[0]["candidates"][1]["rule"]["kind"] == "prefix");
    CHECK(j[0]["candidates"][1]["rule"]["source"] == "mirrors/daocloud.yaml:29");
  }
  SECTION("DEVK8S_MIRROR chooses the map")
  {
    auto r = run_in_process({"mirror", "resolve", "nginx"}, {}, {{"DEVK8S_MIRROR", "daocloud-prefix"}});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "m.daocloud.io/docker.io/library/nginx:latest\n");
  }
}

TEST_CASE("devk8s errors: one line with a hint and a documented exit code", "[cli]")
{
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string first_line;
  };
  const std::vector<Case> cases = {
      {{"mirror", "resolve", "Gcr.io/X", "-m", "cn"}, 2,
       "devk8s: error: invalid image reference \"Gcr.io/X\": repository name must be lowercase (position 7)"},
      {{"mirror", "resolve", "", "-m", "cn"}, 2, "devk8s: error: invalid image reference \"\": the reference is empty"},
      {{"mirror", "resolve", "x", "-m", "cm"}, 2,
       "devk8s: error: unknown mirror \"cm\" (did you mean \"cn\"?): known mirrors are cn, daocloud-prefix, daocloud"},
      {{"mirror", "resolve", "x"}, 2, "devk8s: error: no mirror chosen: pass --mirror NAME (one of: cn, daocloud-prefix, daocloud)"},
      {{"mirrr"}, 2, "devk8s: error: unknown command \"mirrr\" for \"devk8s\" (did you mean \"mirror\"?)"},
      {{"mirror", "resolv"}, 2, "devk8s: error: unknown command \"resolv\" for \"devk8s mirror\" (did you mean \"resolve\"?)"},
      {{"mirror", "resolve", "--mirorr", "cn", "x"}, 2,
       "devk8s: error: unknown flag \"--mirorr\" for \"devk8s mirror resolve\" (did you mean \"--mirror\"?)"},
      {{"mirror", "resolve", "x", "-m", "cn", "-o", "yaml"}, 2, "devk8s: error: devk8s mirror resolve: --output: yaml not in {text,wide,json}"},
      {{"mirror"}, 2, "devk8s: error: devk8s mirror: a subcommand is required: resolve, list, show, rewrite, check"},
      {{"mirror", "resolve"}, 2, "devk8s: error: devk8s mirror resolve: REF is required"},
      {{"mirror", "show", "nope"}, 2, "devk8s: error: unknown mirror \"nope\": known mirrors are cn, daocloud-prefix, daocloud"},
      {{"mirror", "resolve", "x", "--mirror-file", "/nonexistent/m.yaml"}, 2,
       "devk8s: error: --mirror-file \"/nonexistent/m.yaml\": no such file"},
      {{"mirror", "check", "x", "--retries", "abc"}, 2,
       "devk8s: error: --retries must be a whole number from 0 to 10, got \"abc\""},
  };
  for (const auto& c : cases) {
    SECTION(c.first_line)
    {
      auto r = run_in_process(c.args);
      CAPTURE(r.err);
      CHECK(r.exit_code == c.code);
      CHECK(r.out.empty());
      CHECK(r.err.substr(0, r.err.find('\n')) == c.first_line);
      CHECK(r.err.find("\nhint: ") != std::string::npos);
    }
  }
}

TEST_CASE("devk8s help and version", "[cli]")
{
  auto help = run_in_process({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("mirror") != std::string::npos);
  CHECK(help.out.find("Exit codes") != std::string::npos);
  auto bare = run_in_process({});
  CHECK(bare.exit_code == 0);
  CHECK(bare.out == help.out);
  auto sub = run_in_process({"mirror", "rewrite", "--help"});
  CHECK(sub.exit_code == 0);
  CHECK(sub.out.find("--backup-suffix") != std::string::npos);
  auto version = run_in_process({"version", "-o", "json"});
  REQUIRE(version.exit_code == 0);
  const auto j = nlohmann::json::parse(version.out);
  CHECK(j["version"] == "0.1.0");
  CHECK(j.contains("commit"));
  CHECK(j.contains("buildType"));
}

TEST_CASE("mirror maps from the user's directory and --mirror-file", "[cli]")
{
  TempDir dir;
  dir.write("config/devk8s/mirrors/corp.yaml", "name: corp\nrules:\n  - flatten: gcr.io/k8s-minikube\n    to: harbor.corp.example/k8s\n");
  const std::map<std::string, std::string> env = {{"XDG_CONFIG_HOME", dir.file("config")}};
  SECTION("a map in XDG_CONFIG_HOME is listed and usable")
  {
    auto list = run_in_process({"mirror", "list"}, {}, env);
    CHECK(list.exit_code == 0);
    CHECK(list.out.find("corp ") != std::string::npos);
    auto r = run_in_process({"mirror", "resolve", "-m", "corp", "gcr.io/k8s-minikube/storage-provisioner:v5"}, {}, env);
    CHECK(r.out == "harbor.corp.example/k8s/storage-provisioner:v5\n");
  }
  SECTION("a user map named like a built-in one replaces it")
  {
    dir.write("config/devk8s/mirrors/cn.yaml", "name: cn\nrules:\n  - prefix: docker.io\n    to: hub.corp.example\n");
    auto r = run_in_process({"mirror", "resolve", "-m", "cn", "redis"}, {}, env);
    CHECK(r.out == "hub.corp.example/library/redis:latest\n");
  }
  SECTION("--mirror-file alone selects its map; a typo is reported with file and line")
  {
    const std::string good = dir.write("m.yaml", "rules:\n  - prefix: quay.io\n    to: q.example\n");
    auto r = run_in_process({"mirror", "resolve", "--mirror-file", good, "quay.io/a/b:1"}, {}, env);
    CHECK(r.out == "q.example/a/b:1\n");
    const std::string bad = dir.write("bad.yaml", "name: bad\nrules:\n  - prefix: quay.io\n    too: q.example\n");
    auto e = run_in_process({"mirror", "resolve", "--mirror-file", bad, "x"}, {}, env);
    CHECK(e.exit_code == 1);
    CHECK(has_line(e.err, "devk8s: error: " + bad + ":4: unknown field \"too\" in rule 1 (did you mean \"to\"?)"));
    CHECK(has_line(e.err, "devk8s: error: " + bad + ":3: rule 1 has no \"to\""));
  }
}

TEST_CASE("devk8s mirror rewrite end to end", "[cli]")
{
  TempDir dir;
  const std::string manifest = read_file(source_path("tests/fixtures/manifests/helm-redis.yaml"));
  const std::string expected_diff = read_file(source_path("tests/golden/rewrite/helm-redis.yaml.diff"));

  SECTION("stdin to stdout")
  {
    auto r = run_in_process({"mirror", "rewrite", "-m", "cn"}, manifest);
    CHECK(r.exit_code == 0);
    CHECK(r.out.size() > manifest.size());
    CHECK(r.out.find("docker.m.daocloud.io/bitnami/redis:6.2.3-debian-10-r0") != std::string::npos);
    CHECK(r.out.find("image: \"docker.io/bitnami/redis:6.2.3-debian-10-r0\"   # not a container") != std::string::npos);
  }
  SECTION("-i writes atomically and keeps a backup; a second run changes nothing")
  {
    const std::string file = dir.write("app.yaml", manifest);
    ::chmod(file.c_str(), 0640);
    auto r = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", file});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.find("devk8s: rewrite " + file + ": 3 of 3 images\n") != std::string::npos);
    CHECK(read_file(file + ".orig") == manifest);
    CHECK(read_file(file) != manifest);
    struct stat st {};
    ::stat(file.c_str(), &st);
    CHECK((st.st_mode & 0777) == 0640);
    const std::string once = read_file(file);
    auto again = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", file, "--backup-suffix", ".bak"});
    CHECK(again.exit_code == 0);
    CHECK(read_file(file) == once);
    CHECK_FALSE(std::filesystem::exists(file + ".bak"));
    std::size_t leftovers = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
      leftovers += e.path().string().find(".devk8s-") != std::string::npos ? 1U : 0U;
    }
    CHECK(leftovers == 0);
  }
  SECTION("--no-backup")
  {
    const std::string file = dir.write("app.yaml", manifest);
    auto r = run_in_process({"mirror", "rewrite", "-i", "--no-backup", "-m", "cn", file});
    CHECK(r.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(file + ".orig"));
  }
  SECTION("--dry-run prints the diff and writes nothing")
  {
    const std::string file = dir.write("helm-redis.yaml", manifest);
    auto r = run_in_process({"mirror", "rewrite", "-i", "--dry-run", "-m", "cn", file});
    CHECK(r.exit_code == 0);
    // The plan, then the diff. An absolute path labels both sides as itself, as diff -u does.
    // Replace whole header lines: a temp directory named like ".../xyzb" would otherwise let the
    // second search match inside the path the first replacement put in.
    std::string expected = expected_diff;
    expected.replace(expected.find("--- a/helm-redis.yaml\n"), 21, "--- " + file);
    expected.replace(expected.find("+++ b/helm-redis.yaml\n"), 21, "+++ " + file);
    CHECK(r.out == "Rewrite images in place with mirror cn (1 step)\n  1. rewrite " + file + ": 3 of 3 images\n     write " +
                       file + " (backup: " + file + ".orig)\n" + expected);
    CHECK(r.err.find("would rewrite 3 of 3 images in 1 file with mirror cn (dry run: nothing written)") != std::string::npos);
    CHECK(read_file(file) == manifest);
    CHECK_FALSE(std::filesystem::exists(file + ".orig"));
  }
  SECTION("-o diff matches the golden diff")
  {
    auto r = run_in_process({"mirror", "rewrite", "-o", "diff", "-m", "cn", "-"}, manifest);
    CHECK(r.exit_code == 0);
    std::string expected = expected_diff;
    expected.replace(expected.find("--- a/helm-redis.yaml\n"), 21, "--- a/-");
    expected.replace(expected.find("+++ b/helm-redis.yaml\n"), 21, "+++ b/-");
    CHECK(r.out == expected);
  }
  SECTION("-o json lists each change")
  {
    const std::string file = dir.write("app.yaml", manifest);
    auto r = run_in_process({"mirror", "rewrite", "-o", "json", "-m", "cn", file});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 3);
    CHECK(j[0]["file"] == file);
    CHECK(j[0]["line"] == 33);
    CHECK(j[0]["document"] == 2);
    CHECK(j[0]["kind"] == "StatefulSet");
    CHECK(j[0]["name"] == "redis-master");
    CHECK(j[0]["container"] == "volume-permissions");
    CHECK(j[0]["field"] == "initContainers");
    CHECK(j[0]["old"] == "docker.io/bitnami/bitnami-shell:10-debian-10-r98");
    CHECK(j[0]["new"] == "docker.m.daocloud.io/bitnami/bitnami-shell:10-debian-10-r98");
    CHECK(j[0]["rule"]["kind"] == "prefix");
    CHECK(read_file(file) == manifest); // -o json alone writes nothing
  }
  SECTION("a file named twice is rewritten once and its backup stays the original")
  {
    const std::string file = dir.write("k8s/app.yaml", manifest);
    auto r = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", file, dir.file("k8s"), dir.file("k8s/../k8s/app.yaml")});
    CHECK(r.exit_code == 0);
    CHECK(read_file(file + ".orig") == manifest);
    CHECK(read_file(file) != manifest);
    CHECK(r.err.find("rewrite " + file + ": 3 of 3 images") != std::string::npos);
    CHECK(r.err.find("rewrite " + dir.file("k8s/../k8s/app.yaml")) == std::string::npos);
  }
  SECTION("a directory: every manifest below it")
  {
    dir.write("k8s/a.yaml", manifest);
    dir.write("k8s/sub/b.json", read_file(source_path("tests/fixtures/manifests/list.json")));
    dir.write("k8s/notes.txt", "image: redis\n");
    auto r = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", dir.file("k8s")});
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::exists(dir.file("k8s/a.yaml.orig")));
    CHECK(std::filesystem::exists(dir.file("k8s/sub/b.json.orig")));
    CHECK(read_file(dir.file("k8s/notes.txt")) == "image: redis\n");
  }
  SECTION("a YAML error in any file rewrites nothing, and says file:line:column")
  {
    const std::string good = dir.write("good.yaml", manifest);
    const std::string bad = dir.write("bad.yaml", "kind: Pod\nspec:\n  containers:\n  - image: [nginx\n");
    auto r = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", good, bad});
    CHECK(r.exit_code == 1);
    CHECK(r.err.substr(0, r.err.find('\n')) == "devk8s: error: " + bad + ":5:1: did not find expected ',' or ']' (while parsing a flow sequence at line 4)");
    CHECK(read_file(good) == manifest);
    CHECK_FALSE(std::filesystem::exists(good + ".orig"));
  }
  SECTION("missing files, a read-only file, stdin with -i, backup flags without -i")
  {
    auto missing = run_in_process({"mirror", "rewrite", "-m", "cn", dir.file("nope.yaml")});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.rfind("devk8s: error: " + dir.file("nope.yaml") + ": no such file or directory\n", 0) == 0);

    const std::string ro = dir.write("ro.yaml", manifest);
    ::chmod(ro.c_str(), 0444);
    auto readonly = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", ro});
    CHECK(readonly.exit_code == 1);
    CHECK(readonly.err.rfind("devk8s: error: " + ro + ": file is read-only\n", 0) == 0);
    CHECK(read_file(ro) == manifest);

    auto stdin_inplace = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", "-"}, manifest);
    CHECK(stdin_inplace.exit_code == 2);
    CHECK(stdin_inplace.err.rfind("devk8s: error: -i cannot edit standard input in place\n", 0) == 0);

    auto backup_alone = run_in_process({"mirror", "rewrite", "--no-backup", "-m", "cn", "-"}, manifest);
    CHECK(backup_alone.exit_code == 2);
    // The default suffix given by name is still given (found by review: it passed).
    auto suffix_alone = run_in_process({"mirror", "rewrite", "--backup-suffix", ".orig", "-m", "cn", "-"}, manifest);
    CHECK(suffix_alone.exit_code == 2);
    CHECK(suffix_alone.err.rfind("devk8s: error: --backup-suffix and --no-backup only apply with -i\n", 0) == 0);
    // -i prints nothing of the files: an output asked for besides would be lost, so it is refused.
    const std::string kept = dir.write("kept.yaml", manifest);
    for (const std::string output : {"diff", "yaml"}) {
      auto lost = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", "-o", output, kept});
      CHECK(lost.exit_code == 2);
      CHECK(lost.err == "devk8s: error: -o " + output + " prints the rewrite instead of writing it, and -i writes it\n"
                        "hint: -i --dry-run shows each file's diff; -i -o json lists the changes\n");
      CHECK(read_file(kept) == manifest);
    }

    const std::string empty_dir = (dir.path() / "empty").string();
    std::filesystem::create_directories(empty_dir);
    auto nothing = run_in_process({"mirror", "rewrite", "-m", "cn", empty_dir});
    CHECK(nothing.exit_code == 1);
    CHECK(nothing.err.find("no .yaml, .yml or .json files") != std::string::npos);
  }
  SECTION("warnings go to stderr with file:line:column")
  {
    const std::string file = dir.write("styles.yaml", read_file(source_path("tests/fixtures/manifests/styles.yaml")));
    auto r = run_in_process({"mirror", "rewrite", "-m", "cn", file});
    CHECK(r.exit_code == 0);
    CHECK(has_line(r.err, "devk8s: warning: " + file + ":12:12: image is an alias (*img); rewrite its anchor instead"));
  }
}

TEST_CASE("mirror rewrite -i keeps earlier backups and checks every backup before the first write", "[cli]")
{
  // Finding 3 of issue 9: with DIR/b.yaml.orig a directory, a.yaml was rewritten, then the step
  // for b.yaml failed; and an existing a.yaml.orig was silently overwritten.
  TempDir dir;
  const std::string pod_a = "kind: Pod\nspec:\n  containers:\n  - image: redis\n";
  const std::string pod_b = "kind: Pod\nspec:\n  containers:\n  - image: nginx\n";
  const std::string a = dir.write("k8s/a.yaml", pod_a);
  const std::string b = dir.write("k8s/b.yaml", pod_b);
  dir.write("k8s/a.yaml.orig", "an earlier original\n");
  std::filesystem::create_directories(b + ".orig");

  SECTION("--dry-run shows the backup names a real run will use")
  {
    auto r = run_in_process({"mirror", "rewrite", "-i", "--dry-run", "-m", "cn", dir.file("k8s")});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("     write " + a + " (backup: " + a + ".orig.1)\n") != std::string::npos);
    CHECK(r.out.find("     write " + b + " (backup: " + b + ".orig.1)\n") != std::string::npos);
    CHECK(read_file(a) == pod_a);
  }
  SECTION("a real run keeps a.yaml.orig and backs up to the first free name")
  {
    auto r = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", dir.file("k8s")});
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(read_file(a + ".orig") == "an earlier original\n");
    CHECK(read_file(a + ".orig.1") == pod_a);
    CHECK(read_file(b + ".orig.1") == pod_b);
    CHECK(std::filesystem::is_directory(b + ".orig"));
    CHECK(read_file(a).find("docker.m.daocloud.io/library/redis:latest") != std::string::npos);
    CHECK(read_file(b).find("docker.m.daocloud.io/library/nginx:latest") != std::string::npos);
  }
}

TEST_CASE("mirror rewrite -i through a symlink edits the file it points to", "[cli]")
{
  // Finding 7 of issue 9: the link was replaced by a regular file, and the link was backed up.
  TempDir dir;
  const std::string pod = "kind: Pod\nspec:\n  containers:\n  - image: redis\n";
  const std::string target = dir.write("shared/app.yaml", pod);
  std::filesystem::create_directories(dir.file("k8s"));
  const std::string link = dir.file("k8s/app.yaml");
  std::filesystem::create_symlink("../shared/app.yaml", link);

  auto r = run_in_process({"mirror", "rewrite", "-i", "-m", "cn", dir.file("k8s")});
  CAPTURE(r.err);
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::is_symlink(link));
  CHECK(std::filesystem::read_symlink(link) == "../shared/app.yaml");
  CHECK(read_file(target).find("image: docker.m.daocloud.io/library/redis:latest") != std::string::npos);
  CHECK_FALSE(std::filesystem::is_symlink(link + ".orig"));
  CHECK(read_file(link + ".orig") == pod);
}

TEST_CASE("mirror rewrite reads what kubectl -f reads: pipes, /dev/stdin, FIFOs", "[cli]")
{
  TempDir dir;
  const std::string manifest = read_file(source_path("tests/fixtures/manifests/helm-redis.yaml"));
  const std::string rewritten = "docker.m.daocloud.io/bitnami/redis:6.2.3-debian-10-r0";

  SECTION("/dev/stdin (what <(helm template ...) gives is the same: a pipe)")
  {
    auto r = run_devk8s({"mirror", "rewrite", "-m", "cn", "/dev/stdin"}, manifest);
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(rewritten) != std::string::npos);
  }
  SECTION("a FIFO")
  {
    const std::string fifo = dir.file("pipe.yaml");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] {
      const int fd = ::open(fifo.c_str(), O_WRONLY); // blocks until a reader opens it
      if (fd >= 0) {
        CHECK(::write(fd, manifest.data(), manifest.size()) == static_cast<ssize_t>(manifest.size()));
        ::close(fd);
      }
    });
    auto r = run_devk8s({"mirror", "rewrite", "-m", "cn", fifo});
    // Had devk8s not opened it, this releases the writer (the manifest fits in a pipe's buffer).
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    writer.join();
    ::close(reader);
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(rewritten) != std::string::npos);
  }
  SECTION("-i refuses a stream, saying why")
  {
    auto r = run_devk8s({"mirror", "rewrite", "-i", "-m", "cn", "/dev/stdin"}, manifest);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: /dev/stdin: not a regular file; -i edits only regular files\nhint: ", 0) == 0);
  }
  SECTION("empty or closed stdin, and files with no document, are errors that say what was empty")
  {
    auto empty = run_devk8s({"mirror", "rewrite", "-m", "cn"});
    CHECK(empty.exit_code == 1);
    CHECK(empty.out.empty());
    CHECK(empty.err.rfind("devk8s: error: no manifests to rewrite: standard input is empty (or closed)\nhint: ", 0) == 0);
    const std::string a = dir.write("k8s/a.yaml", "# nothing yet\n");
    const std::string b = dir.write("k8s/b.yaml", "");
    auto files = run_devk8s({"mirror", "rewrite", "-m", "cn", dir.file("k8s")});
    CHECK(files.exit_code == 1);
    CHECK(files.err.rfind("devk8s: error: no manifests to rewrite: " + a + ", " + b + " hold no YAML or JSON document\n", 0) ==
          0);
    // One manifest among empty files is a normal run.
    dir.write("k8s/c.yaml", manifest);
    CHECK(run_devk8s({"mirror", "rewrite", "-m", "cn", dir.file("k8s")}).exit_code == 0);
  }
}

TEST_CASE("mirror resolve - reads references from stdin, as kubectl -f - reads objects", "[cli]")
{
  auto r = run_in_process({"mirror", "resolve", "-", "-m", "cn"}, "gcr.io/k8s-minikube/storage-provisioner:v5\nredis  nginx:1.25\n");
  CAPTURE(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == k_aliyun + "/storage-provisioner:v5\ndocker.m.daocloud.io/library/redis:latest\ndocker.m.daocloud.io/library/nginx:1.25\n");
  auto empty = run_in_process({"mirror", "resolve", "-", "-m", "cn"});
  CHECK(empty.exit_code == 1);
  CHECK(empty.err.rfind("devk8s: error: no image references on standard input (it is empty or closed)\nhint: ", 0) == 0);
  auto both = run_in_process({"mirror", "resolve", "-", "-m", "cn", "--verify", "--creds-file", "-"}, "redis\n");
  CHECK(both.exit_code == 2);
  CHECK(both.err.rfind("devk8s: error: '-' (references from standard input) and --creds-file - both read standard input\n", 0) == 0);
  auto bad = run_in_process({"mirror", "resolve", "-", "-m", "cn"}, "redis Gcr.io/X\n");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.rfind("devk8s: error: invalid image reference \"Gcr.io/X\"", 0) == 0);
}

TEST_CASE("mirror list: one order for text and JSON; -v reasons on stderr in every format", "[cli]")
{
  SECTION("mirror list")
  {
    auto text = run_in_process({"mirror", "list"});
    auto as_json = run_in_process({"mirror", "list", "-o", "json"});
    REQUIRE(text.exit_code == 0);
    REQUIRE(as_json.exit_code == 0);
    std::vector<std::string> from_text;
    std::size_t at = text.out.find('\n') + 1; // past the header
    while (at < text.out.size()) {
      from_text.push_back(text.out.substr(at, text.out.find(' ', at) - at));
      at = text.out.find('\n', at) + 1;
    }
    std::vector<std::string> from_json;
    for (const auto& map : nlohmann::json::parse(as_json.out)) {
      from_json.push_back(map["name"]);
    }
    CHECK(from_json == from_text);
    CHECK(std::is_sorted(from_json.begin(), from_json.end()));
  }
  for (const std::string output : {"text", "wide", "json"}) {
    SECTION("-v -o " + output)
    {
      auto r = run_in_process({"mirror", "resolve", "redis", "-m", "daocloud", "-v", "-o", output});
      CHECK(r.exit_code == 0);
      CHECK(r.err.find("devk8s: \"docker.io/library/redis:latest\" → docker.m.daocloud.io/library/redis:latest by ") !=
            std::string::npos);
      CHECK(r.err.find("devk8s:   fallback 1: ") != std::string::npos);
      if (output == "json") {
        CHECK(nlohmann::json::parse(r.out).size() == 1); // stdout stays clean JSON
      }
    }
  }
}
