// The port's own code, the same for every HttpClient: transport names, header lookup, and the
// buffering download() that test doubles inherit (the curl adapter streams instead).
#include "ports/http_client.hpp"
#include "util/strings.hpp"

namespace devk8s::ports {

const char* to_string(Transport transport)
{
  switch (transport) {
  case Transport::ok:
    return "ok";
  case Transport::dns:
    return "dns";
  case Transport::connect:
    return "connect";
  case Transport::tls:
    return "tls";
  case Transport::timeout:
    return "timeout";
  case Transport::too_large:
    return "too-large";
  case Transport::redirects:
    return "redirects";
  case Transport::protocol:
    return "protocol";
  case Transport::other:
    return "other";
  }
  return "other";
}

std::optional<std::string> HttpResponse::header(std::string_view name) const
{
  const std::string lower = util::to_lower(name);
  for (const auto& [key, value] : headers) {
    if (key == lower) {
      return value;
    }
  }
  return std::nullopt;
}

void HttpClient::perform_chained(std::vector<HttpRequest> first, const ChainStep& next)
{
  std::vector<std::size_t> chains(first.size());
  for (std::size_t i = 0; i < chains.size(); ++i) {
    chains[i] = i;
  }
  std::vector<HttpRequest> batch = std::move(first);
  while (!batch.empty()) {
    auto responses = perform_all(batch);
    std::vector<HttpRequest> following;
    std::vector<std::size_t> following_chains;
    for (std::size_t k = 0; k < responses.size(); ++k) {
      if (auto request = next(chains[k], std::move(responses[k]))) {
        following.push_back(std::move(*request));
        following_chains.push_back(chains[k]);
      }
    }
    batch = std::move(following);
    chains = std::move(following_chains);
  }
}

HttpResponse HttpClient::download(const HttpRequest& request, DownloadSink& sink)
{
  HttpResponse response = perform(request);
  if (!response.ok()) {
    return response;
  }
  std::string body = std::move(response.body);
  response.body.clear();
  const bool success = response.status >= 200 && response.status < 300;
  if (!sink.begin(response) || (success && (!sink.write(body) || !sink.progress(body.size(), body.size())))) {
    response.transport = Transport::other;
    response.transport_message = "aborted";
  }
  if (!success) {
    response.body = std::move(body);
  }
  return response;
}

} // namespace devk8s::ports
