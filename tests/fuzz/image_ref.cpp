// libFuzzer harness: image references (core/image/image_ref). Any text may be given as an image
// on the command line or found in a manifest; a parsed reference must print back to itself, and
// its short form (`docker images`) must name the same image (issue #15, finding 4).
#include "core/image/image_ref.hpp"
#include "core/image/reference_text.hpp"
#include "fuzz_support.hpp"

#include <string>

using devk8s::core::image::ImageRef;
using devk8s::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = devk8s::fuzz::as_text(data, size);
  const auto ref = ImageRef::parse(text);
  if (!ref) {
    require(!ref.error().message.empty(), "a parse error says why");
    // Messages quote the input; quoting must handle any bytes.
    (void)devk8s::core::image::quoted_reference(text);
    return 0;
  }
  require(!ref->domain().empty() && !ref->path().empty(), "a parsed reference has a domain and a path");
  require(!ref->tag().empty() || !ref->digest().empty(), "a parsed reference has a tag or a digest");

  const std::string full = ref->str();
  const auto again = ImageRef::parse(full);
  require(again.has_value(), "str() parses");
  require(*again == *ref, "parse(str()) is the same reference");
  require(again->str() == full, "str() is a fixed point");

  const auto short_form = ImageRef::parse(ref->familiar());
  require(short_form.has_value(), "familiar() parses");
  require(*short_form == *ref, "familiar() names the same image");

  const auto rebuilt = ImageRef::from_parts(ref->name(), ref->tag(), ref->digest());
  require(rebuilt.has_value() && *rebuilt == *ref, "from_parts(name, tag, digest) rebuilds the reference");
  return 0;
}
