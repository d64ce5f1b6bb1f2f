// devk8s(1), written at build time (src/tools/gen_man_page.cpp) from the command tree that parses
// the command line: every command's description, usage, flags and footer (its examples and exit
// codes), so the page cannot fall behind `--help`. The sections no command holds (exit status,
// environment, files) are fixed text here.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace devk8s::cli {

struct ManPageInfo {
  std::string version; ///< "0.1.0"
  std::string date;    ///< the commit's date, YYYY-MM-DD: the same page for the same sources
};

/// The page in man(7) roff.
std::string man_page(const CLI::App& root, const ManPageInfo& info);

} // namespace devk8s::cli
