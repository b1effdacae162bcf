// The SOSL binder (sosl_binder.h). SOQL and SOSL Reference, "RETURNING
// FieldSpec": an object named alone returns its records' Ids.
#include "sema/sosl_binder.h"

namespace apex::sema {

std::optional<SoqlBindError> bindSosl(sosl::Search& search, const Schema& schema) {
  for (soql::Query& object : search.returning) {
    if (object.select.empty()) {
      soql::SelectItem id;
      id.field.names = {"Id"};
      id.field.pos = object.fromPos;
      object.select.push_back(std::move(id));
    }
    if (auto error = bindSoql(object, schema)) return error;
  }
  return std::nullopt;
}

}  // namespace apex::sema
