#include "runtime/data/org_setup.h"

#include <initializer_list>
#include <utility>

#include "interp/object.h"
#include "sema/schema.h"

namespace apex::runtime {

namespace {

using interp::Value;

struct FieldText {
  const char* field;
  Value value;
};

// Stores one record of `object` with `fields` unless its Id is stored.
void addRecord(interp::Interp& vm, SqliteStore& store, std::string_view object, const std::string& id,
               std::initializer_list<FieldText> fields) {
  const sema::SObjectType* type = vm.schema().object(object);
  if (!type || !store.load(vm, *type, std::span<const std::string>(&id, 1)).empty()) return;
  Value record = vm.makeSObject(*type);
  auto* o = record.as<interp::SObjectObj>();
  o->set(type->field("Id"), vm.makeId(id));
  for (const FieldText& f : fields) {
    if (const sema::SObjectField* field = type->field(f.field)) o->set(field, f.value);
  }
  interp::SObjectObj* batch[] = {o};
  store.insert(*type, batch);
}

}  // namespace

void addSetupRecords(interp::Interp& vm, SqliteStore& store, const interp::UserContext& user) {
  auto text = [&](const std::string& s) { return vm.makeString(s); };
  addRecord(vm, store, "Profile", user.profileId, {{"Name", text("System Administrator")}});
  addRecord(vm, store, "Organization", user.organizationId,
            {{"Name", text(user.organizationName)}, {"TimeZoneSidKey", text(user.timeZone)},
             {"LanguageLocaleKey", text(user.language)}, {"DefaultLocaleSidKey", text(user.locale)}});
  addRecord(vm, store, "User", user.userId,
            {{"Username", text(user.userName)}, {"FirstName", text(user.firstName)},
             {"LastName", text(user.lastName)}, {"Name", text(user.firstName + " " + user.lastName)},
             {"Alias", text(user.lastName.substr(0, 8))}, {"Email", text(user.email)},
             {"ProfileId", vm.makeId(user.profileId)}, {"TimeZoneSidKey", text(user.timeZone)},
             {"LocaleSidKey", text(user.locale)}, {"LanguageLocaleKey", text(user.language)},
             {"EmailEncodingKey", text("UTF-8")}, {"IsActive", Value::boolean(true)},
             {"UserType", text(user.userType)}});
  for (const sema::SObjectType* object : vm.schema().objects()) {
    for (const sema::RecordTypeInfo& recordType : object->recordTypes) {
      addRecord(vm, store, "RecordType", recordType.id,
                {{"Name", text(recordType.label)}, {"DeveloperName", text(recordType.developerName)},
                 {"SobjectType", text(object->name)}, {"IsActive", Value::boolean(recordType.active)}});
    }
  }
  if (vm.standardPricebookId().empty()) {
    std::string id = store.newIds(*vm.schema().object("Pricebook2"), 1).front();
    addRecord(vm, store, "Pricebook2", id,
              {{"Name", text("Standard Price Book")}, {"IsActive", Value::boolean(true)},
               {"IsStandard", Value::boolean(true)}, {"IsArchived", Value::boolean(false)}});
  }
}

}  // namespace apex::runtime
