// Apex Reference: Database Class — DML and query methods. apexrun has no
// data layer yet: code that uses them compiles, and running them raises the
// same clear exception as the DML statements (docs/differences.md).
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {

namespace {

Value dml(Interp& vm, Value*, int) { vm.raise(interp::errors::DmlNotAvailable); }
Value query(Interp& vm, Value*, int) { vm.raise(interp::errors::QueryNotAvailable); }

const sema::NativeDef kDatabaseNatives[] = {
    {"Database", "static Database.SaveResult insert(SObject)", &dml},
    {"Database", "static Database.SaveResult insert(SObject, Boolean)", &dml},
    {"Database", "static List<Database.SaveResult> insert(List<SObject>)", &dml},
    {"Database", "static List<Database.SaveResult> insert(List<SObject>, Boolean)", &dml},
    {"Database", "static Database.SaveResult update(SObject)", &dml},
    {"Database", "static Database.SaveResult update(SObject, Boolean)", &dml},
    {"Database", "static List<Database.SaveResult> update(List<SObject>)", &dml},
    {"Database", "static List<Database.SaveResult> update(List<SObject>, Boolean)", &dml},
    {"Database", "static Database.UpsertResult upsert(SObject)", &dml},
    {"Database", "static Database.UpsertResult upsert(SObject, Boolean)", &dml},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>)", &dml},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, Boolean)", &dml},
    {"Database", "static Database.DeleteResult delete(SObject)", &dml},
    {"Database", "static Database.DeleteResult delete(SObject, Boolean)", &dml},
    {"Database", "static List<Database.DeleteResult> delete(List<SObject>)", &dml},
    {"Database", "static List<Database.DeleteResult> delete(List<SObject>, Boolean)", &dml},
    {"Database", "static Database.UndeleteResult undelete(SObject)", &dml},
    {"Database", "static List<Database.UndeleteResult> undelete(List<SObject>)", &dml},
    {"Database", "static List<SObject> query(String)", &query},
    {"Database", "static Integer countQuery(String)", &query},
    {"Database", "static Database.QueryLocator getQueryLocator(String)", &query},
};

}  // namespace

std::span<const sema::NativeDef> databaseNatives() { return kDatabaseNatives; }

}  // namespace apex::stdlib
