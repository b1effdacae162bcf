// Apex Reference: Test Class — the methods a test run needs: isRunningTest,
// setMock (HttpCalloutMock), startTest and stopTest, getStandardPricebookId,
// setFixedSearchResults, loadData.
#include "base/csv.h"
#include "base/record_id.h"
#include "interp/dml.h"
#include "interp/errors.h"
#include "stdlib/async_jobs.h"
#include "stdlib/event_delivery.h"
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;

void requireTestContext(Interp& vm) {
  if (!vm.isRunningTest()) vm.raise(errors::OnlyDuringTesting);
}

// Apex Reference: Test Class — isRunningTest(): false under `apexrun run`;
// the test runner sets Interp::setRunningTest
Value isRunningTest(Interp& vm, Value*, int) { return boolean(vm.isRunningTest()); }

// Apex Reference: Test Class — setMock(interfaceType, instance): later
// callouts of the test go to `instance`: HTTP callouts with
// HttpCalloutMock.class, WebServiceCallout.invoke with WebServiceMock.class.
Value setMock(Interp& vm, Value* args, int) {
  requireTestContext(vm);
  const sema::Type* type = nonNull(vm, args[0]).as<interp::TypeRefObj>()->type;
  const sema::ClassSymbol* httpCalloutMock = vm.findClass("HttpCalloutMock");
  const sema::ClassSymbol* webServiceMock = vm.findClass("WebServiceMock");
  const sema::ClassSymbol* mockType = type->kind == sema::TypeKind::Class ? type->cls : nullptr;
  if (!mockType || (mockType != httpCalloutMock && mockType != webServiceMock))
    vm.raise(errors::UnsupportedMockType, type->name);
  const Value& mock = args[1];
  if (!mock.isNull() && !vm.isInstanceOf(mock, mockType->type))
    vm.raise(errors::MockDoesNotImplement, vm.runtimeTypeName(mock), mockType->name);
  (mockType == httpCalloutMock ? vm.calloutMock() : vm.webServiceMock()) = mock;
  return Value();
}

// Apex Reference: Test Class — startTest(), stopTest()
Value startTest(Interp& vm, Value*, int) {
  requireTestContext(vm);
  vm.startTest();
  return Value();
}
// Apex Developer Guide, "Testing Asynchronous Apex": the platform events
// the test published are delivered (Platform Events Developer Guide,
// "Deliver Test Event Messages"), then the asynchronous work it queued
// runs; what that work publishes waits for Test.getEventBus().deliver().
Value stopTest(Interp& vm, Value*, int) {
  requireTestContext(vm);
  vm.stopTest();
  deliverTestEvents(vm);
  runJobsAtStopTest(vm);
  return Value();
}

// Apex Reference: Test Class — getEventBus(): the test's event bus, whose
// deliver() and fail() are stdlib/event_bus.cpp's.
struct TestBrokerState : interp::NativeState {
  std::string toString() const override { return "EventBus.TestBroker"; }
};
Value getEventBus(Interp& vm, Value*, int) {
  requireTestContext(vm);
  return vm.makeNativeInstance("EventBus.TestBroker", std::make_unique<TestBrokerState>(), interp::heap_costs::instance(0));
}

// Apex Reference: Test Class — getStandardPricebookId(): the org's
// standard price book, which tests may use without SeeAllData.
Value getStandardPricebookId(Interp& vm, Value*, int) {
  requireTestContext(vm);
  std::string id = vm.standardPricebookId();
  return id.empty() ? Value() : vm.makeId(id);
}

// Apex Reference: Test Class — setFixedSearchResults(setSearchResults):
// the test's later SOSL searches return these records (those of each
// RETURNING object that its WHERE keeps), whatever their term; null or
// never called: no records ("Adding SOSL Queries to Unit Tests").
Value setFixedSearchResults(Interp& vm, Value* args, int) {
  requireTestContext(vm);
  std::vector<std::string> ids;
  if (!args[0].isNull())
    for (const Value& id : listOf(args[0])->items)
      if (!id.isNull()) ids.push_back(id.as<interp::StringObj>()->text);
  vm.setFixedSearchResults(std::move(ids));
  return Value();
}

// ---- loadData

// The XML schema type the platform names when a CSV value does not fit.
std::string_view xsdTypeName(sema::FieldType type) {
  switch (type) {
    case sema::FieldType::Boolean: return "xsd:boolean";
    case sema::FieldType::Integer: return "xsd:int";
    case sema::FieldType::Long: return "xsd:long";
    case sema::FieldType::Date: return "xsd:date";
    case sema::FieldType::DateTime: return "xsd:dateTime";
    case sema::FieldType::Time: return "xsd:time";
    case sema::FieldType::Base64: return "xsd:base64Binary";
    default: return "xsd:double";
  }
}

std::vector<csv::Row> csvRows(Interp& vm, const std::string& resourceName) {
  const interp::StaticResourcePort* resources = vm.staticResources();
  if (!resources) vm.raise(errors::LoadDataNoResource, resourceName);
  auto loaded = resources->load(resourceName);
  if (std::holds_alternative<std::string>(loaded)) vm.raise(errors::LoadDataNoResource, resourceName);
  auto parsed = csv::parse(std::get<interp::StaticResource>(loaded).body);
  if (auto* problem = std::get_if<csv::ParseError>(&parsed))
    vm.raise(errors::LoadDataBadCsv, problem->message, problem->line);
  return std::get<std::vector<csv::Row>>(std::move(parsed));
}

// The header's fields, by name ignoring case.
std::vector<const sema::SObjectField*> csvColumns(Interp& vm, const sema::SObjectType& object, const csv::Row& header) {
  std::vector<const sema::SObjectField*> columns;
  for (const std::string& name : header) {
    const sema::SObjectField* field = object.field(text::trimJava(name));
    if (!field) vm.raise(errors::InvalidFieldForObject, name, object.name);
    columns.push_back(field);
  }
  return columns;
}

// A reference cell: an Id an earlier loadData file gave a record, or a
// record Id of the org.
Value referenceValue(Interp& vm, const std::string& cell, int line) {
  auto& loaded = vm.loadedDataIds();
  if (auto it = loaded.find(cell); it != loaded.end()) return vm.makeId(it->second);
  if (!looksLikeId(cell)) vm.raise(errors::LoadDataBadId, line, cell);
  return vm.makeId(toEighteen(cell));
}

// One data row as a new record; its Id cell, if any, in `csvId`.
Value csvRecord(Interp& vm, const sema::SObjectType& object, const std::vector<const sema::SObjectField*>& columns,
                const csv::Row& row, int line, std::string& csvId) {
  if (row.size() != columns.size()) vm.raise(errors::LoadDataRowWidth, line, row.size(), columns.size());
  Value record = vm.makeSObject(object);
  auto* o = record.as<interp::SObjectObj>();
  for (size_t i = 0; i < row.size(); ++i) {
    const sema::SObjectField& field = *columns[i];
    const std::string& cell = row[i];
    if (cell.empty()) continue;
    if (field.type == sema::FieldType::Id) {
      csvId = cell;
    } else if (field.isReference()) {
      o->set(&field, referenceValue(vm, cell, line));
    } else {
      std::optional<Value> value = vm.fieldValueFromText(field, cell);
      if (!value) vm.raise(errors::LoadDataBadValue, cell, xsdTypeName(field.type));
      o->set(&field, std::move(*value));
    }
  }
  return record;
}

// Apex Reference: Test Class — loadData(sObjectToken, resourceName): the
// records of a CSV static resource (a header row of field names, then a row
// per record), inserted and returned. An Id column names the records for
// the files loaded after it, whose reference fields may use those names
// (Apex Developer Guide, "Loading Test Data").
Value loadData(Interp& vm, Value* args, int) {
  requireTestContext(vm);
  const sema::SObjectType& object = objectOf(nonNull(vm, args[0]));
  std::vector<csv::Row> rows = csvRows(vm, strArg(vm, args[1]));
  std::vector<Value> records;
  std::vector<std::string> csvIds;
  if (!rows.empty()) {
    std::vector<const sema::SObjectField*> columns = csvColumns(vm, object, rows[0]);
    for (size_t i = 1; i < rows.size(); ++i) {
      csvIds.emplace_back();
      records.push_back(csvRecord(vm, object, columns, rows[i], int(i) + 1, csvIds.back()));
    }
  }
  interp::DmlRequest request;
  request.targets = records;
  if (!records.empty()) interp::runDml(vm, request);
  for (size_t i = 0; i < records.size(); ++i)
    if (!csvIds[i].empty()) vm.loadedDataIds()[csvIds[i]] = records[i].as<interp::SObjectObj>()->idText();
  return vm.makeList(vm.types().list(vm.types().sobjectType(object)), std::move(records));
}

const sema::NativeDef kNatives[] = {
    {"Test", "static Id getStandardPricebookId()", &getStandardPricebookId},
    {"Test", "static List<SObject> loadData(Schema.SObjectType, String)", &loadData},
    {"Test", "static Boolean isRunningTest()", &isRunningTest},
    {"Test", "static void setFixedSearchResults(List<Id>)", &setFixedSearchResults},
    {"Test", "static void setMock(Type, Object)", &setMock},
    {"Test", "static void startTest()", &startTest},
    {"Test", "static void stopTest()", &stopTest},
    {"Test", "static EventBus.TestBroker getEventBus()", &getEventBus},
};

}  // namespace

std::span<const sema::NativeDef> testNatives() { return kNatives; }

}  // namespace apex::stdlib
