// Apex Reference: Search Class — query(String), dynamic SOSL. The search is
// parsed and bound when it runs; its errors are QueryExceptions, as
// Database.query's are.
#include "interp/errors.h"
#include "sema/sosl_binder.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "syntax/soql_parser.h"

namespace apex::stdlib {

namespace {

namespace errors = interp::errors;

// Apex Reference: Search Class — query(query): a List<List<SObject>>, one
// list per RETURNING object; `:name` binds the caller's variable.
Value query(Interp& vm, Value* args, int) {
  syntax::SoslParseResult parsed = syntax::parseSosl(strArg(vm, args[0]), syntax::SoqlBinds::Dynamic);
  if (parsed.error) vm.raise(errors::DynamicQueryError, parsed.error->message);
  if (auto problem = sema::bindSosl(parsed.search, vm.schema())) vm.raise(errors::DynamicQueryError, problem->message);
  std::vector<std::pair<std::string, Value>> binds = vm.callerVariables(parsed.bindNames);
  return vm.runSearch(parsed.search, interp::QueryBinds{nullptr, &binds});
}

const sema::NativeDef kNatives[] = {
    {"Search", "static List<List<SObject>> query(String)", &query, true},
};

}  // namespace

std::span<const sema::NativeDef> searchNatives() { return kNatives; }

}  // namespace apex::stdlib
