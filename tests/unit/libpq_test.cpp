// libpq is loaded on demand (runtime/data/libpq.h). That apexrun's binary
// does not link it is checked by tests/integration/postgres_test.sh.
#include <catch2/catch.hpp>
#include <link.h>

#include <string>

#include "runtime/data/libpq.h"

namespace libpq_test {

// Whether a library whose file name holds `name` is loaded in this process.
bool loaded(const std::string& name) {
  struct Search {
    const std::string& name;
    bool found = false;
  } search{name};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        auto* s = static_cast<Search*>(data);
        if (info->dlpi_name && std::string(info->dlpi_name).find(s->name) != std::string::npos) s->found = true;
        return 0;
      },
      &search);
  return search.found;
}

TEST_CASE("libpq is loaded when first asked for, with every function apexrun calls", "[data][postgres]") {
  const apex::runtime::LibPq& lib = apex::runtime::libpq();
#define APEXRUN_LIBPQ_CHECK(name) CHECK(lib.name != nullptr);
  APEXRUN_LIBPQ_FUNCTIONS(APEXRUN_LIBPQ_CHECK)
#undef APEXRUN_LIBPQ_CHECK
  CHECK(loaded("libpq.so.5"));
  CHECK(&apex::runtime::libpq() == &lib);
}

}  // namespace libpq_test
