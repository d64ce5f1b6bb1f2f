#include "core/registry/outcome.hpp"

#include "core/registry/www_authenticate.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::registry {

// One line, no control characters, bounded: registry text goes into a table cell and into
// `-o json`, whose encoder throws on invalid UTF-8. So the text is cut between characters,
// never inside one (Aliyun answers in Chinese: 3 bytes a character), and a byte that is not
// UTF-8 becomes U+FFFD (util::utf8). At most `max` bytes are kept, then "…" if anything was cut.
std::string one_line(std::string_view text, std::size_t max)
{
  std::string out;
  std::string_view rest = util::trim(text);
  while (!rest.empty()) {
    const auto c = util::utf8::decode(rest);
    std::string_view piece = c.valid ? rest.substr(0, c.length) : util::utf8::k_replacement;
    if (c.value < 0x20 || c.value == 0x7f) {
      piece = " ";
    }
    if (out.size() + piece.size() > max) {
      out += "…";
      break;
    }
    out += piece;
    rest.remove_prefix(c.length);
  }
  return out;
}

namespace {

const char* link_code(Link link)
{
  switch (link) {
  case Link::ok:
    return "ok";
  case Link::dns:
    return "dns";
  case Link::connect:
    return "connect";
  case Link::tls:
    return "tls";
  case Link::timeout:
    return "timeout";
  case Link::too_large:
    return "too-large";
  case Link::redirects:
    return "redirect-loop";
  case Link::protocol:
    return "protocol";
  case Link::other:
    return "transport";
  }
  return "transport";
}

bool is_manifest_type(std::string_view type)
{
  return type.find("application/vnd.docker.distribution.manifest.") == 0 ||
         type.find("application/vnd.oci.image.manifest.v1+json") == 0 ||
         type.find("application/vnd.oci.image.index.v1+json") == 0;
}

bool is_sha256_digest(std::string_view digest)
{
  if (digest.size() != 71 || digest.substr(0, 7) != "sha256:") {
    return false;
  }
  for (const char c : digest.substr(7)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

Outcome with_text(OutcomeKind kind, const Answer& a, std::size_t max)
{
  Outcome o;
  o.kind = kind;
  o.status = a.status;
  if (auto err = parse_error_body(a.body)) {
    o.code = err->code;
    o.message = one_line(err->message, max);
  } else if (!a.body.empty()) {
    o.message = one_line(a.body, max); // a plain-text body (nginx, a CDN) is still the registry's words
  }
  return o;
}

} // namespace

std::string_view to_string(OutcomeKind kind)
{
  switch (kind) {
  case OutcomeKind::found:
    return "found";
  case OutcomeKind::not_found:
    return "not-found";
  case OutcomeKind::denied:
    return "denied";
  case OutcomeKind::unreachable:
    return "unreachable";
  case OutcomeKind::rate_limited:
    return "rate-limited";
  case OutcomeKind::bad_answer:
    return "bad-answer";
  }
  return "bad-answer";
}

std::string Outcome::summary() const
{
  if (kind == OutcomeKind::found) {
    return digest;
  }
  if (code.empty()) {
    return message;
  }
  return message.empty() ? code : code + ": " + message;
}

std::optional<RegistryError> parse_error_body(std::string_view body)
{
  const auto parsed = util::parse_json(body);
  if (!parsed) {
    return std::nullopt; // quoted as text by the caller
  }
  const nlohmann::json& j = *parsed;
  if (!j.is_object() || !j.contains("errors") || !j["errors"].is_array() || j["errors"].empty()) {
    return std::nullopt;
  }
  const auto& first = j["errors"].front();
  if (!first.is_object()) {
    return std::nullopt;
  }
  RegistryError e;
  if (first.contains("code") && first["code"].is_string()) {
    e.code = first["code"].get<std::string>();
  }
  if (first.contains("message") && first["message"].is_string()) {
    e.message = first["message"].get<std::string>();
  }
  if (e.code.empty() && e.message.empty()) {
    return std::nullopt;
  }
  return e;
}

bool needs_get(const Answer& head)
{
  return head.link == Link::ok && head.status == 200 && head.digest.empty();
}

Outcome classify(const Answer& a, std::size_t max)
{
  if (a.link != Link::ok) {
    Outcome o;
    // An answer too big, or a redirect loop, is an answer: the registry is there but wrong.
    o.kind = (a.link == Link::too_large || a.link == Link::redirects || a.link == Link::protocol)
                 ? OutcomeKind::bad_answer
                 : OutcomeKind::unreachable;
    o.code = link_code(a.link);
    o.message = one_line(a.link_message, max);
    return o;
  }
  if (a.status == 200) {
    Outcome o;
    o.status = 200;
    o.media_type = one_line(a.content_type.substr(0, a.content_type.find(';')), max);
    o.digest = !a.digest.empty() ? a.digest : a.computed_digest;
    if (!a.computed_digest.empty() && !a.digest.empty() && a.digest != a.computed_digest) {
      o.kind = OutcomeKind::bad_answer;
      o.code = "DIGEST_MISMATCH";
      o.message = "Docker-Content-Digest " + one_line(a.digest, max) + " but the body hashes to " + a.computed_digest;
      return o;
    }
    if (!is_sha256_digest(o.digest)) {
      o.kind = OutcomeKind::bad_answer;
      o.code = "BAD_DIGEST";
      o.message = o.digest.empty() ? "no digest in the answer" : "malformed digest " + util::quoted(one_line(o.digest, max));
      o.digest.clear();
      return o;
    }
    if (!is_manifest_type(o.media_type)) {
      o.kind = OutcomeKind::bad_answer;
      o.code = "BAD_MEDIA_TYPE";
      o.message = "not a manifest: Content-Type " + util::quoted(o.media_type);
      o.digest.clear();
      return o;
    }
    o.kind = OutcomeKind::found;
    return o;
  }
  if (a.status == 404) {
    Outcome o = with_text(OutcomeKind::not_found, a, max);
    if (o.code.empty() && o.message.empty()) {
      o.code = "NOT_FOUND"; // a HEAD has no body: the status is all there is
      o.message = "manifest unknown";
    }
    return o;
  }
  if (a.status == 401 || a.status == 403) {
    Outcome o = with_text(OutcomeKind::denied, a, max);
    if (o.code.empty()) {
      o.code = a.status == 401 ? "UNAUTHORIZED" : "DENIED";
    }
    if (o.message.empty()) {
      if (const auto c = preferred_challenge(parse_www_authenticate(a.www_authenticate)); c && !c->param("error").empty()) {
        o.message = one_line(c->param("error"), max);
      } else {
        o.message = a.status == 401 ? "authentication required" : "access denied";
      }
    }
    if (a.status == 401) {
      // distribution answers 401, not 404, for a missing repository to a client without access.
      o.message += a.authenticated ? " (the credentials were refused, or the image does not exist)"
                                   : " (anonymous access refused; the image may also not exist)";
    }
    return o;
  }
  if (a.status == 429) {
    Outcome o = with_text(OutcomeKind::rate_limited, a, max);
    if (o.code.empty()) {
      o.code = "TOOMANYREQUESTS";
    }
    return o;
  }
  Outcome o = with_text(OutcomeKind::bad_answer, a, max);
  if (o.code.empty()) {
    o.code = "HTTP_" + std::to_string(a.status);
  }
  return o;
}

} // namespace devk8s::core::registry
