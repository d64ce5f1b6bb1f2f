#include "app/executor_choice.hpp"

namespace devk8s::app {

std::unique_ptr<exec::Executor> make_executor(const Ports& ports, const ExecutorChoice& choice,
                                              const ExecutorStreams& streams, ports::KubeApi* kube)
{
  exec::RealExecutorOptions real;
  real.http = &ports.http;
  real.kube = kube;
  real.progress = &streams.progress;
  real.tty = streams.tty;
  return exec::make_executor(ports.fs, ports.runner, streams.reporter, streams.plan_out,
                             exec::ExecutorChoice{choice.dry_run,
                                                  choice.json ? exec::PlanFormat::json : exec::PlanFormat::text,
                                                  choice.previews, std::move(real)});
}

} // namespace devk8s::app
