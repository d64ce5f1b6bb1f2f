#include "core/install/download_sources.hpp"

#include "core/yaml/schema_problems.hpp"

#include "util/build_info.hpp"
#include "util/edit_distance.hpp"
#include "util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace devk8s::core::install {

namespace {

const std::vector<std::string> k_top_fields = {"sources"};
using yaml::check_fields;
using yaml::Problems;

const std::vector<std::string> k_source_fields = {"name", "description", "fallback", "minikube", "kubectl"};
const std::vector<std::string> k_tool_fields = {"url", "checksum", "latest"};
const std::vector<std::string> k_placeholders = {"version", "os", "arch", "url"};

// A template must be an http(s) URL whose placeholders are known ones: a typo such as
// {verison} would otherwise reach the server as literal text.
void check_template(const YAML::Node& node, const std::string& text, bool allow_url, const std::string& where,
                    Problems& problems)
{
  const bool starts_with_url = text.rfind("{url}", 0) == 0 && allow_url;
  if (text.rfind("https://", 0) != 0 && text.rfind("http://", 0) != 0 && !starts_with_url) {
    problems.add(node, where + ": " + util::quoted(text) + " is not an http(s) URL");
  }
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string::npos) {
      problems.add(node, where + ": unclosed \"{\" in " + util::quoted(text));
      return;
    }
    const std::string name = text.substr(open + 1, close - open - 1);
    if (std::find(k_placeholders.begin(), k_placeholders.end(), name) == k_placeholders.end() ||
        (name == "url" && !allow_url)) {
      std::string message = where + ": unknown placeholder " + util::quoted("{" + name + "}");
      if (auto guess = util::nearest(name, k_placeholders)) {
        message += " (did you mean " + util::quoted("{" + *guess + "}") + "?)";
      }
      problems.add(node, message);
    }
  }
}

ToolUrls decode_tool(const YAML::Node& node, const std::string& where, Problems& problems)
{
  ToolUrls urls;
  if (!node.IsMap()) {
    problems.add(node, where + " must be a mapping with url and checksum");
    return urls;
  }
  check_fields(node, k_tool_fields, where, problems);
  if (const auto url = node["url"]; url && url.IsScalar()) {
    urls.url = url.Scalar();
    check_template(url, urls.url, false, where + " url", problems);
  } else {
    problems.add(node, where + " needs \"url\"");
  }
  const YAML::Node checksum = node["checksum"];
  if (checksum && checksum.IsScalar()) {
    urls.checksums.push_back(checksum.Scalar());
  } else if (checksum && checksum.IsSequence() && checksum.size() > 0) {
    for (const auto& item : checksum) {
      urls.checksums.push_back(item.IsScalar() ? item.Scalar() : std::string());
    }
  } else {
    // Never install what nothing vouches for: a source without a checksum is an error.
    problems.add(checksum ? checksum : node, where + " needs \"checksum\": a URL or a list of URLs of SHA-256 files");
  }
  for (const auto& text : urls.checksums) {
    check_template(checksum, text, true, where + " checksum", problems);
  }
  if (const auto latest = node["latest"]) {
    urls.latest = latest.IsScalar() ? latest.Scalar() : std::string();
    check_template(latest, urls.latest, false, where + " latest", problems);
  }
  return urls;
}

DownloadSource decode_source(const YAML::Node& node, std::size_t index, const std::string& origin, Problems& problems)
{
  DownloadSource source;
  const std::string where = "source " + std::to_string(index + 1);
  if (!node.IsMap()) {
    problems.add(node, where + " must be a mapping with name and tools");
    return source;
  }
  check_fields(node, k_source_fields, where, problems);
  source.origin = origin + ":" + std::to_string(node.Mark().line + 1);
  if (const auto name = node["name"]; name && name.IsScalar()) {
    source.name = name.Scalar();
    const bool valid = !source.name.empty() && std::all_of(source.name.begin(), source.name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!valid) {
      problems.add(name, "name " + util::quoted(source.name) + " must be lowercase letters, digits, '-' or '_'");
    }
  } else {
    problems.add(node, where + " needs \"name\"");
  }
  if (const auto description = node["description"]; description && description.IsScalar()) {
    source.description = description.Scalar();
  }
  if (const auto fallback = node["fallback"]) {
    const std::string text = fallback.IsScalar() ? fallback.Scalar() : std::string();
    if (text != "true" && text != "false") {
      problems.add(fallback, where + ": \"fallback\" must be true or false, not " + util::quoted(text));
    }
    source.fallback = text == "true";
  }
  for (const Tool tool : all_tools()) {
    if (const auto urls = node[std::string(to_string(tool))]) {
      source.tools.emplace_back(tool, decode_tool(urls, where + " " + std::string(to_string(tool)), problems));
    }
  }
  if (source.tools.empty()) {
    problems.add(node, where + " names no tool: add \"minikube\" or \"kubectl\"");
  }
  return source;
}

} // namespace

std::string_view to_string(Tool tool)
{
  return tool == Tool::minikube ? "minikube" : "kubectl";
}

const std::vector<Tool>& all_tools()
{
  static const std::vector<Tool> tools = {Tool::minikube, Tool::kubectl};
  return tools;
}

const ToolUrls* DownloadSource::find(Tool tool) const
{
  for (const auto& [t, urls] : tools) {
    if (t == tool) {
      return &urls;
    }
  }
  return nullptr;
}

util::Result<std::vector<DownloadSource>> parse_download_sources(std::string_view yaml, const std::string& origin)
{
  const std::string hint = "see " + util::schema_readme("Download sources") + " for the schema";
  DEVK8S_TRY(const YAML::Node root, yaml::load_document(yaml, origin, hint));
  Problems problems(origin, hint);
  std::vector<DownloadSource> sources;
  try {
    if (!root.IsMap()) {
      problems.add(root, "a downloads file must be a mapping with \"sources\"");
      return problems.error();
    }
    check_fields(root, k_top_fields, "downloads file", problems);
    const YAML::Node list = root["sources"];
    if (!list || !list.IsSequence() || list.size() == 0) {
      problems.add(list ? list : root, "\"sources\" must be a non-empty list");
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        sources.push_back(decode_source(list[i], i, origin, problems));
      }
    }
  } catch (const YAML::Exception& e) {
    problems.add(YAML::Node(), e.msg);
  }
  if (!problems.empty()) {
    return problems.error();
  }
  return sources;
}

std::string expand(std::string_view text, std::string_view version, const Platform& platform, std::string_view url)
{
  const std::pair<std::string_view, std::string_view> values[] = {
      {"{version}", version}, {"{os}", platform.os}, {"{arch}", platform.arch}, {"{url}", url}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [key, value] : values) {
      if (text.substr(i, key.size()) == key) {
        out += value;
        i += key.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out += text[i++];
    }
  }
  return out;
}

util::Result<std::vector<const DownloadSource*>> SourceCatalog::order(const std::string& chosen) const
{
  std::vector<const DownloadSource*> order;
  if (!chosen.empty()) {
    const DownloadSource* first = find(chosen);
    if (first == nullptr) {
      std::string message = "unknown download source " + util::quoted(chosen);
      if (auto guess = util::nearest(chosen, names())) {
        message += " (did you mean " + util::quoted(*guess) + "?)";
      }
      return util::usage_error(message + ": known sources are " + util::join(names(), ", "),
                               "add one with --downloads-file FILE (see " + util::schema_readme("Download sources") + ")");
    }
    order.push_back(first);
  }
  for (const auto& source : items()) {
    if (source.fallback && (order.empty() || order.front() != &source)) {
      order.push_back(&source);
    }
  }
  return order;
}

std::vector<Candidate> candidates(const std::vector<const DownloadSource*>& sources, Tool tool,
                                  const std::string& version, const Platform& platform)
{
  std::vector<Candidate> out;
  for (const DownloadSource* source : sources) {
    const ToolUrls* urls = source->find(tool);
    if (urls == nullptr) {
      continue;
    }
    Candidate c{source->name, expand(urls->url, version, platform), {}};
    for (const auto& checksum : urls->checksums) {
      c.checksum_urls.push_back(expand(checksum, version, platform, c.url));
    }
    out.push_back(std::move(c));
  }
  return out;
}

} // namespace devk8s::core::install
