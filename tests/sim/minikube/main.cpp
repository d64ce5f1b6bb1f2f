// The simulated `minikube` of issue #5 (see tests/sim/README.md): real minikube's subcommands,
// flags, exit codes and output shapes for what devk8s uses, over the simulation's shared state
// in $DEVK8S_SIM_STATE. The version it plays is $DEVK8S_SIM_MINIKUBE_VERSION, else the state's
// minikube.version, else v1.20.0 (the seed's).
#include "commands.hpp"

#include <curl/curl.h>

#include <cstdlib>
#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
  using namespace devk8s::sim;
  try {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const auto inv = Invocation::parse(std::vector<std::string>(argv + 1, argv + argc));
    SimState state(state_dir_from_env());
    const char* env_version = std::getenv("DEVK8S_SIM_MINIKUBE_VERSION");
    const std::string version = env_version != nullptr && *env_version != '\0'
                                    ? env_version
                                    : state.doc()["minikube"].value("version", std::string("v1.20.0"));
    const auto profile = VersionProfile::named(version);
    if (!profile) {
      std::cerr << "devk8s-sim-minikube: unknown version profile \"" << version
                << "\" (known: v1.20.0, v1.23.2, v1.26.0, v1.38.1)\n";
      return 2;
    }
    Context ctx{state, *profile, std::cout, std::cerr};
    const std::string command = inv.words.empty() ? "" : inv.words[0];
    const std::string sub = inv.words.size() > 1 ? inv.words[1] : "";
    if (command == "version") {
      return cmd_version(inv, ctx);
    }
    if (command == "start") {
      return cmd_start(inv, ctx);
    }
    if (command == "status") {
      return cmd_status(inv, ctx);
    }
    if (command == "profile" && sub == "list") {
      return cmd_profile_list(inv, ctx);
    }
    if (command == "node" && sub == "list") {
      return cmd_node_list(inv, ctx);
    }
    if (command == "addons") {
      return cmd_addons(inv, ctx);
    }
    if (command == "ssh") {
      return cmd_ssh(inv, ctx);
    }
    if (command == "image") {
      return cmd_image(inv, ctx);
    }
    if (command == "delete") {
      return cmd_delete(inv, ctx);
    }
    if (command == "logs") {
      return cmd_logs(inv, ctx);
    }
    std::cerr << "Error: unknown command \"" << command << "\" for \"minikube\"\n"
              << "Run 'minikube --help' for usage.\n";
    return k_ex_program_usage;
  } catch (const std::exception& e) {
    std::cerr << "devk8s-sim-minikube: " << e.what() << "\n";
    return 1;
  }
}
