// DML (see dml.h). A run checks every record first, then saves the ones
// that passed: with allOrNone the first failure throws a DmlException
// before anything is saved, as the platform rolls the whole operation back.
#include "interp/dml.h"

#include <chrono>
#include <map>
#include <unordered_set>

#include "base/temporal.h"
#include "base/text.h"
#include "base/zones.h"
#include "interp/formula_eval.h"
#include "interp/interp.h"
#include "interp/value_kinds.h"
#include "sema/program.h"
#include "sema/schema.h"

namespace apex::interp {

Value fieldDefault(Interp& vm, const sema::SObjectField& field, const SObjectObj& record) {
  using sema::FieldType;
  if (field.defaultValue.kind == sema::DefaultValue::Kind::Formula) {
    FormulaScope scope{&record, nullptr, false};
    std::string owner = "the default value of " + record.type->name + "." + field.name;
    return formulaResultAs(vm, field, evaluateFormula(vm, field.defaultValue.text, scope, owner));
  }
  if (field.name == "RecordTypeId") {
    const sema::RecordTypeInfo* recordType = record.type->defaultRecordType();
    return recordType ? vm.makeId(recordType->id) : Value();
  }
  const std::string& text = field.defaultValue.text;
  bool literal = field.defaultValue.kind == sema::DefaultValue::Kind::Literal;
  if (field.type == FieldType::Boolean) return Value::boolean(literal && text::equalsIgnoreAsciiCase(text, "true"));
  for (const sema::PicklistValue& p : field.picklistValues)
    if (p.isDefault) return vm.makeString(p.value);
  if (!literal) return Value();
  if (sema::isTextType(field.type)) return vm.makeString(text);
  if (auto number = Decimal::parse(text)) return vm.toFieldValue(field, vm.makeDecimal(*number));
  return Value();
}

namespace {

using sema::FieldType;
using sema::SObjectField;
using sema::SObjectType;

std::string_view verb(ast::DmlOp op) {
  switch (op) {
    case ast::DmlOp::Insert: return "Insert";
    case ast::DmlOp::Update: return "Update";
    case ast::DmlOp::Upsert: return "Upsert";
    case ast::DmlOp::Delete: return "Delete";
    case ast::DmlOp::Undelete: return "Undelete";
    case ast::DmlOp::Merge: return "Merge";
  }
  return "";
}

const std::string& textOf(const Value& v) { return v.as<StringObj>()->text; }

bool inPicklist(const SObjectField& field, std::string_view value) {
  for (const sema::PicklistValue& p : field.picklistValues)
    if (p.active && p.value == value) return true;
  return false;
}

std::string label(const SObjectField& field) { return field.label.empty() ? field.name : field.label; }

// The fields the platform sets on save, never the caller.
bool isSystemAudit(const SObjectField& field) {
  return sema::isAuditField(field) || text::equalsIgnoreAsciiCase(field.name, "IsDeleted") ||
         text::equalsIgnoreAsciiCase(field.name, "Id");
}

// `{0000}` is the number with at least that many digits, `{YY}`, `{YYYY}`,
// `{MM}` and `{DD}` the date's parts; the rest is written as it is.
std::string autoNumberText(std::string_view format, int64_t number, const Date& date) {
  auto padded = [](int64_t n, size_t width) {
    std::string digits = std::to_string(n);
    return digits.size() < width ? std::string(width - digits.size(), '0') + digits : digits;
  };
  std::string out;
  size_t pos = 0;
  while (pos < format.size()) {
    size_t open = format.find('{', pos);
    size_t close = open == std::string_view::npos ? open : format.find('}', open);
    if (close == std::string_view::npos) break;
    out += format.substr(pos, open - pos);
    std::string_view token = format.substr(open + 1, close - open - 1);
    if (!token.empty() && token.find_first_not_of('0') == std::string_view::npos) out += padded(number, token.size());
    else if (token == "YYYY") out += padded(date.year(), 4);
    else if (token == "YY") out += padded(date.year() % 100, 2);
    else if (token == "MM") out += padded(date.month(), 2);
    else if (token == "DD") out += padded(date.day(), 2);
    else out += format.substr(open, close - open + 1);
    pos = close + 1;
  }
  out += format.substr(pos);
  return out;
}

class DmlRun {
 public:
  DmlRun(Interp& vm, const DmlRequest& request)
      : vm_(vm), request_(request), results_(request.targets.size()), now_(Datetime::nowMillis()) {}

  std::vector<DmlRowResult> run() {
    countLimits();
    DataStorePort* store = vm_.dataStore();
    if (!store) vm_.raise(errors::DmlNotAvailable);
    store_ = store;
    auto groups = rowsByType();
    rejectCustomMetadata(groups);
    int line = vm_.currentLine();
    vm_.log().dmlBegin(line, verb(request_.op), groups.empty() ? "SObject" : groups.front().first->name,
                       int64_t(request_.targets.size()));
    // All or none across objects too: a failure in a later object's records
    // undoes the earlier ones'.
    int64_t before = store->savepoint();
    for (auto& [type, rows] : groups) runGroup(*type, rows);
    vm_.log().dmlEnd(line);
    if (request_.allOrNone && anyFailed()) {
      store->rollbackTo(before);
      for (size_t row = 0; row < results_.size(); ++row) forgetSave(row);
      throwFirstFailure();
    }
    return std::move(results_);
  }

 private:
  // Apex Developer Guide, "Execution Governors and Limits": every DML
  // statement or Database method counts once, and each record it names.
  void countLimits() {
    vm_.useLimit(Limit::DmlStatements);
    vm_.useLimit(Limit::DmlRows, int64_t(request_.targets.size() + request_.duplicates.size()));
  }

  // A list may mix objects; each object's records are saved together, in
  // the order the objects first appear.
  std::vector<std::pair<const SObjectType*, std::vector<size_t>>> rowsByType() {
    std::vector<std::pair<const SObjectType*, std::vector<size_t>>> groups;
    for (size_t i = 0; i < request_.targets.size(); ++i) {
      const SObjectType* type = typeOf(request_.targets[i]);
      auto found = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == type; });
      if (found == groups.end()) groups.push_back({type, {i}});
      else found->second.push_back(i);
    }
    return groups;
  }

  // Custom metadata records are metadata: Apex reads them but never saves
  // them (they deploy through the Metadata API).
  void rejectCustomMetadata(const std::vector<std::pair<const SObjectType*, std::vector<size_t>>>& groups) {
    for (const auto& group : groups)
      if (group.first->kind == sema::ObjectKind::CustomMetadata)
        vm_.raise(errors::DmlOnCustomMetadata, text::toUpperCase(verb(request_.op)), group.first->name);
  }

  // A record's object; a bare Id's (delete, undelete) by its key prefix.
  const SObjectType* typeOf(const Value& target) {
    if (target.isNull()) vm_.raiseNullPointer();
    if (target.tag() == Tag::SObject) return target.as<SObjectObj>()->type;
    const std::string& id = textOf(target);
    const SObjectType* type = vm_.schema().objectByKeyPrefix(id.substr(0, 3));
    if (!type) vm_.raise(errors::InvalidId, id);
    return type;
  }

  // Apex Developer Guide, "Bulk DML Exception Handling": with allOrNone
  // false, when an after trigger fails some records the platform rolls the
  // operation back and saves the others again, running their triggers again.
  void runGroup(const SObjectType& type, const std::vector<size_t>& rows) {
    if (request_.allOrNone) return runOperation(type, rows);
    int64_t mark = store_->savepoint();
    std::vector<size_t> pending = rows;
    while (!pending.empty()) {
      failedAfterSave_ = false;
      runOperation(type, pending);
      if (!failedAfterSave_) return;
      store_->rollbackTo(mark);
      std::vector<size_t> saved;
      for (size_t row : pending) {
        if (failed(row)) continue;
        forgetSave(row);
        saved.push_back(row);
      }
      pending = std::move(saved);
    }
  }

  // A row whose save was undone: its result and the caller's record lose
  // the Id an insert gave them.
  void forgetSave(size_t row) {
    DmlRowResult& result = results_[row];
    if (result.created && request_.targets[row].tag() == Tag::SObject) {
      const Value& record = request_.targets[row];
      vm_.writeSObjectField(record, *record.as<SObjectObj>()->type->field("Id"), Value());
    }
    result.created = false;
    result.id.clear();
  }

  void runOperation(const SObjectType& type, const std::vector<size_t>& rows) {
    switch (request_.op) {
      case ast::DmlOp::Insert: insert(type, rows); break;
      case ast::DmlOp::Update: update(type, rows); break;
      case ast::DmlOp::Upsert: upsert(type, rows); break;
      case ast::DmlOp::Delete: setDeleted(type, rows, true); break;
      case ast::DmlOp::Undelete: setDeleted(type, rows, false); break;
      case ast::DmlOp::Merge: merge(type, rows.front()); break;
    }
  }

  // ---- checks shared by insert and update

  void fail(size_t row, dml::RowError error) { results_[row].errors.push_back(std::move(error)); }
  bool failed(size_t row) const { return !results_[row].errors.empty(); }

  // SObject.addError: FIELD_CUSTOM_VALIDATION_EXCEPTION with the message.
  void checkAddedErrors(size_t row, const SObjectObj& record) {
    for (const SObjectObj::Error& e : record.errors) fail(row, dml::rowError(dml::CustomValidation, e.fields, e.message));
  }

  void checkValue(size_t row, const SObjectField& field, const Value& v) {
    if (v.isNull() || !sema::isTextType(field.type) || (v.tag() != Tag::String && v.tag() != Tag::Id)) return;
    const std::string& text = textOf(v);
    if (field.length > 0 && text::codePointCount(text) > size_t(field.length))
      fail(row, dml::rowError(dml::StringTooLong, {field.name}, label(field), text, field.length));
    else if (field.type == FieldType::Email && !text::isEmailAddress(text))
      fail(row, dml::rowError(dml::InvalidEmail, {field.name}, label(field), text));
    else if (field.restrictedPicklist && !field.picklistValues.empty()) checkPicklist(row, field, text);
  }

  void checkPicklist(size_t row, const SObjectField& field, const std::string& text) {
    if (field.type != FieldType::MultiPicklist) {
      if (!inPicklist(field, text)) fail(row, dml::rowError(dml::BadRestrictedPicklist, {field.name}, label(field), text));
      return;
    }
    // A multi-select value is its choices joined by ';'.
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = std::min(text.find(';', start), text.size());
      std::string part = text.substr(start, end - start);
      if (!inPicklist(field, part)) {
        fail(row, dml::rowError(dml::BadRestrictedPicklist, {field.name}, label(field), part));
        return;
      }
      start = end + 1;
    }
  }

  // A reference holds the Id of a record of one of the objects it refers to,
  // and that record exists.
  void checkReferences(const std::vector<size_t>& rows, const std::vector<Value>& records) {
    for (size_t k = 0; k < rows.size(); ++k) {
      if (failed(rows[k])) continue;
      for (const SObjectObj::FieldValue& f : records[k].as<SObjectObj>()->fields) {
        if (!f.field->isReference() || f.value.isNull() || isSystemAudit(*f.field)) continue;
        checkReference(rows[k], *f.field, textOf(f.value));
      }
    }
  }

  void checkReference(size_t row, const SObjectField& field, const std::string& id) {
    const SObjectType* target = vm_.schema().objectByKeyPrefix(id.substr(0, 3));
    bool rightType = target && std::any_of(field.referenceTo.begin(), field.referenceTo.end(), [&](const std::string& n) {
                       return text::equalsIgnoreAsciiCase(n, target->name);
                     });
    if (!rightType) {
      fail(row, dml::rowError(dml::ReferenceOfWrongType, {field.name}, label(field), id));
      return;
    }
    std::vector<Value> found = store_->load(vm_, *target, std::span<const std::string>(&id, 1));
    if (found.empty() || isDeleted(found[0])) fail(row, dml::rowError(dml::InvalidCrossReference, {field.name}));
  }

  bool isDeleted(const Value& stored) {
    const SObjectField* flag = stored.as<SObjectObj>()->type->field("IsDeleted");
    const Value* v = flag ? stored.as<SObjectObj>()->find(flag) : nullptr;
    return v && v->tag() == Tag::Boolean && v->asBool();
  }

  // Unique and external Id fields take a value no other record has.
  void checkUnique(const SObjectType& type, const std::vector<size_t>& rows, const std::vector<Value>& records) {
    for (const SObjectField& field : type.fields()) {
      if (!field.unique) continue;
      for (size_t k = 0; k < rows.size(); ++k) {
        const Value* v = records[k].as<SObjectObj>()->find(&field);
        if (!v || v->isNull() || failed(rows[k])) continue;
        for (const auto& [value, id] : store_->findByField(vm_, type, field, std::span<const Value>(v, 1), false)) {
          if (id == recordId(records[k])) continue;
          fail(rows[k], dml::rowError(dml::DuplicateValue, {}, field.name, id));
          break;
        }
      }
    }
  }

  static std::string recordId(const Value& record) { return record.as<SObjectObj>()->idText(); }

  // Validation rules, after the platform's own checks (data-facts.md,
  // "Order of execution"): every active rule whose condition is true adds
  // its error. `prior` is the stored record on update, null on insert.
  void checkValidationRules(size_t row, const SObjectObj& record, const SObjectObj* prior) {
    for (const sema::ValidationRule& rule : record.type->validationRules) {
      if (!rule.active) continue;
      FormulaScope scope{&record, prior, false};
      std::string owner = "the validation rule " + record.type->name + "." + rule.fullName;
      Value result = evaluateFormula(vm_, rule.errorConditionFormula, scope, owner);
      if (result.tag() != Tag::Boolean || !result.asBool()) continue;
      std::vector<std::string> fields;
      if (!rule.errorDisplayField.empty()) fields.push_back(rule.errorDisplayField);
      fail(row, dml::rowError(dml::CustomValidation, std::move(fields), rule.errorMessage));
    }
  }

  // ---- triggers (Apex Developer Guide, "Triggers and Order of Execution")

  // A trigger runs on at most 200 records at a time, and inside at most 16
  // others (Apex Developer Guide, "Execution Governors and Limits": the
  // stack depth of triggers that fire each other through DML).
  static constexpr size_t kTriggerChunk = 200;
  static constexpr size_t kMaxTriggerDepth = 16;

  // Runs the object's triggers for `event`, in name order, on the rows of
  // `rows` that have not failed. `news` and `olds` are parallel to `rows`,
  // or empty where the event has no such records. An exception a trigger
  // does not catch fails the rows of its chunk; a limit ends the transaction.
  void fireTriggers(const SObjectType& type, sema::TriggerEvent event, const std::vector<size_t>& rows,
                    const std::vector<Value>& news, const std::vector<Value>& olds) {
    std::vector<const sema::TriggerSymbol*> triggers = vm_.program().triggersOn(type, event);
    if (triggers.empty()) return;
    std::vector<size_t> live;
    for (size_t k = 0; k < rows.size(); ++k)
      if (!failed(rows[k])) live.push_back(k);
    if (vm_.triggerDepth() >= kMaxTriggerDepth) {
      for (size_t k : live) fail(rows[k], dml::rowError(dml::TriggerDepthExceeded, {}, triggers.front()->name));
      return;
    }
    for (size_t start = 0; start < live.size(); start += kTriggerChunk) {
      std::vector<size_t> chunk(live.begin() + std::ptrdiff_t(start),
                                live.begin() + std::ptrdiff_t(std::min(live.size(), start + kTriggerChunk)));
      TriggerContext context = contextFor(type, event, chunk, news, olds);
      for (const sema::TriggerSymbol* trigger : triggers) {
        try {
          vm_.runTrigger(*trigger, context);
        } catch (const ApexThrow& thrown) {
          if (thrown.exception.as<InstanceObj>()->cls->isUncatchable) throw;
          dml::RowError error = triggerFailure(*trigger, event, thrown);
          for (size_t k : chunk) fail(rows[k], error);
          break;
        }
      }
      for (size_t k : chunk) {
        if (!news.empty()) checkAddedErrors(rows[k], *news[k].as<SObjectObj>());
        if (!olds.empty()) checkAddedErrors(rows[k], *olds[k].as<SObjectObj>());
      }
    }
  }

  // Trigger.new and Trigger.old (read-only after the save, and Trigger.old
  // always), and their maps by Id (none before an insert).
  TriggerContext contextFor(const SObjectType& type, sema::TriggerEvent event, const std::vector<size_t>& chunk,
                            const std::vector<Value>& news, const std::vector<Value>& olds) {
    sema::TypeTable& types = vm_.types();
    const sema::Type* record = types.sobjectType(type);
    auto collect = [&](const std::vector<Value>& all, bool readOnly, Value* list, Value* map) {
      if (all.empty()) return;
      std::vector<Value> items;
      for (size_t k : chunk) {
        all[k].as<SObjectObj>()->readOnly = readOnly;
        items.push_back(all[k]);
      }
      if (event != sema::TriggerEvent::BeforeInsert) {
        *map = vm_.makeMap(types.map(types.id(), record));
        vm_.putRecordsById(*map, items);
      }
      *list = vm_.makeList(types.list(record), std::move(items));
    };
    TriggerContext context;
    context.event = event;
    context.size = int32_t(chunk.size());
    collect(news, !sema::isBefore(event), &context.newRecords, &context.newMap);
    collect(olds, true, &context.oldRecords, &context.oldMap);
    return context;
  }

  // An exception a trigger did not catch, as the platform reports it:
  // `AccTrigger: execution of BeforeInsert\n\ncaused by: System.X: message\n\n
  // Class.Handler.run: line 4, column 1\nTrigger.AccTrigger: line 2, column 1`.
  dml::RowError triggerFailure(const sema::TriggerSymbol& trigger, sema::TriggerEvent event, const ApexThrow& thrown) {
    const ExceptionData& data = *thrown.exception.as<InstanceObj>()->exception;
    std::string trace = data.stackTrace;
    std::string frame = "Trigger." + trigger.name + ":";
    if (size_t at = trace.find(frame); at != std::string::npos) {
      size_t end = trace.find('\n', at);
      if (end != std::string::npos) trace.erase(end);
    }
    return dml::rowError(dml::TriggerException, {}, trigger.name, sema::triggerEventName(event),
                         vm_.describeException(thrown.exception), trace);
  }

  // A row that an after trigger failed: with allOrNone the whole operation
  // is rolled back (run), else the others are saved again (runGroup).
  void checkAfterTriggerErrors(const std::vector<size_t>& rows, const std::vector<bool>& savedBefore) {
    for (size_t k = 0; k < rows.size(); ++k)
      if (savedBefore[k] && failed(rows[k])) failedAfterSave_ = true;
  }

  std::vector<bool> savedRows(const std::vector<size_t>& rows) const {
    std::vector<bool> saved;
    for (size_t row : rows) saved.push_back(!failed(row));
    return saved;
  }

  // ---- insert

  // Trigger.new in the before triggers is the records as they will be
  // saved: what the triggers change is saved, the caller's records keep
  // their values and learn only their Ids.
  void insert(const SObjectType& type, const std::vector<size_t>& rows) {
    std::vector<Value> records;
    for (size_t row : rows) {
      const Value& record = request_.targets[row];
      if (!recordId(record).empty()) fail(row, dml::rowError(dml::IdInInsert, {"Id"}));
      records.push_back(newRow(type, record));
    }
    fireTriggers(type, sema::TriggerEvent::BeforeInsert, rows, records, {});
    for (size_t k = 0; k < rows.size(); ++k) {
      checkInsertFields(rows[k], type, records[k]);
      checkAddedErrors(rows[k], *request_.targets[rows[k]].as<SObjectObj>());
      if (!failed(rows[k])) checkValidationRules(rows[k], *records[k].as<SObjectObj>(), nullptr);
    }
    checkReferences(rows, records);
    checkUnique(type, rows, records);
    if (request_.allOrNone && anyFailed()) return;
    saveNew(type, rows, records);
    std::vector<bool> saved = savedRows(rows);
    fireTriggers(type, sema::TriggerEvent::AfterInsert, rows, records, {});
    checkAfterTriggerErrors(rows, saved);
  }

  // The record as it will be stored: its fields, the defaults of the ones
  // it lacks, Checkboxes never null.
  Value newRow(const SObjectType& type, const Value& record) {
    Value stored = vm_.makeSObject(type);
    SObjectObj* row = stored.as<SObjectObj>();
    for (const SObjectObj::FieldValue& f : record.as<SObjectObj>()->fields) row->set(f.field, saved(*f.field, f.value));
    for (const SObjectField& field : type.fields()) {
      if (row->find(&field)) continue;
      Value initial = fieldDefault(vm_, field, *row);
      if (!initial.isNull()) row->set(&field, initial);
    }
    return stored;
  }

  // A text field saves an empty string as null (so a required one set to
  // '' is missing).
  static Value saved(const SObjectField& field, const Value& v) {
    bool emptyText = (v.tag() == Tag::String || v.tag() == Tag::Id) && textOf(v).empty();
    return emptyText && sema::isTextType(field.type) ? Value() : v;
  }

  void checkInsertFields(size_t row, const SObjectType& type, const Value& stored) {
    const SObjectObj* o = stored.as<SObjectObj>();
    std::vector<std::string> missing;
    for (const SObjectField& field : type.fields()) {
      const Value* v = o->find(&field);
      if (field.required() && field.type != FieldType::Boolean && (!v || v->isNull()) && !isSystemAudit(field))
        missing.push_back(field.name);
    }
    if (!missing.empty()) fail(row, dml::rowError(dml::RequiredFieldsMissing, missing, text::join(missing, ", ")));
    for (const SObjectObj::FieldValue& f : o->fields) checkValue(row, *f.field, f.value);
  }

  void saveNew(const SObjectType& type, const std::vector<size_t>& rows, std::vector<Value>& records) {
    std::vector<SObjectObj*> batch;
    std::vector<size_t> saved;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (failed(rows[k])) continue;
      batch.push_back(records[k].as<SObjectObj>());
      saved.push_back(rows[k]);
    }
    if (batch.empty()) return;
    std::vector<std::string> ids = store_->newIds(type, batch.size());
    for (size_t k = 0; k < batch.size(); ++k) stampNew(*batch[k], ids[k]);
    store_->insert(type, batch);
    // The caller's record learns its Id, and only that (Apex Developer
    // Guide, "Inserting and Updating Records").
    for (size_t k = 0; k < saved.size(); ++k) {
      const Value& record = request_.targets[saved[k]];
      vm_.writeSObjectField(record, *type.field("Id"), vm_.makeId(ids[k]));
      results_[saved[k]].id = ids[k];
      results_[saved[k]].created = true;
    }
  }

  void setIfField(SObjectObj& row, std::string_view name, const Value& v) {
    if (const SObjectField* f = row.type->field(name)) row.set(f, v);
  }

  void stampNew(SObjectObj& row, const std::string& id) {
    Value user = vm_.makeId(vm_.user().userId);
    setIfField(row, "Id", vm_.makeId(id));
    setFullName(row, nullptr);
    numberNew(row);
    setIfField(row, "IsDeleted", Value::boolean(false));
    setIfField(row, "CreatedDate", Value::datetime(now_));
    setIfField(row, "CreatedById", user);
    const SObjectField* owner = row.type->field("OwnerId");
    const Value* ownerValue = owner ? row.find(owner) : nullptr;
    if (owner && (!ownerValue || ownerValue->isNull())) row.set(owner, user);
    stampModified(row);
  }

  // Contact, Lead and User: Name is read-only, the first and last names
  // joined ("Object Reference": Contact.Name, a compound of the name
  // fields), from the record's new values or else the stored ones.
  void setFullName(SObjectObj& row, const SObjectObj* stored) {
    const SObjectField* name = row.type->field("Name");
    const SObjectField* first = row.type->field("FirstName");
    const SObjectField* last = row.type->field("LastName");
    if (!name || name->createable || !first || !last) return;
    if (stored && !row.find(first) && !row.find(last)) return;
    auto part = [&](const SObjectField* f) {
      const Value* v = row.find(f);
      if (!v && stored) v = stored->find(f);
      return v && !v->isNull() ? textOf(*v) : std::string();
    };
    std::string full = part(first);
    std::string family = part(last);
    if (!full.empty() && !family.empty()) full += ' ';
    row.set(name, vm_.makeString(full + family));
  }

  // Auto-number fields take the next number, written in their display
  // format (Metadata API CustomField: displayFormat).
  void numberNew(SObjectObj& row) {
    for (const SObjectField& field : row.type->fields()) {
      if (!field.autoNumber) continue;
      int64_t number = store_->takeNumbers(*row.type, field, 1);
      row.set(&field, vm_.makeString(autoNumberText(field.displayFormat, number, today())));
    }
  }

  Date today() { return localDate(Datetime::fromEpochMillis(now_), vm_.userZone()); }

  void stampModified(SObjectObj& row) {
    setIfField(row, "LastModifiedDate", Value::datetime(now_));
    setIfField(row, "LastModifiedById", vm_.makeId(vm_.user().userId));
    setIfField(row, "SystemModstamp", Value::datetime(now_));
  }

  // ---- update

  // Trigger.new is the stored records with the caller's changes, Trigger.old
  // the stored records; what the before triggers change is saved too.
  void update(const SObjectType& type, const std::vector<size_t>& rows) {
    std::vector<std::string> ids = idsOf(rows, dml::IdMissingInUpdate);
    std::map<std::string, Value> existing = loadExisting(type, ids);
    std::vector<Value> news(rows.size()), olds(rows.size());
    for (size_t k = 0; k < rows.size(); ++k) {
      if (failed(rows[k])) continue;
      const Value* stored = liveRecord(rows[k], existing, ids[k], {"Id"});
      if (!stored) continue;
      olds[k] = copyOf(*stored);
      news[k] = withChanges(*stored, request_.targets[rows[k]]);
    }
    fireTriggers(type, sema::TriggerEvent::BeforeUpdate, rows, news, olds);
    std::vector<Value> changes;
    for (size_t k = 0; k < rows.size(); ++k) {
      changes.push_back(vm_.makeSObject(type));
      if (news[k].isNull()) continue;
      collectChanges(rows[k], request_.targets[rows[k]], news[k], olds[k], changes[k]);
      if (!failed(rows[k])) validateUpdate(rows[k], olds[k], changes[k]);
    }
    checkReferences(rows, changes);
    checkUnique(type, rows, changes);
    if (request_.allOrNone && anyFailed()) return;
    std::vector<SObjectObj*> batch;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (failed(rows[k])) continue;
      setFullName(*changes[k].as<SObjectObj>(), existing.at(ids[k].substr(0, 15)).as<SObjectObj>());
      stampModified(*changes[k].as<SObjectObj>());
      batch.push_back(changes[k].as<SObjectObj>());
      results_[rows[k]].id = ids[k];
    }
    if (batch.empty()) return;
    store_->update(type, batch);
    std::vector<bool> saved = savedRows(rows);
    for (size_t k = 0; k < rows.size(); ++k) {
      if (!saved[k]) continue;
      for (const SObjectObj::FieldValue& f : changes[k].as<SObjectObj>()->fields) news[k].as<SObjectObj>()->set(f.field, f.value);
    }
    fireTriggers(type, sema::TriggerEvent::AfterUpdate, rows, news, olds);
    checkAfterTriggerErrors(rows, saved);
  }

  Value copyOf(const Value& stored) {
    const SObjectObj* from = stored.as<SObjectObj>();
    Value copy = vm_.makeSObject(*from->type);
    for (const SObjectObj::FieldValue& f : from->fields) copy.as<SObjectObj>()->set(f.field, f.value);
    return copy;
  }

  // The stored record with the fields of the caller's record that a user
  // may edit.
  Value withChanges(const Value& stored, const Value& record) {
    Value merged = copyOf(stored);
    for (const SObjectObj::FieldValue& f : record.as<SObjectObj>()->fields)
      if (f.field->updateable) merged.as<SObjectObj>()->set(f.field, saved(*f.field, f.value));
    return merged;
  }

  // The validation rules see the stored record with the update's changes.
  void validateUpdate(size_t row, const Value& stored, const Value& change) {
    const SObjectObj* before = stored.as<SObjectObj>();
    if (before->type->validationRules.empty()) return;
    Value after = vm_.makeSObject(*before->type);
    for (const SObjectObj::FieldValue& f : before->fields) after.as<SObjectObj>()->set(f.field, f.value);
    for (const SObjectObj::FieldValue& f : change.as<SObjectObj>()->fields) after.as<SObjectObj>()->set(f.field, f.value);
    checkValidationRules(row, *after.as<SObjectObj>(), before);
  }

  // Each row's Id (18 characters); a row without one fails with `missing`.
  // The same Id twice in one list is an error of the whole operation.
  template <size_t N>
  std::vector<std::string> idsOf(const std::vector<size_t>& rows, const dml::RowErrorKind<N>& missing) {
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    for (size_t row : rows) {
      std::string id = rowId(row);
      if (id.empty()) fail(row, dml::rowError(missing, {}));
      else if (!seen.insert(id.substr(0, 15)).second) vm_.raise(errors::DuplicateIdInList, id);
      ids.push_back(id);
    }
    return ids;
  }

  std::map<std::string, Value> loadExisting(const SObjectType& type, const std::vector<std::string>& ids) {
    std::vector<std::string> wanted;
    for (const std::string& id : ids)
      if (!id.empty()) wanted.push_back(id);
    std::map<std::string, Value> byId;
    for (Value& stored : store_->load(vm_, type, wanted)) byId.emplace(recordId(stored).substr(0, 15), stored);
    return byId;
  }

  // The stored record `id` names, when it exists and is not in the recycle
  // bin; else null, and `row` fails (`fields`: what the error names).
  const Value* liveRecord(size_t row, const std::map<std::string, Value>& existing, const std::string& id,
                          std::vector<std::string> fields) {
    auto found = existing.find(id.substr(0, 15));
    if (found == existing.end()) fail(row, dml::rowError(dml::InvalidCrossReference, std::move(fields)));
    else if (isDeleted(found->second)) fail(row, dml::rowError(dml::EntityIsDeleted, {}));
    else return &found->second;
    return nullptr;
  }

  // The fields an update writes: those of the caller's record that a user
  // may edit (read-only fields a query brought along are left alone), and
  // those the before triggers changed in Trigger.new (`merged`).
  void collectChanges(size_t row, const Value& record, const Value& merged, const Value& stored, Value& change) {
    SObjectObj* out = change.as<SObjectObj>();
    const SObjectObj* in = merged.as<SObjectObj>();
    const SObjectObj* caller = record.as<SObjectObj>();
    std::vector<std::string> cleared;
    for (const SObjectObj::FieldValue& f : in->fields) {
      if (text::equalsIgnoreAsciiCase(f.field->name, "Id")) {
        out->set(f.field, f.value);
        continue;
      }
      if (!f.field->updateable) continue;
      Value value = saved(*f.field, f.value);
      const Value* before = stored.as<SObjectObj>()->find(f.field);
      bool unchanged = before ? vm_.keyEquals(*before, value) : value.isNull();
      if (!caller->find(f.field) && unchanged) continue;
      if (value.isNull() && f.field->required() && f.field->type != FieldType::Boolean) cleared.push_back(f.field->name);
      out->set(f.field, value);
      checkValue(row, *f.field, value);
    }
    if (!cleared.empty()) fail(row, dml::rowError(dml::RequiredFieldsMissing, cleared, text::join(cleared, ", ")));
    checkAddedErrors(row, *caller);
  }

  // ---- upsert: by Id, or by an external Id field's value

  void upsert(const SObjectType& type, const std::vector<size_t>& rows) {
    std::vector<size_t> inserts, updates;
    for (size_t row : rows) {
      const Value& record = request_.targets[row];
      if (request_.externalId) matchExternalId(type, record);
      (recordId(record).empty() ? inserts : updates).push_back(row);
    }
    if (!updates.empty()) update(type, updates);
    if (!inserts.empty()) insert(type, inserts);
  }

  // A record whose external Id value a stored record has takes that
  // record's Id (Apex Developer Guide, "Upserting Records").
  void matchExternalId(const SObjectType& type, const Value& record) {
    const Value* key = record.as<SObjectObj>()->find(request_.externalId);
    if (!key || key->isNull()) return;
    auto found = store_->findByField(vm_, type, *request_.externalId, std::span<const Value>(key, 1), false);
    if (!found.empty()) vm_.writeSObjectField(record, *type.field("Id"), vm_.makeId(found.front().second));
  }

  // ---- delete and undelete: the recycle bin

  void setDeleted(const SObjectType& type, const std::vector<size_t>& rows, bool deleted) {
    std::vector<std::string> ids = idsOf(rows, dml::IdMissingInDelete);
    std::map<std::string, Value> existing = loadExisting(type, ids);
    std::vector<Value> olds(rows.size());
    for (size_t k = 0; k < rows.size(); ++k) {
      if (failed(rows[k])) continue;
      if (deleted) {
        if (const Value* stored = liveRecord(rows[k], existing, ids[k], {})) {
          refuseRestricted(rows[k], type, *stored);
          olds[k] = copyOf(*stored);
        }
        continue;
      }
      auto found = existing.find(ids[k].substr(0, 15));
      if (found == existing.end()) fail(rows[k], dml::rowError(dml::InvalidCrossReference, {}));
      else if (!isDeleted(found->second)) fail(rows[k], dml::rowError(dml::NotInRecycleBin, {}));
    }
    if (deleted) fireTriggers(type, sema::TriggerEvent::BeforeDelete, rows, {}, olds);
    if (request_.allOrNone && anyFailed()) return;
    std::vector<std::string> changing;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (failed(rows[k])) continue;
      changing.push_back(recordId(existing.at(ids[k].substr(0, 15))));
      results_[rows[k]].id = changing.back();
    }
    if (changing.empty()) return;
    if (deleted) deleteRelated(type, changing, 0);
    store_->setDeleted(type, changing, deleted);
    if (!deleted) undeleteRelated(type, changing, 0);
    std::vector<bool> saved = savedRows(rows);
    if (deleted) fireTriggers(type, sema::TriggerEvent::AfterDelete, rows, {}, olds);
    else fireTriggers(type, sema::TriggerEvent::AfterUndelete, rows, restored(type, rows, changing), {});
    checkAfterTriggerErrors(rows, saved);
  }

  // Trigger.new after an undelete: the records as they are back, parallel
  // to `rows` (null for a row that failed).
  std::vector<Value> restored(const SObjectType& type, const std::vector<size_t>& rows,
                              const std::vector<std::string>& ids) {
    std::map<std::string, Value> byId = loadExisting(type, ids);
    std::vector<Value> records(rows.size());
    for (size_t k = 0; k < rows.size(); ++k) {
      if (failed(rows[k])) continue;
      auto found = byId.find(results_[rows[k]].id.substr(0, 15));
      if (found != byId.end()) records[k] = copyOf(found->second);
    }
    return records;
  }

  // ---- what deleting a parent does to its children (Object Reference:
  // relationships; Metadata API CustomField deleteConstraint): a
  // master-detail (cascade) child goes to the recycle bin with its parent
  // and comes back with it, a lookup is cleared (SetNull), and a Restrict
  // lookup refuses the parent's delete.

  struct Children {
    const SObjectType* type = nullptr;
    const SObjectField* field = nullptr;
  };

  Children childrenOf(const sema::ChildRelationship& relationship) {
    Children c;
    c.type = vm_.schema().object(relationship.childObject);
    c.field = c.type ? c.type->field(relationship.field) : nullptr;
    return c;
  }

  std::vector<std::string> childIds(const Children& c, const std::vector<std::string>& parentIds, bool inRecycleBin) {
    std::vector<Value> keys;
    for (const std::string& id : parentIds) keys.push_back(vm_.makeId(id));
    std::vector<std::string> ids;
    for (auto& [parent, id] : store_->findByField(vm_, *c.type, *c.field, keys, inRecycleBin)) ids.push_back(id);
    return ids;
  }

  void refuseRestricted(size_t row, const SObjectType& type, const Value& stored) {
    for (const sema::ChildRelationship& relationship : type.childRelationships()) {
      Children c = childrenOf(relationship);
      if (!relationship.restrictedDelete || !c.field) continue;
      std::vector<std::string> ids = childIds(c, {recordId(stored)}, false);
      if (ids.empty()) continue;
      std::vector<std::string> names;
      for (const Value& child : store_->load(vm_, *c.type, ids)) names.push_back(nameOf(child));
      fail(row, dml::rowError(dml::DeleteRestricted, {}, nameOf(stored), text::toLowerCase(c.type->labelPlural),
                              text::join(names, ", ")));
      return;
    }
  }

  std::string nameOf(const Value& stored) {
    const SObjectObj* record = stored.as<SObjectObj>();
    const SObjectField* name = record->type->field("Name");
    const Value* v = name ? record->find(name) : nullptr;
    return v && !v->isNull() ? vm_.stringValueOf(*v) : recordId(stored);
  }

  // Master-detail chains are acyclic and a few levels deep; the bound only
  // guards against a schema that says otherwise.
  static constexpr int kMaxCascadeDepth = 10;

  void deleteRelated(const SObjectType& type, const std::vector<std::string>& ids, int depth) {
    if (depth >= kMaxCascadeDepth) return;
    for (const sema::ChildRelationship& relationship : type.childRelationships()) {
      Children c = childrenOf(relationship);
      if (!c.field || relationship.restrictedDelete) continue;
      std::vector<std::string> children = childIds(c, ids, false);
      if (children.empty()) continue;
      if (relationship.cascadeDelete) {
        deleteRelated(*c.type, children, depth + 1);
        store_->setDeleted(*c.type, children, true);
      } else if (c.field->nillable) {
        setReference(*c.type, *c.field, children, Value());
      }
    }
  }

  void setReference(const SObjectType& type, const SObjectField& field, const std::vector<std::string>& ids,
                    const Value& parent) {
    std::vector<Value> changes;
    std::vector<SObjectObj*> batch;
    for (const std::string& id : ids) {
      changes.push_back(vm_.makeSObject(type));
      SObjectObj* change = changes.back().as<SObjectObj>();
      change->set(type.field("Id"), vm_.makeId(id));
      change->set(&field, parent);
      stampModified(*change);
      batch.push_back(change);
    }
    store_->update(type, batch);
  }

  void undeleteRelated(const SObjectType& type, const std::vector<std::string>& ids, int depth) {
    if (depth >= kMaxCascadeDepth) return;
    for (const sema::ChildRelationship& relationship : type.childRelationships()) {
      Children c = childrenOf(relationship);
      if (!c.field || !relationship.cascadeDelete) continue;
      std::vector<std::string> children = childIds(c, ids, true);
      if (children.empty()) continue;
      store_->setDeleted(*c.type, children, false);
      undeleteRelated(*c.type, children, depth + 1);
    }
  }

  // ---- merge (Apex Developer Guide, "Merging Records"): the master is
  // updated with its fields, the others' children move to it, and the
  // others go to the recycle bin with MasterRecordId naming the master.
  // "Triggers and Merge Statements": the delete triggers run on the records
  // merged away, then the master's update runs its update triggers.

  void merge(const SObjectType& type, size_t row) {
    if (!sema::mergeable(type)) vm_.raise(errors::MergeNotAllowed, type.name);
    if (request_.duplicates.size() > 2) vm_.raise(errors::TooManyToMerge);
    std::vector<std::string> duplicates = duplicateIds(type, row);
    if (failed(row)) return;
    std::string master = masterId(type, row);
    if (master.empty()) return;
    // A merge that fails leaves nothing changed, with allOrNone or not.
    int64_t mark = store_->savepoint();
    mergeInto(type, row, master, std::move(duplicates));
    if (failed(row)) store_->rollbackTo(mark);
  }

  void mergeInto(const SObjectType& type, size_t row, const std::string& master, std::vector<std::string> duplicates) {
    std::vector<Value> merged;
    for (const Value& stored : store_->load(vm_, type, duplicates)) merged.push_back(copyOf(stored));
    std::vector<size_t> rows(merged.size(), row);
    fireTriggers(type, sema::TriggerEvent::BeforeDelete, rows, {}, merged);
    if (failed(row)) return;
    for (const sema::ChildRelationship& relationship : type.childRelationships()) {
      Children c = childrenOf(relationship);
      if (!c.field) continue;
      std::vector<std::string> moved = childIds(c, duplicates, false);
      if (moved.empty()) continue;
      setReference(*c.type, *c.field, moved, vm_.makeId(master));
      for (std::string& id : moved) results_[row].updatedRelatedIds.push_back(std::move(id));
    }
    if (const SObjectField* masterRecord = type.field("MasterRecordId"))
      setReference(type, *masterRecord, duplicates, vm_.makeId(master));
    store_->setDeleted(type, duplicates, true);
    fireTriggers(type, sema::TriggerEvent::AfterDelete, rows, {}, merged);
    if (failed(row)) return;
    update(type, {row});
    results_[row].mergedIds = std::move(duplicates);
  }

  // The master's stored Id (18 characters); empty, and the row failed,
  // when it is not a live record.
  std::string masterId(const SObjectType& type, size_t row) {
    std::string id = rowId(row);
    if (id.empty()) {
      fail(row, dml::rowError(dml::IdMissingInUpdate, {}));
      return "";
    }
    std::map<std::string, Value> existing = loadExisting(type, {id});
    const Value* stored = liveRecord(row, existing, id, {"Id"});
    return stored ? recordId(*stored) : "";
  }

  // The Ids of the records merged into the master: stored, live records of
  // the master's object other than the master.
  std::vector<std::string> duplicateIds(const SObjectType& type, size_t row) {
    std::string masterId = rowId(row);
    std::vector<std::string> ids;
    for (const Value& duplicate : request_.duplicates) {
      if (duplicate.isNull()) vm_.raiseNullPointer();
      std::string id = duplicate.tag() == Tag::SObject ? recordId(duplicate) : textOf(duplicate);
      if (id.empty()) fail(row, dml::rowError(dml::IdMissingInMerge, {}));
      else if (id.substr(0, 15) == masterId.substr(0, 15)) fail(row, dml::rowError(dml::MergeWithSelf, {}));
      ids.push_back(id);
    }
    if (failed(row)) return ids;
    std::map<std::string, Value> existing = loadExisting(type, ids);
    for (std::string& id : ids)
      if (const Value* stored = liveRecord(row, existing, id, {})) id = recordId(*stored);
    return ids;
  }

  // ---- the outcome

  bool anyFailed() const {
    return std::any_of(results_.begin(), results_.end(), [](const DmlRowResult& r) { return !r.success(); });
  }

  // Apex Developer Guide, "DML Exceptions and Error Handling": `Insert
  // failed. First exception on row 0; first error: CODE, message: [fields]`,
  // `with id ...` after the row for an operation on existing records.
  void throwFirstFailure() {
    std::vector<DmlFailure> failures;
    for (size_t i = 0; i < results_.size(); ++i) {
      if (results_[i].success()) continue;
      const dml::RowError& e = results_[i].errors.front();
      failures.push_back({int(i), rowId(i), e.code, e.message, e.fields});
    }
    if (failures.empty()) return;
    const DmlFailure& first = failures.front();
    std::string message = std::string(verb(request_.op)) + " failed. First exception on row " +
                          std::to_string(first.index);
    if (!first.id.empty() && request_.op != ast::DmlOp::Insert) message += " with id " + first.id;
    message += "; first error: " + std::string(sema::statusCodeName(first.code)) + ", " + first.message + ": [" +
               text::join(first.fields, ", ") + "]";
    vm_.raiseDmlException(message, std::move(failures));
  }

  std::string rowId(size_t row) {
    const Value& target = request_.targets[row];
    if (target.isNull()) return "";
    return target.tag() == Tag::SObject ? recordId(target) : textOf(target);
  }

  Interp& vm_;
  const DmlRequest& request_;
  std::vector<DmlRowResult> results_;
  int64_t now_;
  DataStorePort* store_ = nullptr;
  bool failedAfterSave_ = false;  // an after trigger failed a saved row
};

}  // namespace

std::vector<DmlRowResult> runDml(Interp& vm, const DmlRequest& request) {
  vm.markUncommittedWork();
  return DmlRun(vm, request).run();
}

}  // namespace apex::interp
