// Result<T>: a value or an Error, for failures a caller is expected to handle.
// A minimal stand-in for std::expected (C++23), which C++20 lacks.
#pragma once

#include "util/error.hpp"

#include <cassert>
#include <utility>
#include <variant>

namespace devk8s::util {

/// Wraps an Error so that `return Unexpected{err};` reads clearly at call sites.
struct Unexpected {
  Error error;
};

template <typename T>
class [[nodiscard]] Result {
public:
  Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}
  Result(Unexpected u) : m_data(std::in_place_index<1>, std::move(u.error)) {}

  bool has_value() const { return m_data.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(m_data); }
  const T& value() const& { assert(has_value()); return std::get<0>(m_data); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(m_data)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!has_value()); return std::get<1>(m_data); }

private:
  std::variant<T, Error> m_data;
};

/// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_failed(true) {}
  Result(Unexpected u) : m_error(std::move(u.error)), m_failed(true) {}

  bool has_value() const { return !m_failed; }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { assert(m_failed); return m_error; }

private:
  Error m_error;
  bool m_failed = false;
};

} // namespace devk8s::util

/// Propagates an error: `DEVK8S_TRY(auto x, parse(s));` (ccache's TRY, for our Result).
#define DEVK8S_TRY_CONCAT2(a, b) a##b
#define DEVK8S_TRY_CONCAT(a, b) DEVK8S_TRY_CONCAT2(a, b)
#define DEVK8S_TRY(decl, expr) DEVK8S_TRY_IMPL(decl, expr, DEVK8S_TRY_CONCAT(devk8s_try_, __LINE__))
#define DEVK8S_TRY_IMPL(decl, expr, tmp)                                                          \
  auto tmp = (expr);                                                                             \
  if (!tmp) {                                                                                    \
    return ::devk8s::util::Unexpected{tmp.error()};                                              \
  }                                                                                              \
  decl = std::move(*tmp)
