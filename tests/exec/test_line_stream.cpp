#include "exec/line_stream.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using devk8s::exec::LineStream;

TEST_CASE("LineStream: lines whole, whatever the chunks", "[exec][stream]")
{
  std::vector<std::string> lines;
  std::vector<std::string> progress;
  LineStream stream([&](std::string_view l) { lines.emplace_back(l); }, [&](std::string_view p) { progress.emplace_back(p); });

  SECTION("a line split across chunks is one line")
  {
    stream.feed("😄  minikube v1.20.0 on Deb");
    CHECK(lines.empty());
    stream.feed("ian 12\n✨  Using the docker driver\n");
    CHECK(lines == std::vector<std::string>{"😄  minikube v1.20.0 on Debian 12", "✨  Using the docker driver"});
  }
  SECTION("CRLF, even split between chunks, ends a line")
  {
    stream.feed("a\r\nb\r");
    stream.feed("\nc");
    stream.finish();
    CHECK(lines == std::vector<std::string>{"a", "b", "c"});
    CHECK(progress.empty());
  }
  SECTION("a bar redrawn with bare CR is progress, and only its last state becomes the line")
  {
    stream.feed("    > preload.tar.lz4: 1 MiB / 500 MiB\r    > preload.tar.lz4: 2");
    stream.feed(" MiB / 500 MiB\r    > preload.tar.lz4: 500 MiB / 500 MiB\n");
    CHECK(progress == std::vector<std::string>{"    > preload.tar.lz4: 1 MiB / 500 MiB", "    > preload.tar.lz4: 2 MiB / 500 MiB"});
    CHECK(lines == std::vector<std::string>{"    > preload.tar.lz4: 500 MiB / 500 MiB"});
  }
  SECTION("the last line without a newline is kept at the end")
  {
    stream.feed("done");
    CHECK(lines.empty());
    stream.finish();
    CHECK(lines == std::vector<std::string>{"done"});
  }
}
