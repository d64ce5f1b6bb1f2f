#include "image_name.hpp"

namespace devk8s::sim {

ImageName ImageName::parse(const std::string& text)
{
  ImageName n;
  std::string name = text;
  if (const auto at = name.find('@'); at != std::string::npos) {
    n.digest = name.substr(at + 1);
    name = name.substr(0, at);
  }
  const auto slash = name.rfind('/');
  if (const auto colon = name.rfind(':'); colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    n.tag = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  const auto first = name.substr(0, name.find('/'));
  const bool has_host = name.find('/') != std::string::npos &&
                        (first.find('.') != std::string::npos || first.find(':') != std::string::npos ||
                         first == "localhost");
  if (!has_host) {
    name = "docker.io/" + name;
  }
  if (name.rfind("docker.io/", 0) == 0 && name.find('/', 10) == std::string::npos) {
    name = "docker.io/library/" + name.substr(10);
  }
  n.repository = name;
  if (n.tag.empty() && n.digest.empty()) {
    n.tag = "latest";
  }
  return n;
}

std::string familiar(const std::string& repository)
{
  for (const std::string prefix : {"docker.io/library/", "docker.io/"}) {
    if (repository.rfind(prefix, 0) == 0) {
      return repository.substr(prefix.size());
    }
  }
  return repository;
}

} // namespace devk8s::sim
