// Where each smoke check stands, from the lists the app read and the logs it fetched: pending
// (what it still waits for), passed, or failed (a pod or Job that failed, a log without its
// line). Pure: the app polls, this decides.
#pragma once

#include "core/plan/wait_condition.hpp"
#include "core/smoke/suite.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::smoke {

/// One poll's view: each list path's items (list_paths), and the logs fetched so far by pod name.
struct Observation {
  std::map<std::string, std::vector<nlohmann::json>> lists;
  std::map<std::string, std::string> logs;
};

enum class CheckState { pending, passed, failed };

const char* to_string(CheckState state); ///< "pending", "passed", "failed"

struct CheckStatus {
  CheckState state = CheckState::pending;
  std::string message;                       ///< failed: why; pending: the first thing still awaited
  std::vector<plan::PendingObject> pending;  ///< every object still awaited, and how it looks
  std::vector<std::string> logs_to_fetch;    ///< pods whose log the check needs and the observation lacks
  std::map<std::string, std::string> logs;   ///< pod → the log the check read
};

CheckStatus evaluate_check(const Check& check, const Observation& observation);

/// The pod whose log proves `log`: the Pod itself, or a Job's succeeded pod (label job-name).
std::optional<std::string> log_pod(const LogCheck& log, const std::string& namespace_name,
                                   const Observation& observation);

/// A check still pending at the deadline, as a failure: what each object was still waiting for.
std::string timeout_message(const CheckStatus& status);

} // namespace devk8s::core::smoke
