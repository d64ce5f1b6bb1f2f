#include "app/executor_choice.hpp"

namespace devk8s::app {

std::unique_ptr<exec::Executor> make_executor(const Ports& ports, exec::ExecutorChoice choice,
                                              const ExecutorStreams& streams, ports::KubeApi* kube)
{
  choice.real.http = &ports.http;
  choice.real.kube = kube;
  choice.real.progress = &streams.progress;
  choice.real.tty = streams.tty;
  return exec::make_executor(ports.fs, ports.runner, streams.reporter, streams.plan_out, std::move(choice));
}

} // namespace devk8s::app
