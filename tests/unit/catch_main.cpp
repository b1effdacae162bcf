// The Catch2 v2 test runner's main(). It takes ~25 s to compile, so it lives
// alone in the `catch_main` static library and is built once; every other
// file in tests/unit/ only includes <catch2/catch.hpp> and defines tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
