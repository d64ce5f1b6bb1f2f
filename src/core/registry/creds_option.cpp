#include "core/registry/creds_option.hpp"

#include "core/image/image_ref.hpp"
#include "util/strings.hpp"

namespace devk8s::core::registry {

namespace {

enum class HostForm {
  none,    ///< not a host: the text is (part of) USER:PASSWORD
  host,    ///< a registry host, normalised
  refused, ///< names a host, but in a form that is not a registry's (a path, a bad host after a scheme)
};

struct HostPart {
  HostForm form = HostForm::none;
  std::string host;
  std::string why; ///< for refused; never quotes the text
};

// "https://", "http://", or any other "scheme://": the length of the prefix, 0 when none.
std::size_t scheme_length(std::string_view text)
{
  const auto colon = text.find("://");
  if (colon == std::string_view::npos || colon == 0) {
    return 0;
  }
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = text[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && !(i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
      return 0;
    }
  }
  return colon + 3;
}

// Docker's rule for the first component of a reference: a host when it has a dot or a port,
// or is "localhost" (distribution/reference, splitDockerDomain). A bare word is a user name.
bool looks_like_host(std::string_view host)
{
  return host.find('.') != std::string_view::npos || host.find(':') != std::string_view::npos || host == "localhost";
}

// The paths Docker's config keys carry after the host: "/v1/" (Docker Hub's legacy key) and the
// API roots; anything else is not a registry but a repository or a web page.
bool registry_path(std::string_view path)
{
  return path.empty() || path == "/" || path == "/v1" || path == "/v1/" || path == "/v2" || path == "/v2/";
}

HostPart read_host(std::string_view key)
{
  HostPart part;
  const std::string lower = util::to_lower(key);
  std::string_view rest = lower;
  const std::size_t scheme = scheme_length(rest);
  if (scheme > 0) {
    const std::string_view name = rest.substr(0, scheme - 3);
    if (name != "https" && name != "http") {
      part.form = HostForm::refused;
      part.why = "only http:// and https:// name a registry";
      return part;
    }
    rest.remove_prefix(scheme);
  }
  const std::string_view host = rest.substr(0, rest.find('/'));
  const std::string_view path = rest.substr(host.size());
  const bool valid = !host.empty() && host.find('@') == std::string_view::npos &&
                     static_cast<bool>(image::validate_domain(host, 0, host));
  if (scheme == 0 && (!valid || !looks_like_host(host))) {
    return part; // "alice:secret" or "user:ab/cd": not a host
  }
  if (!valid) {
    part.form = HostForm::refused;
    part.why = "the part after the scheme is not a registry HOST[:PORT]";
    return part;
  }
  // "https://intranet/" is a host, but not one an image reference can name: the first component
  // of "intranet/app" is a Docker Hub namespace. Keys for it would never apply (and the host,
  // given back, would not read as one: the fuzzer's registry_host idempotence).
  if (!looks_like_host(host)) {
    part.form = HostForm::refused;
    part.why = "no image can come from " + std::string(host) +
               ": a registry host has a '.', a :PORT or is localhost (as image references read it)";
    return part;
  }
  if (!registry_path(path)) {
    part.form = HostForm::refused;
    part.why = "the host part has a path; a registry is HOST[:PORT] (or Docker's keys: https://HOST, HOST/v1/)";
    return part;
  }
  part.form = HostForm::host;
  // Docker Hub's names in config.json and in references are all the registry "docker.io".
  part.host = (host == "index.docker.io" || host == "registry-1.docker.io") ? std::string("docker.io") : std::string(host);
  return part;
}

util::Error malformed(std::string_view origin)
{
  return util::usage_error(std::string(origin) + " must be USER:PASSWORD or HOST=USER:PASSWORD",
                           "for example --creds 127.0.0.1:5000=alice:secret, or put the line in a file for --creds-file");
}

util::Error refused(std::string_view origin, const std::string& why)
{
  return util::usage_error(std::string(origin) + " names a registry in a form devk8s does not read: " + why,
                           "write HOST=USER:PASSWORD, HOST as in 'docker login HOST' "
                           "(for example registry.example.com:5000=USER:PASSWORD)");
}

// USER:PASSWORD with a non-empty user.
bool user_password(std::string_view text)
{
  const auto sep = text.find(':');
  return sep != std::string_view::npos && sep > 0;
}

} // namespace

std::optional<std::string> registry_host(std::string_view key)
{
  auto part = read_host(key);
  if (part.form != HostForm::host) {
    return std::nullopt;
  }
  return std::move(part.host);
}

util::Result<CredsOption> parse_creds_option(std::string_view text, std::string_view origin)
{
  CredsOption option;
  option.origin = std::string(origin);
  std::string_view rest = text;
  if (const auto eq = text.find('='); eq != std::string_view::npos && eq > 0) {
    const auto part = read_host(text.substr(0, eq));
    const std::string_view after = text.substr(eq + 1);
    const std::string_view key = text.substr(0, eq);
    if (const auto trimmed = util::trim(key); trimmed.size() != key.size() && read_host(trimmed).form == HostForm::host) {
      return refused(origin, "the part before '=' is not a registry HOST[:PORT] (no spaces around it)");
    }
    // "user:12345=rest" looks like HOST:PORT=…, but what follows is no USER:PASSWORD: it is a
    // password holding '='. A scheme, a dot or localhost leave no doubt that a host was meant,
    // so "127.0.0.1:5000=:pw" is a malformed HOST=USER:PASSWORD, never a user "127.0.0.1".
    const bool surely_host = scheme_length(key) > 0 || key.find('.') != std::string_view::npos ||
                             util::to_lower(key.substr(0, key.find(':'))) == "localhost";
    if (part.form != HostForm::none && (surely_host || user_password(after))) {
      if (part.form == HostForm::refused) {
        return refused(origin, part.why);
      }
      if (!user_password(after)) {
        return malformed(origin);
      }
      option.host = part.host;
      rest = after;
    }
  }
  if (option.host.empty()) {
    // Forms that name a host but not as HOST=: sending them to every registry as a user and
    // password is the mistake this refuses.
    if (scheme_length(text) > 0) {
      return refused(origin, "a URL is not USER:PASSWORD");
    }
    if (const auto at = text.rfind('@'); at != std::string_view::npos) {
      const auto host = text.substr(at + 1);
      if (read_host(host.substr(0, host.find('/'))).form == HostForm::host) {
        return refused(origin, "USER:PASSWORD@HOST is not a form devk8s reads");
      }
    }
  }
  if (!user_password(rest)) {
    // The value may hold a password: say what is wrong without echoing it.
    return malformed(origin);
  }
  const auto sep = rest.find(':');
  // No registry user name holds '=' or white space; such a "user" is a HOST= that did not read
  // as one (" host=…", "host =…", "=…"), and sending it to every registry is the mistake to refuse.
  if (option.host.empty() && rest.substr(0, sep).find_first_of("= \t") != std::string_view::npos) {
    return refused(origin, "the part before '=' is not a registry HOST[:PORT] (no spaces around it)");
  }
  option.credentials.username = std::string(rest.substr(0, sep));
  option.credentials.password = std::string(rest.substr(sep + 1));
  return option;
}

util::Result<std::vector<CredsOption>> parse_creds_file(std::string_view text, const std::string& origin)
{
  std::vector<CredsOption> options;
  std::size_t number = 0;
  for (std::string_view line : util::split(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const auto trimmed = util::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') {
      continue;
    }
    DEVK8S_TRY(auto option, parse_creds_option(line, origin + " line " + std::to_string(number)));
    options.push_back(std::move(option));
  }
  if (options.empty()) {
    return util::usage_error(origin + " holds no USER:PASSWORD or HOST=USER:PASSWORD line",
                             "one entry a line; blank lines and lines starting with '#' are skipped");
  }
  return options;
}

std::optional<CredsOption> creds_for(const std::vector<CredsOption>& options, const std::string& registry,
                                     const std::set<std::string>& unscoped_allowed)
{
  std::optional<CredsOption> general;
  for (const auto& o : options) {
    if (o.host == registry) {
      return o;
    }
    if (o.host.empty() && unscoped_allowed.count(registry) > 0) {
      general = o;
    }
  }
  return general;
}

} // namespace devk8s::core::registry
