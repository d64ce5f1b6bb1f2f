#include "image_store.hpp"

#include "image_name.hpp"
#include "sim_nodes.hpp"

#include <curl/curl.h>

#include <algorithm>

namespace devk8s::sim {
namespace {

using nlohmann::json;


bool contains(const json& list, const std::string& value)
{
  return std::find(list.begin(), list.end(), value) != list.end();
}

void remove_value(json& list, const std::string& value)
{
  list.erase(std::remove(list.begin(), list.end(), value), list.end());
}

size_t collect(char* data, size_t size, size_t count, void* out)
{
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

struct Fetched {
  long status = 0;
  std::string body;
  std::string digest;
  std::string error;
};

size_t header_line(char* data, size_t size, size_t count, void* out)
{
  std::string line(data, size * count);
  const std::string key = "docker-content-digest:";
  std::string lower = line;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.rfind(key, 0) == 0) {
    auto value = line.substr(key.size());
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    static_cast<Fetched*>(out)->digest = value;
  }
  return size * count;
}

/// GET /v2/<path>/manifests/<reference> over plain HTTP: dockerd treats 127.0.0.0/8 registries
/// as insecure by default, so this is what the node's daemon would do against the test registry.
Fetched fetch_manifest(const std::string& host, const std::string& path, const std::string& reference)
{
  Fetched f;
  CURL* curl = curl_easy_init();
  const std::string url = "http://" + host + "/v2/" + path + "/manifests/" + reference;
  curl_slist* headers = curl_slist_append(nullptr,
                                          "Accept: application/vnd.docker.distribution.manifest.v2+json, "
                                          "application/vnd.docker.distribution.manifest.list.v2+json, "
                                          "application/vnd.oci.image.manifest.v1+json, "
                                          "application/vnd.oci.image.index.v1+json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_PROXY, "");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &f.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, header_line);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &f);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    f.error = curl_easy_strerror(rc);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &f.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return f;
}

} // namespace

json* find_image(json& state, const std::string& node, const std::string& ref)
{
  const auto want = ImageName::parse(ref).full();
  for (auto& image : node_images(state, node)) {
    if (contains(image["repo_tags"], want) || contains(image["repo_digests"], want)) {
      return &image;
    }
  }
  return nullptr;
}

std::optional<PullFailure> pull_image(json& state, const std::string& node, const std::string& ref,
                                      std::string* digest_out)
{
  const auto name = ImageName::parse(ref);
  const json& settings = state["settings"];
  const auto host = name.host();
  auto failure = [&](PullFailure::Kind kind) {
    return PullFailure{kind, name.full(), host, name.repository, name.digest.empty() ? name.tag : name.digest};
  };
  if (settings.contains("rate_limited") && contains(settings["rate_limited"], host)) {
    return failure(PullFailure::Kind::rate_limited);
  }
  // settings.endpoints: a registry the node reaches at another address (containerd's hosts.toml,
  // dockerd's registry-mirrors), e.g. "Aliyun" served by the tests' local registry.
  const json endpoints = settings.value("endpoints", json::object());
  const std::string served_by = endpoints.value(host, host);
  if (!settings.contains("registries") || !contains(settings["registries"], served_by)) {
    return failure(PullFailure::Kind::unreachable);
  }
  auto fetched = fetch_manifest(served_by, name.path(), name.digest.empty() ? name.tag : name.digest);
  if (!fetched.error.empty()) {
    return failure(PullFailure::Kind::refused);
  }
  if (fetched.status != 200) {
    const bool denied = fetched.status == 401 || fetched.status == 403 ||
                        fetched.body.find("NAME_UNKNOWN") != std::string::npos ||
                        settings.value("missing_repository", "") == "denied";
    // Aliyun answers 'denied' for a repository it lacks (seed case).
    return failure(denied ? PullFailure::Kind::denied : PullFailure::Kind::not_found);
  }
  auto manifest = json::parse(fetched.body);
  std::string config;
  if (manifest.contains("manifests")) {
    auto chosen = manifest["manifests"][0];
    for (const auto& m : manifest["manifests"]) {
      if (m.value("platform", json::object()).value("architecture", "") == "amd64") {
        chosen = m;
      }
    }
    auto inner = fetch_manifest(served_by, name.path(), chosen["digest"].get<std::string>());
    config = json::parse(inner.body)["config"]["digest"].get<std::string>();
  } else {
    config = manifest["config"]["digest"].get<std::string>();
  }
  json& images = node_images(state, node);
  json* image = nullptr;
  for (auto& candidate : images) {
    if (candidate["id"] == config) {
      image = &candidate;
    }
  }
  if (image == nullptr) {
    images.push_back({{"id", config}, {"repo_tags", json::array()}, {"repo_digests", json::array()},
                      {"size", 31465472}});
    image = &images.back();
  }
  if (name.digest.empty()) {
    for (auto& other : images) {
      if (&other != image) {
        remove_value(other["repo_tags"], name.full());
      }
    }
    if (!contains((*image)["repo_tags"], name.full())) {
      (*image)["repo_tags"].push_back(name.full());
    }
  }
  const auto repo_digest = name.repository + "@" + fetched.digest;
  if (!contains((*image)["repo_digests"], repo_digest)) {
    (*image)["repo_digests"].push_back(repo_digest);
  }
  if (digest_out != nullptr) {
    *digest_out = fetched.digest;
  }
  return std::nullopt;
}

bool tag_image(json& state, const std::string& node, const std::string& source, const std::string& target)
{
  json* image = find_image(state, node, source);
  if (image == nullptr) {
    return false;
  }
  const auto id = (*image)["id"];
  const auto name = ImageName::parse(target).full();
  json& images = node_images(state, node);
  for (auto& other : images) {
    remove_value(other["repo_tags"], name);
  }
  for (auto& candidate : images) {
    if (candidate["id"] == id) {
      candidate["repo_tags"].push_back(name);
    }
  }
  return true;
}

void add_image(json& state, const std::string& node, const std::string& id, const std::vector<std::string>& names,
               const std::vector<std::string>& digests, long size)
{
  json& images = node_images(state, node);
  json* image = nullptr;
  for (auto& candidate : images) {
    if (candidate["id"] == id) {
      image = &candidate;
    }
  }
  if (image == nullptr) {
    images.push_back({{"id", id}, {"repo_tags", json::array()}, {"repo_digests", json::array()}, {"size", size}});
    image = &images.back();
  }
  for (const auto& n : names) {
    const auto full = ImageName::parse(n).full();
    for (auto& other : images) {
      if (&other != image) {
        remove_value(other["repo_tags"], full);
      }
    }
    if (!contains((*image)["repo_tags"], full)) {
      (*image)["repo_tags"].push_back(full);
    }
  }
  for (const auto& d : digests) {
    if (!contains((*image)["repo_digests"], d)) {
      (*image)["repo_digests"].push_back(d);
    }
  }
}

} // namespace devk8s::sim
