#include "runtime/data/org_setup.h"

#include <initializer_list>
#include <utility>

#include "interp/object.h"
#include "runtime/data/tree_import.h"
#include "sema/org_config.h"
#include "sema/schema.h"

namespace apex::runtime {

namespace {

using interp::Value;

struct FieldText {
  const char* field;
  Value value;
};

// Stores one record of `object` with `fields` unless its Id is stored.
void addRecord(interp::Interp& vm, RecordStore& store, std::string_view object, const std::string& id,
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

// A custom metadata record as the org keeps it: its names, label and
// values; a value its field cannot hold is left null (the project's
// metadata is not checked further than a deploy would).
Value customMetadataRecord(interp::Interp& vm, const sema::CustomMetadataRecord& source, const std::string& id,
                           const std::string& namespacePrefix) {
  const sema::SObjectType& type = *source.type;
  Value record = vm.makeSObject(type);
  auto* o = record.as<interp::SObjectObj>();
  auto set = [&](const char* field, Value value) {
    if (const sema::SObjectField* f = type.field(field)) o->set(f, std::move(value));
  };
  set("Id", vm.makeId(id));
  set("DeveloperName", vm.makeString(source.developerName));
  set("MasterLabel", vm.makeString(source.label));
  set("Label", vm.makeString(source.label));
  set("Language", vm.makeString("en_US"));
  set("NamespacePrefix", namespacePrefix.empty() ? Value() : vm.makeString(namespacePrefix));
  std::string qualified = namespacePrefix.empty() ? source.developerName : namespacePrefix + "__" + source.developerName;
  set("QualifiedApiName", vm.makeString(qualified));
  for (const auto& [field, text] : source.values) {
    std::optional<Value> value = text ? fieldValue(vm, *field, nlohmann::ordered_json(*text)) : Value();
    o->set(field, value ? *value : Value());
  }
  return record;
}

// The project's custom metadata records, in place of any the store has
// (a file org follows the project's metadata).
void replaceCustomMetadata(interp::Interp& vm, RecordStore& store) {
  const sema::OrgConfig& config = vm.orgConfig();
  for (const sema::SObjectType* type : vm.schema().objects()) {
    if (type->kind != sema::ObjectKind::CustomMetadata) continue;
    store.removeAll(*type);
    std::vector<Value> records;
    for (const sema::CustomMetadataRecord& source : config.customMetadata) {
      if (source.type != type) continue;
      std::string id = store.newIds(*type, 1).front();
      records.push_back(customMetadataRecord(vm, source, id, config.namespacePrefix));
    }
    std::vector<interp::SObjectObj*> batch;
    for (const Value& r : records) batch.push_back(r.as<interp::SObjectObj>());
    if (!batch.empty()) store.insert(*type, batch);
  }
}

}  // namespace

void addSetupRecords(interp::Interp& vm, RecordStore& store, const interp::UserContext& user) {
  store.lockForSetup();
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
  replaceCustomMetadata(vm, store);
  for (const sema::PermissionSetInfo& set : vm.orgConfig().permissionSets) {
    addRecord(vm, store, "PermissionSet", set.id,
              {{"Name", text(set.name)}, {"Label", text(set.label)}, {"IsOwnedByProfile", Value::boolean(false)},
               {"IsCustom", Value::boolean(true)}, {"Type", text("Regular")}});
  }
  if (vm.standardPricebookId().empty()) {
    std::string id = store.newIds(*vm.schema().object("Pricebook2"), 1).front();
    addRecord(vm, store, "Pricebook2", id,
              {{"Name", text("Standard Price Book")}, {"IsActive", Value::boolean(true)},
               {"IsStandard", Value::boolean(true)}, {"IsArchived", Value::boolean(false)}});
  }
}

}  // namespace apex::runtime
