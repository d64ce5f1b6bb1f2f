// The Kubernetes API fixtures of tests/fixtures/kube/ (see its README for each file's source),
// parsed; and a literal's JSON, for the tests of the typed objects.
#pragma once

#include "support/run_devk8s.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>

namespace devk8s::test {

inline nlohmann::json kube_fixture(const std::string& name)
{
  const std::string path = source_path("tests/fixtures/kube/" + name);
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read fixture " + path);
  }
  return nlohmann::json::parse(in);
}

/// The item of a List fixture whose metadata.name is `name` (a copy the decoder may consume).
inline nlohmann::json kube_fixture_item(const std::string& file, const std::string& name)
{
  nlohmann::json list = kube_fixture(file);
  for (auto& item : list.at("items")) {
    if (item.at("metadata").at("name") == name) {
      return item;
    }
  }
  throw std::runtime_error("no item " + name + " in fixture " + file);
}

} // namespace devk8s::test
