#include "runtime/data/field_values.h"

#include <string>

#include "base/decimal.h"
#include "base/record_id.h"
#include "interp/interp.h"

namespace apex::runtime {

using interp::Tag;
using interp::Value;
using sema::FieldType;

bool hasColumn(FieldType type) { return type != FieldType::Address && type != FieldType::Location; }

bool isDecimalField(FieldType type) {
  return type == FieldType::Double || type == FieldType::Currency || type == FieldType::Percent;
}


namespace {

std::string_view postgresDeclaration(FieldType type) {
  switch (type) {
    case FieldType::Boolean: return "bigint NOT NULL DEFAULT 0";
    case FieldType::Integer:
    case FieldType::Long:
    case FieldType::Date:
    case FieldType::DateTime:
    case FieldType::Time: return "bigint";
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return "numeric";
    case FieldType::Base64: return "bytea";
    default: return "text COLLATE \"C\"";
  }
}

}  // namespace

std::string_view columnDeclaration(FieldType type, SqlDialect dialect) {
  if (dialect == SqlDialect::Postgres) return postgresDeclaration(type);
  switch (type) {
    case FieldType::Id:
    case FieldType::Reference: return "TEXT";
    case FieldType::Boolean: return "INTEGER NOT NULL DEFAULT 0";
    case FieldType::Integer:
    case FieldType::Long:
    case FieldType::Date:
    case FieldType::DateTime:
    case FieldType::Time: return "INTEGER";
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return "TEXT";
    case FieldType::Base64: return "BLOB";
    default: return "TEXT COLLATE NOCASE";
  }
}

namespace {

bool isIntegerField(FieldType type) { return type == FieldType::Integer || type == FieldType::Long; }

void bindDecimal(SqlStatement& statement, int index, FieldType type, const Decimal& number) {
  if (isIntegerField(type)) statement.bindInt(index, number.toInt64Truncated());
  else if (isDecimalField(type)) statement.bindText(index, number.toString());
  else statement.bindDouble(index, number.toDouble());
}

[[noreturn]] void unstorable(const sema::SObjectField& field) {
  throw DataStoreError("a value of this kind cannot be stored in the field " + field.name);
}

}  // namespace

void bindField(SqlStatement& statement, int index, const sema::SObjectField& field, const Value& value) {
  FieldType type = field.type;
  switch (value.tag()) {
    case Tag::Null:
      if (type == FieldType::Boolean) statement.bindInt(index, 0);
      else statement.bindNull(index);
      return;
    case Tag::Boolean: statement.bindInt(index, value.asBool() ? 1 : 0); return;
    case Tag::Integer:
    case Tag::Long: {
      int64_t n = value.tag() == Tag::Integer ? value.asInt() : value.asLong();
      if (isDecimalField(type)) statement.bindText(index, std::to_string(n));
      else statement.bindInt(index, n);
      return;
    }
    case Tag::Double: {
      std::optional<Decimal> number = Decimal::fromDouble(value.asDouble());
      if (!number) statement.bindNull(index);
      else bindDecimal(statement, index, type, *number);
      return;
    }
    case Tag::Decimal: bindDecimal(statement, index, type, value.as<interp::DecimalObj>()->number); return;
    case Tag::Date:
    case Tag::Time: statement.bindInt(index, value.asInt()); return;
    case Tag::Datetime: statement.bindInt(index, value.asDatetime()); return;
    case Tag::String:
    case Tag::Id: {
      const std::string& text = value.as<interp::StringObj>()->text;
      if (type == FieldType::Id || type == FieldType::Reference) statement.bindText(index, toEighteen(text));
      else statement.bindText(index, text);
      return;
    }
    case Tag::Blob: statement.bindBlob(index, value.as<interp::BlobObj>()->bytes); return;
    default: unstorable(field);
  }
}

namespace {

Value readDecimal(interp::Interp& vm, const SqlStatement& statement, int column) {
  if (statement.isInteger(column)) return vm.makeDecimal(Decimal::fromInt64(statement.columnInt(column)));
  if (statement.isText(column)) {
    if (std::optional<Decimal> number = Decimal::parse(statement.columnText(column))) return vm.makeDecimal(*number);
    return Value();
  }
  std::optional<Decimal> number = Decimal::fromDouble(statement.columnDouble(column));
  return number ? vm.makeDecimal(*number) : Value();
}

}  // namespace

Value readField(interp::Interp& vm, const SqlStatement& statement, int column, FieldType type) {
  if (statement.isNull(column)) return type == FieldType::Boolean ? Value::boolean(false) : Value();
  switch (type) {
    case FieldType::Id:
    case FieldType::Reference: return vm.makeId(std::string(statement.columnText(column)));
    case FieldType::Boolean: return Value::boolean(statement.columnInt(column) != 0);
    case FieldType::Integer: return Value::integer(int32_t(statement.columnInt(column)));
    case FieldType::Long: return Value::longValue(statement.columnInt(column));
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return readDecimal(vm, statement, column);
    case FieldType::Date: return Value::date(int32_t(statement.columnInt(column)));
    case FieldType::DateTime: return Value::datetime(statement.columnInt(column));
    case FieldType::Time: return Value::time(int32_t(statement.columnInt(column)));
    case FieldType::Base64: return vm.makeBlob(std::string(statement.columnBlob(column)));
    default: return vm.makeString(std::string(statement.columnText(column)));
  }
}

}  // namespace apex::runtime
