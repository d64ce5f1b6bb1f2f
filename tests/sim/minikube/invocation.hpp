// A `minikube` command line split as cobra would: the subcommand words, flags (`--x=v`,
// `--x v`, `-o v`, booleans), and everything after `--`.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace devk8s::sim {

struct Invocation {
  std::vector<std::string> words; ///< positional words, the subcommand path first
  std::map<std::string, std::vector<std::string>> flags;
  std::vector<std::string> after_dashes;
  bool dashes = false;

  static Invocation parse(const std::vector<std::string>& args);
  bool has(const std::string& name) const { return flags.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const;
  bool flag(const std::string& name) const;
};

} // namespace devk8s::sim
