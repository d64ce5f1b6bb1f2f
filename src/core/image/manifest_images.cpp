#include "core/image/manifest_images.hpp"
#include "core/image/object_collector.hpp"
#include "core/image/workload_paths.hpp"

#include "core/yaml/libyaml_support.hpp"
#include "core/yaml/scalar_type.hpp"
#include "util/nesting.hpp"

#include <yaml.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

namespace devk8s::core::image {

namespace {

struct Frame {
  Role role = Role::other;
  bool is_mapping = false;
  bool expecting_key = true;
  Role next_value = Role::other; // role of the value after the key just read
  Shape shape = Shape::pod;      // for pod_spec, container_list, container
  std::string field;             // for container_list, container
  // container only
  std::string container_name;
  std::vector<ImageField> images;
  bool has_image_key = false;
  bool merge_value_next = false;          // the key just read is "<<"
  std::optional<ManifestWarning> merge;   // keys merged in (<<), which may bring an image
};

ScalarStyle style_of(yaml_scalar_style_t style)
{
  switch (style) {
  case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    return ScalarStyle::single_quoted;
  case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
    return ScalarStyle::double_quoted;
  case YAML_LITERAL_SCALAR_STYLE:
    return ScalarStyle::literal;
  case YAML_FOLDED_SCALAR_STYLE:
    return ScalarStyle::folded;
  default:
    return ScalarStyle::plain;
  }
}

class Scanner {
public:
  Scanner(std::string_view text, const ImageSink& sink) : m_text(text), m_offsets(text), m_sink(sink) {}

  util::Result<ScanSummary> run()
  {
    std::unique_ptr<yaml_parser_t, yaml::ParserDeleter> parser(new yaml_parser_t);
    if (yaml_parser_initialize(parser.get()) == 0) {
      return util::failure("cannot initialize the YAML parser");
    }
    yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(m_text.data()), m_text.size());
    // libyaml reads a UTF-16 BOM as a request to transcode; marks would then be meaningless here.
    if (m_text.size() >= 2 && (m_text.substr(0, 2) == "\xFF\xFE" || m_text.substr(0, 2) == "\xFE\xFF")) {
      return util::failure("1:1: UTF-16 input is not supported; convert it to UTF-8");
    }
    yaml_parser_set_encoding(parser.get(), YAML_UTF8_ENCODING);

    while (true) {
      yaml_event_t event;
      if (yaml_parser_parse(parser.get(), &event) == 0) {
        return yaml::parser_error(*parser, m_text);
      }
      yaml::EventGuard guard(event);
      if (event.type == YAML_STREAM_END_EVENT) {
        break;
      }
      handle(event);
      if (!m_fatal.empty()) {
        // Stop at once: libyaml's cost per token grows with the depth it has open.
        return util::failure(m_fatal, "fix the YAML; nothing was rewritten");
      }
    }
    if (!m_error.empty()) {
      return util::failure(m_error, "fix the YAML; nothing was rewritten");
    }
    return std::move(m_scan);
  }

private:
  // The role the next node takes from its parent, and advances the parent's key/value state.
  Role take_role()
  {
    if (m_stack.empty()) {
      return Role::object; // a document's root node
    }
    Frame& parent = m_stack.back();
    if (parent.is_mapping) {
      if (parent.expecting_key) {
        // A non-scalar key (a complex key) matches nothing; its value gets role other.
        parent.expecting_key = false;
        parent.next_value = Role::other;
        return Role::other;
      }
      parent.expecting_key = true;
      return parent.next_value;
    }
    // A sequence: containers of a container list, objects of items.
    if (parent.role == Role::container_list) {
      return Role::container;
    }
    if (parent.role == Role::items) {
      return Role::object;
    }
    return Role::other;
  }

  void handle(const yaml_event_t& event)
  {
    switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      m_stack.clear();
      m_objects.clear();
      m_anchors.clear();
      break;
    case YAML_DOCUMENT_END_EVENT:
      ++m_document;
      m_scan.documents = m_document;
      break;
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT:
      start_collection(event);
      break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      end_collection();
      break;
    case YAML_SCALAR_EVENT:
      scalar(event);
      break;
    case YAML_ALIAS_EVENT:
      alias(event);
      break;
    default:
      break;
    }
  }

  void start_collection(const yaml_event_t& event)
  {
    const bool mapping = event.type == YAML_MAPPING_START_EVENT;
    if (m_stack.size() >= util::k_max_nesting) {
      m_fatal = position(event) + ": " + util::nesting_too_deep();
      return;
    }
    note_anchor(mapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor);
    Role role = take_role();
    Frame frame;
    frame.is_mapping = mapping;
    const Frame* parent = m_stack.empty() ? nullptr : &m_stack.back();
    if (role == Role::scalar_image) {
      warn_later(event, std::string("image is ") + (mapping ? "a mapping" : "a sequence") + ", not a string; left as is",
                 parent->shape);
    }
    // A role is only kept when the node has the expected shape (mapping or sequence).
    const bool wants_sequence = role == Role::container_list || role == Role::items;
    if (is_scalar_role(role) || wants_sequence != !mapping) {
      role = Role::other;
    }
    frame.role = role;
    if (parent != nullptr) {
      frame.shape = parent->shape;
      frame.field = parent->field;
      if (role == Role::pod_spec) {
        // Which PodSpec this is depends on the path: spec.template or jobTemplate.spec.template.
        frame.shape = m_in_job_template > 0 ? Shape::cronjob : Shape::workload;
      }
    }
    if (role == Role::object) {
      m_objects.begin();
    }
    if (role == Role::job_template) {
      ++m_in_job_template;
    }
    m_stack.push_back(std::move(frame));
  }

  void end_collection()
  {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    if (frame.role == Role::job_template) {
      --m_in_job_template;
    }
    if (frame.role == Role::container) {
      if (frame.merge && !frame.has_image_key) {
        m_objects.add_warning(std::move(*frame.merge), frame.shape);
      }
      for (auto& image : frame.images) {
        image.container = frame.container_name;
        image.field = frame.field;
        m_objects.add_image(std::move(image), frame.shape);
      }
    }
    if (frame.role == Role::object) {
      m_objects.end();
    }
  }

  static std::string position(const yaml_event_t& event)
  {
    return std::to_string(event.start_mark.line + 1) + ":" + std::to_string(event.start_mark.column + 1);
  }

  // Kept with the object until its kind says whether containers live where the event is.
  void warn_later(const yaml_event_t& event, std::string message, std::optional<Shape> shape)
  {
    m_objects.add_warning(ManifestWarning{event.start_mark.line + 1, event.start_mark.column + 1, std::move(message)},
                          shape);
  }

  void scalar(const yaml_event_t& event)
  {
    note_anchor(event.data.scalar.anchor);
    const std::string_view value(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
    if (!m_stack.empty() && m_stack.back().is_mapping && m_stack.back().expecting_key) {
      Frame& parent = m_stack.back();
      parent.expecting_key = false;
      parent.next_value = parent.role == Role::other ? Role::other : child_role(parent.role, value);
      if (parent.next_value == Role::container_list) {
        parent.field = std::string(value);
        if (parent.role == Role::spec) {
          parent.shape = Shape::pod;
        }
      }
      if (parent.role == Role::container) {
        parent.has_image_key = parent.has_image_key || value == "image";
        // YAML 1.1's merge key, which Kubernetes' reader (go-yaml v2) honours: the merged
        // mapping's keys are the container's, unless the container sets them itself.
        parent.merge_value_next = value == "<<" && event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (parent.merge_value_next && !parent.merge) {
          parent.merge = ManifestWarning{event.start_mark.line + 1, event.start_mark.column + 1,
                                         "container merges keys (<<); an image it brings is not rewritten here"};
        }
      }
      return;
    }
    const Role role = take_role();
    switch (role) {
    case Role::scalar_kind:
      m_objects.set_kind(std::string(value));
      break;
    case Role::scalar_name:
      m_objects.set_name(std::string(value));
      break;
    case Role::scalar_cname:
      m_stack.back().container_name = std::string(value);
      break;
    case Role::scalar_image: {
      const char* tag = reinterpret_cast<const char*>(event.data.scalar.tag);
      if (auto what = yaml::non_string_scalar(value, event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
                                              tag == nullptr ? std::string_view() : std::string_view(tag))) {
        const std::string shown = *what == "null" ? std::string() : std::string(value) + ", ";
        warn_later(event, "image is " + shown + *what + ", not a string; left as is", m_stack.back().shape);
        break;
      }
      ImageField field;
      field.begin = m_offsets.byte_offset(event.start_mark.index);
      if (event.data.scalar.anchor != nullptr || event.data.scalar.tag != nullptr) {
        field.begin = skip_properties(field.begin, m_offsets.byte_offset(event.end_mark.index));
      }
      field.end = m_offsets.byte_offset(event.end_mark.index);
      field.line = event.start_mark.line + 1;
      field.column = event.start_mark.column + 1;
      field.document = m_document;
      field.style = style_of(event.data.scalar.style);
      field.value = std::string(value);
      m_stack.back().images.push_back(std::move(field));
      break;
    }
    default:
      break;
    }
  }

  // An anchored or tagged node's event starts at `&anchor` or `!tag`; the value starts after
  // them (and any space, line break or comment between).
  std::size_t skip_properties(std::size_t at, std::size_t end) const
  {
    while (at < end) {
      const char c = m_text[at];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++at;
      } else if (c == '#') {
        while (at < end && m_text[at] != '\n') {
          ++at;
        }
      } else if (c == '&' || c == '!') {
        while (at < end && m_text[at] != ' ' && m_text[at] != '\t' && m_text[at] != '\r' && m_text[at] != '\n') {
          ++at;
        }
      } else {
        break;
      }
    }
    return at;
  }

  void note_anchor(const yaml_char_t* anchor)
  {
    if (anchor != nullptr) {
      m_anchors.emplace_back(reinterpret_cast<const char*>(anchor));
    }
  }

  void alias(const yaml_event_t& event)
  {
    const std::string anchor(reinterpret_cast<const char*>(event.data.alias.anchor));
    if (std::find(m_anchors.begin(), m_anchors.end(), anchor) == m_anchors.end() && m_error.empty()) {
      // libyaml's event API accepts this; kubectl's loader (and every YAML loader) rejects it.
      m_error = std::to_string(event.start_mark.line + 1) + ":" + std::to_string(event.start_mark.column + 1) +
                ": found undefined alias \"" + anchor + "\"";
    }
    if (!m_stack.empty() && m_stack.back().is_mapping && m_stack.back().expecting_key) {
      m_stack.back().expecting_key = false;
      m_stack.back().next_value = Role::other;
      return;
    }
    if (!m_stack.empty() && m_stack.back().role == Role::container && m_stack.back().merge_value_next) {
      Frame& container = m_stack.back();
      container.merge->message = "container merges *" + anchor + " (<<); an image it brings is not rewritten here, " +
                                 "only at its anchor &" + anchor;
    }
    const Role role = take_role();
    if (role == Role::scalar_image) {
      warn_later(event, "image is an alias (*" + anchor + "); rewrite its anchor instead", m_stack.back().shape);
    } else if (const auto noun = role_noun(role)) {
      const std::string what = role == Role::container_list ? m_stack.back().field : std::string(*noun);
      warn_later(event,
                 what + " is an alias (*" + anchor + "); images behind an alias are not rewritten here, only at its anchor &" +
                     anchor,
                 alias_shape(role));
    }
  }

  // Which objects hold containers behind an alias in this role (nullopt: every workload kind).
  std::optional<Shape> alias_shape(Role role) const
  {
    switch (role) {
    case Role::spec:
      return std::nullopt;
    case Role::pod_template:
    case Role::pod_spec:
      return m_in_job_template > 0 ? Shape::cronjob : Shape::workload;
    case Role::job_template:
    case Role::job_spec:
      return Shape::cronjob;
    default:
      return m_stack.back().shape;
    }
  }

  std::string_view m_text;
  yaml::OffsetMapper m_offsets;
  const ImageSink& m_sink;
  ScanSummary m_scan;
  std::vector<Frame> m_stack;
  ObjectCollector m_objects{m_sink, m_scan};
  std::size_t m_document = 0;
  int m_in_job_template = 0;
  std::vector<std::string> m_anchors; // defined so far in this document
  std::string m_error;                // the first semantic error, reported when parsing ends
  std::string m_fatal;                // an error that stops the scan at once (nesting too deep)
};

} // namespace

util::Result<ScanSummary> scan_manifest(std::string_view text, const ImageSink& sink)
{
  return Scanner(text, sink).run();
}

util::Result<ManifestScan> scan_manifest(std::string_view text)
{
  ManifestScan scan;
  DEVK8S_TRY(ScanSummary summary, scan_manifest(text, [&scan](ImageField&& f) { scan.images.push_back(std::move(f)); }));
  scan.warnings = std::move(summary.warnings);
  scan.documents = summary.documents;
  return scan;
}

} // namespace devk8s::core::image
