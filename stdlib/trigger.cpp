// Apex Reference: Trigger Class (the context variables) and TriggerOperation
// Enum. They read the trigger invocation running now (Interp::triggerContext);
// outside a trigger the records are null, the Booleans false.
#include "sema/program.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

using sema::TriggerEvent;

const interp::TriggerContext* context(Interp& vm) { return vm.triggerContext(); }

Value newRecords(Interp& vm, Value*, int) { return context(vm) ? context(vm)->newRecords : Value(); }
Value oldRecords(Interp& vm, Value*, int) { return context(vm) ? context(vm)->oldRecords : Value(); }
Value newMap(Interp& vm, Value*, int) { return context(vm) ? context(vm)->newMap : Value(); }
Value oldMap(Interp& vm, Value*, int) { return context(vm) ? context(vm)->oldMap : Value(); }
Value isExecuting(Interp& vm, Value*, int) { return boolean(context(vm) != nullptr); }
Value size(Interp& vm, Value*, int) { return context(vm) ? integer(context(vm)->size) : Value(); }

Value operationType(Interp& vm, Value*, int) {
  if (!context(vm)) return Value();
  return vm.makeEnum("System.TriggerOperation", uint32_t(context(vm)->event));
}

// Whether the running event is one of `events`.
template <TriggerEvent... events>
Value isOneOf(Interp& vm, Value*, int) {
  const interp::TriggerContext* c = context(vm);
  return boolean(c && ((c->event == events) || ...));
}

const sema::NativeDef kTrigger[] = {
    {"Trigger", "static List<SObject> new", &newRecords},
    {"Trigger", "static List<SObject> old", &oldRecords},
    {"Trigger", "static Map<Id, SObject> newMap", &newMap},
    {"Trigger", "static Map<Id, SObject> oldMap", &oldMap},
    {"Trigger", "static Boolean isExecuting", &isExecuting},
    {"Trigger", "static Integer size", &size},
    {"Trigger", "static TriggerOperation operationType", &operationType},
    {"Trigger", "static Boolean isBefore",
     &isOneOf<TriggerEvent::BeforeInsert, TriggerEvent::BeforeUpdate, TriggerEvent::BeforeDelete>},
    {"Trigger", "static Boolean isAfter",
     &isOneOf<TriggerEvent::AfterInsert, TriggerEvent::AfterUpdate, TriggerEvent::AfterDelete,
              TriggerEvent::AfterUndelete>},
    {"Trigger", "static Boolean isInsert", &isOneOf<TriggerEvent::BeforeInsert, TriggerEvent::AfterInsert>},
    {"Trigger", "static Boolean isUpdate", &isOneOf<TriggerEvent::BeforeUpdate, TriggerEvent::AfterUpdate>},
    {"Trigger", "static Boolean isDelete", &isOneOf<TriggerEvent::BeforeDelete, TriggerEvent::AfterDelete>},
    {"Trigger", "static Boolean isUndelete", &isOneOf<TriggerEvent::AfterUndelete>},
};

}  // namespace

std::span<const sema::NativeDef> triggerNatives() { return kTrigger; }

}  // namespace apex::stdlib
