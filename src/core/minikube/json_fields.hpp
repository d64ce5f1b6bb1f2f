// Defensive reads of minikube's JSON outputs: a missing field or a wrong type becomes an Error
// naming the output and the field, never an exception. Shared by the output parsers here.
#pragma once

#include "util/result.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace devk8s::core::minikube::json_fields {

/// Parses `text`; an error quoting its start when it is not JSON.
util::Result<nlohmann::json> parse(std::string_view text, const std::string& what);

/// obj[key] as a string; `required` false gives "" when absent or null.
util::Result<std::string> string_at(const nlohmann::json& obj, const char* key, const std::string& what,
                                    bool required = true);

/// obj[key] as a bool; absent or null gives `fallback`.
util::Result<bool> bool_at(const nlohmann::json& obj, const char* key, const std::string& what, bool fallback = false);

/// "<what> field \"<key>\" is <type>, not <expected>"
util::Error wrong_type(const std::string& what, std::string_view key, const nlohmann::json& value,
                       std::string_view expected);

} // namespace devk8s::core::minikube::json_fields
