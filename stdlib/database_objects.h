// Database.QueryLocator's state, and Database.Error objects, made by database.cpp (the DML methods' results)
// and sobject.cpp (SObject.getErrors). Internal to stdlib/.
#pragma once

#include "interp/dml.h"
#include "interp/dml_errors.h"
#include "stdlib/native.h"

namespace apex::stdlib {

// A Database.SaveResult of `row` (Apex Reference: Database.SaveResult
// Class), and the row a Database method's result carries (null for
// anything else).
Value saveResultValue(Interp& vm, interp::DmlRowResult row);
const interp::DmlRowResult* dmlRowOf(const Value& v);

// A Database.Error carrying `error` (Apex Reference: Database.Error Class).
Value databaseError(Interp& vm, const interp::dml::RowError& error);

// Database.QueryLocator: the records of its query, run when it was made
// (Database.getQueryLocator); batch Apex's start may return one.
struct QueryLocatorState : interp::NativeState {
  std::string queryText;  // empty for a locator made from records
  Value records;
  QueryLocatorState(std::string text, Value rows) : queryText(std::move(text)), records(std::move(rows)) {}
  std::string toString() const override { return "Database.QueryLocator"; }
};

}  // namespace apex::stdlib
