// The preflight rule families, one per file. Each is pure: facts and the request in, findings
// out, in a fixed order. Thresholds are minikube's and kubeadm's (start_request.hpp).
#pragma once

#include "core/finding/finding.hpp"
#include "core/minikube/capabilities.hpp"
#include "core/preflight/host_facts.hpp"
#include "core/preflight/start_request.hpp"

#include <optional>
#include <vector>

namespace devk8s::core::preflight::rules {

using finding::about_host;
using finding::Evidence;
using finding::Finding;
using finding::Severity;

using Findings = std::vector<Finding>;

Findings check_resources(const HostFacts& facts, const StartRequest& request);   // cpu.*, memory.*, disk.*
Findings check_cgroups(const HostFacts& facts, const StartRequest& request);     // cgroup.*
Findings check_docker(const HostFacts& facts, const StartRequest& request);      // docker.*
Findings check_user_driver(const HostFacts& facts, const StartRequest& request); // user.*, driver.*
Findings check_versions(const HostFacts& facts, const StartRequest& request);    // tool.*, kernel
Findings check_mirror_bugs(const HostFacts& facts, const StartRequest& request); // mirror.*

/// What the minikube on PATH can do, from its version (core/minikube/capabilities.hpp): every
/// version threshold a rule applies comes from there. nullopt when its version is unknown.
std::optional<minikube::Capabilities> minikube_capabilities(const HostFacts& facts);

/// The flags that get past minikube's forceable CPU checks for this minikube version:
/// "--force --extra-config=kubeadm.ignore-preflight-errors=NumCPU" before v1.29.0 (or when the
/// version is unknown), "--force" from v1.29.0, which ignores NumCPU itself.
std::string low_cpu_flags(const HostFacts& facts);

/// The command that installs `tool` ("minikube", "kubectl") from here: `devk8s install TOOL`,
/// with `--mirror cn` when the request uses a cn mirror (the official download site, like most
/// of minikube's documentation, is what such a network cannot reach).
std::string install_command(const StartRequest& request, const std::string& tool);

} // namespace devk8s::core::preflight::rules
