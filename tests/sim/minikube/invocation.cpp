#include "invocation.hpp"

namespace devk8s::sim {
namespace {

// Flags that take no value, as minikube's cobra definitions have them.
const std::set<std::string> k_booleans = {"force", "light", "all", "purge", "alsologtostderr", "wait", "help",
                                          "native-ssh", "delete-on-failure", "keep-context", "short"};
const std::map<std::string, std::string> k_short = {{"o", "output"}, {"n", "node"}, {"p", "profile"},
                                                    {"f", "format"}, {"h", "help"}};

} // namespace

Invocation Invocation::parse(const std::vector<std::string>& args)
{
  Invocation inv;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--") {
      inv.dashes = true;
      inv.after_dashes.assign(args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (a.size() > 1 && a[0] == '-') {
      std::string name = a.substr(a[1] == '-' ? 2 : 1);
      std::string value;
      bool has_value = false;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      if (a[1] != '-' && k_short.count(name) != 0) {
        name = k_short.at(name);
      }
      if (!has_value && k_booleans.count(name) == 0 && i + 1 < args.size()) {
        value = args[++i];
      } else if (!has_value) {
        value = "true";
      }
      inv.flags[name].push_back(value);
      continue;
    }
    inv.words.push_back(a);
  }
  return inv;
}

std::string Invocation::get(const std::string& name, const std::string& fallback) const
{
  const auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second.back();
}

bool Invocation::flag(const std::string& name) const
{
  const auto v = get(name, "false");
  return v == "true" || v == "1";
}

} // namespace devk8s::sim
