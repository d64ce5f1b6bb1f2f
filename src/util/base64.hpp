// RFC 4648 base64: Docker's config.json `auth`, Basic credentials, and kubeconfig's *-data fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace devk8s::util {

/// Decodes standard base64; padding is optional. nullopt for any other character (callers that
/// accept wrapped text, as kubeconfig's readers do, strip line breaks first).
std::optional<std::string> base64_decode(std::string_view text);
std::string base64_encode(std::string_view data);

} // namespace devk8s::util
