// tests/support/release_server.py run beside a test: fake minikube/kubectl releases and checksum
// files on 127.0.0.1, and a downloads file (the user-facing --downloads-file) pointing at it.
#pragma once

#include "support/background_process.hpp"
#include "support/local_registry.hpp"
#include "support/run_devk8s.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace devk8s::test {

class ReleaseServer {
public:
  ReleaseServer()
    : m_process({"/usr/bin/python3", source_path("tests/support/release_server.py")}, std::chrono::seconds(10)),
      m_host(nlohmann::json::parse(m_process.announcement()).at("host").get<std::string>())
  {
    bypass_proxies_for_loopback();
  }
  std::string url(const std::string& path) const { return "http://" + m_host + path; }

  /// A downloads file whose sources are (name, mode) in order, all fallbacks, so the built-in
  /// "official" source is replaced and nothing leaves 127.0.0.1.
  std::string downloads_yaml(const std::vector<std::pair<std::string, std::string>>& sources) const
  {
    std::string yaml = "sources:\n";
    bool official = false;
    for (const auto& [name, mode] : sources) {
      official = official || name == "official";
      yaml += "  - name: " + name + "\n    fallback: true\n" + tool_yaml(mode);
    }
    if (!official) {
      yaml += "  - name: official\n    fallback: false\n" + tool_yaml("missing");
    }
    return yaml;
  }

  /// {path: [Range header of each request]}
  nlohmann::json stats() const
  {
    adapters::BoostProcessRunner runner;
    auto r = runner.run(ports::Command{{"/usr/bin/python3", "-c",
                                        "import urllib.request,sys;sys.stdout.write(urllib.request.urlopen('" +
                                            url("/stats") + "').read().decode())"},
                                       {{"NO_PROXY", "127.0.0.1"}, {"no_proxy", "127.0.0.1"}},
                                       std::chrono::seconds(10), {}, {}, {}});
    return nlohmann::json::parse(r->out);
  }

private:
  std::string tool_yaml(const std::string& mode) const
  {
    const std::string base = url("/" + mode);
    return "    minikube:\n      url: " + base + "/{version}/minikube-{os}-{arch}\n      checksum: \"{url}.sha256\"\n"
           "      latest: " + base + "/releases.json\n"
           "    kubectl:\n      url: " + base + "/{version}/kubectl\n      checksum: \"{url}.sha256\"\n"
           "      latest: " + base + "/stable.txt\n";
  }

  BackgroundProcess m_process;
  std::string m_host;
};

} // namespace devk8s::test
