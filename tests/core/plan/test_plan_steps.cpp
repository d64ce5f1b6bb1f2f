// The text and JSON of a plan with every step kind, against tests/golden/ (reviewed by eye;
// DEVK8S_UPDATE_GOLDEN=1 rewrites them).
#include "core/plan/plan.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace devk8s::core::plan;

namespace {

using devk8s::test::read_file;

Plan every_kind()
{
  RunCommand start{{"minikube", "start", "--image-mirror-country=cn"}, std::chrono::minutes(10)};
  start.env = {{"MINIKUBE_IN_STYLE", "false"}, {"HTTPS_PROXY", "http://user:secret@proxy:3128"},
               {"https_proxy", "http://user:secret@proxy:3128"}};
  start.stream_as = "minikube";
  RunCommand load{{"minikube", "ssh", "--", "docker load"}, std::nullopt};
  load.stdin_data = "image tarball bytes";
  load.accepted_exit_codes = {0, 1};

  KubeRequest create{KubeRequest::Verb::create, "/api/v1/namespaces/default/configmaps",
                     R"({"metadata":{"name":"devk8s","annotations":{"token":"never shown"}}})", true};
  KubeRequest patch{KubeRequest::Verb::patch, "/apis/apps/v1/namespaces/kube-system/deployments/coredns",
                    R"({"spec":{"replicas":1}})", false};
  KubeRequest remove{KubeRequest::Verb::remove, "/api/v1/namespaces/kube-system/pods/storage-provisioner", "", false};

  WaitCondition dns{WaitKind::pod, "kube-system", {}, "k8s-app=kube-dns", WaitState::ready};
  WaitCondition claim{WaitKind::persistent_volume_claim, "default", {"data-0"}, "", WaitState::bound};

  InstallBinary install;
  install.tool = "kubectl";
  install.version = "v1.20.2";
  install.candidates = {{"official", "https://dl.k8s.io/release/v1.20.2/bin/linux/amd64/kubectl", {}}};
  install.path = "/home/u/.local/bin/kubectl";

  return Plan{"Start devk8s",
              {Step{"install kubectl v1.20.2", install, ""},
               Step{"start minikube", start, ""},
               Step{"load the image", load, ""},
               Step{"record the mirror", create, ""},
               Step{"scale coredns to 1", patch, "replicas: 2 -> 1\n"},
               Step{"restart storage-provisioner", remove, ""},
               Step{"wait for DNS", Wait{dns, std::chrono::seconds(2), std::chrono::minutes(5)}, ""},
               Step{"wait for the claim", Wait{claim, std::chrono::milliseconds(500), std::chrono::seconds(90)}, ""},
               Step{"write the kubeconfig", WriteFile{"/home/u/.kube/config", "x", std::string("/home/u/.kube/config.orig")}, ""}}};
}

void check_golden(const std::string& relative, const std::string& actual)
{
  const std::string path = devk8s::test::source_path(relative);
  if (std::getenv("DEVK8S_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << actual;
  }
  CHECK(actual == read_file(path));
}

} // namespace

TEST_CASE("render_text shows every step kind, and no secret", "[plan]")
{
  const std::string text = render_text(every_kind());
  check_golden("tests/golden/plan/every-step.txt", text);
  CHECK(text.find("secret") == std::string::npos);
  CHECK(text.find("tarball") == std::string::npos);
  CHECK(text.find("never shown") == std::string::npos);
}

TEST_CASE("to_json shows every step kind, and no secret", "[plan]")
{
  const std::string json = to_json(every_kind()).dump(2) + "\n";
  check_golden("tests/golden/plan/every-step.json", json);
  CHECK(json.find("secret") == std::string::npos);
  CHECK(json.find("tarball") == std::string::npos);
  CHECK(json.find("never shown") == std::string::npos);
}
