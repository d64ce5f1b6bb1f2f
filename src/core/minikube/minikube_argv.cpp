#include "core/minikube/minikube_argv.hpp"

#include "core/minikube/names.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"

namespace devk8s::core::minikube {

namespace {

util::Result<Argv> minikube_base(const MinikubeTarget& target)
{
  if (target.binary.empty()) {
    return util::usage_error("no minikube binary to run");
  }
  Argv argv{target.binary};
  if (!target.profile.empty()) {
    if (auto valid = check_profile_name(target.profile); !valid) {
      return valid.error();
    }
    argv.insert(argv.end(), {"-p", target.profile});
  }
  return argv;
}

util::Error missing_verb(const Capabilities& caps, const std::string& verb, const char* since)
{
  return util::failure("minikube " + caps.version.str() + " has no `minikube image " + verb + "` (added in " + since + ")",
                       "upgrade minikube, or run the node's container runtime through minikube ssh");
}

} // namespace

util::Result<Argv> minikube_argv(const MinikubeTarget& target, const Argv& words)
{
  DEVK8S_TRY(auto argv, minikube_base(target));
  argv.insert(argv.end(), words.begin(), words.end());
  return argv;
}

util::Result<Argv> ssh_argv(const MinikubeTarget& target, const Argv& node_command)
{
  if (node_command.empty()) {
    return util::usage_error("no command to run in the node");
  }
  DEVK8S_TRY(auto argv, minikube_base(target));
  argv.emplace_back("ssh");
  if (!target.node.empty()) {
    if (auto valid = check_node_name(target.node); !valid) {
      return valid.error();
    }
    argv.insert(argv.end(), {"-n", target.node});
  }
  argv.emplace_back("--");
  argv.push_back(util::shell_join(node_command));
  return argv;
}

util::Result<Argv> image_pull_argv(const Capabilities& caps, const MinikubeTarget& target, const image::ImageRef& image)
{
  if (!caps.image.pull) {
    return missing_verb(caps, "pull", "v1.23.0");
  }
  DEVK8S_TRY(auto argv, minikube_base(target));
  argv.insert(argv.end(), {"image", "pull", image.str()});
  return argv;
}

util::Result<Argv> image_tag_argv(const Capabilities& caps, const MinikubeTarget& target, const image::ImageRef& source,
                                  const image::ImageRef& destination)
{
  if (!caps.image.tag) {
    return missing_verb(caps, "tag", "v1.23.0");
  }
  if (!destination.digest().empty()) {
    return util::usage_error("cannot tag an image as " + util::quoted(destination.str()) +
                             ": the target is pinned by digest, and a tag does not create a digest");
  }
  DEVK8S_TRY(auto argv, minikube_base(target));
  argv.insert(argv.end(), {"image", "tag", source.str(), destination.str()});
  return argv;
}

util::Result<Argv> image_ls_argv(const Capabilities& caps, const MinikubeTarget& target, bool json)
{
  if (!caps.image.ls) {
    return missing_verb(caps, "ls", "v1.19.0");
  }
  if (json && !caps.image.ls_json) {
    return missing_verb(caps, "ls --format json", "v1.25.0");
  }
  DEVK8S_TRY(auto argv, minikube_base(target));
  argv.insert(argv.end(), {"image", "ls"});
  if (json) {
    argv.insert(argv.end(), {"--format", "json"});
  }
  return argv;
}

} // namespace devk8s::core::minikube
