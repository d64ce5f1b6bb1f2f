// Splits a command line the way bash does for the simple commands `minikube ssh` sends: words
// separated by blanks; single quotes literal; double quotes keep blanks and honour \" \\ \$ \`;
// a backslash outside quotes escapes the next character; unquoted `&&` and `;` separate commands.
// Expansions ($VAR, globs, $(...)), pipes and redirections are not interpreted: a line using
// them is reported, so a test notices instead of getting a wrong answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace devk8s::sim {

struct ShellCommand {
  std::vector<std::string> words;
  bool and_then = false; ///< joined to the next command by && (else by ;)
};

/// The commands of `line`, or nullopt with `error` set (bash's own message where it has one).
std::optional<std::vector<ShellCommand>> split_shell(const std::string& line, std::string& error);

} // namespace devk8s::sim
