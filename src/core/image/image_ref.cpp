#include "core/image/image_ref.hpp"

#include "core/image/reference_text.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::core::image {

namespace {

constexpr std::string_view k_default_domain = "docker.io";
constexpr std::string_view k_legacy_default_domain = "index.docker.io";
constexpr std::string_view k_official_namespace = "library";

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }

util::Error invalid(std::string_view whole, const std::string& why, std::size_t position)
{
  return util::usage_error(quoted_reference(whole) + ": " + why + " (position " + std::to_string(position) + ")");
}

util::Error invalid(std::string_view whole, const std::string& why)
{
  return util::usage_error(quoted_reference(whole) + ": " + why);
}

// Docker's splitDockerDomain: the first component is a domain only if it looks like one.
/// 64 lower-case hex digits: what `docker images` shows as an image ID, never a repository name.
bool is_image_id(std::string_view text)
{
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool looks_like_domain(std::string_view first)
{
  return first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
         std::any_of(first.begin(), first.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

util::Result<void> validate_path(std::string_view path, std::size_t offset, std::string_view whole)
{
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string_view component = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    const std::size_t at = offset + start;
    if (component.empty()) {
      return invalid(whole, "empty path component", at);
    }
    for (std::size_t i = 0; i < component.size(); ++i) {
      const char c = component[i];
      if (c >= 'A' && c <= 'Z') {
        return invalid(whole, "repository name must be lowercase", at + i);
      }
      if (!is_lower_alnum(c) && c != '.' && c != '_' && c != '-') {
        return invalid(whole, "invalid character " + util::quoted(std::string(1, c)) + " in repository name", at + i);
      }
    }
    if (!is_path_component(component)) {
      return invalid(whole,
                     "invalid path component " + util::quoted(component) +
                         ": must be lowercase letters and digits, separated by '.', '_', '__' or '-'",
                     at);
    }
    if (slash == std::string_view::npos) {
      return {};
    }
    start = slash + 1;
  }
}

util::Result<void> validate_tag(std::string_view tag, std::size_t offset, std::string_view whole)
{
  if (tag.empty()) {
    return invalid(whole, "empty tag after ':'", offset);
  }
  if (tag.size() > k_tag_max) {
    return invalid(whole, "tag is longer than " + std::to_string(k_tag_max) + " characters", offset);
  }
  if (!is_word(tag[0])) {
    return invalid(whole, "tag must start with a letter, digit or '_'", offset);
  }
  for (std::size_t i = 1; i < tag.size(); ++i) {
    if (!is_word(tag[i]) && tag[i] != '.' && tag[i] != '-') {
      return invalid(whole, "invalid character " + util::quoted(std::string(1, tag[i])) + " in tag", offset + i);
    }
  }
  return {};
}

// digest := algorithm ":" hex; algorithm := component ([+._-] component)*; component := [A-Za-z][A-Za-z0-9]*
util::Result<void> validate_digest(std::string_view digest, std::size_t offset, std::string_view whole)
{
  const std::size_t colon = digest.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return invalid(whole, "digest must be algorithm:hex, as in sha256:<64 hex digits>", offset);
  }
  const std::string_view algorithm = digest.substr(0, colon);
  const std::string_view hex = digest.substr(colon + 1);
  bool at_component_start = true;
  for (std::size_t i = 0; i < algorithm.size(); ++i) {
    const char c = algorithm[i];
    if (at_component_start) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return invalid(whole, "invalid digest algorithm " + util::quoted(algorithm), offset + i);
      }
      at_component_start = false;
    } else if (c == '+' || c == '.' || c == '_' || c == '-') {
      at_component_start = true;
    } else if (!is_alnum(c)) {
      return invalid(whole, "invalid digest algorithm " + util::quoted(algorithm), offset + i);
    }
  }
  if (at_component_start) {
    return invalid(whole, "invalid digest algorithm " + util::quoted(algorithm), offset + colon);
  }
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (!is_hex(hex[i])) {
      return invalid(whole, "invalid character " + util::quoted(std::string(1, hex[i])) + " in digest", offset + colon + 1 + i);
    }
  }
  if (algorithm == "sha256" && hex.size() != 64) {
    return invalid(whole, "sha256 digest must have 64 hex digits, not " + std::to_string(hex.size()), offset + colon + 1);
  }
  if (algorithm == "sha512" && hex.size() != 128) {
    return invalid(whole, "sha512 digest must have 128 hex digits, not " + std::to_string(hex.size()), offset + colon + 1);
  }
  if (hex.size() < 32) {
    return invalid(whole, "digest must have at least 32 hex digits", offset + colon + 1);
  }
  return {};
}

bool is_domain_component(std::string_view c)
{
  if (c.empty() || !is_alnum(c.front()) || !is_alnum(c.back())) {
    return false;
  }
  return std::all_of(c.begin(), c.end(), [](char ch) { return is_alnum(ch) || ch == '-'; });
}

bool is_ipv6(std::string_view s)
{
  if (s.empty() || s.size() > 45) {
    return false;
  }
  const std::size_t double_colon = s.find("::");
  if (double_colon != std::string_view::npos && s.find("::", double_colon + 1) != std::string_view::npos) {
    return false;
  }
  int groups = 0;
  for (const std::string_view group : util::split(s, ':')) {
    if (group.empty()) {
      continue;
    }
    ++groups;
    const bool embedded_ipv4 = group.find('.') != std::string_view::npos;
    if (embedded_ipv4) {
      groups += 1;
      if (!std::all_of(group.begin(), group.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) {
        return false;
      }
    } else if (group.size() > 4 || !std::all_of(group.begin(), group.end(), is_hex)) {
      return false;
    }
  }
  return double_colon != std::string_view::npos ? groups < 8 : groups == 8;
}

} // namespace

bool is_path_component(std::string_view component)
{
  // alpha-numeric (separator alpha-numeric)*, separator := [_.] | __ | -+
  std::size_t i = 0;
  const std::size_t n = component.size();
  auto alnum_run = [&] {
    const std::size_t begin = i;
    while (i < n && is_lower_alnum(component[i])) {
      ++i;
    }
    return i > begin;
  };
  if (!alnum_run()) {
    return false;
  }
  while (i < n) {
    const char c = component[i];
    if (c == '.') {
      ++i;
    } else if (c == '_') {
      ++i;
      if (i < n && component[i] == '_') {
        ++i;
      }
    } else if (c == '-') {
      while (i < n && component[i] == '-') {
        ++i;
      }
    } else {
      return false;
    }
    if (!alnum_run()) {
      return false;
    }
  }
  return true;
}

util::Result<void> validate_domain(std::string_view domain, std::size_t offset, std::string_view whole)
{
  std::string_view host = domain;
  std::size_t port_at = std::string_view::npos;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) {
      return invalid(whole, "IPv6 address is missing its closing ']'", offset);
    }
    if (!is_ipv6(host.substr(1, close - 1))) {
      return invalid(whole, "invalid IPv6 address " + util::quoted(host.substr(0, close + 1)), offset);
    }
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') {
        return invalid(whole, "expected ':' and a port after the IPv6 address", offset + close + 1);
      }
      port_at = close + 1;
    }
  } else {
    port_at = host.find(':');
    const std::string_view name = host.substr(0, port_at);
    std::size_t start = 0;
    for (const std::string_view component : util::split(name, '.')) {
      for (std::size_t i = 0; i < component.size(); ++i) {
        if (component[i] >= 'A' && component[i] <= 'Z') {
          return invalid(whole, "repository name must be lowercase", offset + start + i);
        }
      }
      if (!is_domain_component(component)) {
        return invalid(whole, "invalid domain component " + util::quoted(component), offset + start);
      }
      start += component.size() + 1;
    }
  }
  if (port_at != std::string_view::npos) {
    const std::string_view port = host.substr(port_at + 1);
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoul(std::string(port)) > 65535) {
      return invalid(whole, "invalid port " + util::quoted(port), offset + port_at + 1);
    }
  }
  return {};
}

util::Result<ImageRef> ImageRef::parse(std::string_view text)
{
  if (text.empty()) {
    return invalid(text, "the reference is empty");
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= 0x20 || c >= 0x7f) {
      return invalid(text, "invalid character " + quoted_character(text, i), i);
    }
  }
  std::string_view rest = text;
  std::string_view digest;
  std::size_t digest_at = 0;
  if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
    digest = rest.substr(at + 1);
    digest_at = at + 1;
    rest = rest.substr(0, at);
    if (auto ok = validate_digest(digest, digest_at, text); !ok) {
      return ok.error();
    }
  }
  // A ':' after the last '/' starts the tag; one before it belongs to a port.
  std::string_view tag;
  bool has_tag = false;
  const std::size_t last_slash = rest.rfind('/');
  const std::size_t colon = rest.find(':', last_slash == std::string_view::npos ? 0 : last_slash);
  if (colon != std::string_view::npos) {
    // An unbracketed IPv6 literal has several colons; the grammar requires brackets.
    tag = rest.substr(colon + 1);
    has_tag = true;
    if (auto ok = validate_tag(tag, colon + 1, text); !ok) {
      return ok.error();
    }
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) {
    return invalid(text, "repository name is empty", 0);
  }
  if (rest.size() > k_name_max) {
    return invalid(text, "repository name is longer than " + std::to_string(k_name_max) + " characters");
  }

  ImageRef ref;
  const std::size_t first_slash = rest.find('/');
  std::size_t path_at = 0;
  if (first_slash != std::string_view::npos && looks_like_domain(rest.substr(0, first_slash))) {
    // Docker's grammar allows an uppercase domain (host names ignore case), so "Gcr.io/x" is
    // gcr.io/x; "Foo/bar" is a domain only by its case, and lowercase would make it a Hub path.
    const std::string domain = util::to_lower(rest.substr(0, first_slash));
    if (!looks_like_domain(domain)) {
      return invalid(text, "repository name must be lowercase", rest.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    }
    if (auto ok = validate_domain(domain, 0, text); !ok) {
      return ok.error();
    }
    ref.m_domain = domain == k_legacy_default_domain ? std::string(k_default_domain) : std::string(domain);
    path_at = first_slash + 1;
  } else {
    ref.m_domain = k_default_domain;
  }
  const std::string_view path = rest.substr(path_at);
  if (auto ok = validate_path(path, path_at, text); !ok) {
    return ok.error();
  }
  if (path_at == 0 && is_image_id(path)) {
    return invalid(text, "a 64-character hexadecimal string is an image ID, not a repository name");
  }
  ref.m_path = std::string(path);
  if (ref.m_domain == k_default_domain && ref.m_path.find('/') == std::string::npos) {
    ref.m_path = std::string(k_official_namespace) + "/" + ref.m_path;
  }
  if (ref.name().size() > k_name_max) {
    return invalid(text, "repository name is longer than " + std::to_string(k_name_max) + " characters");
  }
  ref.m_digest = std::string(digest);
  if (has_tag) {
    ref.m_tag = std::string(tag);
  } else if (digest.empty()) {
    ref.m_tag = "latest";
  }
  return ref;
}

util::Result<std::vector<ImageRef>> ImageRef::parse_all(const std::vector<std::string>& texts)
{
  std::vector<ImageRef> refs;
  std::vector<std::string> problems;
  for (const auto& text : texts) {
    auto ref = parse(text);
    if (ref) {
      refs.push_back(std::move(*ref));
    } else {
      problems.push_back("invalid image reference " + ref.error().message);
    }
  }
  if (!problems.empty()) {
    return util::usage_error(util::join(problems, "\n"),
                             "a reference looks like [registry/]repository[:tag][@sha256:digest]");
  }
  return refs;
}

util::Result<ImageRef> ImageRef::from_parts(std::string_view name, std::string_view tag, std::string_view digest)
{
  std::string text(name);
  if (!tag.empty()) {
    text += ':';
    text += tag;
  }
  if (!digest.empty()) {
    text += '@';
    text += digest;
  }
  return parse(text);
}

std::string ImageRef::str() const
{
  std::string out = name();
  if (!m_tag.empty()) {
    out += ':' + m_tag;
  }
  if (!m_digest.empty()) {
    out += '@' + m_digest;
  }
  return out;
}

std::string ImageRef::familiar() const
{
  std::string out;
  if (m_domain == k_default_domain) {
    const std::string official = std::string(k_official_namespace) + "/";
    out = m_path.rfind(official, 0) == 0 && m_path.find('/', official.size()) == std::string::npos
              ? m_path.substr(official.size())
              : m_path;
    // "docker.io/b.i/k" without its domain would read as the registry b.i: keep the domain when
    // the short form's first component looks like one, so familiar() parses back to this image.
    if (out.find('/') != std::string::npos && looks_like_domain(std::string_view(out).substr(0, out.find('/')))) {
      out = m_domain + "/" + out;
    }
    // "docker.io/library/<64 hex>" without "library/" would read as an image ID, which parse
    // refuses (as distribution's ParseNormalizedNamed does): keep it (fuzz finding, 2026-11-30).
    if (is_image_id(out)) {
      out = official + out;
    }
  } else {
    out = name();
  }
  if (!m_tag.empty()) {
    out += ':' + m_tag;
  }
  if (!m_digest.empty()) {
    out += '@' + m_digest;
  }
  return out;
}

} // namespace devk8s::core::image
