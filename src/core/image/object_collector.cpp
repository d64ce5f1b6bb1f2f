#include "core/image/object_collector.hpp"

#include <algorithm>

namespace devk8s::core::image {

void ObjectCollector::add_image(ImageField&& field, Shape shape)
{
  m_objects.back().own.push_back(PendingImage{std::move(field), shape});
}

void ObjectCollector::add_warning(ManifestWarning&& warning, std::optional<Shape> shape)
{
  m_objects.back().own_warnings.push_back(PendingWarning{std::move(warning), shape});
}

void ObjectCollector::end()
{
  Object object = std::move(m_objects.back());
  m_objects.pop_back();
  std::vector<ImageField> accepted;
  for (auto& pending : object.own) {
    if (kind_has_shape(object.kind, pending.shape)) {
      pending.field.kind = object.kind;
      pending.field.name = object.name;
      accepted.push_back(std::move(pending.field));
    }
  }
  std::vector<ManifestWarning> warnings;
  for (auto& pending : object.own_warnings) {
    const bool holds_containers =
        pending.shape ? kind_has_shape(object.kind, *pending.shape)
                      : kind_has_shape(object.kind, Shape::pod) || kind_has_shape(object.kind, Shape::workload) ||
                            kind_has_shape(object.kind, Shape::cronjob);
    if (holds_containers) {
      warnings.push_back(std::move(pending.warning));
    }
  }
  if (is_list_kind(object.kind)) {
    std::move(object.from_items.begin(), object.from_items.end(), std::back_inserter(accepted));
    std::move(object.warnings_from_items.begin(), object.warnings_from_items.end(), std::back_inserter(warnings));
  }
  if (!m_objects.empty()) {
    Object& parent = m_objects.back();
    std::move(accepted.begin(), accepted.end(), std::back_inserter(parent.from_items));
    std::move(warnings.begin(), warnings.end(), std::back_inserter(parent.warnings_from_items));
    return;
  }
  std::sort(accepted.begin(), accepted.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  m_scan.images += accepted.size();
  for (auto& image : accepted) {
    m_sink(std::move(image));
  }
  std::move(warnings.begin(), warnings.end(), std::back_inserter(m_scan.warnings));
}

} // namespace devk8s::core::image
