// CurlHttpClient and Ctrl-C (a test token): a request to a server that never answers ends at
// once, as "interrupted", in both the batch loop and a download.
#include "adapters/http/curl_http_client.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

using namespace devk8s;
using Clock = std::chrono::steady_clock;

namespace {

// A loopback port whose connections the kernel accepts (the backlog) and nobody answers.
class SilentServer {
public:
  SilentServer()
  {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(m_fd, 16) == 0);
    REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    m_port = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(m_fd); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/"; }

private:
  int m_fd = -1;
  int m_port = 0;
};

class NullSink final : public ports::DownloadSink {
public:
  bool begin(const ports::HttpResponse&) override { return true; }
  bool write(std::string_view) override { return true; }
  bool progress(std::uint64_t, std::uint64_t) override { return true; }
};

} // namespace

TEST_CASE("CurlHttpClient: a cancelled token ends transfers at once", "[http][cancel]")
{
  SilentServer server;
  util::CancelToken token;
  adapters::CurlOptions options;
  options.cancel = &token;
  adapters::CurlHttpClient http(options);
  ports::HttpRequest request;
  request.url = server.url();
  request.timeout = std::chrono::seconds(30);
  const auto started = Clock::now();
  std::thread canceller([&token] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    token.cancel(SIGINT);
  });

  SECTION("perform_all")
  {
    const auto responses = http.perform_all({request, request});
    canceller.join();
    REQUIRE(responses.size() == 2);
    for (const auto& response : responses) {
      CHECK(response.transport == ports::Transport::other);
      CHECK(response.transport_message == "interrupted");
    }
  }
  SECTION("download")
  {
    NullSink sink;
    const auto response = http.download(request, sink);
    canceller.join();
    CHECK(response.transport == ports::Transport::other);
    CHECK(response.transport_message == "interrupted");
  }
  CHECK(Clock::now() - started < std::chrono::seconds(3));
}
