// The `minikube` subcommands the simulation implements, one function each, sharing a Context:
// the locked state, the version profile, and the streams. Output follows real minikube when its
// output is not a terminal (the "* ", "! ", "X ", "  - " prefixes in place of emoji;
// pkg/minikube/out): results on stdout, warnings and errors on stderr.
#pragma once

#include "invocation.hpp"
#include "sim_state.hpp"
#include "version_profile.hpp"

#include <iosfwd>

namespace devk8s::sim {

struct Context {
  SimState& state;
  VersionProfile profile;
  std::ostream& out;
  std::ostream& err;
};

// minikube's exit codes (pkg/minikube/reason/exitcodes.go).
inline constexpr int k_ex_program_usage = 14;
inline constexpr int k_ex_insufficient_memory = 23;
inline constexpr int k_ex_insufficient_cores = 29;
inline constexpr int k_ex_guest_not_found = 85;
inline constexpr int k_ex_driver_permission = 57;
inline constexpr int k_ex_guest_unsupported = 86;

int cmd_version(const Invocation& inv, Context& ctx);
int cmd_start(const Invocation& inv, Context& ctx);
int cmd_status(const Invocation& inv, Context& ctx);
int cmd_profile_list(const Invocation& inv, Context& ctx);
int cmd_node_list(const Invocation& inv, Context& ctx);
int cmd_addons(const Invocation& inv, Context& ctx);
int cmd_ssh(const Invocation& inv, Context& ctx);
int cmd_image(const Invocation& inv, Context& ctx);
int cmd_delete(const Invocation& inv, Context& ctx);
int cmd_logs(const Invocation& inv, Context& ctx);
/// `image load ARCHIVE...` (cmd_image_load.cpp).
int image_load(const Invocation& inv, Context& ctx);

/// The profile's "not found" message (status, ssh, addons on a missing cluster); returns 85.
int profile_not_found(Context& ctx);

} // namespace devk8s::sim
