// POSIX shell quoting: for printing a command a user can paste, and for the one place a
// command must cross a remote shell (`minikube ssh`). Never used to run anything locally.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::util {

/// `abc` stays as is; anything with a shell-special character is wrapped in single quotes.
std::string shell_quote(std::string_view word);

/// Each word quoted, joined by spaces.
std::string shell_join(const std::vector<std::string>& argv);

} // namespace devk8s::util
