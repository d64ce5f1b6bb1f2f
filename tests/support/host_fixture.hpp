// Host fixture trees (tests/fixtures/hosts/<name>/, each with a README saying which machine it
// models): the /proc and /sys files, plus what that machine's tools answer. This helper scripts a
// FakeProcessRunner with those answers. Output shapes:
//   minikube version -o json       {"commit":"…","minikubeVersion":"v1.20.0"} (cmd/minikube/cmd/version.go;
//                                   the commit of each tag as `minikube version` prints it)
//   kubectl version --client -o json {"clientVersion":{"major","minor","gitVersion",…},"kustomizeVersion"}
//                                   (k8s.io/apimachinery version.Info; kustomizeVersion since kubectl 1.24)
//   docker version --format {{.Client.Version}}  "20.10.6\n"
#pragma once

#include "core/preflight/host_facts.hpp"
#include "ports/host_probe.hpp"
#include "support/fake_process_runner.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <string>

namespace devk8s::test {

inline std::string fixture_host(const std::string& name)
{
  return source_path("tests/fixtures/hosts/" + name);
}

inline const char* const k_minikube_version = "minikube version -o json";
inline const char* const k_kubectl_version = "kubectl version --client -o json";
inline const char* const k_docker_version = "docker version --format {{.Client.Version}}";

/// Scripts `runner` with the fixture's tools/: a tool without a file is missing from PATH.
inline void script_tools(FakeProcessRunner& runner, const std::string& host,
                         const std::string& minikube_file = "minikube-version.json")
{
  const std::string tools = fixture_host(host) + "/tools/";
  auto script = [&](const std::string& program, const std::string& line, const std::string& file) {
    if (std::filesystem::exists(tools + file)) {
      runner.script(line, ports::ProcessResult{0, read_file(tools + file), "", false});
    } else {
      runner.missing(program);
    }
  };
  script("minikube", k_minikube_version, minikube_file);
  script("kubectl", k_kubectl_version, "kubectl-version.json");
  script("docker", k_docker_version, "docker-version.txt");
}

/// A HostProbe that delegates, then pins disk free space: statvfs measures the disk the test
/// runs on, which golden output must not depend on. The fixture READMEs say what they model;
/// 40 GiB free is what the seed VM's 40 GB system disk could plausibly have.
class PinnedDiskProbe final : public ports::HostProbe {
public:
  explicit PinnedDiskProbe(ports::HostProbe& inner, std::uint64_t free_bytes = 40ull << 30)
    : m_inner(inner), m_free(free_bytes)
  {
  }
  core::preflight::HostFacts probe(const ports::ProbeRequest& request) override
  {
    auto facts = m_inner.probe(request);
    for (auto* disk : {&facts.minikube_home, &facts.docker_root}) {
      disk->free_bytes = core::preflight::Fact<std::uint64_t>::of(m_free, "statvfs " + disk->path);
    }
    return facts;
  }

private:
  ports::HostProbe& m_inner;
  std::uint64_t m_free;
};

} // namespace devk8s::test
