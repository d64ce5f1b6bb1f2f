#include "core/preflight/proc_parsers.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::preflight;

TEST_CASE("parse_meminfo converts kB to bytes", "[preflight][proc]")
{
  const auto m = parse_meminfo("MemTotal:        1877004 kB\nMemAvailable:    1520300 kB\nHugePages_Total:       0\n");
  CHECK(m.at("MemTotal") == 1877004ull * 1024);
  CHECK(m.at("MemTotal") / (1024 * 1024) == 1833);
  CHECK(m.at("MemAvailable") == 1520300ull * 1024);
  CHECK(m.at("HugePages_Total") == 0);
  // 2^54 kB and more would wrap around to a few bytes: such a line is left out.
  const auto huge = parse_meminfo("MemTotal: 18014398509481984 kB\nMemFree: 18014398509481983 kB\n");
  CHECK(huge.count("MemTotal") == 0);
  CHECK(huge.at("MemFree") == 18014398509481983ull * 1024);
}

TEST_CASE("count_cpu_list", "[preflight][proc]")
{
  CHECK(*count_cpu_list("0") == 1);
  CHECK(*count_cpu_list("0-7\n") == 8);
  CHECK(*count_cpu_list("0-3,5,7-8") == 7);
  CHECK(*count_cpu_list("0,0-1") == 2);
  CHECK(*count_cpu_list("4-7,0-5,6") == 8);         // overlapping ranges in any order count once
  CHECK(*count_cpu_list("0-65535,65536-131071") == 131072);
  // Found by fuzzing (tests/fuzz/regressions/proc): the counter overflowed at INT_MAX and never stopped.
  for (const char* bad : {"", "a", "3-1", "0-", "-1", "2147483647", "2147483640-2147483647", "0-1048576"}) {
    CAPTURE(bad);
    CHECK_FALSE(count_cpu_list(bad));
  }
}

TEST_CASE("status_field", "[preflight][proc]")
{
  const std::string status = "Name:\tbash\nUid:\t0\t0\t0\t0\nCpus_allowed_list:\t0-1\n";
  CHECK(status_field(status, "Cpus_allowed_list") == "0-1");
  CHECK(status_field(status, "Uid") == "0\t0\t0\t0");
  CHECK(status_field(status, "Nope").empty());
}

TEST_CASE("cgroup CPU limits", "[preflight][proc]")
{
  SECTION("v2 cpu.max")
  {
    CHECK(parse_cpu_max("100000 100000\n")->value == 1.0);
    CHECK(parse_cpu_max("150000 100000")->value == 1.5);
    CHECK(parse_cpu_max("50000")->value == 0.5); // period defaults to 100000
    CHECK_FALSE(parse_cpu_max("max 100000")->limited);
    CHECK_FALSE(parse_cpu_max("x 100000"));
    CHECK_FALSE(parse_cpu_max("100000 0"));
    // Found by fuzzing (tests/fuzz/regressions/host_text): from_chars reads "nan" and "inf", and a
    // limit of NaN or infinite CPUs passed as limited.
    for (const char* bad : {"nan 100000", "inf", "100000 nan", "100000 inf", "1e308 1e-308"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_cpu_max(bad));
    }
  }
  SECTION("v1 cfs quota and period")
  {
    CHECK_FALSE(parse_cfs_quota("-1\n", "100000\n")->limited);
    CHECK(parse_cfs_quota("200000", "100000")->value == 2.0);
    CHECK_FALSE(parse_cfs_quota("", "100000"));
  }
}

TEST_CASE("parse_memory_limit: v2 max, v1 sentinel, bytes", "[preflight][proc]")
{
  CHECK_FALSE(parse_memory_limit("max\n")->limited);
  CHECK_FALSE(parse_memory_limit("9223372036854771712\n")->limited);   // 4 KiB pages
  CHECK_FALSE(parse_memory_limit("9223372036854710272")->limited);     // 64 KiB pages
  CHECK(parse_memory_limit("2147483648")->limited);
  CHECK(parse_memory_limit("2147483648")->value == 2147483648.0);
  CHECK_FALSE(parse_memory_limit("lots"));
}

TEST_CASE("parse_proc_cgroup: v1 lines, named hierarchies, the v2 line", "[preflight][proc]")
{
  const auto lines = parse_proc_cgroup("12:cpu,cpuacct:/user.slice\n1:name=systemd:/user.slice/s.scope\n0::/user.slice/s.scope\n");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].hierarchy == 12);
  CHECK(lines[0].controllers == std::vector<std::string>{"cpu", "cpuacct"});
  CHECK(lines[0].path == "/user.slice");
  CHECK(lines[2].hierarchy == 0);
  CHECK(lines[2].controllers.empty());
  CHECK(lines[2].path == "/user.slice/s.scope");
}

TEST_CASE("parse_mounts and parse_proc_cgroups", "[preflight][proc]")
{
  const auto mounts = parse_mounts("cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0\n"
                                   "/dev/sdb1 /mnt/my\\040disk ext4 rw 0 0\n");
  REQUIRE(mounts.size() == 2);
  CHECK(mounts[0].fs_type == "cgroup");
  CHECK(mounts[0].has_option("cpu"));
  CHECK_FALSE(mounts[0].has_option("memory"));
  CHECK(mounts[1].mount_point == "/mnt/my disk");

  const auto subsystems = parse_proc_cgroups("#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t4\t60\t1\nmemory\t0\t1\t0\n");
  REQUIRE(subsystems.size() == 2);
  CHECK(subsystems[0].name == "cpu");
  CHECK(subsystems[0].enabled);
  CHECK_FALSE(subsystems[1].enabled);
}
