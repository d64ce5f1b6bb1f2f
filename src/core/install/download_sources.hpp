// Where minikube and kubectl release binaries come from: named download sources with URL
// templates per tool, loaded from YAML (schema: mirrors/README.md, "Download sources"). Only the
// model, its decoding and the candidate list; downloading is exec/binary_installer.
#pragma once

#include "util/named_list.hpp"
#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::install {

enum class Tool { minikube, kubectl };

std::string_view to_string(Tool tool);
/// The tools devk8s installs, in a stable order.
const std::vector<Tool>& all_tools();

/// URL templates for one tool on one source. Placeholders: {version} ("v1.20.0"), {os}
/// ("linux"), {arch} ("amd64"); checksum templates also take {url}, the expanded binary URL.
struct ToolUrls {
  std::string url;
  std::vector<std::string> checksums; ///< tried in order; each names a SHA-256 checksum file
  std::string latest;                 ///< the newest release: text (stable.txt) or minikube's releases.json
};

struct DownloadSource {
  std::string name;
  std::string description;
  std::string origin;    ///< "mirrors/downloads.yaml:3 (built in)" or a file path and line
  bool fallback = false; ///< tried after the chosen source, or alone when none is chosen
  std::vector<std::pair<Tool, ToolUrls>> tools;

  const ToolUrls* find(Tool tool) const;
};

/// Decodes and validates a downloads file. Every problem is reported, one per line, as
/// `<origin>:<line>: <problem>`, with a did-you-mean for unknown fields.
util::Result<std::vector<DownloadSource>> parse_download_sources(std::string_view yaml, const std::string& origin);

/// One URL to try, and the checksum files that vouch for it.
struct Candidate {
  std::string source;
  std::string url;
  std::vector<std::string> checksum_urls;
};

/// Platform placeholders for templates.
struct Platform {
  std::string os = "linux";
  std::string arch = "amd64";
};

/// Replaces {version}, {os}, {arch} and {url} in `text`.
std::string expand(std::string_view text, std::string_view version, const Platform& platform, std::string_view url = {});

/// The sources a run may choose from: built-in ones, then user ones replacing by name.
class SourceCatalog : public util::NamedList<DownloadSource> {
public:
  const std::vector<DownloadSource>& sources() const { return items(); }

  /// The sources to try for `chosen` ("" = none): it first, then every fallback source in file
  /// order. A usage error names an unknown source, with a did-you-mean.
  util::Result<std::vector<const DownloadSource*>> order(const std::string& chosen) const;
};

/// Candidates for `tool` at `version` from `sources`, skipping sources without that tool.
std::vector<Candidate> candidates(const std::vector<const DownloadSource*>& sources, Tool tool,
                                  const std::string& version, const Platform& platform);

} // namespace devk8s::core::install
