// What a registry said about one manifest, classified so each case gets its own fix
// (../shared/reference/landscape.md §4 item 2). Pure: the adapter turns an HTTP exchange
// into an Answer; classify() decides. The registry's own error text is always kept.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::registry {

enum class OutcomeKind {
  found,        ///< the manifest exists: digest and media type known
  not_found,    ///< 404: MANIFEST_UNKNOWN, NAME_UNKNOWN, or a plain-text 404
  denied,       ///< 401/403, including mirror allowlists ("not in allowlist"); may also mean missing
  unreachable,  ///< DNS, connect, TLS, timeout: no HTTP answer at all
  rate_limited, ///< 429 (after the retries ran out)
  bad_answer,   ///< an HTTP answer that makes no sense: malformed, oversized, redirect loop, 5xx
};

std::string_view to_string(OutcomeKind kind);

/// How an exchange ended below HTTP, mirroring ports::Transport without depending on it.
enum class Link { ok, dns, connect, tls, timeout, too_large, redirects, protocol, other };

/// One HTTP exchange about a manifest, as plain values.
struct Answer {
  Link link = Link::ok;
  std::string link_message;          ///< the transport's words when link != ok
  long status = 0;
  std::string digest;                ///< Docker-Content-Digest, "" when absent
  std::string content_type;
  std::string body;                  ///< GET bodies, and error bodies
  std::string www_authenticate;
  bool authenticated = false;        ///< credentials or a token were sent
  std::string computed_digest;       ///< sha256 of a GET body, "" for HEAD
};

struct Outcome {
  OutcomeKind kind = OutcomeKind::bad_answer;
  std::string digest;       ///< found only
  std::string media_type;   ///< found only
  long status = 0;          ///< the HTTP status, 0 when none arrived
  std::string code;         ///< the registry's error code ("MANIFEST_UNKNOWN"), or the transport's kind ("timeout")
  std::string message;      ///< the registry's own words, or curl's; one line, trimmed
  int attempts = 1;
  std::chrono::milliseconds elapsed{0};
  /// The hosts this check sent credentials to (the registry for Basic, its token service for
  /// Bearer) and where they came from ("--creds", a config file, a helper): for -v, never a secret.
  std::vector<std::string> credentials_sent_to;
  std::string credentials_source;

  bool ok() const { return kind == OutcomeKind::found; }
  /// One line for a table: "MANIFEST_UNKNOWN: manifest unknown" or the digest.
  std::string summary() const;
};

/// The decision for one manifest exchange. `max_message` bounds the kept error text.
Outcome classify(const Answer& answer, std::size_t max_message = 300);

/// True when a HEAD answered 200 without a digest: the caller must GET the body to know it.
bool needs_get(const Answer& head);

/// Text from a registry (an error message, a header) made fit for a table cell and for JSON:
/// one line, control characters blanked, bytes that are not UTF-8 replaced by U+FFFD, and at
/// most `max` bytes cut between characters, then "…" when anything was cut.
std::string one_line(std::string_view text, std::size_t max);

/// The first error of a distribution error body, `{"errors":[{"code":…,"message":…,"detail":…}]}`
/// (distribution spec, "Error Codes"); nullopt when the body is not that shape.
struct RegistryError {
  std::string code;
  std::string message;
};
std::optional<RegistryError> parse_error_body(std::string_view body);

} // namespace devk8s::core::registry
