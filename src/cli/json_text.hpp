// JSON as devk8s prints it (-o json): two-space indents, and text from outside (tool output,
// file names, registry messages, /proc) that is not valid UTF-8 printed with U+FFFD in place of
// the bad bytes. nlohmann's default throws there, which would cut the output off mid-document.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace devk8s::cli {

template <typename Json>
std::string json_text(const Json& j)
{
  return j.dump(2, ' ', false, Json::error_handler_t::replace);
}

} // namespace devk8s::cli
