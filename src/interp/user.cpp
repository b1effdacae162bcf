// Interp's running user and time zone, System.runAs, and built-in enum
// constants (interp.h).
#include "base/zones.h"
#include "interp/dml.h"
#include "interp/interp.h"
#include "sema/program.h"
#include "sema/schema.h"

namespace apex::interp {

const UserContext& UserContext::defaults() {
  static const UserContext user;
  return user;
}

const UserContext& Interp::user() const { return user_ ? *user_ : UserContext::defaults(); }

const Zone& Interp::userZone() const {
  if (!userZone_) userZone_ = Zone::forId(user().timeZone);
  return *userZone_;
}

void Interp::setUser(const UserContext* user) {
  user_ = user;
  userZone_.reset();
}

namespace {

// A text field of a stored User record; `fallback` when it has none.
std::string textField(const Value& user, std::string_view name, const std::string& fallback) {
  const sema::SObjectField* field = user.as<SObjectObj>()->type->field(name);
  const Value* v = field ? user.as<SObjectObj>()->find(field) : nullptr;
  return v && (v->tag() == Tag::String || v->tag() == Tag::Id) ? v->as<StringObj>()->text : fallback;
}

// The user `record` names, as stored: a user not yet inserted is inserted
// first, as runAs creates it (Apex Developer Guide, "Using the runAs
// Method"), with the platform's checks of required fields.
Value storedUser(Interp& vm, const Value& record) {
  if (record.isNull()) vm.raiseNullPointer();
  if (record.tag() != Tag::SObject || record.as<SObjectObj>()->type->name != "User")
    vm.raise(errors::RunAsNeedsUser, vm.runtimeTypeName(record));
  if (record.as<SObjectObj>()->idText().empty()) {
    DmlRequest insert;
    insert.targets = std::span<const Value>(&record, 1);
    runDml(vm, insert);
  }
  std::string id = record.as<SObjectObj>()->idText();
  DataStorePort* store = vm.dataStore();
  if (!store) vm.raise(errors::DmlNotAvailable);
  std::vector<Value> stored = store->load(vm, *record.as<SObjectObj>()->type, std::span<const std::string>(&id, 1));
  return stored.empty() ? record : stored.front();
}

}  // namespace

Interp::RunAsScope::RunAsScope(Interp& vm, const Value& user) : vm_(vm), previous_(vm.user_), user_(vm.user()) {
  Value stored = storedUser(vm, user);
  user_.userId = stored.as<SObjectObj>()->idText();
  user_.userName = textField(stored, "Username", user_.userName);
  user_.firstName = textField(stored, "FirstName", "");
  user_.lastName = textField(stored, "LastName", user_.lastName);
  user_.email = textField(stored, "Email", user_.email);
  user_.profileId = textField(stored, "ProfileId", user_.profileId);
  user_.roleId = textField(stored, "UserRoleId", "");
  user_.timeZone = textField(stored, "TimeZoneSidKey", user_.timeZone);
  user_.locale = textField(stored, "LocaleSidKey", user_.locale);
  user_.language = textField(stored, "LanguageLocaleKey", user_.language);
  user_.userType = textField(stored, "UserType", "Standard");
  vm.setUser(&user_);
}

Interp::RunAsScope::~RunAsScope() { vm_.setUser(previous_); }

Value Interp::makeEnum(std::string_view className, uint32_t ordinal) {
  return Value::enumValue(program_.findClass(className), ordinal);
}

}  // namespace apex::interp
