#include "app/executor_choice.hpp"

#include "exec/plan_check.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace devk8s::app {

namespace {

// A dry run for `-o json`: the same check as every executor, then the plan as one JSON document
// (invalid UTF-8 in a path shown as U+FFFD, as every JSON devk8s prints).
class JsonDryRunExecutor final : public exec::Executor {
public:
  JsonDryRunExecutor(ports::FileSystem& fs, std::ostream& out) : m_fs(fs), m_out(out) {}

  util::Result<void> execute(const core::plan::Plan& plan) override
  {
    if (auto ok = exec::check_plan(plan, m_fs); !ok) {
      return ok;
    }
    m_out << core::plan::to_json(plan).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return {};
  }

private:
  ports::FileSystem& m_fs;
  std::ostream& m_out;
};

} // namespace

std::unique_ptr<exec::Executor> make_executor(const Ports& ports, const ExecutorChoice& choice,
                                              const ExecutorStreams& streams)
{
  if (choice.dry_run && choice.json) {
    return std::make_unique<JsonDryRunExecutor>(ports.fs, streams.plan_out);
  }
  if (choice.dry_run) {
    return std::make_unique<exec::DryRunExecutor>(ports.fs, streams.plan_out, choice.previews);
  }
  return std::make_unique<exec::RealExecutor>(ports.fs, ports.runner, streams.progress, &ports.http, streams.tty);
}

} // namespace devk8s::app
