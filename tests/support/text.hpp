// Small text checks the tests share.
#pragma once

#include <string>

namespace devk8s::test {

/// Whether `part` occurs in `text`: what most output assertions ask.
inline bool has(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

} // namespace devk8s::test
