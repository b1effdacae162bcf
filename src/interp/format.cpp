// How values print: System.debug (Interp::debugString), String.valueOf
// (Interp::stringValueOf), and the runtime type names Salesforce uses in
// messages (Interp::runtimeTypeName).
//
// Apex Reference: System Class — debug(o); String Class — valueOf(toConvert).
// Collections print as List.toString/Set.toString/Map.toString do:
// `(1, 2)`, `{1, 2}`, `{a=1, b=2}`; an object without a toString override
// prints `ClassName:[field=value, ...]`; an exception `Type: message`.
#include <string>

#include "base/numfmt.h"
#include "base/temporal.h"
#include "interp/interp.h"
#include "sema/types.h"

namespace apex::interp {
namespace {

// Collections deeper than this (a list that contains itself) print "...".
constexpr int kMaxDepth = 64;

// The name Salesforce gives a class in messages and default toString output:
// built-in classes by qualified name (`System.ListException`), classes of
// an anonymous block by their simple name, inner classes as `Outer.Inner`.
std::string className(const sema::ClassSymbol* cls) {
  if (!cls) return "Object";
  if (cls->isBuiltin) return cls->qualifiedName.empty() ? cls->name : cls->qualifiedName;
  if (cls->outer && !cls->outer->isTopLevelAnonymous) return className(cls->outer) + "." + cls->name;
  return cls->name;
}

enum class Mode { Debug, ValueOf };

class Printer {
 public:
  Printer(Interp& vm, Mode mode) : vm_(vm), mode_(mode) {}

  void print(const Value& v, std::string& out, int depth) {
    switch (v.tag()) {
      case Tag::Null: out += "null"; return;
      case Tag::Boolean: out += v.asBool() ? "true" : "false"; return;
      case Tag::Integer: out += std::to_string(v.asInt()); return;
      case Tag::Long: out += std::to_string(v.asLong()); return;
      case Tag::Double: out += formatDouble(v.asDouble()); return;
      case Tag::Decimal: out += v.as<DecimalObj>()->number.toString(); return;
      case Tag::String:
      case Tag::Id: out += v.as<StringObj>()->text; return;
      case Tag::Blob: out += "Blob[" + std::to_string(v.as<BlobObj>()->bytes.size()) + "]"; return;
      case Tag::Date: {
        Date d = Date::fromDaysSinceEpoch(v.asDate());
        out += mode_ == Mode::Debug ? d.toDebugString() : d.toApexString();
        return;
      }
      case Tag::Datetime: {
        Datetime d = Datetime::fromEpochMillis(v.asDatetime());
        // GMT in both: string concatenation prints GMT as System.debug does;
        // String.valueOf(Datetime) (stdlib/datetime.cpp) is the local form.
        out += mode_ == Mode::Debug ? d.toDebugString() : d.toApexString(0);
        return;
      }
      case Tag::Time: out += Time::fromMillisOfDay(v.asTime()).toDebugString(); return;
      case Tag::Enum: {
        const sema::ClassSymbol* cls = v.enumClass();
        if (cls && v.enumOrdinal() < cls->enumConstants.size()) out += cls->enumConstants[v.enumOrdinal()];
        return;
      }
      case Tag::List: {
        if (depth > kMaxDepth) { out += "(...)"; return; }
        out += '(';
        printItems(v.as<ListObj>()->items, out, depth);
        out += ')';
        return;
      }
      case Tag::Set: {
        if (depth > kMaxDepth) { out += "{...}"; return; }
        out += '{';
        printItems(v.as<SetObj>()->table.keys(), out, depth);
        out += '}';
        return;
      }
      case Tag::Map: {
        if (depth > kMaxDepth) { out += "{...}"; return; }
        const OrderedTable& t = v.as<MapObj>()->table;
        out += '{';
        for (size_t i = 0; i < t.size(); ++i) {
          if (i > 0) out += ", ";
          print(t.keys()[i], out, depth + 1);
          out += '=';
          print(t.values()[i], out, depth + 1);
        }
        out += '}';
        return;
      }
      case Tag::Instance: printInstance(v, out, depth); return;
      case Tag::TypeRef: {
        const sema::Type* t = v.as<TypeRefObj>()->type;
        out += t ? t->name : "null";
        return;
      }
    }
  }

 private:
  void printItems(const std::vector<Value>& items, std::string& out, int depth) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      print(items[i], out, depth + 1);
    }
  }

  void printInstance(const Value& v, std::string& out, int depth) {
    InstanceObj* o = v.as<InstanceObj>();
    if (depth > kMaxDepth) {
      out += className(o->cls) + ":[...]";
      return;
    }
    Value result;
    if (vm_.callOverride(v, "tostring", nullptr, 0, &result)) {
      if (result.isNull()) out += "null";
      else print(result, out, depth + 1);
      return;
    }
    if (o->native) {
      out += o->native->toString();
      return;
    }
    if (o->exception) {
      // Apex: Exception.toString() — `System.ListException: message`; an
      // exception made without a message reads `Script-thrown exception`.
      out += className(o->cls);
      out += ": ";
      const Value& msg = o->exception->message;
      if (msg.isNull()) out += "Script-thrown exception";
      else print(msg, out, depth + 1);
      return;
    }
    out += className(o->cls);
    out += ":[";
    const auto& fields = o->cls ? o->cls->instanceFields : std::vector<const sema::FieldSymbol*>{};
    bool first = true;
    for (const sema::FieldSymbol* f : fields) {
      if (!f || f->slot < 0 || size_t(f->slot) >= o->fields.size()) continue;
      if (!first) out += ", ";
      first = false;
      out += f->name;
      out += '=';
      const Value& fv = o->fields[size_t(f->slot)];
      if (fv.tag() == Tag::Instance && fv.asObj() == o) out += className(o->cls) + ":[...]";
      else print(fv, out, depth + 1);
    }
    out += ']';
  }

  Interp& vm_;
  Mode mode_;
};

}  // namespace

std::string Interp::debugString(const Value& v) {
  std::string out;
  Printer(*this, Mode::Debug).print(v, out, 0);
  return out;
}

std::string Interp::stringValueOf(const Value& v) {
  std::string out;
  Printer(*this, Mode::ValueOf).print(v, out, 0);
  return out;
}

std::string Interp::runtimeTypeName(const Value& v) {
  switch (v.tag()) {
    case Tag::Null: return "null";
    case Tag::Boolean: return "Boolean";
    case Tag::Integer: return "Integer";
    case Tag::Long: return "Long";
    case Tag::Double: return "Double";
    case Tag::Decimal: return "Decimal";
    case Tag::String: return "String";
    case Tag::Id: return "Id";
    case Tag::Blob: return "Blob";
    case Tag::Date: return "Date";
    case Tag::Datetime: return "Datetime";
    case Tag::Time: return "Time";
    case Tag::Enum: return className(v.enumClass());
    case Tag::List: {
      const sema::Type* t = v.as<ListObj>()->type;
      return t ? t->name : "List<Object>";
    }
    case Tag::Set: {
      const sema::Type* t = v.as<SetObj>()->type;
      return t ? t->name : "Set<Object>";
    }
    case Tag::Map: {
      const sema::Type* t = v.as<MapObj>()->type;
      return t ? t->name : "Map<Object,Object>";
    }
    case Tag::Instance: return className(v.as<InstanceObj>()->cls);
    case Tag::TypeRef: return "System.Type";
  }
  return "Object";
}

}  // namespace apex::interp
