#include "cli/duration_flag.hpp"

#include "util/duration.hpp"

namespace devk8s::cli {

util::Result<std::chrono::milliseconds> wait_duration(const std::string& flag, const std::string& text,
                                                      const std::string& example)
{
  const std::string hint = "for example " + flag + " " + example;
  const auto duration = util::parse_duration(text);
  if (!duration) {
    return util::usage_error(flag + ": " + duration.error().message, hint);
  }
  if (duration->count() <= 0) {
    return util::usage_error(flag + " must be more than 0", hint);
  }
  return *duration;
}

} // namespace devk8s::cli
