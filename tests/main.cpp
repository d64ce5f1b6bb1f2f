// The one Catch2 main for devk8s_tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
