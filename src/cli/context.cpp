#include "cli/context.hpp"

#include <unistd.h>

extern char** environ; // POSIX: declared by no standard header in C++ mode

namespace devk8s::cli {

Environment Environment::from_process()
{
  std::map<std::string, std::string> vars;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto eq = text.find('=');
    if (eq != std::string::npos) {
      vars.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
  }
  return Environment(std::move(vars));
}

std::optional<std::string> Environment::get(const std::string& name) const
{
  const auto it = m_vars.find(name);
  if (it == m_vars.end()) {
    return std::nullopt;
  }
  return it->second;
}

bool Environment::has(const std::string& name) const
{
  const auto value = get(name);
  return value && !value->empty();
}

} // namespace devk8s::cli
