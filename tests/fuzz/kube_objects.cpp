// libFuzzer harness: the Kubernetes API's JSON as doctor reads it (core/kube/objects list
// decoders and Quantity; core/kube status and version_info), and what the doctor makes of it:
// decoded pods, nodes and events go through core/doctor's analyzers (every finding must land in
// a chain), event messages through its FailedScheduling and pull-error parsers. The first byte
// picks the decoder:
//   '0' pods  '1' PVCs  '2' PVs  '3' storage classes  '4' nodes  '5' events
//   '6' deployments  '7' stateful sets  '8' daemon sets  '9' replica sets  ':' jobs
//   ';' a Quantity  '<' /version  '=' and '>' a Status body (401, 503)  '?' a Status body (403)
// Every list also goes through smoke's checks (core/smoke/evaluate, describe): its items given as
// each list smoke reads, and as every completed pod's log the text itself; a check that is not
// passed says why, and the describe text names every check.
// Every input also goes through util::parse_json_list (simdjson, with nlohmann as its fallback),
// which must agree with util::parse_json on whether the text is JSON and, when it is, hand over
// exactly the object items of the top-level "items" array, managedFields left out.
#include "core/doctor/analyzers/analyzers.hpp"
#include "core/doctor/fixes.hpp"
#include "core/minikube/addon_catalog.hpp"
#include "core/doctor/pull_error.hpp"
#include "core/doctor/scheduling.hpp"
#include "core/finding/chains.hpp"
#include "core/kube/objects/quantity.hpp"
#include "core/kube/objects/snapshot.hpp"
#include "core/kube/status.hpp"
#include "core/kube/version_info.hpp"
#include "core/smoke/describe.hpp"
#include "core/smoke/evaluate.hpp"
#include "core/smoke/manifests.hpp"
#include "fuzz_support.hpp"
#include "util/json_parse.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kube = devk8s::core::kube;
namespace objects = devk8s::core::kube::objects;
using devk8s::fuzz::require;

namespace {

const kube::ApiSubject k_subject{"https://127.0.0.1:8443", "minikube", "minikube", "/root/.kube/config", "minikube"};

template <typename T>
void check_list(const devk8s::util::Result<objects::DecodedList<T>>& list)
{
  if (!list) {
    require(!list.error().message.empty(), "a decoding error says why");
  }
}

std::int64_t ceil_thousandth_away_from_zero(std::int64_t milli)
{
  const std::int64_t whole = milli / 1000;
  if (milli % 1000 == 0) {
    return whole;
  }
  return milli > 0 ? whole + 1 : whole - 1;
}

void quantity(std::string_view text)
{
  const auto milli = objects::quantity_milli(text);
  const auto value = objects::quantity_value(text);
  if (milli) {
    // ceil(q) == ceil(ceil(1000 q) / 1000), and what fits in milli-units fits in units.
    require(value.has_value(), "a quantity that fits in milli-units fits in units");
    require(*value == ceil_thousandth_away_from_zero(*milli), "value() and milli_value() round alike");
  }
}

/// The analyzers on what was decoded: no crash, and every finding in some chain.
void diagnose(devk8s::core::doctor::Facts&& facts)
{
  for (const auto& event : facts.snapshot.events) {
    if (auto parsed = devk8s::core::doctor::parse_failed_scheduling(event.message)) {
      require(parsed->available >= 0 && parsed->total >= 0, "node counts are never negative");
    }
    (void)devk8s::core::doctor::classify_pull_error(event.message);
  }
  // Every addon enabled and both versions known, so the addon and skew analyzers run too.
  facts.enabled_addons = devk8s::core::minikube::known_addons();
  facts.server_version = devk8s::core::Version{1, 20, 2, {}};
  facts.kubectl_version = devk8s::core::Version{1, 32, 0, {}};
  const auto analysis = devk8s::core::doctor::analyze_all(facts);
  const auto& findings = analysis.findings;
  std::size_t next = 0;
  for (const auto& check : analysis.checks) {
    require(check.first == next, "the checks' findings follow each other");
    next += check.count;
  }
  require(next == findings.size(), "every finding belongs to one check");
  const auto chains = devk8s::core::finding::chains(findings);
  std::vector<bool> seen(findings.size(), false);
  for (const auto& chain : chains) {
    for (const auto i : chain) {
      require(i < findings.size(), "a chain names findings that exist");
      seen[i] = true;
    }
  }
  for (const bool s : seen) {
    require(s, "every finding is in some chain");
  }
  const auto problems = devk8s::core::finding::problems(chains);
  std::size_t grouped = 0;
  for (const auto& problem : problems) {
    require(problem.shared >= 1, "a problem shares at least its root");
    for (const auto& chain : problem.chains) {
      require(chain.back() == problem.root, "a problem's chains end at its root");
      require(problem.chains.size() == 1 || chain.size() > problem.shared || chain.size() == 1,
              "each chain of a shared problem keeps a part of its own");
    }
    grouped += problem.chains.size();
  }
  require(grouped == chains.size(), "every chain is in one problem");
  const auto fixes = devk8s::core::doctor::select_fixes(findings, problems);
  for (const auto i : fixes.manual) {
    require(i < findings.size(), "a manual root is a finding");
  }
}

const devk8s::core::smoke::Suite& smoke_suite()
{
  static const auto suite = [] {
    std::vector<devk8s::core::smoke::ManifestText> manifests;
    for (const auto& file : devk8s::core::smoke::smoke_manifest_files()) {
      manifests.push_back({std::string(file.origin), std::string(file.text)});
    }
    auto built = devk8s::core::smoke::build_suite(manifests, "devk8s-smoke");
    require(built.has_value(), "smoke's built-in manifests make a suite");
    return *built;
  }();
  return suite;
}

void smoke_checks(const nlohmann::json& json, std::string_view text)
{
  const auto items = json.find("items");
  if (!json.is_object() || items == json.end() || !items->is_array()) {
    return;
  }
  const auto& suite = smoke_suite();
  devk8s::core::smoke::Observation seen;
  for (const auto& path : devk8s::core::smoke::list_paths(suite)) {
    seen.lists[path] = items->get<std::vector<nlohmann::json>>();
  }
  for (const auto& check : suite.checks) {
    for (const auto& log : check.logs) {
      if (const auto pod = devk8s::core::smoke::log_pod(log, suite.namespace_name, seen)) {
        seen.logs[*pod] = std::string(text);
      }
    }
  }
  for (const auto& check : suite.checks) {
    const auto status = devk8s::core::smoke::evaluate_check(check, seen);
    require(status.state == devk8s::core::smoke::CheckState::passed || !status.message.empty(),
            "a smoke check that did not pass says why");
    require(status.state != devk8s::core::smoke::CheckState::passed || status.pending.empty(),
            "a passed smoke check waits for nothing");
  }
  const auto described = devk8s::core::smoke::describe_objects(suite, seen, items->get<std::vector<nlohmann::json>>());
  for (const auto& check : suite.checks) {
    require(described.find("== check " + check.name + "\n") != std::string::npos, "the describe text names every check");
  }
}

template <typename T, typename Add>
void check_and_diagnose(devk8s::util::Result<objects::DecodedList<T>>&& list, Add add)
{
  check_list(list);
  if (list) {
    devk8s::core::doctor::Facts facts;
    add(facts.snapshot, std::move(list->items));
    diagnose(std::move(facts));
  }
}

void decode(unsigned selector, nlohmann::json&& json)
{
  using objects::WorkloadKind;
  switch (selector) {
  case 0:
    check_and_diagnose(objects::decode_pod_list(std::move(json)),
                       [](objects::Snapshot& s, std::vector<objects::Pod>&& items) { s.pods = std::move(items); });
    break;
  case 1: check_list(objects::decode_persistent_volume_claim_list(std::move(json))); break;
  case 2: check_list(objects::decode_persistent_volume_list(std::move(json))); break;
  case 3: check_list(objects::decode_storage_class_list(std::move(json))); break;
  case 4:
    check_and_diagnose(objects::decode_node_list(std::move(json)),
                       [](objects::Snapshot& s, std::vector<objects::Node>&& items) { s.nodes = std::move(items); });
    break;
  case 5:
    check_and_diagnose(objects::decode_event_list(std::move(json)),
                       [](objects::Snapshot& s, std::vector<objects::Event>&& items) { s.events = std::move(items); });
    break;
  case 6: check_list(objects::decode_workload_list(std::move(json), WorkloadKind::deployment)); break;
  case 7: check_list(objects::decode_workload_list(std::move(json), WorkloadKind::stateful_set)); break;
  case 8: check_list(objects::decode_workload_list(std::move(json), WorkloadKind::daemon_set)); break;
  case 9: check_list(objects::decode_workload_list(std::move(json), WorkloadKind::replica_set)); break;
  case 10: check_list(objects::decode_workload_list(std::move(json), WorkloadKind::job)); break;
  case 12: (void)kube::parse_version_info(json); break;
  case 13: require(!kube::status_error(k_subject, "GET", "/api/v1/pods", 401, json).message.empty(), "a status error says why"); break;
  case 14: require(!kube::status_error(k_subject, "GET", "/api/v1/pods", 503, json).message.empty(), "a status error says why"); break;
  case 15: require(!kube::status_error(k_subject, "GET", "/api/v1/pods", 403, json).message.empty(), "a status error says why"); break;
  default: break;
  }
}

// `json` without "managedFields" in any object below the top (parse_json_list's `drop`).
void strip(nlohmann::json& json, bool top)
{
  if (json.is_object()) {
    if (!top) {
      json.erase("managedFields");
    }
    for (auto& [key, value] : json.items()) {
      strip(value, false);
    }
  } else if (json.is_array()) {
    for (auto& element : json) {
      strip(element, false);
    }
  }
}

void list_parse_agrees(std::string_view text)
{
  std::vector<nlohmann::json> items;
  const auto streamed = devk8s::util::parse_json_list(
      text, [&items](nlohmann::json&& item) { items.push_back(std::move(item)); }, {"managedFields"});
  auto whole = devk8s::util::parse_json(text);
  require(streamed.has_value() == whole.has_value(), "parse_json_list and parse_json agree on what is JSON");
  if (!whole) {
    require(streamed.error().message == whole.error().message, "a list that is not JSON gets parse_json's words");
    return;
  }
  // Keys given twice make the two differ by design (each "items" array is streamed; the tree
  // keeps the last), and a top-level "items" that is not an array is not a list's.
  const bool one_items = text.find("\"items\"") == text.rfind("\"items\"");
  if (!one_items || !whole->is_object() || (whole->contains("items") && !(*whole)["items"].is_array())) {
    return;
  }
  strip(*whole, true);
  std::vector<nlohmann::json> expected;
  if (whole->contains("items")) {
    nlohmann::json rest = nlohmann::json::array();
    for (auto& element : (*whole)["items"]) {
      (element.is_object() ? expected.emplace_back(std::move(element)) : rest.emplace_back(std::move(element)));
    }
    (*whole)["items"] = std::move(rest);
  }
  require(items == expected, "the items handed over are the list's object items");
  require(*streamed == *whole, "what stays is the document without them");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  list_parse_agrees(devk8s::fuzz::as_text(data, size));
  const auto [selector, text] = devk8s::fuzz::select(devk8s::fuzz::as_text(data, size), 16);
  if (selector == 11) {
    quantity(text);
    return 0;
  }
  // The adapters parse the API's answer with util::parse_json (depth-limited), then decode it.
  auto json = devk8s::util::parse_json(text);
  if (json) {
    smoke_checks(*json, text);
    decode(selector, std::move(*json));
  }
  return 0;
}
