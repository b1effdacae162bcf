#include "runtime/data/soql_sql.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

#include "base/decimal.h"
#include "base/record_id.h"
#include "base/text.h"
#include "base/zones.h"
#include "interp/interp.h"
#include "runtime/data/field_values.h"

namespace apex::runtime {

using interp::SObjectObj;
using interp::Tag;
using interp::Value;
using sema::FieldType;
using sema::SObjectField;
using sema::SObjectType;
using soql::CompareOp;
using soql::Condition;
using soql::FieldPath;
using soql::FunctionCall;
using soql::Literal;
using soql::Operand;
using soql::Query;
using soql::SelectItem;

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

// What a value next to an operand becomes: the operand's kind of value.
enum class Kind : uint8_t { Text, Id, Boolean, Integer, Number, Date, Datetime, Time, Other };

Kind kindOf(FieldType type) {
  switch (type) {
    case FieldType::Id:
    case FieldType::Reference: return Kind::Id;
    case FieldType::Boolean: return Kind::Boolean;
    case FieldType::Integer:
    case FieldType::Long: return Kind::Integer;
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return Kind::Number;
    case FieldType::Date: return Kind::Date;
    case FieldType::DateTime: return Kind::Datetime;
    case FieldType::Time: return Kind::Time;
    default: return sema::isTextType(type) ? Kind::Text : Kind::Other;
  }
}

// An operand as SQL: its expression and how its values read.
struct Expr {
  std::string sql;
  Kind kind = Kind::Other;
  FieldType type = FieldType::String;
};

// A value of a comparison: NULL, a parameter, or a date literal's range.
struct Bound {
  enum class Shape : uint8_t { Null, Param, Range };
  Shape shape = Shape::Null;
  SqlParam value;
  SqlParam from, to;
};

[[noreturn]] void notSupported(std::string what) { throw QueryError{QueryError::Kind::NotSupported, std::move(what)}; }

bool contains(const std::vector<const SObjectType*>& objects, const SObjectType* object) {
  return std::find(objects.begin(), objects.end(), object) != objects.end();
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// 2024-01-31
std::optional<Date> parseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = number(text.substr(0, 4)), month = number(text.substr(5, 2)), day = number(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  return Date::fromYearMonthDay(*year, *month, *day);
}

// 2024-01-31T10:00:00Z, 2024-01-31T10:00:00.000+01:00, 2024-01-31T10:00:00-0800
std::optional<int64_t> parseDatetime(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  std::optional<Date> date = parseDate(text.substr(0, 10));
  auto hour = number(text.substr(11, 2)), minute = number(text.substr(14, 2)), second = number(text.substr(17, 2));
  if (!date || !hour || !minute || !second) return std::nullopt;
  std::string_view rest = text.substr(19);
  int millis = 0;
  if (!rest.empty() && rest[0] == '.') {
    size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    std::string fraction(rest.substr(1, digits - 1));
    fraction.resize(3, '0');
    millis = number(fraction.substr(0, 3)).value_or(0);
    rest = rest.substr(digits);
  }
  int64_t offsetMinutes = 0;
  if (rest == "Z") {
  } else if (rest.size() >= 5 && (rest[0] == '+' || rest[0] == '-')) {
    std::string_view hh = rest.substr(1, 2), mm = rest.substr(rest[3] == ':' ? 4 : 3, 2);
    auto h = number(hh), m = number(mm);
    if (!h || !m) return std::nullopt;
    offsetMinutes = (rest[0] == '-' ? -1 : 1) * (*h * 60 + *m);
  } else {
    return std::nullopt;
  }
  int64_t local = date->daysSinceEpoch() * kMillisPerDay + ((*hour * 60 + *minute) * 60 + *second) * 1000LL + millis;
  return local - offsetMinutes * 60'000;
}

int64_t startOfDayMillis(Date day, const Zone& zone) { return fromLocal(day, Time(), zone).getTime(); }

class Translator {
 public:
  Translator(const QueryContext& context, const interp::QueryBinds& binds, std::vector<SqlParam>& params,
             std::vector<const SObjectType*>& objects, int& aliases, bool allRows,
             const SearchFilter* search = nullptr)
      : context_(context), binds_(binds), params_(params), objects_(objects), aliases_(aliases), allRows_(allRows),
        search_(search) {}

  void translate(const Query& query, const ParentFilter* parents, SqlQuery& out);
  std::string semiJoin(const Query& query);

 private:
  struct Instance {
    std::string alias;
    const SObjectType* object;
  };
  struct Node {
    int owner;
    std::string referenceField;
    std::vector<Instance> instances;
  };

  const std::string& rootAlias() const { return nodes_[0].instances[0].alias; }
  void root(const SObjectType& object);
  std::string newAlias(const SObjectType& object);
  int child(int owner, const std::string& referenceField);
  int nodeOf(const FieldPath& path);
  Expr fieldOn(int node, std::string_view name, const std::vector<const SObjectType*>* only = nullptr);
  Expr pathExpr(const FieldPath& path);
  Expr functionExpr(const FunctionCall& function, bool selected);
  Expr argumentExpr(const soql::FunctionArg& argument, bool selected);
  Expr operandExpr(const Operand& operand) {
    return operand.kind == Operand::Kind::Field ? pathExpr(operand.field) : functionExpr(*operand.function, false);
  }

  std::string param(SqlParam value) {
    params_.push_back(std::move(value));
    return sqlParam(context_.dialect, int(params_.size()));
  }

  bool postgres() const { return context_.dialect == SqlDialect::Postgres; }
  // SQL's false: SQLite's comparisons are 0 or 1, PostgreSQL's boolean.
  const char* falseSql() const { return postgres() ? "false" : "0"; }
  // A comparison that is false where SQL would make it NULL.
  std::string orFalse(const std::string& condition) const {
    return "coalesce(" + condition + ", " + falseSql() + ")";
  }
  std::string comparable(const Expr& e) const;
  void foldTextValues(Kind kind, std::vector<Bound>& values) const;

  const Value& bindValue(const Literal& literal) const;
  void boundsOf(const Literal& literal, Kind kind, std::vector<Bound>& out) const;
  void boundsOfValue(const Value& value, Kind kind, std::vector<Bound>& out) const;
  Bound literalBound(const Literal& literal, Kind kind) const;
  Bound dateRange(const Literal& literal, Kind kind) const;

  std::string condition(const Condition& condition);
  std::string compare(const Condition& condition);
  std::string inList(const std::string& left, const std::vector<Bound>& values);
  std::string includes(const std::string& left, const std::vector<Bound>& values);
  std::string whereClause(const Query& query, const ParentFilter* parents);
  std::string searchCondition(const SearchFilter& search);
  std::string searchTermCondition(const sosl::SearchTerm& term, const std::vector<std::string>& columns);
  std::string orderClause(const Query& query);
  std::string limitClause(const Query& query, const ParentFilter* parents);

  void recordColumns(const Query& query, const ParentFilter* parents, SqlQuery& out, std::vector<std::string>& select);
  void addField(int node, std::string_view name, SqlQuery& out, std::vector<std::string>& select,
                const std::vector<const SObjectType*>& only = {});
  void typeOfColumns(const soql::TypeOf& typeOf, SqlQuery& out, std::vector<std::string>& select);
  void aggregateColumns(const Query& query, SqlQuery& out, std::vector<std::string>& select);

  const QueryContext& context_;
  const interp::QueryBinds& binds_;
  std::vector<SqlParam>& params_;
  std::vector<const SObjectType*>& objects_;
  int& aliases_;
  bool allRows_;
  const SearchFilter* search_;
  std::vector<Node> nodes_;
  std::string joins_;
};

void Translator::root(const SObjectType& object) { nodes_.push_back({-1, "", {{newAlias(object), &object}}}); }

std::string Translator::newAlias(const SObjectType& object) {
  if (!contains(objects_, &object)) objects_.push_back(&object);
  return "t" + std::to_string(aliases_++);
}

// The parent reached through `referenceField` of node `owner`: a LEFT JOIN
// per object the reference may point to (one, unless it is polymorphic).
int Translator::child(int owner, const std::string& referenceField) {
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].owner == owner && text::equalsIgnoreAsciiCase(nodes_[i].referenceField, referenceField)) return int(i);
  Node node{owner, referenceField, {}};
  for (const Instance& from : nodes_[size_t(owner)].instances) {
    const SObjectField* reference = from.object->field(referenceField);
    if (!reference) continue;
    for (const std::string& target : reference->referenceTo) {
      const SObjectType* object = context_.schema.object(target);
      if (!object) continue;
      std::string alias = newAlias(*object);
      joins_ += " LEFT JOIN " + quoteName(object->name) + " AS " + alias + " ON " + alias + ".\"Id\" = " + from.alias +
                "." + quoteName(reference->name);
      node.instances.push_back({alias, object});
    }
  }
  nodes_.push_back(std::move(node));
  return int(nodes_.size() - 1);
}

int Translator::nodeOf(const FieldPath& path) {
  int node = 0;
  for (const SObjectField* hop : path.boundHops) node = child(node, hop->name);
  return node;
}

// Field `name` of a node's record; for a polymorphic parent, the first of
// its possible objects' columns that has a value.
Expr Translator::fieldOn(int node, std::string_view name, const std::vector<const SObjectType*>* only) {
  std::vector<std::string> columns;
  const SObjectField* first = nullptr;
  for (const Instance& instance : nodes_[size_t(node)].instances) {
    if (only && !only->empty() && !contains(*only, instance.object)) continue;
    const SObjectField* field = instance.object->field(name);
    if (!field || !hasColumn(field->type)) continue;
    columns.push_back(instance.alias + "." + quoteName(field->name));
    if (!first) first = field;
  }
  if (!first) return {"NULL", Kind::Other, FieldType::String};
  if (columns.size() == 1) return {columns[0], kindOf(first->type), first->type};
  std::string sql = "coalesce(" + text::join(columns, ", ") + ")";
  if (sema::isTextType(first->type) && !postgres()) sql += " COLLATE NOCASE";
  return {sql, kindOf(first->type), first->type};
}

Expr Translator::pathExpr(const FieldPath& path) {
  if (!path.boundField) notSupported("the unbound field " + path.text());
  return fieldOn(nodeOf(path), path.boundField->name);
}

// How an operand compares and sorts. SQLite: numbers (decimal text) as
// REAL, text by its NOCASE column. PostgreSQL: numbers as the numeric they
// are, text lower-cased (ASCII letters only, the columns being "C").
std::string Translator::comparable(const Expr& e) const {
  if (postgres()) return e.kind == Kind::Text ? "lower(" + e.sql + ")" : e.sql;
  return e.kind == Kind::Number ? "CAST(" + e.sql + " AS REAL)" : e.sql;
}

// PostgreSQL compares lower(text) with values lower-cased the same way.
void Translator::foldTextValues(Kind kind, std::vector<Bound>& values) const {
  if (!postgres() || kind != Kind::Text) return;
  for (Bound& value : values)
    if (auto* textValue = std::get_if<std::string>(&value.value)) *textValue = text::foldCase(*textValue);
}

Expr Translator::argumentExpr(const soql::FunctionArg& argument, bool selected) {
  if (argument.kind == soql::FunctionArg::Kind::Field) return pathExpr(argument.field);
  if (argument.kind == soql::FunctionArg::Kind::Function) return functionExpr(*argument.function, selected);
  notSupported("a literal as a function's argument");
}

bool isDateFunction(std::string_view name) {
  for (std::string_view known : {"CALENDAR_MONTH", "CALENDAR_QUARTER", "CALENDAR_YEAR", "DAY_IN_MONTH", "DAY_IN_WEEK",
                                 "DAY_IN_YEAR", "DAY_ONLY", "FISCAL_MONTH", "FISCAL_QUARTER", "FISCAL_YEAR",
                                 "HOUR_IN_DAY", "WEEK_IN_MONTH", "WEEK_IN_YEAR"})
    if (name == known) return true;
  return false;
}

// SOQL and SOQL Reference: "Aggregate Functions", "Date Functions". In the
// SELECT list numbers sum exactly (the decimal functions); in HAVING and
// ORDER BY they compare as REAL.
Expr Translator::functionExpr(const FunctionCall& function, bool selected) {
  const std::string& name = function.name;
  if (name == "COUNT" && function.args.empty()) return {"COUNT(*)", Kind::Integer, FieldType::Integer};
  if (function.args.empty()) notSupported(name + "()");
  if (isDateFunction(name)) {
    const soql::FunctionArg* argument = &function.args[0];
    std::string zone = "GMT";
    if (argument->kind == soql::FunctionArg::Kind::Function && argument->function->name == "CONVERTTIMEZONE") {
      argument = &argument->function->args.at(0);
      zone = context_.zone.id();
    }
    Expr value = argumentExpr(*argument, selected);
    // PostgreSQL's GROUP BY must repeat the SELECT's expression, so there
    // the function's name (one of the list above) and the zone are literals.
    std::string nameSql = postgres() ? "'" + name + "'" : param(name);
    std::string zoneSql = postgres() ? quoteText(zone) : param(zone);
    std::string sql = "apexrun_date_part(" + nameSql + ", " + value.sql + ", " +
                      (value.kind == Kind::Datetime ? "1" : "0") + ", " + zoneSql + ")";
    if (name == "DAY_ONLY") return {sql, Kind::Date, FieldType::Date};
    return {sql, Kind::Integer, FieldType::Integer};
  }
  Expr argument = argumentExpr(function.args[0], selected);
  if (name == "CONVERTTIMEZONE" || name == "TOLABEL" || name == "FORMAT" || name == "CONVERTCURRENCY") return argument;
  if (name == "COUNT") return {"COUNT(" + argument.sql + ")", Kind::Integer, FieldType::Integer};
  if (name == "COUNT_DISTINCT") return {"COUNT(DISTINCT " + argument.sql + ")", Kind::Integer, FieldType::Integer};
  bool decimal = argument.kind == Kind::Number;
  if (postgres() && (name == "SUM" || name == "AVG" || name == "MIN" || name == "MAX")) {
    // numeric's own aggregates are exact; AVG without the zeros its division pads.
    std::string sql = name + "(" + comparable(argument) + ")";
    if (name == "AVG") return {"trim_scale(" + sql + ")", Kind::Number, FieldType::Double};
    if (name == "SUM") return {sql, decimal ? Kind::Number : argument.kind, decimal ? FieldType::Double : argument.type};
    return {name + "(" + argument.sql + ")", argument.kind, argument.type};
  }
  if (name == "SUM" || name == "AVG") {
    if (decimal && selected)
      return {"apexrun_decimal_" + text::toLowerCase(name) + "(" + argument.sql + ")", Kind::Number, FieldType::Double};
    std::string sql = name + "(" + comparable(argument) + ")";
    if (name == "SUM" && !decimal) return {sql, argument.kind, argument.type};
    return {sql, Kind::Number, FieldType::Double};
  }
  if (name == "MIN" || name == "MAX") {
    if (decimal && selected)
      return {"apexrun_decimal_" + text::toLowerCase(name) + "(" + argument.sql + ")", Kind::Number, argument.type};
    return {name + "(" + comparable(argument) + ")", argument.kind, argument.type};
  }
  notSupported("the function " + name);
}

const Value& Translator::bindValue(const Literal& literal) const {
  if (const Value* value = binds_.find(literal)) return *value;
  throw QueryError{QueryError::Kind::MissingBind, literal.bindLabel()};
}

// A bound value next to an operand of `kind`. A collection stands for its
// elements; a record for its Id.
void Translator::boundsOfValue(const Value& value, Kind kind, std::vector<Bound>& out) const {
  auto param = [&](SqlParam p) { out.push_back({Bound::Shape::Param, std::move(p), {}, {}}); };
  switch (value.tag()) {
    case Tag::Null: out.push_back({}); return;
    case Tag::List:
      for (const Value& item : value.as<interp::ListObj>()->items) boundsOfValue(item, kind, out);
      return;
    case Tag::Set:
      for (const Value& item : value.as<interp::SetObj>()->table.keys()) boundsOfValue(item, kind, out);
      return;
    case Tag::SObject: {
      const auto* record = value.as<SObjectObj>();
      const SObjectField* id = record->type->field("Id");
      const Value* idValue = id ? record->find(id) : nullptr;
      boundsOfValue(idValue ? *idValue : Value(), kind, out);
      return;
    }
    case Tag::String:
    case Tag::Id: {
      const std::string& text = value.as<interp::StringObj>()->text;
      param(kind == Kind::Id ? toEighteen(text) : text);
      return;
    }
    case Tag::Boolean: param(int64_t(value.asBool() ? 1 : 0)); return;
    case Tag::Integer: param(int64_t(value.asInt())); return;
    case Tag::Long: param(value.asLong()); return;
    case Tag::Double: param(value.asDouble()); return;
    case Tag::Decimal: {
      const Decimal& number = value.as<interp::DecimalObj>()->number;
      if (kind == Kind::Integer && number.isInteger()) param(number.toInt64Truncated());
      else param(number.toDouble());
      return;
    }
    case Tag::Date: {
      Date day = Date::fromDaysSinceEpoch(value.asDate());
      param(kind == Kind::Datetime ? startOfDayMillis(day, context_.zone) : int64_t(value.asDate()));
      return;
    }
    case Tag::Datetime: {
      Datetime instant = Datetime::fromEpochMillis(value.asDatetime());
      param(kind == Kind::Date ? localDate(instant, context_.zone).daysSinceEpoch() : value.asDatetime());
      return;
    }
    case Tag::Time: param(int64_t(value.asTime())); return;
    default: notSupported("a bind variable of this type");
  }
}

Bound Translator::dateRange(const Literal& literal, Kind kind) const {
  Date today = localDate(Datetime::fromEpochMillis(context_.nowMillis), context_.zone);
  auto range = dateLiteralRange(literal.text, literal.n, today);
  if (!range) notSupported("the date literal " + literal.text);
  auto bound = [&](Date day) -> SqlParam {
    return kind == Kind::Datetime ? startOfDayMillis(day, context_.zone) : day.daysSinceEpoch();
  };
  return {Bound::Shape::Range, {}, bound(range->first), bound(range->second)};
}

Bound Translator::literalBound(const Literal& literal, Kind kind) const {
  auto param = [](SqlParam p) { return Bound{Bound::Shape::Param, std::move(p), {}, {}}; };
  switch (literal.kind) {
    case Literal::Kind::Null: return {};
    case Literal::Kind::Boolean: return param(int64_t(text::equalsIgnoreAsciiCase(literal.text, "true") ? 1 : 0));
    case Literal::Kind::Integer:
      if (kind == Kind::Text || kind == Kind::Id) return param(literal.text);
      if (kind == Kind::Number) return param(std::strtod(literal.text.c_str(), nullptr));
      return param(int64_t(std::strtoll(literal.text.c_str(), nullptr, 10)));
    case Literal::Kind::Decimal: return param(std::strtod(literal.text.c_str(), nullptr));
    case Literal::Kind::Currency: {
      size_t digits = literal.text.find_first_of("+-.0123456789");
      return param(std::strtod(literal.text.c_str() + std::min(digits, literal.text.size()), nullptr));
    }
    case Literal::Kind::String: return param(kind == Kind::Id ? toEighteen(literal.text) : literal.text);
    case Literal::Kind::Date: {
      std::optional<Date> day = parseDate(literal.text);
      if (!day) notSupported("the date " + literal.text);
      if (kind == Kind::Datetime) return param(Datetime::newInstanceGmt(*day, Time()).getTime());
      return param(day->daysSinceEpoch());
    }
    case Literal::Kind::Datetime: {
      std::optional<int64_t> millis = parseDatetime(literal.text);
      if (!millis) notSupported("the datetime " + literal.text);
      if (kind == Kind::Date) return param(localDate(Datetime::fromEpochMillis(*millis), context_.zone).daysSinceEpoch());
      return param(*millis);
    }
    case Literal::Kind::DateLiteral: return dateRange(literal, kind);
    case Literal::Kind::Bind: break;
  }
  return {};
}

void Translator::boundsOf(const Literal& literal, Kind kind, std::vector<Bound>& out) const {
  if (literal.kind == Literal::Kind::Bind) boundsOfValue(bindValue(literal), kind, out);
  else out.push_back(literalBound(literal, kind));
}

std::string Translator::condition(const Condition& c) {
  if (c.kind == Condition::Kind::Compare) return compare(c);
  std::vector<std::string> parts;
  for (const auto& child : c.children) parts.push_back(condition(*child));
  if (c.kind == Condition::Kind::Not) return "NOT (" + text::join(parts, " AND ") + ")";
  return "(" + text::join(parts, c.kind == Condition::Kind::And ? " AND " : " OR ") + ")";
}

// SOQL compares as two-valued logic: a null field equals null and differs
// from every value (`Name != 'x'` includes records without a Name), and an
// ordering comparison with null is false. So every comparison below is 0 or
// 1, never NULL, and NOT negates it as SOQL does.
std::string Translator::compare(const Condition& c) {
  Expr left = operandExpr(c.left);
  std::string l = comparable(left);
  if (c.semiJoin) {
    std::string in = orFalse(l + " IN (" + semiJoin(*c.semiJoin) + ")");
    return c.op == CompareOp::NotIn ? "NOT " + in : in;
  }
  std::vector<Bound> values;
  for (const Literal& literal : c.values) boundsOf(literal, left.kind, values);
  foldTextValues(left.kind, values);
  switch (c.op) {
    case CompareOp::In: return inList(l, values);
    case CompareOp::NotIn: return "NOT " + inList(l, values);
    case CompareOp::Includes: return includes(left.sql, values);
    case CompareOp::Excludes: return "NOT " + includes(left.sql, values);
    default: break;
  }
  if (values.empty()) return falseSql();
  const Bound& value = values[0];
  if (value.shape == Bound::Shape::Null) {
    if (c.op == CompareOp::Eq) return l + " IS NULL";
    if (c.op == CompareOp::Ne) return l + " IS NOT NULL";
    return falseSql();
  }
  if (value.shape == Bound::Shape::Range) {
    std::string from = param(value.from), to = param(value.to);
    std::string within = orFalse(l + " >= " + from + " AND " + l + " < " + to);
    switch (c.op) {
      case CompareOp::Eq: return within;
      case CompareOp::Ne: return "NOT " + within;
      case CompareOp::Lt: return orFalse(l + " < " + from);
      case CompareOp::Le: return orFalse(l + " < " + to);
      case CompareOp::Gt: return orFalse(l + " >= " + to);
      case CompareOp::Ge: return orFalse(l + " >= " + from);
      default: notSupported("LIKE with a date literal");
    }
  }
  std::string p = param(value.value);
  switch (c.op) {
    case CompareOp::Eq: return l + (postgres() ? " IS NOT DISTINCT FROM " : " IS ") + p;
    case CompareOp::Ne: return l + (postgres() ? " IS DISTINCT FROM " : " IS NOT ") + p;
    case CompareOp::Lt: return orFalse(l + " < " + p);
    case CompareOp::Le: return orFalse(l + " <= " + p);
    case CompareOp::Gt: return orFalse(l + " > " + p);
    case CompareOp::Ge: return orFalse(l + " >= " + p);
    default: return orFalse(l + " LIKE " + p + " ESCAPE '\\'");
  }
}

std::string Translator::inList(const std::string& left, const std::vector<Bound>& values) {
  std::vector<std::string> params, alternatives;
  for (const Bound& value : values) {
    if (value.shape == Bound::Shape::Null) alternatives.push_back(left + " IS NULL");
    else if (value.shape == Bound::Shape::Param) params.push_back(param(value.value));
    else alternatives.push_back(left + " >= " + param(value.from) + " AND " + left + " < " + param(value.to));
  }
  if (!params.empty()) alternatives.insert(alternatives.begin(), left + " IN (" + text::join(params, ", ") + ")");
  if (alternatives.empty()) return falseSql();
  return orFalse(text::join(alternatives, " OR "));
}

// Multi-select picklists: INCLUDES ('A;B', 'C') is "both A and B, or C".
std::string Translator::includes(const std::string& left, const std::vector<Bound>& values) {
  std::string padded = "';' || lower(" + left + ") || ';'";
  std::vector<std::string> alternatives;
  for (const Bound& value : values) {
    const auto* textValue = std::get_if<std::string>(&value.value);
    if (!textValue) continue;
    std::vector<std::string> all;
    size_t start = 0;
    while (start <= textValue->size()) {
      size_t end = std::min(textValue->find(';', start), textValue->size());
      std::string term(text::trimJava(std::string_view(*textValue).substr(start, end - start)));
      if (!term.empty())
        all.push_back(std::string(postgres() ? "strpos(" : "instr(") + padded + ", " +
                      param(";" + text::foldCase(term) + ";") + ") > 0");
      start = end + 1;
    }
    if (!all.empty()) alternatives.push_back("(" + text::join(all, " AND ") + ")");
  }
  if (alternatives.empty()) return falseSql();
  return orFalse(text::join(alternatives, " OR "));
}

std::string Translator::whereClause(const Query& query, const ParentFilter* parents) {
  std::vector<std::string> parts;
  if (query.where) parts.push_back(condition(*query.where));
  const SObjectType* object = nodes_[0].instances[0].object;
  if (!allRows_ && object->field("IsDeleted")) parts.push_back(rootAlias() + ".\"IsDeleted\" = 0");
  if (parents) {
    std::vector<std::string> ids;
    for (const std::string& id : parents->parentIds) ids.push_back(param(id));
    parts.push_back(rootAlias() + "." + quoteName(parents->link->name) + " IN (" + text::join(ids, ", ") + ")");
  }
  if (search_) parts.push_back(searchCondition(*search_));
  if (parts.empty()) return "";
  return " WHERE " + text::join(parts, " AND ");
}

// SOSL: the records the term matches in the searched fields
// (apexrun_search_match, sosl_sql.h), or those of the fixed Ids.
std::string Translator::searchCondition(const SearchFilter& search) {
  if (!search.term) {
    std::vector<std::string> ids;
    for (const std::string& id : search.ids) ids.push_back(param(id));
    return ids.empty() ? falseSql() : rootAlias() + ".\"Id\" IN (" + text::join(ids, ", ") + ")";
  }
  std::vector<std::string> columns;
  for (const SObjectField* field : search.fields) columns.push_back(rootAlias() + "." + quoteName(field->name));
  if (columns.empty()) return falseSql();
  return searchTermCondition(*search.term, columns);
}

std::string Translator::searchTermCondition(const sosl::SearchTerm& term, const std::vector<std::string>& columns) {
  using sosl::SearchTerm;
  if (term.kind == SearchTerm::Kind::Phrase && postgres()) {
    std::vector<std::string> words = sosl::searchWords(text::join(term.words, " "), true);
    if (words.empty()) return falseSql();
    std::string pattern = param(searchPattern(words));
    std::vector<std::string> matches;
    for (const std::string& column : columns) matches.push_back(orFalse(column + " ~* " + pattern));
    return "(" + text::join(matches, " OR ") + ")";
  }
  if (term.kind == SearchTerm::Kind::Phrase)
    return "apexrun_search_match(" + param(text::join(term.words, " ")) + ", " + text::join(columns, ", ") + ")";
  std::vector<std::string> parts;
  for (const SearchTerm& child : term.children) parts.push_back(searchTermCondition(child, columns));
  if (term.kind == SearchTerm::Kind::AndNot) return "(" + parts.at(0) + " AND NOT " + parts.at(1) + ")";
  return "(" + text::join(parts, term.kind == SearchTerm::Kind::And ? " AND " : " OR ") + ")";
}

// ORDER BY: text ignoring case; nulls first ascending and last descending
// unless NULLS says otherwise; then the order the records were stored in,
// so that ties always come back the same way.
std::string Translator::orderClause(const Query& query) {
  std::vector<std::string> items;
  for (const soql::OrderItem& item : query.orderBy) {
    Expr e = operandExpr(item.operand);
    std::string sql = comparable(e);
    if (e.kind == Kind::Text && !postgres()) sql += " COLLATE NOCASE";
    sql += item.descending ? " DESC" : " ASC";
    bool nullsFirst = item.nulls == soql::OrderItem::Nulls::Default ? !item.descending
                                                                     : item.nulls == soql::OrderItem::Nulls::First;
    sql += nullsFirst ? " NULLS FIRST" : " NULLS LAST";
    items.push_back(sql);
  }
  if (postgres() && query.isCount()) return "";
  // PostgreSQL, unlike SQLite, does not read a table in the order its
  // rows were stored: without an ORDER BY it is asked for.
  if (items.empty() && (!postgres() || query.isAggregate() || query.isCount())) return "";
  if (!query.isAggregate()) items.push_back(rootAlias() + (postgres() ? ".apexrun_row" : ".rowid"));
  return " ORDER BY " + text::join(items, ", ");
}

// LIMIT and OFFSET as numbers or binds; none for a child sub-query, whose
// limit applies per parent; a SOSL search's cap on top.
std::string Translator::limitClause(const Query& query, const ParentFilter* parents) {
  if (parents) return "";
  std::optional<int64_t> limit = countOf(query.limit.get(), binds_), offset = countOf(query.offset.get(), binds_);
  if (search_ && search_->maxRows >= 0) limit = std::min(limit.value_or(search_->maxRows), search_->maxRows);
  std::string sql;
  if (limit || (offset && !postgres())) sql += " LIMIT " + param(limit.value_or(-1));
  if (offset) sql += " OFFSET " + param(*offset);
  return sql;
}

void Translator::addField(int node, std::string_view name, SqlQuery& out, std::vector<std::string>& select,
                          const std::vector<const SObjectType*>& only) {
  Expr e = fieldOn(node, name, &only);
  select.push_back(e.sql);
  out.columns.push_back({ResultColumn::Kind::Field, node, std::string(name), e.type, only, ""});
}

// TYPEOF What WHEN Account THEN Name ... ELSE Name END: the fields of each
// WHEN object are read for records of that object, the ELSE fields for the rest.
void Translator::typeOfColumns(const soql::TypeOf& typeOf, SqlQuery& out, std::vector<std::string>& select) {
  const FieldPath& path = typeOf.relationship;
  int owner = 0;
  std::string reference;
  if (path.boundField && path.boundField->isReference()) {
    owner = nodeOf(path);
    reference = path.boundField->name;
  } else if (const SObjectField* field = nodes_[0].instances[0].object->parentRelationship(path.names.back())) {
    reference = field->name;
  } else {
    notSupported("TYPEOF " + path.text());
  }
  int node = child(owner, reference);
  std::vector<const SObjectType*> named;
  for (const auto& when : typeOf.whens) {
    const SObjectType* object = when.boundObject ? when.boundObject : context_.schema.object(when.objectName);
    if (!object) continue;
    named.push_back(object);
    for (const FieldPath& field : when.fields)
      addField(node, field.boundField ? std::string_view(field.boundField->name) : field.names.back(), out, select,
               {object});
  }
  std::vector<const SObjectType*> others;
  for (const Instance& instance : nodes_[size_t(node)].instances)
    if (!contains(named, instance.object)) others.push_back(instance.object);
  if (others.empty()) return;
  for (const FieldPath& field : typeOf.elseFields)
    addField(node, field.boundField ? std::string_view(field.boundField->name) : field.names.back(), out, select,
             others);
}

bool hasResultColumn(const SqlQuery& out, int node, std::string_view field) {
  for (const ResultColumn& column : out.columns)
    if (column.node == node && column.onlyFor.empty() && text::equalsIgnoreAsciiCase(column.field, field)) return true;
  return false;
}

// The selected fields, then what Salesforce adds: the record's Id, the
// reference fields the selected parents were reached through, and each
// parent's Id (which also tells a null parent from one without values).
void Translator::recordColumns(const Query& query, const ParentFilter* parents, SqlQuery& out,
                               std::vector<std::string>& select) {
  for (const SelectItem& item : query.select) {
    switch (item.kind) {
      case SelectItem::Kind::Field:
        if (!item.field.boundField) notSupported("the unbound field " + item.field.text());
        addField(nodeOf(item.field), item.field.boundField->name, out, select);
        break;
      case SelectItem::Kind::Function: {
        const soql::FunctionArg& argument = item.function->args.at(0);
        if (argument.kind != soql::FunctionArg::Kind::Field || !argument.field.boundField)
          notSupported(item.function->name + " outside an aggregate query");
        addField(nodeOf(argument.field), argument.field.boundField->name, out, select);
        break;
      }
      case SelectItem::Kind::TypeOf: typeOfColumns(*item.typeOf, out, select); break;
      case SelectItem::Kind::Subquery:
      case SelectItem::Kind::Fields: break;  // sub-queries run after; FIELDS() is expanded by the binder
    }
  }
  if (!hasResultColumn(out, 0, "Id")) addField(0, "Id", out, select);
  if (parents && !hasResultColumn(out, 0, parents->link->name)) addField(0, parents->link->name, out, select);
  size_t selectedNodes = nodes_.size();
  for (size_t node = 1; node < selectedNodes; ++node) {
    const Node& parent = nodes_[node];
    if (!hasResultColumn(out, parent.owner, parent.referenceField)) addField(parent.owner, parent.referenceField, out, select);
  }
  for (size_t node = 0; node < selectedNodes; ++node) {
    RecordNode record{nodes_[node].owner, nodes_[node].referenceField, {}, -1};
    for (const Instance& instance : nodes_[node].instances) record.objects.push_back(instance.object);
    if (node > 0) {
      addField(int(node), "Id", out, select);
      record.idColumn = int(out.columns.size() - 1);
    }
    out.nodes.push_back(std::move(record));
  }
}

// An AggregateResult's values: grouped fields under their names, functions
// under their aliases or expr0, expr1, ... in order.
void Translator::aggregateColumns(const Query& query, SqlQuery& out, std::vector<std::string>& select) {
  int unnamed = 0;
  for (const SelectItem& item : query.select) {
    Expr e;
    std::string alias = item.alias;
    if (item.kind == SelectItem::Kind::Field) {
      e = pathExpr(item.field);
      if (alias.empty()) alias = item.field.boundField->name;
      // PostgreSQL groups text by lower(): one of the group's values.
      if (postgres() && e.kind == Kind::Text) e.sql = "min(" + e.sql + ")";
    } else if (item.kind == SelectItem::Kind::Function) {
      e = functionExpr(*item.function, true);
      if (alias.empty()) alias = "expr" + std::to_string(unnamed++);
    } else {
      notSupported("a sub-query in an aggregate query");
    }
    select.push_back(e.sql);
    out.columns.push_back({ResultColumn::Kind::Aggregate, 0, "", e.type, {}, alias});
  }
  out.nodes.push_back({-1, "", {nodes_[0].instances[0].object}, -1});
}

void Translator::translate(const Query& query, const ParentFilter* parents, SqlQuery& out) {
  if (!query.boundObject) notSupported("a query that was not bound");
  root(*query.boundObject);
  out.count = query.isCount();
  out.aggregate = !out.count && query.isAggregate();
  if (query.grouping != Query::Grouping::Plain) notSupported("GROUP BY ROLLUP and CUBE");
  std::vector<std::string> select;
  if (out.count) select.push_back("COUNT(*)");
  else if (out.aggregate) aggregateColumns(query, out, select);
  else recordColumns(query, parents, out, select);
  std::string where = whereClause(query, parents);
  std::vector<std::string> groups;
  for (const Operand& operand : query.groupBy) {
    Expr e = operandExpr(operand);
    groups.push_back(postgres() ? comparable(e) : e.sql);
  }
  std::string group = groups.empty() ? "" : " GROUP BY " + text::join(groups, ", ");
  std::string having = query.having ? " HAVING " + condition(*query.having) : "";
  std::string order = orderClause(query);
  std::string limit = limitClause(query, parents);
  out.sql = "SELECT " + text::join(select, ", ") + " FROM " + quoteName(query.boundObject->name) + " AS " + rootAlias() +
            joins_ + where + group + having + order + limit;
}

// `Id IN (SELECT AccountId FROM Contact WHERE ...)`: the sub-query's one
// field, as a SQL sub-select with aliases of its own.
std::string Translator::semiJoin(const Query& query) {
  if (!query.boundObject || query.select.size() != 1 || query.select[0].kind != SelectItem::Kind::Field)
    notSupported("a semi-join that does not select one field");
  Translator inner(context_, binds_, params_, objects_, aliases_, allRows_);
  inner.root(*query.boundObject);
  Expr selected = inner.pathExpr(query.select[0].field);
  std::string field = postgres() ? comparable(selected) : selected.sql;
  std::string where = inner.whereClause(query, nullptr);
  return "SELECT " + field + " FROM " + quoteName(query.boundObject->name) + " AS " + inner.rootAlias() +
         inner.joins_ + where;
}

}  // namespace

std::optional<int64_t> countOf(const Literal* literal, const interp::QueryBinds& binds) {
  if (!literal) return std::nullopt;
  if (literal->kind == Literal::Kind::Integer) return std::strtoll(literal->text.c_str(), nullptr, 10);
  if (literal->kind != Literal::Kind::Bind) notSupported("a LIMIT or OFFSET that is not a number");
  const Value* value = binds.find(*literal);
  if (!value) throw QueryError{QueryError::Kind::MissingBind, literal->bindLabel()};
  switch (value->tag()) {
    case Tag::Integer: return value->asInt();
    case Tag::Long: return value->asLong();
    case Tag::Decimal: return value->as<interp::DecimalObj>()->number.toInt64Truncated();
    default: notSupported("a LIMIT or OFFSET that is not a number");
  }
}

SqlQuery translateQuery(const Query& query, const interp::QueryBinds& binds, const QueryContext& context,
                        const ParentFilter* parents, const SearchFilter* search) {
  SqlQuery out;
  int aliases = 0;
  bool allRows = parents ? parents->allRows : query.allRows;
  Translator translator(context, binds, out.params, out.objects, aliases, allRows, search);
  translator.translate(query, parents, out);
  return out;
}

// SOQL and SOQL Reference, "Date Formats and Date Literals". Weeks start on
// Sunday (en_US); fiscal periods are the calendar's (an org's default fiscal
// year starts in January).
std::optional<std::pair<Date, Date>> dateLiteralRange(std::string_view name, int n, Date today) {
  if (size_t fiscal = name.find("FISCAL_"); fiscal != std::string_view::npos) {
    std::string calendar = std::string(name.substr(0, fiscal)) + std::string(name.substr(fiscal + 7));
    return dateLiteralRange(calendar, n, today);
  }
  Date week = today.toStartOfWeek(Weekday::Sunday);
  Date month = today.toStartOfMonth();
  Date year = Date::fromYearMonthDay(today.year(), 1, 1).value_or(today);
  Date quarter = year.addMonths(((today.month() - 1) / 3) * 3);
  using Range = std::pair<Date, Date>;
  auto days = [&](int64_t a, int64_t b) { return Range{today.addDays(int32_t(a)), today.addDays(int32_t(b))}; };
  auto weeks = [&](int a, int b) { return Range{week.addDays(7 * a), week.addDays(7 * b)}; };
  auto months = [&](int a, int b) { return Range{month.addMonths(a), month.addMonths(b)}; };
  auto quarters = [&](int a, int b) { return Range{quarter.addMonths(3 * a), quarter.addMonths(3 * b)}; };
  auto years = [&](int a, int b) { return Range{year.addYears(a), year.addYears(b)}; };
  struct Named {
    std::string_view name;
    std::function<Range()> range;
  };
  const Named table[] = {
      {"YESTERDAY", [&] { return days(-1, 0); }},
      {"TODAY", [&] { return days(0, 1); }},
      {"TOMORROW", [&] { return days(1, 2); }},
      {"LAST_WEEK", [&] { return weeks(-1, 0); }},
      {"THIS_WEEK", [&] { return weeks(0, 1); }},
      {"NEXT_WEEK", [&] { return weeks(1, 2); }},
      {"LAST_MONTH", [&] { return months(-1, 0); }},
      {"THIS_MONTH", [&] { return months(0, 1); }},
      {"NEXT_MONTH", [&] { return months(1, 2); }},
      {"LAST_90_DAYS", [&] { return days(-90, 1); }},
      {"NEXT_90_DAYS", [&] { return days(1, 91); }},
      {"LAST_N_DAYS", [&] { return days(-n, 1); }},
      {"NEXT_N_DAYS", [&] { return days(1, n + 1); }},
      {"N_DAYS_AGO", [&] { return days(-n, -n + 1); }},
      {"LAST_N_WEEKS", [&] { return weeks(-n, 0); }},
      {"NEXT_N_WEEKS", [&] { return weeks(1, n + 1); }},
      {"N_WEEKS_AGO", [&] { return weeks(-n, -n + 1); }},
      {"LAST_N_MONTHS", [&] { return months(-n, 0); }},
      {"NEXT_N_MONTHS", [&] { return months(1, n + 1); }},
      {"N_MONTHS_AGO", [&] { return months(-n, -n + 1); }},
      {"LAST_QUARTER", [&] { return quarters(-1, 0); }},
      {"THIS_QUARTER", [&] { return quarters(0, 1); }},
      {"NEXT_QUARTER", [&] { return quarters(1, 2); }},
      {"LAST_N_QUARTERS", [&] { return quarters(-n, 0); }},
      {"NEXT_N_QUARTERS", [&] { return quarters(1, n + 1); }},
      {"N_QUARTERS_AGO", [&] { return quarters(-n, -n + 1); }},
      {"LAST_YEAR", [&] { return years(-1, 0); }},
      {"THIS_YEAR", [&] { return years(0, 1); }},
      {"NEXT_YEAR", [&] { return years(1, 2); }},
      {"LAST_N_YEARS", [&] { return years(-n, 0); }},
      {"NEXT_N_YEARS", [&] { return years(1, n + 1); }},
      {"N_YEARS_AGO", [&] { return years(-n, -n + 1); }},
  };
  for (const Named& named : table)
    if (named.name == name) return named.range();
  return std::nullopt;
}

// ---------------------------------------------------------------- rows

namespace {

const SObjectType* objectOf(const RecordNode& node, std::string_view id) {
  for (const SObjectType* object : node.objects)
    if (!object->keyPrefix.empty() && id.substr(0, 3) == object->keyPrefix) return object;
  return node.objects.front();
}

Value readRecord(interp::Interp& vm, const SqlStatement& row, const SqlQuery& sql) {
  std::vector<Value> records(sql.nodes.size());
  records[0] = vm.makeSObject(*sql.nodes[0].objects.front());
  records[0].as<SObjectObj>()->fromQuery = true;
  for (size_t n = 1; n < sql.nodes.size(); ++n) {
    const RecordNode& node = sql.nodes[n];
    if (records[size_t(node.owner)].isNull() || node.objects.empty()) continue;
    auto* owner = records[size_t(node.owner)].as<SObjectObj>();
    const SObjectField* reference = owner->type->field(node.referenceField);
    if (!reference) continue;
    Value parent;
    if (!row.isNull(node.idColumn)) {
      parent = vm.makeSObject(*objectOf(node, row.columnText(node.idColumn)));
      parent.as<SObjectObj>()->fromQuery = true;
    }
    owner->parents.push_back({reference, parent});
    records[n] = parent;
  }
  for (size_t i = 0; i < sql.columns.size(); ++i) {
    const ResultColumn& column = sql.columns[i];
    if (records[size_t(column.node)].isNull()) continue;
    auto* record = records[size_t(column.node)].as<SObjectObj>();
    if (!column.onlyFor.empty() && !contains(column.onlyFor, record->type)) continue;
    const SObjectField* field = record->type->field(column.field);
    if (field) record->set(field, readField(vm, row, int(i), field->type));
  }
  return records[0];
}

Value readAggregate(interp::Interp& vm, const SqlStatement& row, const SqlQuery& sql) {
  Value result = vm.makeSObject(sema::aggregateResultType());
  auto* record = result.as<SObjectObj>();
  record->fromQuery = true;
  for (size_t i = 0; i < sql.columns.size(); ++i)
    record->aggregates.emplace_back(sql.columns[i].alias, readField(vm, row, int(i), sql.columns[i].type));
  return result;
}

std::vector<Value> readRows(interp::Interp& vm, SqlStatement& statement, const SqlQuery& sql) {
  std::vector<Value> rows;
  while (statement.step())
    rows.push_back(sql.aggregate ? readAggregate(vm, statement, sql) : readRecord(vm, statement, sql));
  statement.reset();
  return rows;
}

std::string idOf(const Value& record, std::string_view fieldName) {
  const auto* object = record.as<SObjectObj>();
  const SObjectField* field = object->type->field(fieldName);
  const Value* value = field ? object->find(field) : nullptr;
  if (!value || (value->tag() != Tag::Id && value->tag() != Tag::String)) return {};
  return value->as<interp::StringObj>()->text;
}

// Parent Ids per statement of a child sub-query: well under SQLite's limit
// of bound parameters.
constexpr size_t kParentsPerStatement = 500;

// (SELECT ... FROM Contacts): every parent gets its list, empty when it has
// no children; the sub-query's LIMIT and OFFSET apply to each parent.
void attachChildren(interp::Interp& vm, const Query& query, const interp::QueryBinds& binds,
                    const QueryContext& context, SqlExecutor& executor, const std::vector<Value>& parents) {
  for (const SelectItem& item : query.select) {
    if (item.kind != SelectItem::Kind::Subquery) continue;
    const Query& sub = *item.subquery;
    const sema::ChildRelationship* relationship = sub.boundRelationship;
    if (!relationship || !sub.boundObject) notSupported("a sub-query that was not bound");
    const SObjectField* link = sub.boundObject->field(relationship->field);
    if (!link) notSupported("the child relationship " + relationship->name);
    std::vector<std::string> ids;
    for (const Value& parent : parents) ids.push_back(idOf(parent, "Id"));
    std::unordered_map<std::string, std::vector<Value>> children;
    for (size_t start = 0; start < ids.size(); start += kParentsPerStatement) {
      std::span<const std::string> chunk(ids.data() + start, std::min(kParentsPerStatement, ids.size() - start));
      ParentFilter filter{link, chunk, query.allRows};
      SqlQuery sql = translateQuery(sub, binds, context, &filter);
      for (Value& child : readRows(vm, executor.prepare(sql), sql))
        children[idOf(child, link->name)].push_back(std::move(child));
    }
    int64_t offset = countOf(sub.offset.get(), binds).value_or(0);
    int64_t limit = countOf(sub.limit.get(), binds).value_or(INT64_MAX);
    const sema::Type* listType = vm.types().list(vm.types().sobjectType(*sub.boundObject));
    for (size_t i = 0; i < parents.size(); ++i) {
      std::vector<Value>& own = children[ids[i]];
      size_t first = size_t(std::min<int64_t>(std::max<int64_t>(offset, 0), int64_t(own.size())));
      size_t last = size_t(std::min<int64_t>(int64_t(first) + std::max<int64_t>(limit, 0), int64_t(own.size())));
      std::vector<Value> kept(own.begin() + long(first), own.begin() + long(last));
      parents[i].as<SObjectObj>()->children.push_back({relationship, vm.makeList(listType, std::move(kept))});
    }
  }
}

}  // namespace

Value runQuery(interp::Interp& vm, const Query& query, const interp::QueryBinds& binds, const QueryContext& context,
               SqlExecutor& executor, const SearchFilter* search) {
  try {
    SqlQuery sql = translateQuery(query, binds, context, nullptr, search);
    SqlStatement& statement = executor.prepare(sql);
    if (sql.count) {
      int64_t count = statement.step() ? statement.columnInt(0) : 0;
      statement.reset();
      return Value::integer(int32_t(count));
    }
    std::vector<Value> rows = readRows(vm, statement, sql);
    if (!sql.aggregate) attachChildren(vm, query, binds, context, executor, rows);
    const sema::Type* element =
        vm.types().sobjectType(sql.aggregate ? sema::aggregateResultType() : *query.boundObject);
    return vm.makeList(vm.types().list(element), std::move(rows));
  } catch (const QueryError& error) {
    raiseQueryError(vm, error);
  }
}

void raiseQueryError(interp::Interp& vm, const QueryError& error) {
  if (error.kind == QueryError::Kind::MissingBind) vm.raise(interp::errors::QueryBindMissing, error.what);
  vm.raise(interp::errors::QueryNotSupported, error.what);
}

// ---------------------------------------------------------------- PostgreSQL

std::string searchPattern(const std::vector<std::string>& words) {
  constexpr const char* kApart = "[^[:alnum:]]";
  std::vector<std::string> parts;
  for (const std::string& word : words) {
    std::string part;
    for (char c : word) {
      if (c == '*') part += "[[:alnum:]]*";
      else if (c == '?') part += "[[:alnum:]]";
      else part += c;
    }
    parts.push_back(part);
  }
  return std::string("(^|") + kApart + ")" + text::join(parts, std::string(kApart) + "+") + "($|" + kApart + ")";
}

std::string postgresSqlFunctions() {
  return R"sql(
CREATE OR REPLACE FUNCTION apexrun_date_part(part text, stored bigint, is_datetime integer, zone text)
RETURNS bigint LANGUAGE sql STABLE AS $f$
  SELECT (CASE regexp_replace(part, '^FISCAL_', '')
    WHEN 'CALENDAR_YEAR' THEN extract(year FROM local)
    WHEN 'CALENDAR_MONTH' THEN extract(month FROM local)
    WHEN 'CALENDAR_QUARTER' THEN extract(quarter FROM local)
    WHEN 'DAY_IN_MONTH' THEN extract(day FROM local)
    WHEN 'DAY_IN_WEEK' THEN extract(dow FROM local) + 1
    WHEN 'DAY_IN_YEAR' THEN extract(doy FROM local)
    WHEN 'WEEK_IN_MONTH' THEN (extract(day FROM local)::bigint - 1) / 7 + 1
    WHEN 'WEEK_IN_YEAR' THEN (extract(doy FROM local)::bigint - 1) / 7 + 1
    WHEN 'HOUR_IN_DAY' THEN extract(hour FROM local)
    WHEN 'DAY_ONLY' THEN local::date - date '1970-01-01'
  END)::bigint
  FROM (SELECT CASE WHEN is_datetime <> 0 THEN to_timestamp(stored / 1000.0) AT TIME ZONE zone
                    ELSE (date '1970-01-01' + stored::integer)::timestamp END AS local) AS day
$f$)sql";
}

// ---------------------------------------------------------------- SQL functions

namespace {

std::string_view argumentText(sqlite3_value* value) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
  return text ? std::string_view(text, size_t(sqlite3_value_bytes(value))) : std::string_view();
}

// apexrun_date_part(name, value, isDatetime, zone): a date function of a
// Date (days) or of a Datetime (milliseconds) read in `zone`.
void datePart(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view name = argumentText(argv[0]);
  int64_t raw = sqlite3_value_int64(argv[1]);
  Date date = Date::fromDaysSinceEpoch(raw);
  int hour = 0;
  if (sqlite3_value_int(argv[2]) != 0) {
    std::shared_ptr<const Zone> zone = Zone::forId(argumentText(argv[3]));
    Datetime instant = Datetime::fromEpochMillis(raw);
    date = localDate(instant, *zone);
    hour = localTime(instant, *zone).hour();
  }
  if (name.starts_with("FISCAL_")) name = name.substr(7);
  int64_t result;
  if (name == "CALENDAR_YEAR" || name == "YEAR") result = date.year();
  else if (name == "CALENDAR_MONTH" || name == "MONTH") result = date.month();
  else if (name == "CALENDAR_QUARTER" || name == "QUARTER") result = (date.month() - 1) / 3 + 1;
  else if (name == "DAY_IN_MONTH") result = date.day();
  else if (name == "DAY_IN_WEEK") result = int(date.dayOfWeek()) + 1;  // Sunday is 1
  else if (name == "DAY_IN_YEAR") result = date.dayOfYear();
  else if (name == "WEEK_IN_MONTH") result = (date.day() - 1) / 7 + 1;
  else if (name == "WEEK_IN_YEAR") result = (date.dayOfYear() - 1) / 7 + 1;
  else if (name == "HOUR_IN_DAY") result = hour;
  else if (name == "DAY_ONLY") result = date.daysSinceEpoch();
  else return sqlite3_result_error(context, "unknown date function", -1);
  sqlite3_result_int64(context, result);
}

// apexrun_search_match(phrase, text...): 1 when the words of `phrase` (a
// SOSL term's, with wildcards) appear one after another in any of the
// texts (src/ast/sosl.h), else 0.
void searchMatch(sqlite3_context* context, int argc, sqlite3_value** argv) {
  std::vector<std::string> phrase = sosl::searchWords(argumentText(argv[0]), true);
  for (int i = 1; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
    if (sosl::phraseMatches(phrase, argumentText(argv[i]))) return sqlite3_result_int(context, 1);
  }
  sqlite3_result_int(context, 0);
}

enum class DecimalOp : uint8_t { Sum, Avg, Min, Max };

// The state of one exact-decimal aggregate, in SQLite's zeroed context.
struct DecimalState {
  Decimal* value;
  int64_t count;
};

std::optional<Decimal> decimalArgument(sqlite3_value* value) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER: return Decimal::fromInt64(sqlite3_value_int64(value));
    case SQLITE_FLOAT: return Decimal::fromDouble(sqlite3_value_double(value));
    case SQLITE_TEXT: return Decimal::parse(argumentText(value));
    default: return std::nullopt;
  }
}

void decimalStep(sqlite3_context* context, int, sqlite3_value** argv) {
  std::optional<Decimal> number = decimalArgument(argv[0]);
  if (!number) return;
  auto* state = static_cast<DecimalState*>(sqlite3_aggregate_context(context, sizeof(DecimalState)));
  if (!state) return sqlite3_result_error_nomem(context);
  auto op = DecimalOp(reinterpret_cast<uintptr_t>(sqlite3_user_data(context)));
  ++state->count;
  if (!state->value) {
    state->value = new Decimal(*number);
    return;
  }
  Decimal& value = *state->value;
  if (op == DecimalOp::Sum || op == DecimalOp::Avg) value = value.add(*number);
  else if ((op == DecimalOp::Min) == (number->compare(value) < 0)) value = *number;
}

void decimalFinal(sqlite3_context* context) {
  auto* state = static_cast<DecimalState*>(sqlite3_aggregate_context(context, 0));
  if (!state || !state->value) return sqlite3_result_null(context);
  std::unique_ptr<Decimal> value(state->value);
  state->value = nullptr;
  Decimal result = *value;
  if (DecimalOp(reinterpret_cast<uintptr_t>(sqlite3_user_data(context))) == DecimalOp::Avg)
    result = value->divide(Decimal::fromInt64(state->count)).value_or(*value);
  std::string text = result.toString();
  sqlite3_result_text(context, text.c_str(), int(text.size()), SQLITE_TRANSIENT);
}

}  // namespace

void registerSqlFunctions(sqlite3* db) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  sqlite3_create_function_v2(db, "apexrun_date_part", 4, kFlags, nullptr, &datePart, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "apexrun_search_match", -1, kFlags, nullptr, &searchMatch, nullptr, nullptr, nullptr);
  const std::pair<const char*, DecimalOp> aggregates[] = {{"apexrun_decimal_sum", DecimalOp::Sum},
                                                          {"apexrun_decimal_avg", DecimalOp::Avg},
                                                          {"apexrun_decimal_min", DecimalOp::Min},
                                                          {"apexrun_decimal_max", DecimalOp::Max}};
  for (const auto& [name, op] : aggregates)
    sqlite3_create_function_v2(db, name, 1, kFlags, reinterpret_cast<void*>(uintptr_t(op)), nullptr, &decimalStep,
                               &decimalFinal, nullptr);
}

}  // namespace apex::runtime
