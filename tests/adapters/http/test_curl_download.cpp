// CurlHttpClient::download: bodies streamed to a sink, Range answered with 206, error bodies
// kept out of the sink, stalls ended by stall_timeout. Against tests/support/release_server.py.
#include "adapters/http/curl_http_client.hpp"

#include "support/release_server.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using namespace std::chrono;

namespace {

class Recorder final : public ports::DownloadSink {
public:
  bool begin(const ports::HttpResponse& head) override
  {
    ++begins;
    status = head.status;
    content_range = head.header("content-range").value_or("");
    return accept;
  }
  bool write(std::string_view chunk) override
  {
    body.append(chunk);
    return true;
  }
  bool progress(std::uint64_t received, std::uint64_t) override
  {
    last_progress = received;
    return true;
  }

  bool accept = true;
  int begins = 0;
  long status = 0;
  std::string content_range;
  std::string body;
  std::uint64_t last_progress = 0;
};

ports::HttpRequest download_request(const std::string& url)
{
  ports::HttpRequest r;
  r.url = url;
  r.timeout = milliseconds(0);
  r.stall_timeout = seconds(5);
  return r;
}

} // namespace

TEST_CASE("CurlHttpClient::download", "[http][install]")
{
  test::ReleaseServer server;
  adapters::CurlHttpClient http;
  const std::string url = server.url("/ok/v1.20.0/minikube-linux-amd64");

  SECTION("a 512 KiB body goes to the sink, not the response")
  {
    Recorder sink;
    const auto r = http.download(download_request(url), sink);
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    CHECK(r.body.empty());
    CHECK(sink.begins == 1);
    CHECK(sink.body.size() == 512u << 10);
    CHECK(sink.body.rfind("#!/bin/sh\n", 0) == 0);
    CHECK(sink.last_progress == 512u << 10);
  }
  SECTION("Range gives the rest with 206 and Content-Range")
  {
    Recorder full;
    REQUIRE(http.download(download_request(url), full).ok());
    Recorder sink;
    auto request = download_request(url);
    request.headers.emplace_back("Range", "bytes=1000-");
    const auto r = http.download(request, sink);
    REQUIRE(r.ok());
    CHECK(r.status == 206);
    CHECK(sink.content_range == "bytes 1000-524287/524288");
    CHECK(sink.body == full.body.substr(1000));
  }
  SECTION("a redirect is followed and only the final body reaches the sink")
  {
    Recorder full;
    REQUIRE(http.download(download_request(url), full).ok());
    Recorder sink;
    auto request = download_request(server.url("/moved/v1.20.0/minikube-linux-amd64"));
    request.follow_redirects = true;
    const auto r = http.download(request, sink);
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    CHECK(r.effective_url == url);
    CHECK(sink.begins == 1);
    CHECK(sink.body == full.body);
  }
  SECTION("a 404 body stays in the response and out of the sink")
  {
    Recorder sink;
    const auto r = http.download(download_request(server.url("/missing/v1/kubectl")), sink);
    REQUIRE(r.ok());
    CHECK(r.status == 404);
    CHECK(sink.status == 404);
    CHECK(sink.body.empty());
    CHECK(r.body == "<Error><Code>NoSuchKey</Code></Error>");
  }
  SECTION("a sink that refuses the response aborts it")
  {
    Recorder sink;
    sink.accept = false;
    const auto r = http.download(download_request(url), sink);
    CHECK(r.transport == ports::Transport::other);
    CHECK(r.transport_message == "aborted");
    CHECK(sink.body.empty());
  }
  SECTION("a body cut short is a transport failure after the bytes that came")
  {
    Recorder sink;
    const auto r = http.download(download_request(server.url("/truncate/v1.20.0/kubectl")), sink);
    CHECK_FALSE(r.ok());
    CHECK(sink.body.size() == 256u << 10);
  }
  SECTION("a stall ends after stall_timeout")
  {
    Recorder sink;
    auto request = download_request(server.url("/stall/v1.20.0/kubectl"));
    request.stall_timeout = milliseconds(700);
    const auto started = steady_clock::now();
    const auto r = http.download(request, sink);
    CHECK(r.transport == ports::Transport::timeout);
    CHECK(r.transport_message == "no data for 700 ms (stalled)");
    CHECK(steady_clock::now() - started < seconds(3));
    CHECK(sink.body.size() == 256u << 10);
  }
  SECTION("perform() is unchanged beside it: bodies over max_body still fail")
  {
    auto request = download_request(url);
    request.timeout = seconds(10);
    request.max_body = 1000;
    CHECK(http.perform(request).transport == ports::Transport::too_large);
  }
}

TEST_CASE("HttpClient::download default: test doubles buffer through perform()", "[http][install]")
{
  class Canned final : public ports::HttpClient {
  public:
    std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override
    {
      ports::HttpResponse r;
      r.status = requests.front().url == "ok" ? 200 : 500;
      r.body = "payload";
      return {r};
    }
  } http;
  Recorder ok;
  CHECK(http.download(download_request("ok"), ok).status == 200);
  CHECK(ok.body == "payload");
  Recorder failed;
  const auto r = http.download(download_request("bad"), failed);
  CHECK(r.status == 500);
  CHECK(r.body == "payload");
  CHECK(failed.body.empty());
}
