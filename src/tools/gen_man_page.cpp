// Writes devk8s(1) from the command tree (cli/man_page.hpp) at build time:
//   gen_man_page VERSION DATE OUT
// The tree is built as `devk8s` builds it, so the page documents exactly the commands it parses.
#include "cli/app.hpp"
#include "cli/man_page.hpp"
#include "cli/wiring.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv)
{
  if (argc != 4) {
    std::cerr << "usage: gen_man_page VERSION DATE OUT\n";
    return 2;
  }
  using namespace devk8s::cli;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  Streams streams{out, err, in};
  const Environment env;
  Wiring wiring(env);
  Adapters adapters = wiring.adapters();
  Context ctx{streams, env, adapters, GlobalOptions{}};
  Action action;
  const auto root = command_tree(ctx, action);
  std::ofstream file(argv[3], std::ios::binary | std::ios::trunc);
  file << man_page(*root, {argv[1], argv[2]});
  file.close();
  if (!file) {
    std::cerr << "gen_man_page: cannot write " << argv[3] << "\n";
    return 1;
  }
  return 0;
}
