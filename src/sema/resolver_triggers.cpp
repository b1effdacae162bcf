// Resolver, part 6: a project's triggers (Apex Developer Guide, "Triggers").
// A trigger's body is resolved as a static block of an implicit class of its
// own; it sees the project's classes and, through the Trigger class, its
// records typed with its object (Trigger.new is a List<Account> in a trigger
// on Account).
#include "base/record_id.h"
#include "sema/class_source.h"
#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

namespace {

// The ApexTrigger key prefix (Object Reference: ApexTrigger).
constexpr std::string_view kTriggerKeyPrefix = "01q";

// An error at `error.line`/`column` of trigger `name`: its own, or the use
// of a class that does not compile ("Dependent class is invalid ...").
CompileError triggerError(const std::string& name, CompileError error) {
  error.isTrigger = true;
  error.className = name;
  error.classLine = error.line;
  error.classColumn = error.column;
  error.classMessage = error.message;
  return error;
}

}  // namespace

std::vector<CompileError> resolveTriggers(Program& program) {
  std::vector<CompileError> errors;
  if (!program.classSource) return errors;
  for (ClassFile& file : program.classSource->loadTriggers()) {
    if (file.error) {
      errors.push_back(triggerError(file.name, *file.error));
      continue;
    }
    auto trigger = std::make_unique<TriggerSymbol>();
    trigger->name = file.name;
    trigger->unit = file.unit->trigger.get();
    trigger->id = recordId(kTriggerKeyPrefix, program.triggers.size() + 1).substr(0, 15);
    try {
      Resolver(program).resolveTrigger(*trigger);
    } catch (const CompileFailure& failure) {
      errors.push_back(triggerError(file.name, failure.error));
      continue;
    }
    program.adopt(std::move(file.unit));
    program.triggers.push_back(std::move(trigger));
  }
  return errors;
}

void Resolver::resolveTrigger(TriggerSymbol& trigger) {
  TriggerUnit& unit = *trigger.unit;
  // Salesforce names a trigger after its file; a mismatch cannot be deployed.
  if (foldCase(unit.name) != foldCase(trigger.name))
    fail(unit.loc, Diagnostic::TriggerFileNameMismatch, unit.name, trigger.name);
  const SObjectType* object = program_.schema->object(unit.objectName);
  if (!object) {
    if (typeByName({unit.objectName}, unit.loc, true)) fail(unit.loc, Diagnostic::TriggerTypeNotSObject, unit.objectName);
    fail(unit.loc, Diagnostic::InvalidType, unit.objectName);
  }
  trigger.object = object;
  trigger.events = triggerEvents(unit, *object);

  auto cls = std::make_unique<ClassSymbol>();
  cls->name = cls->qualifiedName = trigger.name;
  ctx_ = Context{};
  ctx_.cls = cls.get();
  ctx_.isStatic = true;
  ctx_.returnType = types_.voidType();
  ctx_.triggerObject = object;
  nextSlot_ = maxSlots_ = 0;
  scopes_.clear();
  pushScope();
  block(*unit.body);
  popScope();
  trigger.bodyLocals = maxSlots_;
  trigger.cls = std::move(cls);
}

// `before insert`, `after undelete`, ... as TriggerEvent bits. There is no
// before undelete, and a platform event's triggers run after insert only.
uint32_t Resolver::triggerEvents(const TriggerUnit& unit, const SObjectType& object) const {
  static constexpr std::pair<std::string_view, TriggerEvent> kEvents[] = {
      {"before insert", TriggerEvent::BeforeInsert}, {"before update", TriggerEvent::BeforeUpdate},
      {"before delete", TriggerEvent::BeforeDelete}, {"after insert", TriggerEvent::AfterInsert},
      {"after update", TriggerEvent::AfterUpdate},   {"after delete", TriggerEvent::AfterDelete},
      {"after undelete", TriggerEvent::AfterUndelete}};
  uint32_t events = 0;
  for (const std::string& written : unit.events) {
    std::string folded = foldCase(written);
    if (folded == "before undelete") fail(unit.loc, Diagnostic::TriggerBeforeUndelete);
    for (const auto& [name, event] : kEvents)
      if (folded == name) events |= 1u << unsigned(event);
    if (object.isPlatformEvent() && folded != "after insert")
      fail(unit.loc, Diagnostic::TriggerPlatformEventEvents, object.name);
  }
  return events;
}

// Trigger.new and Trigger.old are lists of the trigger's object,
// Trigger.newMap and Trigger.oldMap maps of it by Id; elsewhere (a handler
// class) they are of SObject.
const Type* Resolver::triggerVariableType(const NativeMethod& variable) {
  const Type* declared = variable.returnType;
  if (!ctx_.triggerObject || (declared->kind != TypeKind::List && declared->kind != TypeKind::Map)) return declared;
  const Type* record = types_.sobjectType(*ctx_.triggerObject);
  return declared->kind == TypeKind::List ? types_.list(record) : types_.map(types_.id(), record);
}

}  // namespace apex::sema
