// RFC 4648 base64: Docker's config.json `auth`, Basic credentials, and kubeconfig's *-data fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace devk8s::util {

/// Decodes standard base64 as Go's base64.StdEncoding does (docker's config reader and client-go
/// both use it): padding to a multiple of 4 is required, nothing may follow it, line breaks
/// (\r, \n) are skipped anywhere, and any other character outside the alphabet is refused. As Go
/// does without Strict(), unused low bits of the last character are not checked.
std::optional<std::string> base64_decode(std::string_view text);
std::string base64_encode(std::string_view data);

} // namespace devk8s::util
