#include "cli/app.hpp"

int main(int argc, char** argv)
{
  return devk8s::cli::run_main(argc, argv);
}
