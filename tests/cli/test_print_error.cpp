#include "cli/app.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace devk8s;

TEST_CASE("print_error: one error line per problem and a tool's output indented beneath", "[cli]")
{
  std::ostringstream err;
  auto error = util::failure("a.yaml:3: unknown field\nb.yaml:1: no rules", "fix the files");
  cli::print_error(err, error, false);
  CHECK(err.str() == "devk8s: error: a.yaml:3: unknown field\ndevk8s: error: b.yaml:1: no rules\nhint: fix the files\n");

  std::ostringstream tool;
  auto failed = util::failure("step 1 (pull): docker pull x: exit status 1", "check the image");
  failed.output = "Error response from daemon: manifest unknown\nsecond line";
  cli::print_error(tool, failed, false);
  CHECK(tool.str() == "devk8s: error: step 1 (pull): docker pull x: exit status 1\n"
                      "  Error response from daemon: manifest unknown\n"
                      "  second line\n"
                      "hint: check the image\n");
}
