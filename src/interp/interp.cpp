#include "interp/interp.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/record_id.h"
#include "interp/errors.h"
#include "interp/eval.h"
#include "interp/heap_costs.h"
#include "interp/value_kinds.h"
#include "sema/program.h"

namespace apex::interp {

using sema::Type;
using sema::TypeKind;

namespace {

// Room for the deepest legal call chain with generous frames.
constexpr size_t kValueStackSlots = 1 << 18;

}  // namespace

ValueStack::ValueStack(size_t capacity)
    : capacity_(capacity),
      storage_(static_cast<Value*>(::operator new(capacity * sizeof(Value)))),
      slots_(storage_.get()) {}

void ValueStack::clear() {
  for (size_t i = 0; i < constructed_; ++i) slots_[i].~Value();
  constructed_ = 0;
}

Interp::Interp(sema::Program& program, LogPort& log)
    : program_(program), log_(log), valueStack_(kValueStackSlots) {
  frames_.reserve(size_t(limits_.max(Limit::StackDepth)) + 8);
  statics_.resize(size_t(program.staticSlots));
  classInitialized_.resize(size_t(program.lazyClassCount));
  evaluator_ = std::make_unique<Evaluator>(*this);
}

// Values outside the heap go first, so that freeing the heap finds no
// reference to an object it already freed.
Interp::~Interp() {
  evaluator_.reset();
  calloutMock_ = Value();
  webServiceMock_ = Value();
  asyncQueue_.clear();
  eventBus_ = EventBusState();
  statics_.clear();
  valueStack_.clear();
  heap_.freeAll();
}

void Interp::runAnonymous() {
  limits_.start();
  evaluator_->runStaticInitializers();
  evaluator_->runAnonymousBody(*program_.anonymous->body, program_.bodyLocals);
}

// Apex Developer Guide, "Triggers": each invocation is a code unit of the
// debug log, named after the trigger, its object and the event.
void Interp::runTrigger(const sema::TriggerSymbol& trigger, const TriggerContext& context) {
  std::string name = trigger.name + " on " + trigger.object->name + " trigger event " +
                     std::string(sema::triggerEventName(context.event)) + "|__sfdc_trigger/" + trigger.name;
  log_.codeUnitStarted(trigger.id, name);
  triggerContexts_.push_back(&context);
  struct Finish {  // by an exception too
    Interp& vm;
    const std::string& name;
    ~Finish() {
      vm.triggerContexts_.pop_back();
      vm.log_.codeUnitFinished(name);
    }
  } finish{*this, name};
  evaluator_->runTriggerBody(trigger);
}

Value Interp::runEntryPoint(const sema::MethodSymbol& method, const Value* args, int argc) {
  limits_.start();
  evaluator_->runStaticInitializers();
  evaluator_->initialize(method.owner);
  return evaluator_->call(method, Value(), args, argc);
}

// Apex Reference: Test Class — startTest(), stopTest(). Each may be called
// once per test method.
void Interp::startTest() {
  if (testPhase_ != TestPhase::Before) raise(errors::TestingAlreadyStarted);
  testPhase_ = TestPhase::Started;
  limitsBeforeStart_ = limits_;
  limits_ = Limits();
  uncommittedWork_ = false;
}

void Interp::stopTest() {
  if (testPhase_ == TestPhase::Stopped) raise(errors::TestingAlreadyStopped);
  if (testPhase_ == TestPhase::Before) raise(errors::TestingNotStarted);
  testPhase_ = TestPhase::Stopped;
  int64_t insideNanos = limits_.cpuNanosUsed();
  limits_ = limitsBeforeStart_;
  limits_.discountCpu(insideNanos);
}

std::string Interp::describeException(const Value& e) {
  const auto* obj = e.as<InstanceObj>();
  std::string text = obj->cls->qualifiedName;
  const Value& message = obj->exception->message;
  if (!message.isNull()) text += ": " + stringValueOf(message);
  return text;
}

sema::TypeTable& Interp::types() { return program_.types; }

// ------------------------------------------------------------------ values

void Interp::checkHeap() {
  if (heap_.bytesInUse() > size_t(limits_.max(Limit::HeapSize)) && !raisingLimit_) {
    raisingLimit_ = true;
    raiseLimit(Limit::HeapSize, int64_t(heap_.bytesInUse()));
  }
}

void Interp::checkHeapFor(size_t bytes) {
  size_t total = heap_.bytesInUse() + bytes;
  if (total > size_t(limits_.max(Limit::HeapSize))) raiseLimit(Limit::HeapSize, int64_t(total));
}

void Interp::resized(Obj* o, size_t bytes) {
  heap_.resize(o, bytes);
  checkHeap();
}

Value Interp::makeString(std::string text) {
  size_t bytes = heap_costs::string(text);
  Value v = Value::object(Tag::String, heap_.make<StringObj>(bytes, std::move(text)));
  checkHeap();
  return v;
}

Value Interp::makeId(std::string text) {
  size_t bytes = heap_costs::string(text);
  return Value::object(Tag::Id, heap_.make<StringObj>(bytes, std::move(text)));
}

Value Interp::makeDecimal(Decimal number) {
  Value v = Value::object(Tag::Decimal, heap_.make<DecimalObj>(heap_costs::kDecimal, std::move(number)));
  checkHeap();
  return v;
}

Value Interp::makeNativeInstance(std::string_view className, std::unique_ptr<NativeState> state, size_t bytes) {
  const sema::ClassSymbol* cls = program_.findClass(className);
  auto* obj = heap_.make<InstanceObj>(bytes, cls, size_t(0));
  obj->native = std::move(state);
  Value v = Value::object(Tag::Instance, obj);
  checkHeap();
  return v;
}

Value Interp::makeBlob(std::string bytes) {
  size_t size = heap_costs::blob(bytes.size());
  Value v = Value::object(Tag::Blob, heap_.make<BlobObj>(size, std::move(bytes)));
  checkHeap();
  return v;
}

Value Interp::makeList(const Type* listType, std::vector<Value> items) {
  size_t bytes = heap_costs::list(listType, items.size());
  auto* list = heap_.make<ListObj>(bytes, listType);
  list->items = std::move(items);
  Value v = Value::object(Tag::List, list);
  checkHeap();
  return v;
}

Value Interp::makeSObject(const sema::SObjectType& type) {
  Value v = Value::object(Tag::SObject, heap_.make<SObjectObj>(heap_costs::instance(0), &type));
  checkHeap();
  return v;
}

Value Interp::makeSet(const Type* setType) {
  return Value::object(Tag::Set, heap_.make<SetObj>(heap_costs::table(0, false), setType, this));
}

Value Interp::makeMap(const Type* mapType) {
  return Value::object(Tag::Map, heap_.make<MapObj>(heap_costs::table(0, true), mapType, this));
}

Value Interp::copyCollection(const Type* type, const Value& source) {
  std::vector<Value> items;
  if (source.tag() == Tag::List) items = source.as<ListObj>()->items;
  else if (source.tag() == Tag::Set) items = source.as<SetObj>()->table.keys();
  switch (type->kind) {
    case TypeKind::List: return makeList(type, std::move(items));
    case TypeKind::Set: {
      Value set = makeSet(type);
      for (Value& item : items) set.as<SetObj>()->table.add(item);
      resized(set.asObj(), kindOf(Tag::Set).heapBytes(set));
      return set;
    }
    default: {
      Value map = makeMap(type);
      if (source.tag() == Tag::Map) {
        const OrderedTable& from = source.as<MapObj>()->table;
        for (size_t i = 0; i < from.size(); ++i) map.as<MapObj>()->table.put(from.keys()[i], from.values()[i]);
      }
      putRecordsById(map, items);
      resized(map.asObj(), kindOf(Tag::Map).heapBytes(map));
      return map;
    }
  }
}

// Apex Reference, Map Class: Map<ID, sObject>(recordList) keys each record
// by its Id; a later record of the same Id replaces an earlier one.
void Interp::putRecordsById(const Value& map, const std::vector<Value>& records) {
  for (size_t i = 0; i < records.size(); ++i) {
    const Value& record = records[i];
    if (record.isNull()) raiseNullPointer();
    Value id = readSObjectField(record, *idField(record));
    if (id.isNull()) raise(errors::RowWithNullId, int(i));
    map.as<MapObj>()->table.put(id, record);
  }
}

// Apex Developer Guide, "Rules of Conversion": Integer, Long, Double and
// Decimal convert into each other; narrowing truncates as Java's casts do.
Value Interp::convertNumber(const Value& v, TypeKind to) {
  switch (v.tag()) {
    case Tag::Integer:
    case Tag::Long: {
      int64_t n = v.tag() == Tag::Integer ? v.asInt() : v.asLong();
      switch (to) {
        case TypeKind::Integer: return Value::integer(int32_t(uint32_t(uint64_t(n))));
        case TypeKind::Long: return Value::longValue(n);
        case TypeKind::Double: return Value::doubleValue(double(n));
        default: return makeDecimal(Decimal::fromInt64(n));
      }
    }
    case Tag::Double: {
      double d = v.asDouble();
      switch (to) {
        case TypeKind::Integer: {
          if (std::isnan(d)) return Value::integer(0);
          double clamped = std::clamp(d, double(std::numeric_limits<int32_t>::min()),
                                      double(std::numeric_limits<int32_t>::max()));
          return Value::integer(int32_t(clamped));
        }
        case TypeKind::Long: {
          if (std::isnan(d)) return Value::longValue(0);
          if (d >= 9.2233720368547758e18) return Value::longValue(std::numeric_limits<int64_t>::max());
          if (d <= -9.2233720368547758e18) return Value::longValue(std::numeric_limits<int64_t>::min());
          return Value::longValue(int64_t(d));
        }
        case TypeKind::Double: return v;
        default: {
          std::optional<Decimal> dec = Decimal::fromDouble(d);
          if (!dec) raise(errors::InvalidConversion, "Double", "Decimal");
          return makeDecimal(std::move(*dec));
        }
      }
    }
    case Tag::Decimal: {
      const Decimal& d = v.as<DecimalObj>()->number;
      switch (to) {
        case TypeKind::Integer: return Value::integer(d.intValue());
        case TypeKind::Long: return Value::longValue(d.toInt64Truncated());
        case TypeKind::Double: return Value::doubleValue(d.toDouble());
        default: return v;
      }
    }
    default: return Value();
  }
}

// Apex Reference: Id Class — a String converts to an Id only when it is a
// valid 15- or 18-character Id; 15-character Ids widen to 18.
Value Interp::makeIdChecked(const std::string& text) {
  if (!looksLikeId(text)) raise(errors::InvalidId, text);
  return makeId(toEighteen(text));
}

// Date + Integer adds days; Datetime + a number adds (fractional) days.
Value Interp::addToTemporal(const Value& l, const Value& r, bool subtract) {
  if (l.isNull() || r.isNull()) raiseNullPointer();
  Value days = convertNumber(r, TypeKind::Double);
  double amount = subtract ? -days.asDouble() : days.asDouble();
  if (l.tag() == Tag::Date) return Value::date(l.asDate() + int32_t(amount));
  if (l.tag() == Tag::Datetime) return Value::datetime(l.asDatetime() + int64_t(std::llround(amount * 86400000.0)));
  raise(errors::ArithmeticNeedsNumbers);
}

int Interp::compareStringsIgnoreCase(const Value& l, const Value& r) {
  const std::string& a = l.as<StringObj>()->text;
  const std::string& b = r.as<StringObj>()->text;
  return text::foldCase(a).compare(text::foldCase(b));
}

namespace {

// A List<SObject> whose records are all of one object (or null) is a list
// of that object too: `(List<Account>) genericList` succeeds, as on the
// platform.
bool genericRecordsFit(const ListObj& list, const Type* want) {
  const Type* have = list.type->element;
  if (have->kind != TypeKind::SObject || have->sobject || want->kind != TypeKind::SObject || !want->sobject)
    return false;
  return std::all_of(list.items.begin(), list.items.end(), [&](const Value& item) {
    return item.isNull() || (item.tag() == Tag::SObject && item.as<SObjectObj>()->type == want->sobject);
  });
}

}  // namespace

bool Interp::isInstanceOf(const Value& v, const Type* type) {
  if (v.isNull()) return false;
  auto sameElements = [](const Type* have, const Type* want) {
    if (have == want || want->kind == TypeKind::Object) return true;
    if (have->kind == TypeKind::SObject && want->kind == TypeKind::SObject) return !want->sobject;
    return have->kind == TypeKind::Class && want->kind == TypeKind::Class && have->cls->isSubclassOf(want->cls);
  };
  switch (type->kind) {
    case TypeKind::Object:
    case TypeKind::Dynamic: return true;
    case TypeKind::Boolean: return v.tag() == Tag::Boolean;
    // An Integer is also a Long, Double and Decimal; a Long is no Integer.
    case TypeKind::Integer: return v.tag() == Tag::Integer;
    case TypeKind::Long: return v.tag() == Tag::Integer || v.tag() == Tag::Long;
    case TypeKind::Double:
    case TypeKind::Decimal:
      return v.tag() == Tag::Integer || v.tag() == Tag::Long || v.tag() == Tag::Double || v.tag() == Tag::Decimal;
    case TypeKind::String: return v.tag() == Tag::String || v.tag() == Tag::Id;
    case TypeKind::Id: return v.tag() == Tag::Id;
    case TypeKind::Blob: return v.tag() == Tag::Blob;
    case TypeKind::Date: return v.tag() == Tag::Date;
    // A Date is also a Datetime (its midnight GMT), as for the compiler.
    case TypeKind::Datetime: return v.tag() == Tag::Datetime || v.tag() == Tag::Date;
    case TypeKind::Time: return v.tag() == Tag::Time;
    case TypeKind::List:
      return v.tag() == Tag::List && (sameElements(v.as<ListObj>()->type->element, type->element) ||
                                      genericRecordsFit(*v.as<ListObj>(), type->element));
    case TypeKind::Set: return v.tag() == Tag::Set && sameElements(v.as<SetObj>()->type->element, type->element);
    case TypeKind::Map:
      return v.tag() == Tag::Map && v.as<MapObj>()->type->element == type->element &&
             sameElements(v.as<MapObj>()->type->value, type->value);
    case TypeKind::Class:
      if (v.tag() == Tag::Instance) return v.as<InstanceObj>()->cls->isSubclassOf(type->cls);
      if (v.tag() == Tag::Enum) return v.enumClass() == type->cls;
      if (v.tag() == Tag::TypeRef) return type->cls->qualifiedName == "System.Type";
      if (v.tag() == Tag::SchemaObject || v.tag() == Tag::SchemaField)
        return kindOf(v.tag()).runtimeTypeName(v) == type->cls->qualifiedName;
      return false;
    // A record is an SObject, and an instance of its own object's type.
    case TypeKind::SObject:
      return v.tag() == Tag::SObject && (!type->sobject || v.as<SObjectObj>()->type == type->sobject);
    default: return false;
  }
}

bool Interp::callOverride(const Value& self, std::string_view name, Value* args, int argc, Value* result) {
  if (self.tag() != Tag::Instance) return false;
  const sema::ClassSymbol* cls = self.as<InstanceObj>()->cls;
  for (const sema::MethodSymbol* m : cls->vtable) {
    if (int(m->params.size()) != argc || !text::equalsIgnoreAsciiCase(m->name, name)) continue;
    if (cls->stubbedClass && isStubbed(*m)) {
      *result = callStub(self, *m, args, argc);
      return true;
    }
    if (m->body) {
      *result = evaluator_->call(*m, self, args, argc);
      return true;
    }
  }
  return false;
}

namespace {

bool mentionsTypeParam(const sema::Type* t) {
  return t && (t->kind == TypeKind::TypeParam || mentionsTypeParam(t->element) || mentionsTypeParam(t->value));
}

bool implements(const sema::MethodSymbol& m, const sema::MethodSymbol& abstract) {
  if (!m.body || m.params.size() != abstract.params.size() || !text::equalsIgnoreCase(m.name, abstract.name))
    return false;
  for (size_t i = 0; i < m.params.size(); ++i) {
    const sema::Type* wanted = abstract.params[i];
    if (!mentionsTypeParam(wanted) && m.params[i] != wanted) return false;
  }
  return true;
}

}  // namespace

Value Interp::callInterfaceMethod(const Value& self, const sema::ClassSymbol& iface, std::string_view name, Value* args,
                                  int argc) {
  if (self.tag() != Tag::Instance) raiseNullPointer();
  const sema::ClassSymbol* cls = self.as<InstanceObj>()->cls;
  Value stubbed;
  if (cls->stubbedClass && callOverride(self, name, args, argc, &stubbed)) return stubbed;
  for (const auto& abstract : iface.ownMethods) {
    if (!text::equalsIgnoreCase(abstract->name, name) || int(abstract->params.size()) != argc) continue;
    for (const sema::MethodSymbol* m : cls->vtable)
      if (implements(*m, *abstract)) return evaluator_->call(*m, self, args, argc);
  }
  raise(errors::MethodNotImplemented, name);
}

Value Interp::callMethod(const sema::MethodSymbol& m, const Value& self, const Value* args, int argc) {
  evaluator_->initialize(m.owner);
  return evaluator_->call(m, self, args, argc);
}

const sema::ClassSymbol* Interp::findClass(std::string_view name) const { return program_.findClass(name); }

Value Interp::newInstance(const sema::ClassSymbol& cls, const sema::MethodSymbol* ctor, bool construct) {
  if (construct) return evaluator_->instantiate(cls, ctor, nullptr, 0);
  Value v = Value::object(Tag::Instance, heap_.make<InstanceObj>(heap_costs::instance(cls.instanceFields.size()), &cls,
                                                                 cls.instanceFields.size()));
  checkHeap();
  return v;
}

Value Interp::readField(const Value& self, const sema::FieldSymbol& f) {
  if (f.getter) return evaluator_->call(*f.getter, self, nullptr, 0);
  return self.as<InstanceObj>()->fields[size_t(f.slot)];
}

void Interp::writeField(const Value& self, const sema::FieldSymbol& f, Value v) {
  if (f.setter) evaluator_->call(*f.setter, self, &v, 1);
  else self.as<InstanceObj>()->fields[size_t(f.slot)] = std::move(v);
}

Value Interp::readStatic(const sema::FieldSymbol& f) {
  evaluator_->initialize(f.owner);
  return statics_[size_t(f.slot)];
}

void Interp::writeStatic(const sema::FieldSymbol& f, Value v) {
  evaluator_->initialize(f.owner);
  statics_[size_t(f.slot)] = std::move(v);
}

// ------------------------------------------------------------------ errors

Value Interp::makeException(const sema::ClassSymbol* cls, std::string_view message) {
  auto* obj = heap_.make<InstanceObj>(heap_costs::instance(cls->instanceFields.size()), cls, cls->instanceFields.size());
  Value e = Value::object(Tag::Instance, obj);
  obj->exception = new ExceptionData();
  obj->exception->message = makeString(std::string(message));
  obj->exception->line = currentLine();
  obj->exception->column = currentColumn();
  obj->exception->stackTrace = stackTrace();
  return e;
}

void Interp::raiseException(sema::SystemException type, std::string_view message) {
  Value e = makeException(program_.systemException(type), message);
  log_.exceptionThrown(currentLine(), debugString(e));
  throw ApexThrow{std::move(e)};
}

void Interp::raiseDmlException(std::string_view message, std::vector<DmlFailure> failures) {
  Value e = makeException(program_.systemException(sema::SystemException::DmlException), message);
  e.as<InstanceObj>()->exception->dmlFailures = std::move(failures);
  log_.exceptionThrown(currentLine(), debugString(e));
  throw ApexThrow{std::move(e)};
}

void Interp::raiseNullPointer() { raise(errors::NullPointer); }

int64_t Interp::limitUsed(Limit limit) const {
  switch (limit) {
    case Limit::CpuTime: return limits_.cpuMillisUsed();
    case Limit::HeapSize: return int64_t(heap_.bytesInUse());
    default: return limits_.count(limit);
  }
}

LimitUsage Interp::cumulativeUsage() const {
  LimitUsage usage{};
  for (const LimitSpec& spec : kLimitTable) usage[size_t(spec.limit)] = limitUsed(spec.limit);
  usage[size_t(Limit::HeapSize)] = int64_t(heap_.peakBytes());
  return usage;
}

// The platform counts rows one by one, so the message names the first one
// over the maximum (`Too many query rows: 50001`) however many came.
void Interp::useLimit(Limit limit, int64_t amount) {
  limits_.add(limit, amount);
  if (limits_.count(limit) > limits_.max(limit)) raiseLimit(limit);
}

void Interp::raiseLimit(Limit limit) { raiseLimit(limit, limits_.max(limit) + 1); }

void Interp::raiseLimit(Limit limit, int64_t value) {
  raise(errors::LimitExceeded, limitExceeded(limit, value));
}

// ----------------------------------------------------------------- context

int Interp::currentLine() const { return frames_.empty() ? 0 : frames_.back().statement.line; }

int Interp::currentColumn() const { return frames_.empty() ? 0 : frames_.back().statement.column; }

namespace {

// How a stack trace names a frame: `AnonymousBlock` for the block and its
// local classes, `Class.Outer.Inner.method` for a project class (`<init>`
// for constructors, `<clinit>` for static initializers).
std::string frameName(const Frame& f) {
  if (f.trigger) return "Trigger." + f.trigger->name;
  const sema::MethodSymbol* m = f.method;
  if (!m || !m->owner->isProjectClass) return "AnonymousBlock";
  std::string name = m->name == "<ctor>" ? "<init>" : m->name;
  if (m->accessorOf) name = m->accessorOf->name;
  return "Class." + m->owner->qualifiedName + "." + name;
}

}  // namespace

std::string Interp::stackTrace() const {
  std::string trace;
  for (auto f = frames_.rbegin(); f != frames_.rend(); ++f) {
    if (!trace.empty()) trace += '\n';
    trace += frameName(*f) + ": line " + std::to_string(f->statement.line) + ", column " +
             std::to_string(f->statement.column);
  }
  return trace;
}

}  // namespace apex::interp
