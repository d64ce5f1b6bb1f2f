// Memory sizes in the forms minikube's --memory accepts ("2g", "2048mb", "1.5GiB", "1833mb",
// a bare number meaning MB), parsed to MiB the way minikube does: units are binary, so "mb"
// and "MiB" are the same (util.CalculateSizeInMB → go-units RAMInBytes).
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace devk8s::core::preflight {

/// MiB, rounded down. Rejects negative, zero, sub-MiB and malformed values with a usage error
/// that quotes the text and lists the accepted forms.
util::Result<std::uint64_t> parse_memory_size(std::string_view text);

/// The form devk8s passes back to minikube: "1024mb".
std::string format_memory_flag(std::uint64_t mib);

} // namespace devk8s::core::preflight
