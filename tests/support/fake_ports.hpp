// The in-process doubles of every port, bundled as app::Ports for use-case tests: files,
// processes and HTTP are fakes to script; a registry, the host probe or a cluster fail the test
// when used, unless a test swaps in its own.
#pragma once

#include "app/ports.hpp"
#include "support/cli_harness.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_http_client.hpp"
#include "support/fake_process_runner.hpp"
#include "support/recording_reporter.hpp"

namespace devk8s::test {

struct FakePorts {
  FakeFileSystem fs;
  FakeProcessRunner runner;
  FakeHttpClient http;
  UnusedRegistry registry;
  UnusedHostProbe host;
  UnusedKube kube;
  RecordingReporter reporter;

  app::Ports ports() { return app::Ports{fs, runner, http, registry, host, kube}; }
};

} // namespace devk8s::test
