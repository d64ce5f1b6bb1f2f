// `devk8s completion bash|zsh|fish` (the script) and `devk8s __complete WORDS...` (what the script
// asks on each TAB): cli/completion.hpp. The values that come from outside the command tree are
// read here, each bounded so that a TAB never hangs: minikube gets one second.
#include "adapters/minikube/minikube_client.hpp"
#include "app/cluster_access.hpp"
#include "app/mirror_maps.hpp"
#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "cli/kube_options.hpp"
#include "core/minikube/addon_pods.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <ostream>

namespace devk8s::cli {

namespace {

// `minikube profile list -o json` asks every profile's driver: seconds on a busy host. A TAB
// that waits longer than this feels broken, so the profiles are simply not offered then.
constexpr std::chrono::milliseconds k_profile_list_budget{1000};

class WorldValues final : public CompletionValues {
public:
  explicit WorldValues(Context& ctx) : m_ctx(ctx) {}

  // The shell passes the words as typed: a path the shell would expand (~/kubeconfig) is not yet.
  std::string expanded(const std::string& path) const
  {
    const auto home = m_ctx.env.get("HOME");
    return path.starts_with("~/") && home ? *home + path.substr(1) : path;
  }

  std::vector<std::string> mirrors(const std::vector<std::string>& mirror_files) override
  {
    app::MirrorOptions options;
    for (const auto& file : mirror_files) {
      options.mirror_files.push_back(expanded(file));
    }
    options.config_dir = user_config_dir(m_ctx.env);
    auto catalog = app::load_catalog(m_ctx.adapters.fs, options);
    if (!catalog) {
      // A broken user map must not hide the built-in ones.
      options.config_dir.clear();
      options.mirror_files.clear();
      catalog = app::load_catalog(m_ctx.adapters.fs, options);
    }
    std::vector<std::string> names = catalog ? catalog->names() : std::vector<std::string>{};
    std::sort(names.begin(), names.end());
    return names;
  }

  std::vector<std::string> profiles() override
  {
    adapters::MinikubeClientOptions options;
    options.query_timeout = k_profile_list_budget;
    adapters::MinikubeClient minikube(m_ctx.adapters.runner, options);
    const auto list = minikube.profiles();
    std::vector<std::string> names;
    if (list) {
      for (const auto& profile : list->valid) {
        names.push_back(profile.name);
      }
      names.insert(names.end(), list->invalid.begin(), list->invalid.end());
    }
    return names;
  }

  std::vector<std::string> contexts(const std::string& kubeconfig) override
  {
    app::KubeOptions options;
    options.kubeconfig = expanded(kubeconfig);
    auto names = app::kubeconfig_contexts(m_ctx.adapters.fs, with_kube_environment(options, m_ctx));
    return names ? *names : std::vector<std::string>{};
  }

  std::vector<std::string> addons() override { return core::minikube::addons_with_pods(); }

private:
  Context& m_ctx;
};

} // namespace

void add_completion_command(CLI::App& root, Context& ctx, Action& action)
{
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = root.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  cmd->footer("Completes every command and flag, and the values devk8s knows: output formats, mirror map names,\n"
              "minikube profiles (when minikube answers within a second), kubeconfig contexts, addon names.\n"
              "Examples:\n"
              "  source <(devk8s completion bash)       # this bash session\n"
              "  devk8s completion bash > ~/.local/share/bash-completion/completions/devk8s\n"
              "  devk8s completion zsh > \"${fpath[1]}/_devk8s\"\n"
              "  devk8s completion fish > ~/.config/fish/completions/devk8s.fish\n"
              "The .deb installs all three system-wide (README: Install).");
  cmd->add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember(completion_shells()));
  cmd->callback([&ctx, &action, shell] {
    action = [&ctx, shell]() -> util::Result<util::ExitCode> {
      ctx.streams.out << completion_script(*shell, "devk8s");
      return util::ExitCode::ok;
    };
  });
}

int print_completions(const CLI::App& root, const std::vector<std::string>& words, Context& ctx)
{
  WorldValues values(ctx);
  ctx.streams.out << format_completion(complete(root, words, values));
  return 0;
}

} // namespace devk8s::cli
