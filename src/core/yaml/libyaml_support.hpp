// What every libyaml event walk needs: byte offsets for libyaml's character marks, RAII for the
// parser and its events, and errors worded as "LINE:COLUMN: problem". Not a YAML model.
#pragma once

#include "util/result.hpp"

#include <yaml.h>

#include <string_view>

namespace devk8s::core::yaml {

/// libyaml counts marks in characters (a CRLF is two, a BOM is one); splicing needs bytes.
/// Marks arrive in increasing order, so one forward-moving cursor converts them all.
class OffsetMapper {
public:
  explicit OffsetMapper(std::string_view text);
  std::size_t byte_offset(std::size_t char_index);

private:
  std::string_view m_text;
  bool m_ascii = true;
  std::size_t m_char = 0;
  std::size_t m_byte = 0;
};

struct ParserDeleter {
  void operator()(yaml_parser_t* parser) const;
};

class EventGuard {
public:
  explicit EventGuard(yaml_event_t& event) : m_event(event) {}
  ~EventGuard() { yaml_event_delete(&m_event); }
  EventGuard(const EventGuard&) = delete;
  EventGuard& operator=(const EventGuard&) = delete;

private:
  yaml_event_t& m_event;
};

/// "LINE:COLUMN: problem (context at line N)", 1-based, from a parser that failed reading
/// `text`. A character the reader refuses (a NUL, a bad UTF-8 byte) is placed by its offset.
util::Error parser_error(const yaml_parser_t& parser, std::string_view text);

} // namespace devk8s::core::yaml
