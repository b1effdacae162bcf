#include "runtime/data/libpq.h"

#include <dlfcn.h>

#include <string>

#include "runtime/data/sql_statement.h"

namespace apex::runtime {
namespace {

constexpr const char* kLibraryFile = "libpq.so.5";

LibPq load() {
  void* library = dlopen(kLibraryFile, RTLD_NOW | RTLD_LOCAL);
  if (!library)
    throw DataStoreError(std::string("cannot connect to PostgreSQL: ") + kLibraryFile +
                         " cannot be loaded (install Debian's libpq5): " + dlerror());
  LibPq lib{};
#define APEXRUN_LIBPQ_LOAD(name)                                                                         \
  lib.name = reinterpret_cast<decltype(&::name)>(dlsym(library, #name));                                \
  if (!lib.name)                                                                                         \
    throw DataStoreError(std::string("cannot connect to PostgreSQL: ") + kLibraryFile + " has no " #name);
  APEXRUN_LIBPQ_FUNCTIONS(APEXRUN_LIBPQ_LOAD)
#undef APEXRUN_LIBPQ_LOAD
  // Kept loaded to the end of the process: connections may outlive any owner.
  return lib;
}

}  // namespace

const LibPq& libpq() {
  // A failed load throws out of the initializer, so the next call tries again.
  static const LibPq lib = load();
  return lib;
}

}  // namespace apex::runtime
