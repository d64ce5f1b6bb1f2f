// Runs the built devk8s binary end to end (the real process, real exit code, real streams),
// through the product's own process runner.
#pragma once

#include "adapters/process/boost_process_runner.hpp"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace devk8s::test {

inline ports::ProcessResult run_devk8s(const std::vector<std::string>& args, const std::string& stdin_data = {},
                                       std::map<std::string, std::string> env = {})
{
  ports::Command command;
  command.argv = {DEVK8S_BINARY};
  command.argv.insert(command.argv.end(), args.begin(), args.end());
  command.stdin_data = stdin_data;
  // Tests must not see the developer's own maps or preferences.
  env.try_emplace("XDG_CONFIG_HOME", "/nonexistent-devk8s-test-config");
  // No exec credential kept in the developer's cache: nothing can be made under /dev/null, even as root.
  env.try_emplace("XDG_CACHE_HOME", "/dev/null/devk8s-test-cache");
  env.try_emplace("DEVK8S_MIRROR", "");
  env.try_emplace("KUBECONFIG", ""); // nor the developer's cluster
  env.try_emplace("NO_COLOR", "1");
  command.env = std::move(env);
  command.timeout = std::chrono::seconds(60);
  adapters::BoostProcessRunner runner;
  auto result = runner.run(command);
  if (!result) {
    throw std::runtime_error("cannot run devk8s: " + result.error().message);
  }
  return *result;
}

inline std::string source_path(const std::string& relative)
{
  return std::string(DEVK8S_SOURCE_DIR) + "/" + relative;
}

} // namespace devk8s::test
