#include "core/yaml/depth_check.hpp"

#include "core/yaml/libyaml_support.hpp"
#include "util/nesting.hpp"

#include <yaml.h>

#include <memory>

namespace devk8s::core::yaml {

util::Result<void> check_depth(std::string_view text)
{
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
  if (yaml_parser_initialize(parser.get()) == 0) {
    return util::failure("cannot initialize the YAML parser");
  }
  yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  yaml_parser_set_encoding(parser.get(), YAML_UTF8_ENCODING);
  std::size_t depth = 0;
  while (true) {
    yaml_event_t event;
    if (yaml_parser_parse(parser.get(), &event) == 0) {
      if (parser->error == YAML_READER_ERROR) {
        return parser_error(*parser, text);
      }
      return {};
    }
    EventGuard guard(event);
    switch (event.type) {
    case YAML_STREAM_END_EVENT:
      return {};
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT:
      if (++depth > util::k_max_nesting) {
        return util::failure(std::to_string(event.start_mark.line + 1) + ":" +
                             std::to_string(event.start_mark.column + 1) + ": " + util::nesting_too_deep());
      }
      break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      --depth;
      break;
    default:
      break;
    }
  }
}

} // namespace devk8s::core::yaml
