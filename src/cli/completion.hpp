// Shell completion (issue #16), answered from the command tree itself: `devk8s completion SHELL`
// prints a small script that hands the words typed so far to `devk8s __complete WORDS...`, and
// complete() walks the same CLI11 tree that parses the command line, so a new subcommand or flag
// completes without touching this code. The answer is in cobra's format (one candidate a line,
// "value<TAB>description", then ":<directive>"), the one kubectl, minikube and helm use, so the
// scripts read like theirs and kubectl ≥ 1.26 could complete `kubectl devk8s` from it too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace devk8s::cli {

/// Values that come from outside the command tree. Each may be slow or fail; a failure is no
/// values, never an error (a completion must not print errors into the user's line).
class CompletionValues {
public:
  virtual ~CompletionValues() = default;
  /// Mirror map names: built in, the user's, and those of `mirror_files` (--mirror-file typed).
  virtual std::vector<std::string> mirrors(const std::vector<std::string>& mirror_files) = 0;
  /// minikube's profiles, if `minikube profile list -o json` answers within a second.
  virtual std::vector<std::string> profiles() = 0;
  /// The contexts of the kubeconfig `kubeconfig` (empty: KUBECONFIG, else ~/.kube/config) names.
  virtual std::vector<std::string> contexts(const std::string& kubeconfig) = 0;
  /// The addons retag can repair.
  virtual std::vector<std::string> addons() = 0;
};

struct Candidate {
  std::string value;
  std::string description;
};

/// cobra's ShellCompDirective bits (spf13/cobra completions.go), so the scripts speak its protocol.
enum CompletionDirective : int {
  k_complete_default = 0,     ///< no candidates: the shell may complete file names
  k_complete_no_space = 2,    ///< no space after the candidate
  k_complete_no_files = 4,    ///< no file names, even when there is no candidate
  k_complete_directories = 16 ///< complete directory names
};

struct Completion {
  std::vector<Candidate> candidates;
  int directive = k_complete_no_files;
};

/// What may follow `words` (the words after the program name; the last is the one being typed,
/// possibly empty) on a command line of `root`.
Completion complete(const CLI::App& root, const std::vector<std::string>& words, CompletionValues& values);

/// cobra's wire format: "value\tdescription" lines, then ":<directive>".
std::string format_completion(const Completion& completion);

/// The shells `devk8s completion` writes for.
const std::vector<std::string>& completion_shells();

/// The script for `shell` (one of completion_shells()) that completes `program` (devk8s).
std::string completion_script(std::string_view shell, std::string_view program);

} // namespace devk8s::cli
