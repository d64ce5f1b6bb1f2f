#include "cli/app.hpp"

#include <malloc.h>

int main(int argc, char** argv)
{
  // glibc raises its mmap threshold each time a large block is freed, after which megabyte
  // buffers (a list page's body, the JSON parser's) come from the heap and stay resident when
  // freed. A fixed threshold keeps them mapped, so they go back to the system: devk8s runs on
  // 2 GB hosts beside a cluster (doctor on 10,000 pods: 77 MB -> 74.7 MB peak, docs/BENCHMARKS.md).
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  return devk8s::cli::run_main(argc, argv);
}
