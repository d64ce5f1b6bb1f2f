// A real docker-registry (distribution 2.8) on 127.0.0.1, seeded like the Aliyun mirror of the
// seed case, in one of four flavours; started by tests/support/local_registry.py (which
// documents the seed, the configuration and how to run it by hand) and stopped by PID when
// the object goes. Also the fault server (tests/support/fault_server.py).
#pragma once

#include "support/background_process.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace devk8s::test {

enum class Flavour { plain, tls, basic, bearer };

/// These servers live on loopback: a developer's HTTPS_PROXY must not carry requests to them,
/// in this process (in-process clients) or in the devk8s processes it starts (which inherit it).
inline void bypass_proxies_for_loopback()
{
  for (const char* name : {"NO_PROXY", "no_proxy"}) {
    ::setenv(name, "127.0.0.1,localhost", 1);
  }
}

inline const char* to_string(Flavour f)
{
  switch (f) {
  case Flavour::plain:
    return "plain";
  case Flavour::tls:
    return "tls";
  case Flavour::basic:
    return "basic";
  case Flavour::bearer:
    return "bearer";
  }
  return "plain";
}

class LocalRegistry {
public:
  explicit LocalRegistry(Flavour flavour, int bench_images = 0) : m_flavour(flavour)
  {
    bypass_proxies_for_loopback();
    m_process = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{"/usr/bin/python3", source_path("tests/support/local_registry.py"), "--dir",
                                 m_dir.path().string(), "--flavour", to_string(flavour), "--bench",
                                 std::to_string(bench_images)},
        std::chrono::seconds(30));
    m_info = nlohmann::json::parse(m_process->announcement());
  }

  Flavour flavour() const { return m_flavour; }
  std::string host() const { return m_info.at("host").get<std::string>(); }
  std::string ref(const std::string& path) const { return host() + "/" + path; }
  std::string ca() const { return m_info.at("ca").is_string() ? m_info.at("ca").get<std::string>() : std::string(); }
  std::string digest(const std::string& key) const { return m_info.at("digests").at(key).get<std::string>(); }
  bool needs_credentials() const { return m_flavour == Flavour::basic || m_flavour == Flavour::bearer; }
  std::string creds() const { return "alice:wonderland"; }
  const TempDir& dir() const { return m_dir; }
  /// The bearer flavour's token service, "127.0.0.1:PORT" ("" for the others). Its realm is plain
  /// http on a port of its own, so credentials go to it only once it is named insecure too.
  std::string realm_host() const
  {
    if (!m_info.contains("realm") || !m_info.at("realm").is_string()) {
      return {};
    }
    const auto realm = m_info.at("realm").get<std::string>(); // "http://127.0.0.1:PORT/token"
    const auto start = realm.find("://") + 3;
    return realm.substr(start, realm.find('/', start) - start);
  }
  /// Every host to name in --insecure-registry: the registry's, and its token service's.
  std::vector<std::string> insecure_hosts() const
  {
    if (m_flavour == Flavour::tls) {
      return {};
    }
    std::vector<std::string> hosts{host()};
    if (!realm_host().empty()) {
      hosts.push_back(realm_host());
    }
    return hosts;
  }

  /// The devk8s flags that reach this registry: --ca-file for TLS, --insecure-registry otherwise
  /// (for the registry and its token service),
  /// and --creds when it needs them (unless `anonymous`).
  std::vector<std::string> flags(bool anonymous = false) const
  {
    std::vector<std::string> f;
    if (m_flavour == Flavour::tls) {
      f = {"--ca-file", ca()};
    }
    for (const auto& h : insecure_hosts()) {
      f.insert(f.end(), {"--insecure-registry", h});
    }
    if (needs_credentials() && !anonymous) {
      f.insert(f.end(), {"--creds", host() + "=" + creds()});
    }
    return f;
  }

private:
  Flavour m_flavour;
  TempDir m_dir;
  std::unique_ptr<BackgroundProcess> m_process;
  nlohmann::json m_info;
};

/// One registry per flavour for the whole test process: started on first use, stopped (by PID)
/// when the process exits. For tests that only read, so sections need not restart it.
inline LocalRegistry& shared_registry(Flavour flavour)
{
  static std::unique_ptr<LocalRegistry> registries[4];
  auto& slot = registries[static_cast<int>(flavour)];
  if (!slot) {
    slot = std::make_unique<LocalRegistry>(flavour);
  }
  return *slot;
}

class FaultServer {
public:
  /// On 127.0.0.1, or on the unix socket `unix_socket` when given.
  explicit FaultServer(const std::string& unix_socket = {})
      : m_process(unix_socket.empty()
                      ? std::vector<std::string>{"/usr/bin/python3", source_path("tests/support/fault_server.py")}
                      : std::vector<std::string>{"/usr/bin/python3", source_path("tests/support/fault_server.py"), "--unix",
                                                 unix_socket},
                  std::chrono::seconds(10)),
        m_info(nlohmann::json::parse(m_process.announcement()))
  {
    bypass_proxies_for_loopback();
  }
  std::string host() const { return m_info.value("host", std::string()); }
  std::string digest() const { return m_info.at("digest").get<std::string>(); }
  std::string url(const std::string& path) const { return "http://" + host() + path; }

private:
  BackgroundProcess m_process;
  nlohmann::json m_info;
};

} // namespace devk8s::test
