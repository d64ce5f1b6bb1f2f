// Small string helpers the standard library lacks; nothing devk8s-specific.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::util {

std::vector<std::string_view> split(std::string_view text, char separator);
std::string_view trim(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string to_lower(std::string_view text);
/// The first non-blank line of a tool's output or a response body, trimmed: what a one-line
/// message quotes of it.
std::string_view first_line(std::string_view text);

/// Percent-encodes everything but RFC 3986 unreserved characters (query values, token requests).
std::string url_encode(std::string_view text);

/// Double-quoted for messages: the value as the user typed it, with control characters escaped.
std::string quoted(std::string_view value);

/// `text` with the user and password of every URL in it ("http://user:pass@host") replaced by
/// "***": for logs devk8s keeps as reports, whose command lines may carry a proxy's credentials.
std::string redact_url_credentials(std::string_view text);

} // namespace devk8s::util
