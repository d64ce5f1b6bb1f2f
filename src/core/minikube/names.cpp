#include "core/minikube/names.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace devk8s::core::minikube {

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
bool labels_valid(std::string_view name)
{
  if (name.empty() || name.size() > 253) {
    return false;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    if (!valid_label(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    start = dot + 1;
  }
}

// The same file's ProfileNameInReservedKeywords: its `keywords`, compared with strings.EqualFold.
bool reserved(std::string_view name)
{
  static constexpr std::array<std::string_view, 10> k_keywords = {"start",   "stop",    "status", "delete", "config",
                                                                  "open",    "profile", "addons", "cache",  "logs"};
  return std::any_of(k_keywords.begin(), k_keywords.end(), [&](std::string_view word) {
    return word.size() == name.size() && std::equal(word.begin(), word.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
  });
}

// A hostile name can be long; the message shows its start.
std::string shown(std::string_view name)
{
  return util::quoted(name.size() > 80 ? std::string(name.substr(0, 80)) + "..." : std::string(name));
}

} // namespace

util::Result<void> check_profile_name(std::string_view name)
{
  if (name.size() < 2 || !labels_valid(name)) {
    return util::usage_error("invalid --profile " + shown(name) +
                                 ": minikube allows letters, digits and '-' (parts may be joined by '.'), starting "
                                 "and ending with a letter or digit, 2 to 253 characters",
                             "choose a name such as dev or team-a.dev");
  }
  if (reserved(name)) {
    return util::usage_error("invalid --profile " + shown(name) + ": it is one of minikube's command words, "
                                                                         "which minikube refuses as a profile name",
                             "choose another name, such as dev");
  }
  return {};
}

util::Result<void> check_node_name(std::string_view name)
{
  if (!labels_valid(name)) {
    return util::usage_error("invalid node name " + shown(name) +
                             ": letters, digits and '-' (parts may be joined by '.'), at most 253 characters",
                             "'minikube node list' shows the node names");
  }
  return {};
}

} // namespace devk8s::core::minikube
