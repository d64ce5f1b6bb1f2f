#include "ports/kube_list_pager.hpp"

#include "core/kube/list_query.hpp"
#include "core/kube/status.hpp"

#include <algorithm>

namespace devk8s::ports {

namespace {

// Each page is a request; a list of 10,000 pods at 500 a page is 20. The bound stops a server
// that keeps handing out tokens from looping forever.
constexpr int k_max_requests = 100000;

std::string text_at(const nlohmann::json& j, const char* object, const char* name)
{
  if (!j.is_object() || !j.contains(object) || !j[object].is_object()) {
    return {};
  }
  const auto& o = j[object];
  return o.contains(name) && o[name].is_string() ? o[name].get<std::string>() : std::string();
}

} // namespace

KubeListPager::KubeListPager(core::kube::ApiSubject subject, std::string path, KubeListOptions options,
                             KubeItemSink sink)
  : m_subject(std::move(subject)), m_path(std::move(path)), m_options(std::move(options)), m_sink(std::move(sink)),
    m_limit(m_options.page_size)
{
}

std::string KubeListPager::next_path() const
{
  const core::kube::ListQuery query{m_options.label_selector, m_options.field_selector,
                                    m_paged ? m_limit : 0, m_token};
  return core::kube::list_path(m_path, query);
}

util::Result<void> KubeListPager::read(KubeAnswer&& answer)
{
  ++m_requests;
  m_status = answer.status;
  if (answer.status == 410 && m_paged && !m_token.empty()) {
    // client-go's ListPager (FullListIfExpired): the token expired, so read it all at once.
    m_list = KubeList{};
    m_token.clear();
    m_paged = false;
    if (m_sink.restart) {
      m_sink.restart();
    }
    return {};
  }
  if (answer.status < 200 || answer.status >= 300) {
    return core::kube::status_error(m_subject, "GET", m_path, answer.status, answer.body);
  }
  auto& body = answer.body;
  if (!body.is_object() || !body.contains("items") || !(body["items"].is_array() || body["items"].is_null())) {
    return util::failure("cannot " + core::kube::api_target("GET", m_path).words + ": " + core::kube::apiserver_at(m_subject) +
                             " answered with something that is not a list (no \"items\" array)",
                         "is the server a Kubernetes API server? check the kubeconfig's server");
  }
  ++m_list.pages;
  if (body["items"].is_array()) {
    // What a streaming reader left here (elements that are not objects) or the whole page.
    for (auto& item : body["items"]) {
      ++m_list.item_count;
      if (m_sink.item) {
        m_sink.item(std::move(item));
      } else {
        m_list.items.push_back(std::move(item));
      }
    }
  }
  m_list.resource_version = text_at(body, "metadata", "resourceVersion");
  m_token = text_at(body, "metadata", "continue");
  if (m_list.pages == 1 && m_target_bytes > 0 && m_page_bytes > 0 && m_list.item_count > 0 && m_options.page_size > 0) {
    const std::size_t per_item = std::max<std::size_t>(1, m_page_bytes / m_list.item_count);
    const std::size_t fits = m_target_bytes / per_item;
    const auto least = static_cast<std::size_t>(m_options.page_size);
    m_limit = static_cast<int>(std::clamp(fits, least, least * 10));
  }
  if (m_list.pages == 1 && m_sink.expect && !m_token.empty()) {
    const auto& meta = body["metadata"];
    if (const auto left = meta.find("remainingItemCount"); left != meta.end() && left->is_number_unsigned()) {
      // A hint, bounded by what the first page showed: a server's number alone must not make the
      // client allocate without limit (more than that, and the vector grows as usual).
      const std::size_t bound = std::max<std::size_t>(m_list.item_count, 1) * 64;
      m_sink.expect(m_list.item_count + std::min(left->get<std::size_t>(), bound));
    }
  }
  if (m_token.empty() || !m_paged) {
    m_done = true;
    return {};
  }
  if (m_requests >= k_max_requests) {
    return util::failure("cannot " + core::kube::api_target("GET", m_path).words + ": " + core::kube::apiserver_at(m_subject) +
                             " did not end the list after 100,000 pages",
                         "the server keeps handing out continue tokens; is it a Kubernetes API server?");
  }
  return {};
}

} // namespace devk8s::ports
