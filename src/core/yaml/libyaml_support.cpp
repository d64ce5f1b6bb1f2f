#include "core/yaml/libyaml_support.hpp"

#include "util/text_position.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace devk8s::core::yaml {

namespace {

// The reader's value: an octet for the UTF-8 errors, a code point for a forbidden character,
// -1 when a sequence was cut short.
std::string offending(const yaml_parser_t& parser)
{
  if (parser.problem_value < 0 || parser.problem == nullptr) {
    return {};
  }
  char buf[32];
  const auto value = static_cast<unsigned>(parser.problem_value);
  if (std::string_view(parser.problem).find("octet") != std::string_view::npos) {
    std::snprintf(buf, sizeof buf, " (byte \\x%02x)", value);
  } else {
    std::snprintf(buf, sizeof buf, " (U+%04X)", value);
  }
  return buf;
}

} // namespace

OffsetMapper::OffsetMapper(std::string_view text) : m_text(text)
{
  m_ascii = std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::size_t OffsetMapper::byte_offset(std::size_t char_index)
{
  if (m_ascii) {
    return char_index;
  }
  if (char_index < m_char) {
    m_char = 0;
    m_byte = 0;
  }
  while (m_char < char_index && m_byte < m_text.size()) {
    const auto lead = static_cast<unsigned char>(m_text[m_byte]);
    m_byte += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    ++m_char;
  }
  return std::min(m_byte, m_text.size());
}

void ParserDeleter::operator()(yaml_parser_t* parser) const
{
  yaml_parser_delete(parser);
  delete parser;
}

util::Error parser_error(const yaml_parser_t& parser, std::string_view text)
{
  std::string message;
  if (parser.error == YAML_READER_ERROR) {
    // The reader sets no mark, only the byte offset of what it could not read (and its value).
    message = util::to_string(util::position_at(text, parser.problem_offset)) + ": ";
    message += parser.problem != nullptr ? parser.problem : "invalid character";
    message += offending(parser);
    return util::failure(message, "fix the YAML; nothing was rewritten");
  }
  const yaml_mark_t& mark = parser.problem_mark;
  message = std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": ";
  message += parser.problem != nullptr ? parser.problem : "invalid YAML";
  if (parser.context != nullptr) {
    message += " (" + std::string(parser.context) + " at line " + std::to_string(parser.context_mark.line + 1) + ")";
  }
  return util::failure(message, "fix the YAML; nothing was rewritten");
}

} // namespace devk8s::core::yaml
