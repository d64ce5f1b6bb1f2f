#include "core/preflight/memory_size.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace devk8s::core::preflight {

namespace {

// go-units RAMInBytes: ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$ with binary multipliers.
int unit_power(char c)
{
  switch (std::tolower(static_cast<unsigned char>(c))) {
  case 'k': return 1;
  case 'm': return 2;
  case 'g': return 3;
  case 't': return 4;
  case 'p': return 5;
  default: return -1;
  }
}

} // namespace

util::Result<std::uint64_t> parse_memory_size(std::string_view text)
{
  const std::string quoted = util::quoted(text);
  const std::string hint = "sizes look like 2g, 2048mb, 1.5GiB or 1833mb (a bare number is MB)";
  std::size_t i = 0;
  std::string number;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) != 0 || text[i] == '.')) {
    number += text[i];
    ++i;
  }
  if (number.empty() || number.front() == '.' || number.back() == '.' ||
      number.find("..") != std::string::npos || std::count(number.begin(), number.end(), '.') > 1) {
    return util::usage_error("invalid memory size " + quoted + ": expected a positive number with an optional unit",
                             hint);
  }
  std::string_view rest = text.substr(i);
  if (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
  }
  int power = 2; // a bare number is MB, as in minikube
  if (!rest.empty()) {
    power = unit_power(rest.front());
    if (power < 0) {
      return util::usage_error("invalid memory size " + quoted + ": unknown unit " + util::quoted(rest), hint);
    }
    rest.remove_prefix(1);
    if (!rest.empty() && (rest.front() == 'i' || rest.front() == 'I')) {
      rest.remove_prefix(1);
    }
    if (!rest.empty() && (rest.front() == 'b' || rest.front() == 'B')) {
      rest.remove_prefix(1);
    }
    if (!rest.empty()) {
      return util::usage_error("invalid memory size " + quoted + ": unexpected " + util::quoted(rest), hint);
    }
  }
  // strtod, not stod: a number of 400 digits is an answer (too large), not an exception.
  const double value = std::strtod(number.c_str(), nullptr);
  const double mib = value * std::pow(1024.0, power - 2);
  if (!(mib >= 1.0)) {
    return util::usage_error("invalid memory size " + quoted + ": must be at least 1 MiB", hint);
  }
  if (!std::isfinite(mib) || mib > 1024.0 * 1024.0 * 1024.0) {
    return util::usage_error("invalid memory size " + quoted + ": larger than 1 PiB", hint);
  }
  return static_cast<std::uint64_t>(std::floor(mib));
}

std::string format_memory_flag(std::uint64_t mib)
{
  return std::to_string(mib) + "mb";
}

} // namespace devk8s::core::preflight
