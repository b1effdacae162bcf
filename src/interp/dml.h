// DML as the platform runs it (Apex Developer Guide: "Working with Data in
// Apex", "DML Statements vs. Database Class Methods", "Triggers and Order of
// Execution"): the checks a record must pass, the fields the platform sets,
// all-or-none or per-record results, the governor limits. Where records are
// kept is the DataStorePort's business (runtime/data).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "interp/dml_errors.h"
#include "interp/value.h"

namespace apex::sema {
struct SObjectField;
}

namespace apex::interp {

class Interp;
struct SObjectObj;

// What became of one record: Database.SaveResult, UpsertResult,
// DeleteResult, UndeleteResult.
struct DmlRowResult {
  std::string id;        // empty when the record has none
  bool created = false;  // upsert: the record was inserted
  std::vector<dml::RowError> errors;
  // merge: the records merged into the master, and the children moved to it
  std::vector<std::string> mergedIds;
  std::vector<std::string> updatedRelatedIds;
  // EventBus.publish: the bus took the event; errors holds only the
  // OPERATION_ENQUEUED note with its UUID.
  bool enqueued = false;
  bool success() const { return enqueued || errors.empty(); }
};

struct DmlRequest {
  ast::DmlOp op = ast::DmlOp::Insert;
  // Records (or, for delete and undelete, also Ids), in order.
  std::span<const Value> targets;
  // false: Database methods with allOrNone false save what they can and
  // report the rest; true: the first failure throws a DmlException and
  // nothing is saved.
  bool allOrNone = true;
  // upsert ... Field__c: the external Id field matched on; null: by Id.
  const sema::SObjectField* externalId = nullptr;
  // merge: `targets` is the master record; these are the records (or Ids)
  // merged into it.
  std::span<const Value> duplicates;
};

// A field's default for a new record: a literal, or a formula evaluated for
// `record`; a Checkbox is false unless it says true; a picklist's default
// value. Null when the field has none.
Value fieldDefault(Interp& vm, const sema::SObjectField& field, const SObjectObj& record);

// Runs one DML statement or Database method.
std::vector<DmlRowResult> runDml(Interp& vm, const DmlRequest& request);

}  // namespace apex::interp
