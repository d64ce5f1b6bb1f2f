// A list of named things where a later one replaces an earlier one of the same name, in the
// order first added: how devk8s layers user data (mirror maps, download sources) over built-ins.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::util {

/// T needs a std::string member `name`.
template <typename T>
class NamedList {
public:
  /// Adds `item`, replacing any item of the same name in place.
  void add(T item)
  {
    for (auto& existing : m_items) {
      if (existing.name == item.name) {
        existing = std::move(item);
        return;
      }
    }
    m_items.push_back(std::move(item));
  }

  const T* find(std::string_view name) const
  {
    for (const auto& item : m_items) {
      if (item.name == name) {
        return &item;
      }
    }
    return nullptr;
  }

  std::vector<std::string> names() const
  {
    std::vector<std::string> names;
    for (const auto& item : m_items) {
      names.push_back(item.name);
    }
    return names;
  }

  const std::vector<T>& items() const { return m_items; }

private:
  std::vector<T> m_items;
};

} // namespace devk8s::util
