// libFuzzer harness: where binaries come from and what release servers answer (core/install:
// download_sources, release_text). The first byte picks the parser ('0'…'5'):
//   0 a downloads file (--downloads-file), then the candidates it gives
//   1 a checksum file   2 a "latest" document (stable.txt, releases.json)
//   3 kubectl version -o json   4 minikube profile list -o json   5 a URL template
#include "core/install/download_sources.hpp"
#include "core/install/release_text.hpp"
#include "fuzz_support.hpp"

#include <string>

namespace install = devk8s::core::install;
using devk8s::fuzz::require;

namespace {

void sources(std::string_view text)
{
  const auto parsed = install::parse_download_sources(text, "downloads.yaml");
  if (!parsed) {
    require(!parsed.error().message.empty(), "a decoding error says why");
    return;
  }
  install::SourceCatalog catalog;
  for (const auto& source : *parsed) {
    catalog.add(source);
  }
  for (const std::string chosen : {"", "github", "fuzz"}) {
    const auto order = catalog.order(chosen);
    if (!order) {
      continue;
    }
    for (const auto tool : install::all_tools()) {
      for (const auto& candidate : install::candidates(*order, tool, "v1.20.0", install::Platform{})) {
        require(!candidate.source.empty(), "a candidate names its source");
      }
    }
  }
}

void checksum(std::string_view text)
{
  const auto sum = install::parse_checksum_file(text, "minikube-linux-amd64");
  if (!sum) {
    return;
  }
  require(sum->size() == 64, "a SHA-256 is 64 hex digits");
  for (const char c : *sum) {
    require((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'), "a SHA-256 is lower-case hex");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto [selector, text] = devk8s::fuzz::select(devk8s::fuzz::as_text(data, size), 6);
  switch (selector) {
  case 0: sources(text); break;
  case 1: checksum(text); break;
  case 2: (void)install::parse_latest_version(text); break;
  case 3: (void)install::parse_kubectl_server_version_json(text); break;
  case 4: (void)install::parse_minikube_profile_version(text, "minikube"); break;
  case 5: (void)install::expand(text, "v1.20.0", install::Platform{}, "https://example.com/minikube"); break;
  default: break;
  }
  return 0;
}
