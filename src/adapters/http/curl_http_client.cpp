#include "adapters/http/curl_http_client.hpp"

#include "adapters/http/curl_route.hpp"
#include "util/strings.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>

namespace devk8s::adapters {

namespace {

// curl_global_init is not thread-safe and must run once per process.
void global_init()
{
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  const ports::HttpRequest* request = nullptr;
  std::size_t chain = 0; ///< perform_chained's chain
  ports::HttpResponse response;
  curl_slist* headers = nullptr;
  curl_slist* connect_to = nullptr;
  std::string url; ///< the URL curl is given: the request's, or with tls_server_name as its host
  std::size_t header_bytes = 0;
  bool too_large = false;
  bool done = false;
  CURL* easy = nullptr;
  char error[CURL_ERROR_SIZE] = {}; ///< curl's specific words (the host, the file, OpenSSL's reason)
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->response.body.size() + n > t->request->max_body) {
    t->too_large = true;
    return 0; // aborts the transfer with CURLE_WRITE_ERROR
  }
  if (t->response.body.empty()) {
    // Room for the announced size at once, rather than doubling up to it: a 1 MB page of a list
    // would otherwise hold 2 MB at its end. A size beyond the limit is not believed.
    curl_off_t announced = -1;
    if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK && announced > 0 &&
        static_cast<std::uint64_t>(announced) <= t->request->max_body) {
      t->response.body.reserve(static_cast<std::size_t>(announced));
    }
  }
  t->response.body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t->header_bytes += n;
  if (t->header_bytes > t->request->max_header) {
    t->too_large = true;
    return 0;
  }
  const std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    t->response.headers.clear(); // a new response (after a redirect or a 100 Continue)
    return n;
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->response.headers.emplace_back(util::to_lower(util::trim(line.substr(0, colon))),
                                     std::string(util::trim(line.substr(colon + 1))));
  }
  return n;
}

// A download: the body goes to the sink once the status says 2xx; anything else is kept,
// bounded, for the error message.
struct Download {
  Transfer transfer;
  ports::DownloadSink* sink = nullptr;
  bool begun = false;
  bool aborted = false;
  bool stalled = false;
  bool cancelled = false;
  const util::CancelToken* cancel = nullptr;
  curl_off_t last_received = -1;
  std::chrono::steady_clock::time_point last_change = std::chrono::steady_clock::now();
};

bool begin_once(Download& d)
{
  if (d.begun) {
    return true;
  }
  d.begun = true;
  long status = 0;
  curl_easy_getinfo(d.transfer.easy, CURLINFO_RESPONSE_CODE, &status);
  d.transfer.response.status = status;
  if (!d.sink->begin(d.transfer.response)) {
    d.aborted = true;
    return false;
  }
  return true;
}

std::size_t on_download_body(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* d = static_cast<Download*>(user);
  const std::size_t n = size * count;
  if (!begin_once(*d)) {
    return 0;
  }
  const long status = d->transfer.response.status;
  if (status < 200 || status >= 300) {
    auto& body = d->transfer.response.body;
    body.append(data, std::min(n, d->transfer.request->max_body - std::min(body.size(), d->transfer.request->max_body)));
    return n;
  }
  if (!d->sink->write(std::string_view(data, n))) {
    d->aborted = true;
    return 0;
  }
  return n;
}

int on_download_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t)
{
  auto* d = static_cast<Download*>(user);
  if (d->cancel->cancelled()) {
    d->cancelled = true;
    return 1;
  }
  const auto clock = std::chrono::steady_clock::now();
  if (now != d->last_received) {
    d->last_received = now;
    d->last_change = clock;
  } else if (d->transfer.request->stall_timeout.count() > 0 &&
             clock - d->last_change >= d->transfer.request->stall_timeout) {
    d->stalled = true;
    return 1; // CURLE_ABORTED_BY_CALLBACK
  }
  if (!d->sink->progress(static_cast<std::uint64_t>(now), static_cast<std::uint64_t>(total))) {
    d->aborted = true;
    return 1;
  }
  return 0;
}

ports::Transport classify(CURLcode code)
{
  switch (code) {
  case CURLE_OK:
    return ports::Transport::ok;
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return ports::Transport::dns;
  case CURLE_COULDNT_CONNECT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
    return ports::Transport::connect;
  case CURLE_OPERATION_TIMEDOUT:
    return ports::Transport::timeout;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_CRL_BADFILE:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    return ports::Transport::tls;
  case CURLE_FILESIZE_EXCEEDED:
    return ports::Transport::too_large;
  case CURLE_TOO_MANY_REDIRECTS:
    return ports::Transport::redirects;
  case CURLE_WEIRD_SERVER_REPLY:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
  case CURLE_UNSUPPORTED_PROTOCOL:
    return ports::Transport::protocol;
  default:
    return ports::Transport::other;
  }
}

void configure(Transfer& t, const CurlOptions& options, CURLSH* share)
{
  const ports::HttpRequest& r = *t.request;
  CURL* e = t.easy;
  const CurlRoute route = route_for(r);
  t.url = route.url;
  curl_easy_setopt(e, CURLOPT_URL, t.url.c_str());
  if (!route.connect_to.empty()) {
    t.connect_to = curl_slist_append(t.connect_to, route.connect_to.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECT_TO, t.connect_to);
  }
  if (!route.host.empty()) {
    t.headers = curl_slist_append(t.headers, ("Host: " + route.host).c_str());
  }
  curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_SHARE, share);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L); // wait to multiplex on HTTP/2 rather than open more connections
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  if (r.follow_redirects) {
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(r.max_redirects));
  }
  if (r.method == "HEAD") {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (r.method != "GET") {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  }
  if (!r.body.empty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  }
  for (const auto& [name, value] : r.headers) {
    t.headers = curl_slist_append(t.headers, (name + ": " + value).c_str());
  }
  if (t.headers != nullptr) {
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
  }
  if (!r.unix_socket.empty()) {
    curl_easy_setopt(e, CURLOPT_UNIX_SOCKET_PATH, r.unix_socket.c_str());
  }
  if (!r.ca_file.empty()) {
    curl_easy_setopt(e, CURLOPT_CAINFO, r.ca_file.c_str());
  }
  if (!r.client_cert.empty()) {
    curl_easy_setopt(e, CURLOPT_SSLCERT, r.client_cert.c_str());
    curl_easy_setopt(e, CURLOPT_SSLKEY, r.client_key.c_str());
  }
  // curl copies a blob (CURL_BLOB_COPY), so the request may go before the transfer does.
  const auto blob = [e](CURLoption option, const std::string& pem) {
    if (!pem.empty()) {
      curl_blob b{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
      curl_easy_setopt(e, option, &b);
    }
  };
  blob(CURLOPT_CAINFO_BLOB, r.ca_pem);
  blob(CURLOPT_SSLCERT_BLOB, r.client_cert_pem);
  blob(CURLOPT_SSLKEY_BLOB, r.client_key_pem);
  const long verify = r.insecure ? 0L : 1L;
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, verify);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, r.insecure ? 0L : 2L);
  set_proxy(e, r);
}

constexpr const char* k_interrupted = "interrupted";

void finish(Transfer& t, CURLcode code)
{
  t.done = true;
  auto& resp = t.response;
  long status = 0;
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
  resp.status = status;
  long version = 0;
  curl_easy_getinfo(t.easy, CURLINFO_HTTP_VERSION, &version);
  resp.http_version = version == CURL_HTTP_VERSION_2_0 ? "2" : version == CURL_HTTP_VERSION_1_0 ? "1.0" : "1.1";
  char* url = nullptr;
  curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &url);
  resp.effective_url = url != nullptr ? url : t.request->url;
  curl_off_t micros = 0;
  curl_easy_getinfo(t.easy, CURLINFO_TOTAL_TIME_T, &micros);
  resp.elapsed = std::chrono::microseconds(micros);
  if (t.too_large) {
    resp.transport = ports::Transport::too_large;
    resp.transport_message = "response larger than the limit";
  } else if (code != CURLE_OK) {
    resp.transport = classify(code);
    resp.transport_message = curl_easy_strerror(code);
    resp.transport_code = static_cast<int>(code);
    resp.transport_detail = std::string(util::trim(t.error));
    long os_errno = 0;
    if (code == CURLE_COULDNT_CONNECT && curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK &&
        os_errno != 0) {
      // curl 7.88 says "Couldn't connect to server" whatever the cause; the errno tells a refusal
      // (nothing listens) from an unreachable network.
      resp.transport_detail += " (" + std::string(std::strerror(static_cast<int>(os_errno))) + ")";
    }
    long verify = 0;
    if (curl_easy_getinfo(t.easy, CURLINFO_SSL_VERIFYRESULT, &verify) == CURLE_OK) {
      resp.tls_verify_result = verify;
    }
  }
}

} // namespace

struct CurlHttpClient::Impl {
  CurlOptions options;
  CURLM* multi = nullptr;
  CURLSH* share = nullptr;

  const util::CancelToken& cancel() const
  {
    return options.cancel != nullptr ? *options.cancel : util::process_cancel_token();
  }
};

CurlHttpClient::CurlHttpClient(CurlOptions options) : m_impl(std::make_unique<Impl>())
{
  global_init();
  m_impl->options = std::move(options);
  m_impl->multi = curl_multi_init();
  curl_multi_setopt(m_impl->multi, CURLMOPT_MAX_HOST_CONNECTIONS, m_impl->options.max_connections_per_host);
  curl_multi_setopt(m_impl->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, m_impl->options.max_total_connections);
  curl_multi_setopt(m_impl->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // DNS answers and TLS sessions outlive one batch; the multi handle keeps the connections.
  m_impl->share = curl_share_init();
  curl_share_setopt(m_impl->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(m_impl->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

CurlHttpClient::~CurlHttpClient()
{
  curl_multi_cleanup(m_impl->multi);
  curl_share_cleanup(m_impl->share);
}

std::vector<ports::HttpResponse> CurlHttpClient::perform_all(const std::vector<ports::HttpRequest>& requests)
{
  std::vector<Transfer> transfers(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    Transfer& t = transfers[i];
    t.request = &requests[i];
    t.easy = curl_easy_init();
    configure(t, m_impl->options, m_impl->share);
    curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
    curl_multi_add_handle(m_impl->multi, t.easy);
  }
  const util::CancelToken& cancel = m_impl->cancel();
  // The token's eventfd is polled with the transfers' sockets, so Ctrl-C ends the wait at once.
  curl_waitfd cancel_fd{cancel.fd(), CURL_WAIT_POLLIN, 0};
  const unsigned extra_fds = cancel.fd() >= 0 ? 1U : 0U;
  int running = 0;
  do {
    if (cancel.cancelled()) {
      break;
    }
    curl_multi_perform(m_impl->multi, &running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(m_impl->multi, &queued)) {
      if (msg->msg == CURLMSG_DONE) {
        void* user = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &user);
        finish(*static_cast<Transfer*>(user), msg->data.result);
      }
    }
    if (running > 0) {
      // Each transfer carries its own timeout, so this loop ends when the slowest one does.
      curl_multi_poll(m_impl->multi, extra_fds > 0 ? &cancel_fd : nullptr, extra_fds, 1000, nullptr);
    }
  } while (running > 0);
  for (auto& t : transfers) {
    if (!t.done) { // only when cancelled
      t.response.transport = ports::Transport::other;
      t.response.transport_message = k_interrupted;
    }
  }

  std::vector<ports::HttpResponse> responses;
  responses.reserve(transfers.size());
  for (auto& t : transfers) {
    curl_multi_remove_handle(m_impl->multi, t.easy);
    curl_easy_cleanup(t.easy);
    curl_slist_free_all(t.headers);
    curl_slist_free_all(t.connect_to);
    responses.push_back(std::move(t.response));
  }
  return responses;
}

void CurlHttpClient::perform_chained(std::vector<ports::HttpRequest> first, const ChainStep& next)
{
  // Deques: a Transfer's address is curl's CURLOPT_PRIVATE and its request's is Transfer::request.
  std::deque<ports::HttpRequest> requests;
  std::deque<Transfer> transfers;
  const util::CancelToken& cancel = m_impl->cancel();
  int in_flight = 0;
  const auto release = [this](Transfer& t) {
    curl_multi_remove_handle(m_impl->multi, t.easy);
    curl_easy_cleanup(t.easy);
    curl_slist_free_all(t.headers);
    curl_slist_free_all(t.connect_to);
    t.easy = nullptr;
    t.headers = t.connect_to = nullptr;
  };
  // Hands a chain's response to `next`; once cancelled, what it asks for next is answered
  // "interrupted" without being sent, until the chain ends.
  std::function<void(std::size_t, ports::HttpResponse&&)> deliver;
  const auto start = [&](ports::HttpRequest&& request, std::size_t chain) {
    if (cancel.cancelled()) {
      ports::HttpResponse interrupted;
      interrupted.transport = ports::Transport::other;
      interrupted.transport_message = k_interrupted;
      deliver(chain, std::move(interrupted));
      return;
    }
    requests.push_back(std::move(request));
    Transfer& t = transfers.emplace_back();
    t.request = &requests.back();
    t.chain = chain;
    t.easy = curl_easy_init();
    configure(t, m_impl->options, m_impl->share);
    curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
    curl_multi_add_handle(m_impl->multi, t.easy);
    ++in_flight;
  };
  deliver = [&](std::size_t chain, ports::HttpResponse&& response) {
    if (auto following = next(chain, std::move(response))) {
      start(std::move(*following), chain);
    }
  };
  // `next` is the caller's code and may throw: no handle may stay in the multi handle pointing
  // into the deques this frame is about to free.
  struct Releaser {
    std::deque<Transfer>& transfers;
    const std::function<void(Transfer&)>& release;
    ~Releaser()
    {
      for (auto& t : transfers) {
        if (t.easy != nullptr) {
          release(t);
        }
      }
    }
  };
  const std::function<void(Transfer&)> release_one = release;
  const Releaser releaser{transfers, release_one};
  for (std::size_t i = 0; i < first.size(); ++i) {
    start(std::move(first[i]), i);
  }
  // The token's eventfd is polled with the transfers' sockets, so Ctrl-C ends the wait at once.
  curl_waitfd cancel_fd{cancel.fd(), CURL_WAIT_POLLIN, 0};
  const unsigned extra_fds = cancel.fd() >= 0 ? 1U : 0U;
  while (in_flight > 0 && !cancel.cancelled()) {
    int running = 0;
    curl_multi_perform(m_impl->multi, &running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(m_impl->multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      void* user = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &user);
      Transfer& t = *static_cast<Transfer*>(user);
      finish(t, msg->data.result);
      release(t);
      --in_flight;
      // Moved out to a local that dies here: a body moved from (or assigned an empty one) keeps
      // its buffer in libstdc++, and a paged list's transfers would keep every page's bytes.
      auto response = std::move(t.response);
      deliver(t.chain, std::move(response));
    }
    if (in_flight > 0 && running > 0) {
      // Each transfer carries its own timeout, so this loop ends when the slowest one does.
      curl_multi_poll(m_impl->multi, extra_fds > 0 ? &cancel_fd : nullptr, extra_fds, 1000, nullptr);
    }
  }
  for (auto& t : transfers) {
    if (t.easy != nullptr) { // only when cancelled
      release(t);
      auto response = std::move(t.response);
      response.transport = ports::Transport::other;
      response.transport_message = k_interrupted;
      deliver(t.chain, std::move(response));
    }
  }
}

ports::HttpResponse CurlHttpClient::download(const ports::HttpRequest& request, ports::DownloadSink& sink)
{
  Download d;
  d.transfer.request = &request;
  d.sink = &sink;
  d.cancel = &m_impl->cancel();
  if (d.cancel->cancelled()) {
    d.transfer.response.transport = ports::Transport::other;
    d.transfer.response.transport_message = k_interrupted;
    return std::move(d.transfer.response);
  }
  d.transfer.easy = curl_easy_init();
  configure(d.transfer, m_impl->options, m_impl->share);
  CURL* e = d.transfer.easy;
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_download_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &d);
  curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_download_progress);
  curl_easy_setopt(e, CURLOPT_XFERINFODATA, &d);
  const CURLcode code = curl_easy_perform(e);
  finish(d.transfer, code);
  if (code == CURLE_OK) {
    begin_once(d); // an empty body: the sink still hears the status
  }
  if (d.stalled || d.aborted || d.cancelled) {
    d.transfer.response.transport_code = 0; // our own words below, not curl's
    d.transfer.response.transport_detail.clear();
  }
  if (d.cancelled) {
    d.transfer.response.transport = ports::Transport::other;
    d.transfer.response.transport_message = k_interrupted;
  } else if (d.stalled) {
    d.transfer.response.transport = ports::Transport::timeout;
    d.transfer.response.transport_message =
        "no data for " + std::to_string(request.stall_timeout.count()) + " ms (stalled)";
  } else if (d.aborted) {
    d.transfer.response.transport = ports::Transport::other;
    d.transfer.response.transport_message = "aborted";
  }
  curl_easy_cleanup(e);
  curl_slist_free_all(d.transfer.headers);
  curl_slist_free_all(d.transfer.connect_to);
  return std::move(d.transfer.response);
}

} // namespace devk8s::adapters
