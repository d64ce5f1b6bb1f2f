// JSON as devk8s prints it (-o json): two-space indents, and text from outside (tool output,
// file names, registry messages, /proc) that is not valid UTF-8 printed with U+FFFD in place of
// each bad byte, by util::utf8 as in tables and JUnit reports. nlohmann's default throws there,
// which would cut the output off mid-document.
#pragma once

#include "util/utf8.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace devk8s::cli {

/// `j` with every string and object key made valid UTF-8 by util::utf8::sanitize.
template <typename Json>
Json json_sanitized(const Json& j)
{
  switch (j.type()) {
  case nlohmann::json::value_t::string:
    return Json(util::utf8::sanitize(j.template get_ref<const typename Json::string_t&>()));
  case nlohmann::json::value_t::array: {
    Json out = Json::array();
    for (const auto& element : j) {
      out.push_back(json_sanitized(element));
    }
    return out;
  }
  case nlohmann::json::value_t::object: {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      out[util::utf8::sanitize(it.key())] = json_sanitized(it.value());
    }
    return out;
  }
  default:
    return j;
  }
}

template <typename Json>
std::string json_text(const Json& j)
{
  // Sanitized first, so the bytes printed are util::utf8's choice; `replace` only keeps the
  // promise never to throw.
  return json_sanitized(j).dump(2, ' ', false, Json::error_handler_t::replace);
}

} // namespace devk8s::cli
