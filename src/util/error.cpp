#include "util/error.hpp"

namespace devk8s::util {

Error Error::wrap(const std::string& context) const
{
  return Error{code, context + ": " + message, hint, output, exit_status};
}

Error usage_error(std::string message, std::string hint)
{
  return Error{ExitCode::usage, std::move(message), std::move(hint), {}, {}};
}

Error failure(std::string message, std::string hint)
{
  return Error{ExitCode::failure, std::move(message), std::move(hint), {}, {}};
}

Error interrupted(std::string message, std::string hint)
{
  return Error{ExitCode::interrupted, "interrupted: " + std::move(message), std::move(hint), {}, {}};
}

} // namespace devk8s::util
