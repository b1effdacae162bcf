// How each field type is kept in its column, and Apex values to and from
// columns (docs/data.md, "How records are stored"):
//
//   Id, reference          TEXT, the 18-character Id (compared case-sensitively)
//   text types, picklists  TEXT COLLATE NOCASE (SOQL compares text ignoring case);
//                          a multi-select picklist as 'A;B'
//   Boolean                INTEGER 0/1, never null
//   Integer, Long          INTEGER
//   double, currency,      TEXT, the Decimal exactly as Apex prints it; queries
//   percent                compare and sort CAST(column AS REAL)
//   Date                   INTEGER days since 1970-01-01
//   Datetime               INTEGER milliseconds since the epoch (UTC)
//   Time                   INTEGER milliseconds since midnight
//   base64                 BLOB, the bytes
// Address and Location are compound fields read through their component
// fields; they have no column.
#pragma once

#include <string_view>

#include "interp/value.h"
#include "runtime/data/sql_statement.h"
#include "sema/schema.h"

namespace apex::interp {
class Interp;
}

namespace apex::runtime {

bool hasColumn(sema::FieldType type);
// The column's declaration after its name: "TEXT COLLATE NOCASE" in
// SQLite; in PostgreSQL the same kinds of value (bigint for INTEGER, exact
// numeric for decimals, bytea for blobs), text "C"-collated: queries
// compare it through lower(), which folds ASCII letters only, as NOCASE.
std::string_view columnDeclaration(sema::FieldType type, SqlDialect dialect);
// Number fields, kept as exact decimal text.
bool isDecimalField(sema::FieldType type);

// Binds `value`, a value of `field`, to parameter `index`. Throws
// DataStoreError for a value no field holds (a List, a record).
void bindField(SqlStatement& statement, int index, const sema::SObjectField& field, const interp::Value& value);

// Column `column` of the current row as a value of a field of `type`.
interp::Value readField(interp::Interp& vm, const SqlStatement& statement, int column, sema::FieldType type);

}  // namespace apex::runtime
