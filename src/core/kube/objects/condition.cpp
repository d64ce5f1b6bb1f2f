#include "core/kube/objects/condition.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

namespace {

constexpr EnumName<ConditionStatus> k_statuses[] = {
    {"True", ConditionStatus::true_}, {"False", ConditionStatus::false_}, {"Unknown", ConditionStatus::unknown}};

} // namespace

const Condition* find_condition(const std::vector<Condition>& conditions, std::string_view type)
{
  for (const auto& condition : conditions) {
    if (condition.type == type) {
      return &condition;
    }
  }
  return nullptr;
}

bool condition_true(const std::vector<Condition>& conditions, std::string_view type)
{
  const Condition* condition = find_condition(conditions, type);
  return condition != nullptr && condition->status == ConditionStatus::true_;
}

std::vector<Condition> decode_conditions(nlohmann::json& status, std::string_view key)
{
  using namespace fields;
  std::vector<Condition> conditions;
  for_each_object(status, key, [&](Json& condition) {
    conditions.push_back({take_string(condition, "type"), take_enum(condition, "status", k_statuses),
                          take_string(condition, "reason"), take_string(condition, "message")});
  });
  return conditions;
}

} // namespace devk8s::core::kube::objects
