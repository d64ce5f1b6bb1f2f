#include "core/preflight/profile_name.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace devk8s::core::preflight {

namespace {

bool alnum(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// One DNS label of minikube's pattern: [A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9].
bool valid_label(std::string_view label)
{
  if (label.empty() || !alnum(label.front()) || !alnum(label.back())) {
    return false;
  }
  return std::all_of(label.begin(), label.end(), [](char c) { return alnum(c) || c == '-'; });
}

// minikube's pkg/minikube/config/profile.go, ProfileNameValid: "checks if the profile name is
// container name and DNS hostname/label friendly", the pattern
//   (([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z0-9])
// anchored, and len(name) > 1 ("because docker volume #9366").
bool profile_name_valid(const std::string& name)
{
  if (name.size() < 2) {
    return false;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    if (!valid_label(std::string_view(name).substr(start, dot == std::string::npos ? std::string::npos : dot - start))) {
      return false;
    }
    if (dot == std::string::npos) {
      return true;
    }
    start = dot + 1;
  }
}

// The same file's ProfileNameInReservedKeywords: its `keywords`, compared with strings.EqualFold.
bool reserved(const std::string& name)
{
  static constexpr std::array<std::string_view, 10> k_keywords = {"start",   "stop",    "status", "delete", "config",
                                                                  "open",    "profile", "addons", "cache",  "logs"};
  return std::any_of(k_keywords.begin(), k_keywords.end(), [&](std::string_view word) {
    return word.size() == name.size() && std::equal(word.begin(), word.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
  });
}

} // namespace

util::Result<void> check_profile_name(const std::string& name)
{
  if (!profile_name_valid(name)) {
    return util::usage_error("invalid --profile " + util::quoted(name) +
                                 ": minikube allows letters, digits and '-' (parts may be joined by '.'), starting "
                                 "and ending with a letter or digit, at least 2 characters",
                             "choose a name such as dev or team-a.dev");
  }
  if (reserved(name)) {
    return util::usage_error("invalid --profile " + util::quoted(name) + ": it is one of minikube's command words, "
                                                                         "which minikube refuses as a profile name",
                             "choose another name, such as dev");
  }
  return {};
}

} // namespace devk8s::core::preflight
