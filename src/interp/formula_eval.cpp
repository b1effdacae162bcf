// Evaluating formulas (see formula_eval.h). Values are the engine's own:
// Decimal numbers, Strings, Booleans, Dates, Datetimes and null for blank.
// Text blank and null are the same (a text field saves '' as null).
#include "interp/formula_eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "ast/soql.h"
#include "base/temporal.h"
#include "base/text.h"
#include "base/zones.h"
#include "interp/errors.h"
#include "interp/interp.h"
#include "interp/object.h"
#include "interp/ports.h"
#include "sema/diagnostics.h"
#include "sema/formula.h"
#include "sema/schema.h"

namespace apex::interp {

namespace {

using sema::Diagnostic;
using sema::FieldType;
using sema::SObjectField;
using sema::formula::Node;

constexpr int64_t kMillisPerDay = 86'400'000;
// A formula field may read another formula field, which may read another:
// Salesforce allows ten levels; the bound also stops a formula that reads
// itself.
constexpr int kMaxFormulaDepth = 10;
// Numbers divide to this many decimals before trailing zeros go.
constexpr int kDivisionScale = 18;

bool isFormulaField(const SObjectField& f) { return f.calculated && !f.formula.empty(); }

bool isNumberType(FieldType type) {
  return type == FieldType::Double || type == FieldType::Currency || type == FieldType::Percent ||
         type == FieldType::Integer || type == FieldType::Long;
}

const std::string& textOf(const Value& v) { return v.as<StringObj>()->text; }
bool isText(const Value& v) { return v.tag() == Tag::String || v.tag() == Tag::Id; }
bool isNumber(const Value& v) {
  return v.tag() == Tag::Decimal || v.tag() == Tag::Integer || v.tag() == Tag::Long || v.tag() == Tag::Double;
}
bool isBlank(const Value& v) { return v.isNull() || (isText(v) && textOf(v).empty()); }

Decimal numberOf(const Value& v) {
  switch (v.tag()) {
    case Tag::Decimal: return v.as<DecimalObj>()->number;
    case Tag::Integer: return Decimal::fromInt64(v.asInt());
    case Tag::Long: return Decimal::fromInt64(v.asLong());
    case Tag::Double: return Decimal::fromDouble(v.asDouble()).value_or(Decimal());
    default: return Decimal();
  }
}

// The formula editor's names of the types, for its messages.
std::string typeName(const Value& v) {
  if (isNumber(v)) return "Number";
  if (isText(v)) return "Text";
  switch (v.tag()) {
    case Tag::Boolean: return "Boolean";
    case Tag::Date: return "Date";
    case Tag::Datetime: return "Date/Time";
    default: return "Null";
  }
}

// Loads stored records by Id through the data store, each once per
// evaluation.
class RecordLoader {
 public:
  explicit RecordLoader(Interp& vm) : vm_(vm) {}

  Value load(const std::string& id) {
    if (id.size() < 15 || !vm_.dataStore()) return Value();
    std::string key = id.substr(0, 15);
    auto found = loaded_.find(key);
    if (found != loaded_.end()) return found->second;
    Value record;
    if (const sema::SObjectType* type = vm_.schema().objectByKeyPrefix(id.substr(0, 3))) {
      std::vector<Value> rows = vm_.dataStore()->load(vm_, *type, std::span<const std::string>(&id, 1));
      if (!rows.empty()) record = rows.front();
    }
    loaded_.emplace(key, record);
    return record;
  }

 private:
  Interp& vm_;
  std::map<std::string, Value> loaded_;
};

class FormulaEvaluator {
 public:
  FormulaEvaluator(Interp& vm, const FormulaScope& scope, const std::string& owner, RecordLoader& loader, int depth)
      : vm_(vm), scope_(scope), owner_(owner), loader_(loader), depth_(depth) {}

  Value run(std::string_view formula) {
    sema::formula::ParseResult parsed = sema::formula::parseFormula(formula);
    if (!parsed.root) vm_.raise(errors::FormulaInvalid, owner_, parsed.error);
    return eval(*parsed.root);
  }

 private:
  template <class... A>
  [[noreturn]] void fail(sema::CheckedDiagnostic<sizeof...(A)> d, const A&... args) {
    vm_.raise(errors::FormulaInvalid, owner_, sema::diagnosticText(d, args...));
  }

  Value eval(const Node& n) {
    switch (n.kind) {
      case Node::Kind::Number: return number(*Decimal::parse(n.text));  // the parser checked it
      case Node::Kind::Text: return n.text.empty() ? Value() : vm_.makeString(n.text);
      case Node::Kind::Boolean: return Value::boolean(n.text == "true");
      case Node::Kind::Null: return Value();
      case Node::Kind::Field: return field(n, *scope_.record);
      case Node::Kind::Unary: return unary(n);
      case Node::Kind::Binary: return binary(n);
      case Node::Kind::Call: return call(n);
    }
    return Value();
  }

  Value number(Decimal d) { return vm_.makeDecimal(std::move(d)); }
  Value text(std::string s) { return s.empty() ? Value() : vm_.makeString(std::move(s)); }

  // ---- field references

  Value field(const Node& n, const SObjectObj& record) {
    if (n.path.front().starts_with("$")) return global(n);
    return readPath(record, n, 0);
  }

  Value readPath(const SObjectObj& record, const Node& n, size_t i) {
    const sema::SObjectType& type = *record.type;
    if (i + 1 == n.path.size()) {
      const SObjectField* f = type.field(n.path[i]);
      if (!f) fail(Diagnostic::FormulaUnknownField, n.pathText());
      return fieldValue(record, *f);
    }
    const SObjectField* reference = type.parentRelationship(n.path[i]);
    if (!reference) fail(Diagnostic::FormulaUnknownField, n.pathText());
    Value parent = parentOf(record, *reference);
    if (parent.isNull()) return Value();
    return readPath(*parent.as<SObjectObj>(), n, i + 1);
  }

  Value parentOf(const SObjectObj& record, const SObjectField& reference) {
    const Value* id = record.find(&reference);
    if (!id || id->isNull()) return Value();
    return loader_.load(textOf(*id));
  }

  Value fieldValue(const SObjectObj& record, const SObjectField& f) {
    if (isFormulaField(f)) return operand(f, nestedFormula(record, f));
    const Value* v = record.find(&f);
    return operand(f, v ? *v : Value());
  }

  // A field's value as a formula reads it.
  Value operand(const SObjectField& f, const Value& value) {
    if (value.isNull() && scope_.blanksAsZero && isNumberType(f.type)) return number(Decimal());
    if (value.isNull() || !isNumberType(f.type)) return value;
    // A percent field is a fraction in a formula: 15% is 0.15.
    Decimal d = numberOf(value);
    if (f.type == FieldType::Percent) d = d.divide(Decimal::fromInt64(100), d.scale() + 2).value_or(d);
    return number(std::move(d));
  }

  Value nestedFormula(const SObjectObj& record, const SObjectField& f) {
    if (depth_ >= kMaxFormulaDepth) vm_.raise(errors::FormulaInvalid, owner_, "formulas reference each other too deeply");
    FormulaScope scope{&record, nullptr, f.blanksAsZero};
    std::string owner = "the formula field " + record.type->name + "." + f.name;
    return formulaResultAs(vm_, f, FormulaEvaluator(vm_, scope, owner, loader_, depth_ + 1).run(f.formula));
  }

  // $User.<field>, $Profile.<field>, $Organization.<field>, $UserRole.<field>
  // and $RecordType.<field> (the record's record type).
  Value global(const Node& n) {
    if (n.path.size() < 2) fail(Diagnostic::FormulaUnknownField, n.pathText());
    std::string id = globalId(n);
    Value record = id.empty() ? Value() : loader_.load(id);
    if (record.isNull()) return Value();
    Node rest;
    rest.path.assign(n.path.begin() + 1, n.path.end());
    return readPath(*record.as<SObjectObj>(), rest, 0);
  }

  std::string globalId(const Node& n) {
    const UserContext& user = vm_.user();
    const std::string& name = n.path.front();
    if (text::equalsIgnoreAsciiCase(name, "$User")) return user.userId;
    if (text::equalsIgnoreAsciiCase(name, "$Profile")) return user.profileId;
    if (text::equalsIgnoreAsciiCase(name, "$Organization")) return user.organizationId;
    if (text::equalsIgnoreAsciiCase(name, "$UserRole")) return user.roleId;
    if (text::equalsIgnoreAsciiCase(name, "$RecordType")) {
      const SObjectField* f = scope_.record->type->field("RecordTypeId");
      const Value* v = f ? scope_.record->find(f) : nullptr;
      return v && !v->isNull() ? textOf(*v) : std::string();
    }
    fail(Diagnostic::FormulaUnknownField, n.pathText());
  }

  // The field a reference names, from the schema alone; null when there is
  // none. `$User` and its kin name the User, Profile, ... objects.
  const SObjectField* definitionOf(const Node& n) {
    bool global = n.path.front().starts_with("$");
    const sema::SObjectType* type =
        global ? vm_.schema().object(std::string_view(n.path.front()).substr(1)) : scope_.record->type;
    for (size_t i = global ? 1 : 0; type && i + 1 < n.path.size(); ++i) {
      const SObjectField* reference = type->parentRelationship(n.path[i]);
      type = reference && !reference->referenceTo.empty() ? vm_.schema().object(reference->referenceTo.front()) : nullptr;
    }
    return type ? type->field(n.path.back()) : nullptr;
  }

  // ---- operators

  Value unary(const Node& n) {
    Value v = eval(*n.args[0]);
    if (n.text == "!") return v.isNull() ? Value::boolean(true) : Value::boolean(!truth(v, "!"));
    if (v.isNull()) return v;
    if (!isNumber(v)) fail(Diagnostic::FormulaOperatorType, n.text, std::string("Number"), typeName(v));
    return n.text == "-" ? number(numberOf(v).negate()) : v;
  }

  bool truth(const Value& v, const std::string& where) {
    if (v.isNull()) return false;
    if (v.tag() != Tag::Boolean) fail(Diagnostic::FormulaOperatorType, where, std::string("Boolean"), typeName(v));
    return v.asBool();
  }

  Value binary(const Node& n) {
    const std::string& op = n.text;
    if (op == "&&") return Value::boolean(truth(eval(*n.args[0]), op) && truth(eval(*n.args[1]), op));
    if (op == "||") return Value::boolean(truth(eval(*n.args[0]), op) || truth(eval(*n.args[1]), op));
    Value a = eval(*n.args[0]);
    Value b = eval(*n.args[1]);
    if (op == "&") return concatenate(a, b, op);
    if (op == "=" || op == "==") return Value::boolean(equal(a, b, op));
    if (op == "!=" || op == "<>") return Value::boolean(!equal(a, b, op));
    if (op == "<" || op == ">" || op == "<=" || op == ">=") return ordered(a, b, op);
    return arithmetic(a, b, op);
  }

  Value concatenate(const Value& a, const Value& b, const std::string& op) {
    for (const Value* v : {&a, &b})
      if (!v->isNull() && !isText(*v)) fail(Diagnostic::FormulaOperatorType, op, std::string("Text"), typeName(*v));
    return text((a.isNull() ? "" : textOf(a)) + (b.isNull() ? "" : textOf(b)));
  }

  // Compares two values of one type; nullopt when either is blank.
  std::optional<int> compare(const Value& a, const Value& b, const std::string& op) {
    if (isBlank(a) || isBlank(b)) return std::nullopt;
    if (isNumber(a) && isNumber(b)) return numberOf(a).compare(numberOf(b));
    if (isText(a) && isText(b)) return textOf(a).compare(textOf(b));
    if (a.tag() == b.tag() && a.tag() == Tag::Date) return a.asDate() < b.asDate() ? -1 : a.asDate() > b.asDate();
    if (a.tag() == b.tag() && a.tag() == Tag::Datetime)
      return a.asDatetime() < b.asDatetime() ? -1 : a.asDatetime() > b.asDatetime();
    if (a.tag() == b.tag() && a.tag() == Tag::Boolean) return int(a.asBool()) - int(b.asBool());
    fail(Diagnostic::FormulaOperatorType, op, typeName(a), typeName(b));
  }

  // Blank equals blank (text '' and null alike) and nothing else.
  bool equal(const Value& a, const Value& b, const std::string& op) {
    if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
    return compare(a, b, op) == 0;
  }

  Value ordered(const Value& a, const Value& b, const std::string& op) {
    std::optional<int> c = compare(a, b, op);
    if (!c) return Value::boolean(false);
    bool result = op == "<" ? *c < 0 : op == ">" ? *c > 0 : op == "<=" ? *c <= 0 : *c >= 0;
    return Value::boolean(result);
  }

  Value arithmetic(const Value& a, const Value& b, const std::string& op) {
    if (a.isNull() || b.isNull()) return Value();
    if (a.tag() == Tag::Date || a.tag() == Tag::Datetime) return dateArithmetic(a, b, op);
    if (op == "+" && isText(a) && isText(b)) return text(textOf(a) + textOf(b));
    if (!isNumber(a) || !isNumber(b))
      fail(Diagnostic::FormulaOperatorType, op, std::string("Number"), typeName(isNumber(a) ? b : a));
    Decimal x = numberOf(a), y = numberOf(b);
    if (op == "+") return number(x + y);
    if (op == "-") return number(x - y);
    if (op == "*") return number(x * y);
    if (op == "/") return divide(x, y);
    return power(x, y);
  }

  // Division by zero has no value (the platform shows #Error!). The
  // quotient keeps no trailing zeros, and no exponent (600, not 6E+2).
  Value divide(const Decimal& x, const Decimal& y) {
    if (y.isZero()) return Value();
    Decimal quotient = x.divide(y, kDivisionScale, RoundingMode::HalfUp)->stripTrailingZeros();
    return number(quotient.scale() < 0 ? quotient.setScale(0) : quotient);
  }

  Value power(const Decimal& x, const Decimal& y) {
    if (!y.isInteger()) {
      std::optional<Decimal> root = Decimal::fromDouble(std::pow(x.toDouble(), y.toDouble()));
      return root ? number(*root) : Value();  // no real value: blank, as division by zero
    }
    int exponent = y.intValue();
    if (exponent >= 0) {
      std::optional<Decimal> p = x.pow(exponent);
      return p ? number(*p) : Value();
    }
    std::optional<Decimal> p = x.pow(-exponent);
    return p ? divide(Decimal::fromInt64(1), *p) : Value();
  }

  // Date ± days, Date − Date (days), Datetime ± days (fractions too),
  // Datetime − Datetime (days, with a fraction).
  Value dateArithmetic(const Value& a, const Value& b, const std::string& op) {
    bool isDate = a.tag() == Tag::Date;
    if (op == "-" && b.tag() == a.tag()) {
      if (isDate) return number(Decimal::fromInt64(int64_t(a.asDate()) - b.asDate()));
      return divide(Decimal::fromInt64(a.asDatetime() - b.asDatetime()), Decimal::fromInt64(kMillisPerDay));
    }
    if ((op != "+" && op != "-") || !isNumber(b))
      fail(Diagnostic::FormulaOperatorType, op, std::string("Number"), typeName(b));
    Decimal days = op == "-" ? numberOf(b).negate() : numberOf(b);
    if (isDate) return Value::date(a.asDate() + int32_t(days.toInt64Truncated()));
    Decimal millis = days * Decimal::fromInt64(kMillisPerDay);
    return Value::datetime(a.asDatetime() + millis.round(RoundingMode::HalfUp).value_or(0));
  }

  // ---- functions

  Value call(const Node& n) {
    const std::string& f = n.text;
    if (f == "IF") return truth(eval(*n.args[0]), f) ? eval(*n.args[1]) : eval(*n.args[2]);
    if (f == "CASE") return caseOf(n);
    if (f == "AND" || f == "OR") return logical(n);
    if (f == "NOT") return Value::boolean(!truth(eval(*n.args[0]), f));
    if (f == "ISNEW") return Value::boolean(scope_.prior == nullptr);
    if (f == "ISNULL") return isNull(n);
    if (f == "ISCHANGED" || f == "PRIORVALUE") return prior(n);
    std::vector<Value> args;
    for (const auto& arg : n.args) args.push_back(eval(*arg));
    return apply(n, args);
  }

  Value caseOf(const Node& n) {
    Value subject = eval(*n.args[0]);
    size_t pairs = (n.args.size() - 2) / 2;
    for (size_t i = 0; i < pairs; ++i)
      if (equal(subject, eval(*n.args[1 + 2 * i]), "CASE")) return eval(*n.args[2 + 2 * i]);
    return eval(*n.args.back());
  }

  Value logical(const Node& n) {
    bool isAnd = n.text == "AND";
    for (const auto& arg : n.args)
      if (truth(eval(*arg), n.text) != isAnd) return Value::boolean(!isAnd);
    return Value::boolean(isAnd);
  }

  // ISNULL: a text field is never null (ISBLANK is the test for text).
  Value isNull(const Node& n) {
    const Node& arg = *n.args[0];
    const SObjectField* f = arg.kind == Node::Kind::Field ? definitionOf(arg) : nullptr;
    if (f && sema::isTextType(f->type)) return Value::boolean(false);
    return Value::boolean(eval(arg).isNull());
  }

  // PRIORVALUE(field) and ISCHANGED(field): the stored value before an
  // update; on insert PRIORVALUE is the field's value and nothing changed.
  Value prior(const Node& n) {
    const Node& arg = *n.args[0];
    if (arg.kind != Node::Kind::Field) fail(Diagnostic::FormulaParameterType, n.text, std::string("Field"), std::string("Value"));
    Value now = field(arg, *scope_.record);
    Value before = scope_.prior ? field(arg, *scope_.prior) : now;
    if (n.text == "PRIORVALUE") return before;
    return Value::boolean(!equal(now, before, n.text));
  }

  Value apply(const Node& n, const std::vector<Value>& a) {
    const std::string& f = n.text;
    if (f == "ISBLANK") return Value::boolean(isBlank(a[0]));
    if (f == "BLANKVALUE" || f == "NULLVALUE") return isBlank(a[0]) ? a[1] : a[0];
    if (f == "ISPICKVAL") return Value::boolean(equal(textArg(n, a[0]), textArg(n, a[1]), f));
    if (f == "TEXT") return textOfValue(a[0]);
    if (f == "TODAY") return Value::date(int32_t(today().daysSinceEpoch()));
    if (f == "NOW") return Value::datetime(Datetime::nowMillis());
    if (Value v; textFunction(n, a, v)) return v;
    if (Value v; dateFunction(n, a, v)) return v;
    return numberFunction(n, a);
  }

  Value textArg(const Node& n, const Value& v) {
    if (!v.isNull() && !isText(v)) fail(Diagnostic::FormulaParameterType, n.text, std::string("Text"), typeName(v));
    return v;
  }
  std::string str(const Node& n, const Value& v) {
    textArg(n, v);
    return v.isNull() ? std::string() : textOf(v);
  }
  Decimal num(const Node& n, const Value& v) {
    if (!v.isNull() && !isNumber(v)) fail(Diagnostic::FormulaParameterType, n.text, std::string("Number"), typeName(v));
    return numberOf(v);
  }

  Value textOfValue(const Value& v) {
    if (v.isNull()) return v;
    if (isNumber(v)) return text(numberOf(v).toPlainString());
    if (v.tag() == Tag::Date) return text(Date::fromDaysSinceEpoch(v.asDate()).toApexString());
    if (v.tag() == Tag::Datetime) return text(Datetime::fromEpochMillis(v.asDatetime()).toApexString(0) + "Z");
    if (v.tag() == Tag::Boolean) return text(v.asBool() ? "true" : "false");
    return v;
  }

  // Positions count characters (code points), from 1.
  static std::string codePoints(const std::string& s, int64_t begin, int64_t count) {
    int64_t size = int64_t(text::codePointCount(s));
    begin = std::clamp<int64_t>(begin, 0, size);
    int64_t end = std::clamp<int64_t>(begin + std::max<int64_t>(count, 0), begin, size);
    size_t i = 0, from = 0;
    for (int64_t k = 0; k < end; ++k) {
      if (k == begin) from = i;
      text::nextCodePoint(s, i);
    }
    if (begin == end) return {};
    return s.substr(from, i - from);
  }

  bool textFunction(const Node& n, const std::vector<Value>& a, Value& out) {
    const std::string& f = n.text;
    if (f == "LEN") out = number(Decimal::fromInt64(int64_t(text::codePointCount(str(n, a[0])))));
    else if (f == "LEFT") out = text(codePoints(str(n, a[0]), 0, num(n, a[1]).toInt64Truncated()));
    else if (f == "RIGHT") out = right(n, a);
    else if (f == "MID") out = text(codePoints(str(n, a[0]), num(n, a[1]).toInt64Truncated() - 1, num(n, a[2]).toInt64Truncated()));
    else if (f == "CONTAINS") out = Value::boolean(str(n, a[0]).find(str(n, a[1])) != std::string::npos);
    else if (f == "BEGINS") out = Value::boolean(str(n, a[0]).starts_with(str(n, a[1])));
    else if (f == "UPPER") out = text(text::toUpperCase(str(n, a[0])));
    else if (f == "LOWER") out = text(text::toLowerCase(str(n, a[0])));
    else if (f == "TRIM") out = text(std::string(text::trimJava(str(n, a[0]))));
    else if (f == "SUBSTITUTE") out = substitute(n, a);
    else if (f == "REGEX") out = regex(n, a);
    else if (f == "VALUE") out = valueOf(n, a[0]);
    else return false;
    return true;
  }

  Value right(const Node& n, const std::vector<Value>& a) {
    std::string s = str(n, a[0]);
    int64_t count = num(n, a[1]).toInt64Truncated();
    return text(codePoints(s, int64_t(text::codePointCount(s)) - count, count));
  }

  Value substitute(const Node& n, const std::vector<Value>& a) {
    std::string s = str(n, a[0]), from = str(n, a[1]), to = str(n, a[2]);
    if (from.empty()) return text(s);
    std::string out;
    size_t pos = 0;
    for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) out += s.substr(pos, hit - pos) + to;
    return text(out + s.substr(pos));
  }

  Value regex(const Node& n, const std::vector<Value>& a) {
    text::RegexError error;
    std::optional<bool> matches = text::matchesRegex(str(n, a[0]), str(n, a[1]), &error);
    if (!matches) vm_.raise(errors::FormulaInvalid, owner_, "REGEX: " + error.message);
    return Value::boolean(*matches);
  }

  // Text that is not a number has no value (#Error!).
  Value valueOf(const Node& n, const Value& v) {
    std::optional<Decimal> d = Decimal::parse(text::trimJava(str(n, v)));
    return d ? number(*d) : Value();
  }

  Date dateArg(const Node& n, const Value& v) {
    if (v.tag() != Tag::Date) fail(Diagnostic::FormulaParameterType, n.text, std::string("Date"), typeName(v));
    return Date::fromDaysSinceEpoch(v.asDate());
  }

  bool dateFunction(const Node& n, const std::vector<Value>& a, Value& out) {
    const std::string& f = n.text;
    bool parts = f == "YEAR" || f == "MONTH" || f == "DAY";
    bool known = parts || f == "DATE" || f == "DATEVALUE" || f == "ADDMONTHS";
    if (!known) return false;
    if (std::any_of(a.begin(), a.end(), [](const Value& v) { return v.isNull(); })) {
      out = Value();
    } else if (parts) {
      Date d = dateArg(n, a[0]);
      out = number(Decimal::fromInt64(f == "YEAR" ? d.year() : f == "MONTH" ? d.month() : d.day()));
    } else if (f == "DATE") {
      auto d = Date::fromYearMonthDay(num(n, a[0]).intValue(), num(n, a[1]).intValue(), num(n, a[2]).intValue());
      out = d ? Value::date(int32_t(d->daysSinceEpoch())) : Value();
    } else if (f == "DATEVALUE") {
      out = dateValue(n, a[0]);
    } else {
      out = addMonths(dateArg(n, a[0]), num(n, a[1]).intValue());
    }
    return true;
  }

  // DATEVALUE of a Datetime is its date in GMT; of text, an ISO date.
  Value dateValue(const Node& n, const Value& v) {
    if (v.tag() == Tag::Date) return v;
    if (v.tag() == Tag::Datetime) {
      int64_t millis = v.asDatetime();
      return Value::date(int32_t(millis / kMillisPerDay - (millis % kMillisPerDay < 0 ? 1 : 0)));
    }
    std::optional<Date> d = parseIsoDate(text::trimJava(str(n, v)).substr(0, 10));
    return d ? Value::date(int32_t(d->daysSinceEpoch())) : Value();
  }

  // ADDMONTHS: the same day `months` later; the last day of a month gives
  // the last day of the target month.
  Value addMonths(const Date& d, int months) {
    Date moved = d.addMonths(months);
    if (d.day() == Date::daysInMonth(d.year(), d.month()))
      moved = *Date::fromYearMonthDay(moved.year(), moved.month(), Date::daysInMonth(moved.year(), moved.month()));
    return Value::date(int32_t(moved.daysSinceEpoch()));
  }

  Value numberFunction(const Node& n, const std::vector<Value>& a) {
    const std::string& f = n.text;
    if (f == "MAX" || f == "MIN") return extreme(n, a);
    if (std::any_of(a.begin(), a.end(), [](const Value& v) { return v.isNull(); })) return Value();
    Decimal x = num(n, a[0]);
    if (f == "ABS") return number(x.abs());
    if (f == "ROUND") return number(*x.setScale(num(n, a[1]).intValue(), RoundingMode::HalfUp));
    // FLOOR rounds toward zero and CEILING away from it.
    if (f == "FLOOR") return number(*x.setScale(0, RoundingMode::Down));
    if (f == "CEILING") return number(*x.setScale(0, RoundingMode::Up));
    Decimal y = num(n, a[1]);  // MOD
    if (y.isZero()) return Value();
    Decimal whole = *x.divide(y, 0, RoundingMode::Down);
    return number(x - whole * y);
  }

  Value extreme(const Node& n, const std::vector<Value>& a) {
    std::optional<Decimal> best;
    for (const Value& v : a) {
      if (v.isNull()) return Value();
      Decimal d = num(n, v);
      if (!best || (n.text == "MAX" ? d.compare(*best) > 0 : d.compare(*best) < 0)) best = d;
    }
    return number(*best);
  }

  Date today() { return localDate(Datetime::fromEpochMillis(Datetime::nowMillis()), vm_.userZone()); }

  Interp& vm_;
  const FormulaScope& scope_;
  const std::string& owner_;
  RecordLoader& loader_;
  int depth_;
};

}  // namespace

Value evaluateFormula(Interp& vm, std::string_view formula, const FormulaScope& scope, const std::string& owner) {
  RecordLoader loader(vm);
  return FormulaEvaluator(vm, scope, owner, loader, 0).run(formula);
}

Value formulaResultAs(Interp& vm, const SObjectField& field, const Value& result) {
  if (field.type == FieldType::Boolean) return Value::boolean(result.tag() == Tag::Boolean && result.asBool());
  if (result.isNull()) return result;
  if (sema::isTextType(field.type)) {
    std::string s = isText(result) ? textOf(result) : vm.stringValueOf(result);
    return s.empty() ? Value() : vm.makeString(std::move(s));
  }
  if (isNumberType(field.type) && isNumber(result)) {
    Decimal d = numberOf(result);
    if (field.type == FieldType::Percent) d = d * Decimal::fromInt64(100);
    return vm.toFieldValue(field, vm.makeDecimal(*d.setScale(field.scale, RoundingMode::HalfUp)));
  }
  if (field.type == FieldType::Date && result.tag() == Tag::Datetime)
    return Value::date(int32_t(localDate(Datetime::fromEpochMillis(result.asDatetime()), vm.userZone()).daysSinceEpoch()));
  if (field.type == FieldType::DateTime && result.tag() == Tag::Date)
    return Value::datetime(int64_t(result.asDate()) * kMillisPerDay);
  return vm.toFieldValue(field, result);
}

namespace {

Value formulaFieldValue(Interp& vm, const SObjectField& field, const SObjectObj& record, RecordLoader& loader) {
  FormulaScope scope{&record, nullptr, field.blanksAsZero};
  std::string owner = "the formula field " + record.type->name + "." + field.name;
  return formulaResultAs(vm, field, FormulaEvaluator(vm, scope, owner, loader, 0).run(field.formula));
}

// The formula fields `record` holds, evaluated on the stored record (every
// field, selected or not) or, with none stored, on the record itself.
void computeRecord(Interp& vm, SObjectObj& record, RecordLoader& loader) {
  std::vector<const SObjectField*> formulas;
  for (const SObjectObj::FieldValue& f : record.fields)
    if (isFormulaField(*f.field)) formulas.push_back(f.field);
  if (!formulas.empty()) {
    std::string id = record.idText();
    Value stored = id.empty() ? Value() : loader.load(id);
    const SObjectObj& source = stored.isNull() ? record : *stored.as<SObjectObj>();
    for (const SObjectField* f : formulas) record.set(f, formulaFieldValue(vm, *f, source, loader));
  }
  for (SObjectObj::Parent& parent : record.parents)
    if (!parent.record.isNull()) computeRecord(vm, *parent.record.as<SObjectObj>(), loader);
  for (SObjectObj::Children& children : record.children)
    for (const Value& child : children.records.as<ListObj>()->items) computeRecord(vm, *child.as<SObjectObj>(), loader);
}

void refuseFormulaOperand(Interp& vm, const soql::Operand& operand, std::string_view where) {
  if (operand.kind == soql::Operand::Kind::Field && operand.field.boundField && isFormulaField(*operand.field.boundField))
    vm.raise(errors::QueryNotSupported, std::string(where) + " on the formula field " + operand.field.text());
}

void refuseFormulaConditions(Interp& vm, const soql::Condition* c) {
  if (!c) return;
  for (const auto& child : c->children) refuseFormulaConditions(vm, child.get());
  if (c->kind == soql::Condition::Kind::Compare) refuseFormulaOperand(vm, c->left, "Filtering");
}

}  // namespace

void refuseFormulaFilters(Interp& vm, const soql::Query& query) {
  refuseFormulaConditions(vm, query.where.get());
  for (const soql::OrderItem& item : query.orderBy) refuseFormulaOperand(vm, item.operand, "ORDER BY");
  for (const soql::Operand& operand : query.groupBy) refuseFormulaOperand(vm, operand, "GROUP BY");
  for (const soql::SelectItem& item : query.select)
    if (item.subquery) refuseFormulaFilters(vm, *item.subquery);
}

Value formulaFieldValue(Interp& vm, const SObjectField& field, const SObjectObj& record) {
  RecordLoader loader(vm);
  return formulaFieldValue(vm, field, record, loader);
}

void computeFormulaFields(Interp& vm, const Value& rows) {
  RecordLoader loader(vm);
  if (rows.tag() == Tag::SObject) return computeRecord(vm, *rows.as<SObjectObj>(), loader);
  if (rows.tag() != Tag::List) return;
  for (const Value& row : rows.as<ListObj>()->items)
    if (row.tag() == Tag::SObject) computeRecord(vm, *row.as<SObjectObj>(), loader);
}

}  // namespace apex::interp
