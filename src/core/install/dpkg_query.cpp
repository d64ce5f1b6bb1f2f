#include "core/install/dpkg_query.hpp"

#include "util/strings.hpp"

namespace devk8s::core::install {

namespace {

// Debian Policy 5.6.1: at least two characters, lower case letters, digits, '+', '-' and '.',
// starting with a letter or digit; dpkg adds ":ARCH" for a Multi-Arch: same package.
bool package_name(std::string_view name)
{
  const auto colon = name.find(':');
  const std::string_view package = name.substr(0, colon);
  const auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (package.size() < 2 || !lower_or_digit(package.front())) {
    return false;
  }
  for (const char c : package) {
    if (!lower_or_digit(c) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  if (colon == std::string_view::npos) {
    return true;
  }
  const std::string_view arch = name.substr(colon + 1);
  if (arch.empty()) {
    return false;
  }
  for (const char c : arch) {
    if (!lower_or_digit(c) && c != '-') {
      return false;
    }
  }
  return true;
}

} // namespace

std::string dpkg_search_argument(std::string_view path)
{
  std::string argument;
  argument.reserve(path.size());
  for (const char c : path) {
    if (c == '*' || c == '?' || c == '[' || c == '\\') {
      argument += '\\';
    }
    argument += c;
  }
  return argument;
}

std::vector<std::string> dpkg_search_owners(std::string_view output, std::string_view path)
{
  std::vector<std::string> owners;
  for (auto line : util::split(output, '\n')) {
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    // "PACKAGES: PATH", where a path may itself hold ": " but a package list cannot. A diversion
    // line ("diversion by dash from: /bin/sh") fails the names' check: they hold no blank.
    if (path.empty() || line.size() < path.size() + 2 || line.substr(line.size() - path.size()) != path ||
        line.substr(line.size() - path.size() - 2, 2) != ": ") {
      continue;
    }
    std::vector<std::string> packages;
    bool valid = true;
    for (const auto listed : util::split(line.substr(0, line.size() - path.size() - 2), ',')) {
      const auto package = util::trim(listed);
      valid = valid && package_name(package);
      packages.emplace_back(package.substr(0, package.find(':')));
    }
    if (valid) {
      owners.insert(owners.end(), packages.begin(), packages.end());
    }
  }
  return owners;
}

} // namespace devk8s::core::install
