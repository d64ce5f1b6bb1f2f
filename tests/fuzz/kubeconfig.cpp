// libFuzzer harness: kubeconfig files (core/kube/kubeconfig), merged as KUBECONFIG merges them,
// then the context chosen and its credential plugin. Input: the first line is the context to
// select (empty: the merged current-context); the rest is one or more files, separated by lines
// "#%%" (a YAML comment, so each part is still a plausible kubeconfig on its own). The whole
// input is also read as an exec plugin's stdout (an ExecCredential).
#include "core/kube/exec_credential.hpp"
#include "core/kube/kubeconfig.hpp"
#include "fuzz_support.hpp"

#include <string>
#include <vector>

namespace kube = devk8s::core::kube;
using devk8s::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto input = devk8s::fuzz::as_text(data, size);
  const auto newline = input.find('\n');
  const std::string context(input.substr(0, newline));
  std::string_view rest = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  std::vector<kube::KubeconfigFile> files;
  constexpr std::string_view k_separator = "\n#%%\n";
  while (true) {
    const auto end = rest.find(k_separator);
    files.push_back({"/home/u/.kube/config" + std::to_string(files.size()), std::string(rest.substr(0, end))});
    if (end == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(end + k_separator.size());
  }

  const auto access = kube::select_context(files, context);
  if (access) {
    require(context.empty() || access->context == context, "the access is for the context asked for");
    require(!access->server.empty(), "a selected context has a server");
    if (access->exec) {
      require(!access->exec->command.empty(), "an exec plugin has a command");
      require(kube::exec_cache_key(*access).size() == 64, "a cache key is a SHA-256");
      (void)kube::exec_info(*access, std::string(input));
    }
  } else {
    require(!access.error().message.empty(), "an error says why");
  }
  const auto plugin = kube::credential_plugin(files, context);
  if (plugin && *plugin) {
    require((*plugin)->kind == "exec" || (*plugin)->kind == "auth-provider", "a plugin is exec or auth-provider");
  }

  // A plugin's stdout: an error never quotes it (it may hold the token).
  const auto credential = kube::parse_exec_credential(input, "client.authentication.k8s.io/v1beta1");
  if (!credential && input.size() >= 16) {
    require(credential.error().message.find(input) == std::string::npos, "an error does not quote the output");
  }

  // KUBECONFIG's list: the first line doubles as the variable's value.
  for (const auto& path : kube::kubeconfig_paths("", context, std::string("/home/u"))) {
    require(!path.empty(), "KUBECONFIG's empty entries are skipped");
  }
  return 0;
}
