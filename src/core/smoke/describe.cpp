#include "core/smoke/describe.hpp"

#include "core/plan/wait_condition.hpp"

#include <algorithm>

namespace devk8s::core::smoke {

namespace {

std::string str(const nlohmann::json& object, const char* key)
{
  const auto it = object.find(key);
  if (it == object.end()) {
    return {};
  }
  if (it->is_string()) {
    return it->get<std::string>();
  }
  return it->is_number() || it->is_boolean() ? it->dump() : std::string();
}

const nlohmann::json& child(const nlohmann::json& object, const char* key)
{
  static const nlohmann::json empty = nlohmann::json::object();
  if (!object.is_object()) {
    return empty;
  }
  const auto it = object.find(key);
  return it != object.end() && (it->is_object() || it->is_array()) ? *it : empty;
}

void conditions(std::string& out, const nlohmann::json& status)
{
  const auto& list = child(status, "conditions");
  if (!list.is_array() || list.empty()) {
    return;
  }
  out += "  Conditions:\n";
  for (const auto& c : list) {
    std::string line = "    " + str(c, "type") + "=" + str(c, "status");
    if (const auto reason = str(c, "reason"); !reason.empty()) {
      line += " " + reason;
    }
    if (const auto message = str(c, "message"); !message.empty()) {
      line += ": " + message;
    }
    out += line + "\n";
  }
}

void containers(std::string& out, const nlohmann::json& status)
{
  const auto& list = child(status, "containerStatuses");
  if (!list.is_array()) {
    return;
  }
  for (const auto& c : list) {
    std::string line = "  Container " + str(c, "name") + " (" + str(c, "image") + "): ";
    const auto& state = child(c, "state");
    for (const char* which : {"waiting", "running", "terminated"}) {
      if (state.contains(which)) {
        const auto& s = state[which];
        line += which;
        if (const auto reason = str(s, "reason"); !reason.empty()) {
          line += " " + reason;
        }
        if (std::string(which) == "terminated") {
          line += ", exit code " + str(s, "exitCode");
        }
        if (const auto message = str(s, "message"); !message.empty()) {
          line += ": " + message;
        }
      }
    }
    out += line + ", restarts " + (str(c, "restartCount").empty() ? "0" : str(c, "restartCount")) + "\n";
  }
}

void status_lines(std::string& out, const std::string& kind, const nlohmann::json& object)
{
  const auto& status = child(object, "status");
  if (kind == "Pod") {
    out += "  Phase: " + str(status, "phase") + (str(child(object, "spec"), "nodeName").empty()
                                                      ? std::string()
                                                      : ", node " + str(child(object, "spec"), "nodeName")) +
           "\n";
    conditions(out, status);
    containers(out, status);
  } else if (kind == "PersistentVolumeClaim") {
    out += "  Phase: " + str(status, "phase");
    if (const auto volume = str(child(object, "spec"), "volumeName"); !volume.empty()) {
      out += ", volume " + volume;
    }
    out += "\n";
  } else if (kind == "Deployment" || kind == "Job") {
    std::string counts;
    for (const char* key : {"replicas", "readyReplicas", "availableReplicas", "unavailableReplicas", "active",
                            "succeeded", "failed"}) {
      if (const auto value = str(status, key); !value.empty()) {
        counts += (counts.empty() ? "" : ", ") + std::string(key) + " " + value;
      }
    }
    out += "  Status: " + (counts.empty() ? std::string("none yet") : counts) + "\n";
    conditions(out, status);
  } else if (kind == "Endpoints") {
    std::string ready;
    std::string not_ready;
    for (const auto& subset : child(object, "subsets")) {
      for (const auto& a : child(subset, "addresses")) {
        ready += (ready.empty() ? "" : ", ") + str(a, "ip");
      }
      for (const auto& a : child(subset, "notReadyAddresses")) {
        not_ready += (not_ready.empty() ? "" : ", ") + str(a, "ip");
      }
    }
    out += "  Endpoints: ready [" + ready + "], not ready [" + not_ready + "]\n";
  }
}

void events_about(std::string& out, const std::string& kind, const std::string& name,
                  const std::vector<nlohmann::json>& events)
{
  std::vector<const nlohmann::json*> about;
  for (const auto& e : events) {
    const auto& involved = child(e, "involvedObject");
    if (str(involved, "kind") == kind && str(involved, "name") == name) {
      about.push_back(&e);
    }
  }
  std::stable_sort(about.begin(), about.end(), [](const nlohmann::json* a, const nlohmann::json* b) {
    return str(*a, "lastTimestamp") < str(*b, "lastTimestamp");
  });
  if (about.empty()) {
    out += "  Events: none\n";
    return;
  }
  out += "  Events:\n";
  for (const auto* e : about) {
    const auto count = str(*e, "count");
    out += "    " + str(*e, "type") + "  " + str(*e, "reason") + (count.empty() || count == "1" ? "" : " (x" + count + ")") +
           "  " + str(child(*e, "source"), "component") + "  " + str(*e, "message") + "\n";
  }
}

const nlohmann::json* find(const Observation& observation, const std::string& path, const std::string& name)
{
  const auto list = observation.lists.find(path);
  if (list == observation.lists.end()) {
    return nullptr;
  }
  for (const auto& item : list->second) {
    if (str(child(item, "metadata"), "name") == name) {
      return &item;
    }
  }
  return nullptr;
}

} // namespace

std::string describe_objects(const Suite& suite, const Observation& observation,
                             const std::vector<nlohmann::json>& events)
{
  std::string out;
  for (const auto& check : suite.checks) {
    out += "== check " + check.name + "\n";
    for (std::size_t i = 0; i < check.objects.size(); ++i) {
      const auto& wait = check.waits[i];
      const auto& qualified = check.objects[i];
      const std::string kind = qualified.substr(0, qualified.find('/'));
      const std::string name = qualified.substr(qualified.find('/') + 1);
      // A Service is read through its Endpoints, which say whether it has a pod to send to.
      const std::string shown = kind == "Service" ? "Endpoints" : kind;
      out += shown + " " + suite.namespace_name + "/" + name + "\n";
      const auto* object = find(observation, plan::list_path(wait), name);
      if (object == nullptr) {
        out += "  not found\n";
      } else {
        status_lines(out, shown, *object);
      }
      events_about(out, kind, name, events);
      if (kind == "Job" || kind == "Deployment") {
        // Their pods carry the story (scheduling, pulls): job-name or the template's labels.
        const auto pods = observation.lists.find(pods_path(suite.namespace_name));
        if (pods != observation.lists.end()) {
          for (const auto& pod : pods->second) {
            const auto& labels = child(child(pod, "metadata"), "labels");
            const std::string pod_name = str(child(pod, "metadata"), "name");
            const bool owned = kind == "Job" ? str(labels, "job-name") == name : pod_name.rfind(name + "-", 0) == 0;
            if (owned) {
              out += "Pod " + suite.namespace_name + "/" + pod_name + "\n";
              status_lines(out, "Pod", pod);
              events_about(out, "Pod", pod_name, events);
            }
          }
        }
      }
    }
    out += "\n";
  }
  return out;
}

} // namespace devk8s::core::smoke
