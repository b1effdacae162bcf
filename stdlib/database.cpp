// Apex Reference: Database Class — DML methods with allOrNone, their
// results (Database.SaveResult, UpsertResult, DeleteResult, UndeleteResult,
// Database.Error), dynamic queries and query locators, savepoints; and DmlException's methods
// on the records that failed (Apex Reference: DmlException Class).
#include <memory>

#include "interp/dml.h"
#include "interp/errors.h"
#include "sema/program.h"
#include "sema/soql_binder.h"
#include "stdlib/database_objects.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "syntax/soql_parser.h"

namespace apex::stdlib {

namespace {

using interp::DmlRowResult;
namespace errors = interp::errors;

// ---- results

std::string quotedList(const std::vector<std::string>& items) { return "(" + text::join(items, ", ") + ")"; }

// Database.Error: `Database.Error[getFields=(Name);getMessage=...;getStatusCode=REQUIRED_FIELD_MISSING;]`.
struct ErrorState : interp::NativeState {
  interp::dml::RowError error;
  explicit ErrorState(interp::dml::RowError e) : error(std::move(e)) {}
  std::string toString() const override {
    return "Database.Error[getFields=" + quotedList(error.fields) + ";getMessage=" + error.message +
           ";getStatusCode=" + std::string(sema::statusCodeName(error.code)) + ";]";
  }
};

// SaveResult, UpsertResult, DeleteResult and UndeleteResult.
struct ResultState : interp::NativeState {
  std::string className;  // Database.SaveResult
  DmlRowResult row;
  ResultState(std::string cls, DmlRowResult r) : className(std::move(cls)), row(std::move(r)) {}
  std::string toString() const override {
    std::string errors;
    for (const auto& e : row.errors) errors += (errors.empty() ? "" : ", ") + ErrorState(e).toString();
    std::string merged;
    if (className == "Database.MergeResult")
      merged = ";getMergedRecordIds=" + quotedList(row.mergedIds) + ";getUpdatedRelatedIds=" +
               quotedList(row.updatedRelatedIds);
    return className + "[getErrors=(" + errors + ");getId=" + (row.id.empty() ? "null" : row.id) + merged +
           ";isSuccess=" + (row.success() ? "true" : "false") + ";]";
  }
};


std::string_view resultClass(ast::DmlOp op) {
  switch (op) {
    case ast::DmlOp::Upsert: return "Database.UpsertResult";
    case ast::DmlOp::Delete: return "Database.DeleteResult";
    case ast::DmlOp::Undelete: return "Database.UndeleteResult";
    case ast::DmlOp::Merge: return "Database.MergeResult";
    default: return "Database.SaveResult";
  }
}

Value resultValue(Interp& vm, ast::DmlOp op, DmlRowResult row) {
  std::string cls(resultClass(op));
  return vm.makeNativeInstance(cls, std::make_unique<ResultState>(cls, std::move(row)), interp::heap_costs::instance(3));
}

// ---- the DML methods: one record or a list, allOrNone true by default

// A DML method's records: the list it was given, or the one record.
std::vector<Value> recordsOf(Interp& vm, const Value& target) {
  nonNull(vm, target);
  return target.tag() == Tag::List ? listOf(target)->items : std::vector<Value>{target};
}

std::vector<DmlRowResult> run(Interp& vm, ast::DmlOp op, std::span<const Value> targets, bool allOrNone,
                              const sema::SObjectField* externalId = nullptr) {
  interp::DmlRequest request;
  request.op = op;
  request.targets = targets;
  request.allOrNone = allOrNone;
  request.externalId = externalId;
  return interp::runDml(vm, request);
}

// The argument at `at`: allOrNone, or an AccessLevel (all or none then).
bool allOrNoneArg(Interp& vm, Value* args, int argc, int at = 1) {
  return argc <= at || args[at].tag() == Tag::Enum || boolArg(vm, args[at]);
}

Value resultList(Interp& vm, ast::DmlOp op, std::vector<DmlRowResult> rows) {
  std::vector<Value> results;
  for (DmlRowResult& row : rows) results.push_back(resultValue(vm, op, std::move(row)));
  const sema::ClassSymbol* cls = vm.findClass(std::string(resultClass(op)));
  return vm.makeList(vm.types().list(cls->type), std::move(results));
}

template <ast::DmlOp Op>
Value dmlOne(Interp& vm, Value* args, int argc) {
  bool allOrNone = allOrNoneArg(vm, args, argc);
  return resultValue(vm, Op, std::move(run(vm, Op, recordsOf(vm, args[0]), allOrNone).front()));
}

template <ast::DmlOp Op>
Value dmlList(Interp& vm, Value* args, int argc) {
  bool allOrNone = allOrNoneArg(vm, args, argc);
  return resultList(vm, Op, run(vm, Op, recordsOf(vm, args[0]), allOrNone));
}

// upsert(record(s), externalIdField[, allOrNone][, accessLevel]): records
// matched on the external Id field instead of Id. The field must be the
// records' object's Id or one of its external Ids.
std::vector<DmlRowResult> upsertOn(Interp& vm, Value* args, int argc) {
  bool allOrNone = allOrNoneArg(vm, args, argc, 2);
  std::vector<Value> records = recordsOf(vm, args[0]);
  const sema::SObjectField* field = nonNull(vm, args[1]).schemaField();
  for (const Value& record : records) {
    if (record.isNull()) continue;  // the DML reports it
    bool ownField = record.as<interp::SObjectObj>()->type == field->object;
    if (!ownField || !(field->externalId || field->name == "Id")) vm.raise(interp::errors::InvalidUpsertField, field->name);
  }
  return run(vm, ast::DmlOp::Upsert, records, allOrNone, field->name == "Id" ? nullptr : field);
}
Value upsertOneOn(Interp& vm, Value* args, int argc) {
  return resultValue(vm, ast::DmlOp::Upsert, std::move(upsertOn(vm, args, argc).front()));
}
Value upsertListOn(Interp& vm, Value* args, int argc) {
  return resultList(vm, ast::DmlOp::Upsert, upsertOn(vm, args, argc));
}

// Database.merge(master, duplicate(s)[, allOrNone]): one MergeResult.
Value merge(Interp& vm, Value* args, int argc) {
  const Value& master = nonNull(vm, args[0]);
  std::vector<Value> duplicates = recordsOf(vm, args[1]);
  interp::DmlRequest request;
  request.op = ast::DmlOp::Merge;
  request.targets = std::span<const Value>(&master, 1);
  request.duplicates = duplicates;
  request.allOrNone = argc < 3 || boolArg(vm, args[2]);
  return resultValue(vm, ast::DmlOp::Merge, std::move(interp::runDml(vm, request).front()));
}

// The forms that take a list answer with a list of the one result.
Value mergeAsList(Interp& vm, Value* args, int argc) {
  const sema::ClassSymbol* cls = vm.findClass("Database.MergeResult");
  return vm.makeList(vm.types().list(cls->type), {merge(vm, args, argc)});
}

// ---- result and error accessors

const DmlRowResult& row(const Value& self) { return stateOf<ResultState>(self).row; }

Value getId(Interp& vm, Value* args, int) {
  const std::string& id = row(args[0]).id;
  return id.empty() ? Value() : vm.makeId(id);
}
Value isSuccess(Interp&, Value* args, int) { return boolean(row(args[0]).success()); }
Value isCreated(Interp&, Value* args, int) { return boolean(row(args[0]).created); }
Value getErrors(Interp& vm, Value* args, int) {
  std::vector<Value> errors;
  for (const auto& e : row(args[0]).errors) errors.push_back(databaseError(vm, e));
  return vm.makeList(vm.types().list(vm.findClass("Database.Error")->type), std::move(errors));
}

const interp::dml::RowError& error(const Value& self) { return stateOf<ErrorState>(self).error; }

Value statusCode(Interp& vm, sema::StatusCode code) { return vm.makeEnum("StatusCode", uint32_t(code)); }

Value errorStatusCode(Interp& vm, Value* args, int) { return statusCode(vm, error(args[0]).code); }
Value errorMessage(Interp& vm, Value* args, int) { return vm.makeString(error(args[0]).message); }
Value errorFields(Interp& vm, Value* args, int) { return stringList(vm, error(args[0]).fields); }
Value getMergedRecordIds(Interp& vm, Value* args, int) { return stringList(vm, row(args[0]).mergedIds); }
Value getUpdatedRelatedIds(Interp& vm, Value* args, int) { return stringList(vm, row(args[0]).updatedRelatedIds); }

// ---- dynamic SOQL: parsed and bound when it runs; its errors are QueryExceptions

struct DynamicQuery {
  std::shared_ptr<soql::Query> query;
  std::vector<std::string> bindNames;
  std::string logText;
};

DynamicQuery dynamicQuery(Interp& vm, const Value& text) {
  syntax::SoqlParseResult parsed = syntax::parseSoql(strArg(vm, text), syntax::SoqlBinds::Dynamic);
  if (parsed.error) vm.raise(errors::DynamicQueryError, parsed.error->message);
  auto query = std::make_shared<soql::Query>(std::move(parsed.query));
  if (auto problem = sema::bindSoql(*query, vm.schema())) vm.raise(errors::DynamicQueryError, problem->message);
  return {std::move(query), std::move(parsed.bindNames), soql::logText(str(text))};
}

using NamedBinds = std::vector<std::pair<std::string, Value>>;

// Database.queryWithBinds: the binds are the map's entries (Apex Reference:
// Database.queryWithBinds(queryString, bindMap, accessLevel)).
NamedBinds mapBinds(Interp& vm, const Value& bindMap) {
  const interp::OrderedTable& table = mapOf(nonNull(vm, bindMap))->table;
  NamedBinds binds;
  for (size_t i = 0; i < table.size(); ++i) {
    const Value& key = table.keys()[i];
    if (key.tag() == Tag::String) binds.emplace_back(str(key), table.values()[i]);
  }
  return binds;
}

Value rowsOf(Interp& vm, const DynamicQuery& q, NamedBinds binds) {
  if (q.query->isCount()) vm.raise(errors::CountQueryInQuery);
  return vm.runQuery(*q.query, interp::QueryBinds{nullptr, &binds}, q.logText);
}

Value countOf(Interp& vm, const DynamicQuery& q, NamedBinds binds) {
  if (!q.query->isCount()) vm.raise(errors::CountQueryNeedsCount);
  return vm.runQuery(*q.query, interp::QueryBinds{nullptr, &binds}, q.logText);
}

// Database.query(String[, AccessLevel]): binds are the caller's variables.
Value query(Interp& vm, Value* args, int) {
  DynamicQuery q = dynamicQuery(vm, args[0]);
  return rowsOf(vm, q, vm.callerVariables(q.bindNames));
}

Value countQuery(Interp& vm, Value* args, int) {
  DynamicQuery q = dynamicQuery(vm, args[0]);
  return countOf(vm, q, vm.callerVariables(q.bindNames));
}

Value queryWithBinds(Interp& vm, Value* args, int) { return rowsOf(vm, dynamicQuery(vm, args[0]), mapBinds(vm, args[1])); }
Value countQueryWithBinds(Interp& vm, Value* args, int) {
  return countOf(vm, dynamicQuery(vm, args[0]), mapBinds(vm, args[1]));
}

// Database.QueryLocator (Apex Reference: QueryLocator Class): the records
// of a query, run when the locator is made, and the query's text.
// Database.QueryLocatorIterator: hasNext/next over the locator's records.
struct QueryLocatorIteratorState : interp::NativeState {
  Value records;
  size_t next = 0;
  explicit QueryLocatorIteratorState(Value rows) : records(std::move(rows)) {}
  std::string toString() const override { return "Database.QueryLocatorIterator"; }
};

Value queryLocator(Interp& vm, std::string text, Value rows) {
  return vm.makeNativeInstance("Database.QueryLocator", std::make_unique<QueryLocatorState>(std::move(text), rows),
                               interp::heap_costs::instance(2));
}

Value getQueryLocator(Interp& vm, Value* args, int) {
  DynamicQuery q = dynamicQuery(vm, args[0]);
  return queryLocator(vm, str(args[0]), rowsOf(vm, q, vm.callerVariables(q.bindNames)));
}
Value getQueryLocatorWithBinds(Interp& vm, Value* args, int) {
  return queryLocator(vm, str(args[0]), rowsOf(vm, dynamicQuery(vm, args[0]), mapBinds(vm, args[1])));
}
Value getQueryLocatorOfRecords(Interp& vm, Value* args, int) { return queryLocator(vm, "", nonNull(vm, args[0])); }

// Database.Cursor and Database.PaginationCursor (Apex Reference: Cursor
// Class, PaginationCursor Class): a query's records, run when the cursor is
// made, fetched a slice at a time. The records are the instance's
// fields[0], where the heap sees them.
struct CursorState : interp::NativeState {
  std::string className;
  explicit CursorState(std::string_view cls) : className(cls) {}
  std::string toString() const override { return className; }
};

Value cursor(Interp& vm, Value rows, std::string_view cls = "Database.Cursor") {
  Value made = vm.makeNativeInstance(cls, std::make_unique<CursorState>(cls), interp::heap_costs::instance(1));
  auto& fields = made.as<interp::InstanceObj>()->fields;
  fields.resize(1);
  fields[0] = std::move(rows);
  return made;
}
const interp::ListObj& cursorRecords(const Value& self) { return *listOf(self.as<interp::InstanceObj>()->fields[0]); }

// Apex Reference: Database Class — getCursor(query[, accessLevel]),
// getCursorWithBinds(query, bindMap, accessLevel)
Value getCursor(Interp& vm, Value* args, int) {
  DynamicQuery q = dynamicQuery(vm, args[0]);
  return cursor(vm, rowsOf(vm, q, vm.callerVariables(q.bindNames)));
}
Value getCursorWithBinds(Interp& vm, Value* args, int) {
  return cursor(vm, rowsOf(vm, dynamicQuery(vm, args[0]), mapBinds(vm, args[1])));
}

// Apex Reference: Cursor Class — fetch(position, count): the `count`
// records from `position` (fewer at the end); getNumRecords()
Value cursorFetch(Interp& vm, Value* args, int) {
  const interp::ListObj& rows = cursorRecords(args[0]);
  int32_t position = intArg(vm, args[1]), count = intArg(vm, args[2]);
  if (position < 0 || count < 0) vm.raise(interp::errors::CursorBadRange, position, count);
  size_t from = std::min(rows.items.size(), size_t(position));
  size_t to = std::min(rows.items.size(), from + size_t(count));
  return vm.makeList(rows.type, std::vector<Value>(rows.items.begin() + long(from), rows.items.begin() + long(to)));
}
Value cursorNumRecords(Interp&, Value* args, int) { return integer(int32_t(cursorRecords(args[0]).items.size())); }

// Apex Reference: Database Class — getPaginationCursor(query[,
// accessLevel]), getPaginationCursorWithBinds(query, bindMap, accessLevel)
Value getPaginationCursor(Interp& vm, Value* args, int) {
  DynamicQuery q = dynamicQuery(vm, args[0]);
  return cursor(vm, rowsOf(vm, q, vm.callerVariables(q.bindNames)), "Database.PaginationCursor");
}
Value getPaginationCursorWithBinds(Interp& vm, Value* args, int) {
  return cursor(vm, rowsOf(vm, dynamicQuery(vm, args[0]), mapBinds(vm, args[1])), "Database.PaginationCursor");
}

// Database.CursorFetchResult: a page's records (fields[0]), where the next
// page starts, and whether the result set is done.
struct FetchResultState : interp::NativeState {
  int32_t nextIndex;
  bool done;
  FetchResultState(int32_t next, bool isDone) : nextIndex(next), done(isDone) {}
  std::string toString() const override { return "Database.CursorFetchResult"; }
};

// Apex Reference: PaginationCursor Class — fetchPage(start, pageSize): the
// page, as a CursorFetchResult; fetchDeleted(start, pageSize): the rows
// deleted since the cursor was made, none in a local org.
Value paginationFetchPage(Interp& vm, Value* args, int argc) {
  Value page = cursorFetch(vm, args, argc);
  size_t total = cursorRecords(args[0]).items.size();
  int32_t next = args[1].asInt() + int32_t(listOf(page)->items.size());
  Value result = vm.makeNativeInstance("Database.CursorFetchResult",
                                       std::make_unique<FetchResultState>(next, size_t(next) >= total),
                                       interp::heap_costs::instance(1));
  auto& fields = result.as<interp::InstanceObj>()->fields;
  fields.resize(1);
  fields[0] = std::move(page);
  return result;
}
Value paginationFetchDeleted(Interp& vm, Value* args, int) {
  intArg(vm, args[1]);
  intArg(vm, args[2]);
  return integer(0);
}

// Apex Reference: CursorFetchResult Class — getRecords(), getNextIndex(),
// isDone(), getNumDeletedRecords()
Value fetchResultRecords(Interp&, Value* args, int) { return args[0].as<interp::InstanceObj>()->fields[0]; }
Value fetchResultNextIndex(Interp&, Value* args, int) { return integer(stateOf<FetchResultState>(args[0]).nextIndex); }
Value fetchResultDone(Interp&, Value* args, int) { return boolean(stateOf<FetchResultState>(args[0]).done); }
Value fetchResultNumDeleted(Interp&, Value*, int) { return integer(0); }

Value locatorGetQuery(Interp& vm, Value* args, int) {
  const std::string& text = stateOf<QueryLocatorState>(args[0]).queryText;
  return text.empty() ? Value() : vm.makeString(text);
}
Value locatorIterator(Interp& vm, Value* args, int) {
  return vm.makeNativeInstance("Database.QueryLocatorIterator",
                               std::make_unique<QueryLocatorIteratorState>(stateOf<QueryLocatorState>(args[0]).records),
                               interp::heap_costs::instance(2));
}
Value iteratorHasNext(Interp&, Value* args, int) {
  auto& it = stateOf<QueryLocatorIteratorState>(args[0]);
  return boolean(it.next < listOf(it.records)->items.size());
}
Value iteratorNext(Interp& vm, Value* args, int) {
  auto& it = stateOf<QueryLocatorIteratorState>(args[0]);
  const std::vector<Value>& items = listOf(it.records)->items;
  if (it.next >= items.size()) vm.raise(errors::IteratorExhausted);
  return items[it.next++];
}

// The org's records, which DML needs.
interp::DataStorePort& store(Interp& vm) {
  interp::DataStorePort* s = vm.dataStore();
  if (!s) vm.raise(errors::DmlNotAvailable);
  return *s;
}

// ---- emptyRecycleBin

// One record Database.emptyRecycleBin was given: a record in the recycle
// bin is deleted for good; any other fails its result.
DmlRowResult emptyOne(Interp& vm, interp::DataStorePort& records, const Value& target) {
  DmlRowResult result;
  if (target.isNull()) {
    result.errors.push_back(interp::dml::rowError(interp::dml::IdMissingInDelete, {}));
    return result;
  }
  result.id = target.tag() == Tag::SObject ? target.as<interp::SObjectObj>()->idText() : str(target);
  const sema::SObjectType* type = result.id.size() >= 3 ? vm.schema().objectByKeyPrefix(result.id.substr(0, 3)) : nullptr;
  std::vector<Value> found = type ? records.load(vm, *type, std::vector<std::string>{result.id}) : std::vector<Value>{};
  const Value* deleted = found.empty() ? nullptr : found[0].as<interp::SObjectObj>()->find(type->field("IsDeleted"));
  if (!deleted || deleted->tag() != Tag::Boolean || !deleted->asBool()) {
    result.errors.push_back(interp::dml::rowError(interp::dml::NotInRecycleBin, {}));
    return result;
  }
  records.erase(*type, std::vector<std::string>{result.id});
  return result;
}

// Apex Reference: Database Class — emptyRecycleBin(recordIds),
// emptyRecycleBin(obj), emptyRecycleBin(listOfSObjects): one DML statement,
// a row for each record, a Database.EmptyRecycleBinResult each.
std::vector<Value> emptyRecycleBin(Interp& vm, const Value& target) {
  interp::DataStorePort& records = store(vm);
  std::vector<Value> targets = recordsOf(vm, target);
  vm.useLimit(interp::Limit::DmlStatements);
  vm.useLimit(interp::Limit::DmlRows, int64_t(targets.size()));
  std::vector<Value> results;
  std::string cls = "Database.EmptyRecycleBinResult";
  for (const Value& each : targets)
    results.push_back(vm.makeNativeInstance(cls, std::make_unique<ResultState>(cls, emptyOne(vm, records, each)),
                                            interp::heap_costs::instance(3)));
  return results;
}

Value emptyRecycleBinOne(Interp& vm, Value* args, int) { return emptyRecycleBin(vm, args[0]).front(); }
Value emptyRecycleBinList(Interp& vm, Value* args, int) {
  const sema::Type* list = vm.types().list(vm.findClass("Database.EmptyRecycleBinResult")->type);
  return vm.makeList(list, emptyRecycleBin(vm, args[0]));
}

// ---- savepoints (Apex Developer Guide, "Transaction Control")

struct SavepointState : interp::NativeState {
  int64_t mark;
  explicit SavepointState(int64_t m) : mark(m) {}
  std::string toString() const override { return "System.Savepoint"; }
};

Value setSavepoint(Interp& vm, Value*, int) {
  vm.limits().add(interp::Limit::DmlStatements);
  int64_t mark = store(vm).savepoint();
  return vm.makeNativeInstance("System.Savepoint", std::make_unique<SavepointState>(mark), interp::heap_costs::kHeader);
}

Value rollback(Interp& vm, Value* args, int) {
  const Value& savepoint = nonNull(vm, args[0]);
  vm.limits().add(interp::Limit::DmlStatements);
  store(vm).rollbackTo(stateOf<SavepointState>(savepoint).mark);
  return Value();
}

// ---- DmlException: the records that failed, by index

const interp::DmlFailure& failure(Interp& vm, const Value& self, const Value& index) {
  const auto& failures = self.as<interp::InstanceObj>()->exception->dmlFailures;
  int32_t i = intArg(vm, index);
  if (i < 0 || size_t(i) >= failures.size()) vm.raise(errors::ListIndexOutOfBounds, i);
  return failures[size_t(i)];
}

Value getNumDml(Interp&, Value* args, int) {
  const interp::ExceptionData* data = args[0].as<interp::InstanceObj>()->exception;
  return integer(data ? int32_t(data->dmlFailures.size()) : 0);
}
Value getDmlId(Interp& vm, Value* args, int) {
  const std::string& id = failure(vm, args[0], args[1]).id;
  return id.empty() ? Value() : vm.makeId(id);
}
Value getDmlIndex(Interp& vm, Value* args, int) { return integer(failure(vm, args[0], args[1]).index); }
Value getDmlMessage(Interp& vm, Value* args, int) { return vm.makeString(failure(vm, args[0], args[1]).message); }
Value getDmlType(Interp& vm, Value* args, int) { return statusCode(vm, failure(vm, args[0], args[1]).code); }
Value getDmlFieldNames(Interp& vm, Value* args, int) { return stringList(vm, failure(vm, args[0], args[1]).fields); }

using ast::DmlOp;

const sema::NativeDef kDatabaseNatives[] = {
    {"Database", "static Database.SaveResult insert(SObject)", &dmlOne<DmlOp::Insert>},
    {"Database", "static Database.SaveResult insert(SObject, Boolean)", &dmlOne<DmlOp::Insert>},
    {"Database", "static Database.SaveResult insert(SObject, Boolean, System.AccessLevel)", &dmlOne<DmlOp::Insert>},
    {"Database", "static Database.SaveResult insert(SObject, System.AccessLevel)", &dmlOne<DmlOp::Insert>},
    {"Database", "static List<Database.SaveResult> insert(List<SObject>)", &dmlList<DmlOp::Insert>},
    {"Database", "static List<Database.SaveResult> insert(List<SObject>, Boolean)", &dmlList<DmlOp::Insert>},
    {"Database", "static List<Database.SaveResult> insert(List<SObject>, Boolean, System.AccessLevel)", &dmlList<DmlOp::Insert>},
    {"Database", "static List<Database.SaveResult> insert(List<SObject>, System.AccessLevel)", &dmlList<DmlOp::Insert>},
    {"Database", "static Database.SaveResult update(SObject)", &dmlOne<DmlOp::Update>},
    {"Database", "static Database.SaveResult update(SObject, Boolean)", &dmlOne<DmlOp::Update>},
    {"Database", "static Database.SaveResult update(SObject, Boolean, System.AccessLevel)", &dmlOne<DmlOp::Update>},
    {"Database", "static Database.SaveResult update(SObject, System.AccessLevel)", &dmlOne<DmlOp::Update>},
    {"Database", "static List<Database.SaveResult> update(List<SObject>)", &dmlList<DmlOp::Update>},
    {"Database", "static List<Database.SaveResult> update(List<SObject>, Boolean)", &dmlList<DmlOp::Update>},
    {"Database", "static List<Database.SaveResult> update(List<SObject>, Boolean, System.AccessLevel)", &dmlList<DmlOp::Update>},
    {"Database", "static List<Database.SaveResult> update(List<SObject>, System.AccessLevel)", &dmlList<DmlOp::Update>},
    {"Database", "static Database.UpsertResult upsert(SObject)", &dmlOne<DmlOp::Upsert>},
    {"Database", "static Database.UpsertResult upsert(SObject, Boolean)", &dmlOne<DmlOp::Upsert>},
    {"Database", "static Database.UpsertResult upsert(SObject, Boolean, System.AccessLevel)", &dmlOne<DmlOp::Upsert>},
    {"Database", "static Database.UpsertResult upsert(SObject, System.AccessLevel)", &dmlOne<DmlOp::Upsert>},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>)", &dmlList<DmlOp::Upsert>},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, Boolean)", &dmlList<DmlOp::Upsert>},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, Boolean, System.AccessLevel)", &dmlList<DmlOp::Upsert>},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, System.AccessLevel)", &dmlList<DmlOp::Upsert>},
    {"Database", "static Database.UpsertResult upsert(SObject, Schema.SObjectField)", &upsertOneOn},
    {"Database", "static Database.UpsertResult upsert(SObject, Schema.SObjectField, Boolean)", &upsertOneOn},
    {"Database", "static Database.UpsertResult upsert(SObject, Schema.SObjectField, Boolean, System.AccessLevel)", &upsertOneOn},
    {"Database", "static Database.UpsertResult upsert(SObject, Schema.SObjectField, System.AccessLevel)", &upsertOneOn},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, Schema.SObjectField)", &upsertListOn},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, Schema.SObjectField, Boolean)", &upsertListOn},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, Schema.SObjectField, Boolean, System.AccessLevel)", &upsertListOn},
    {"Database", "static List<Database.UpsertResult> upsert(List<SObject>, Schema.SObjectField, System.AccessLevel)", &upsertListOn},
    {"Database", "static Database.DeleteResult delete(SObject)", &dmlOne<DmlOp::Delete>},
    {"Database", "static Database.DeleteResult delete(SObject, Boolean)", &dmlOne<DmlOp::Delete>},
    {"Database", "static Database.DeleteResult delete(SObject, Boolean, System.AccessLevel)", &dmlOne<DmlOp::Delete>},
    {"Database", "static Database.DeleteResult delete(SObject, System.AccessLevel)", &dmlOne<DmlOp::Delete>},
    {"Database", "static Database.DeleteResult delete(Id)", &dmlOne<DmlOp::Delete>},
    {"Database", "static Database.DeleteResult delete(Id, Boolean)", &dmlOne<DmlOp::Delete>},
    {"Database", "static Database.DeleteResult delete(Id, Boolean, System.AccessLevel)", &dmlOne<DmlOp::Delete>},
    {"Database", "static Database.DeleteResult delete(Id, System.AccessLevel)", &dmlOne<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<SObject>)", &dmlList<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<SObject>, Boolean)", &dmlList<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<SObject>, Boolean, System.AccessLevel)", &dmlList<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<SObject>, System.AccessLevel)", &dmlList<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<Id>)", &dmlList<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<Id>, Boolean)", &dmlList<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<Id>, Boolean, System.AccessLevel)", &dmlList<DmlOp::Delete>},
    {"Database", "static List<Database.DeleteResult> delete(List<Id>, System.AccessLevel)", &dmlList<DmlOp::Delete>},
    {"Database", "static Database.UndeleteResult undelete(SObject)", &dmlOne<DmlOp::Undelete>},
    {"Database", "static Database.UndeleteResult undelete(SObject, Boolean)", &dmlOne<DmlOp::Undelete>},
    {"Database", "static Database.UndeleteResult undelete(SObject, Boolean, System.AccessLevel)", &dmlOne<DmlOp::Undelete>},
    {"Database", "static Database.UndeleteResult undelete(SObject, System.AccessLevel)", &dmlOne<DmlOp::Undelete>},
    {"Database", "static Database.UndeleteResult undelete(Id)", &dmlOne<DmlOp::Undelete>},
    {"Database", "static Database.UndeleteResult undelete(Id, Boolean)", &dmlOne<DmlOp::Undelete>},
    {"Database", "static List<Database.UndeleteResult> undelete(List<SObject>)", &dmlList<DmlOp::Undelete>},
    {"Database", "static List<Database.UndeleteResult> undelete(List<SObject>, Boolean)", &dmlList<DmlOp::Undelete>},
    {"Database", "static List<Database.UndeleteResult> undelete(List<SObject>, Boolean, System.AccessLevel)", &dmlList<DmlOp::Undelete>},
    {"Database", "static List<Database.UndeleteResult> undelete(List<SObject>, System.AccessLevel)", &dmlList<DmlOp::Undelete>},
    {"Database", "static List<Database.UndeleteResult> undelete(List<Id>)", &dmlList<DmlOp::Undelete>},
    {"Database", "static List<Database.UndeleteResult> undelete(List<Id>, Boolean)", &dmlList<DmlOp::Undelete>},
    {"Database", "static Database.MergeResult merge(SObject, SObject)", &merge},
    {"Database", "static Database.MergeResult merge(SObject, SObject, Boolean)", &merge},
    {"Database", "static Database.MergeResult merge(SObject, Id)", &merge},
    {"Database", "static Database.MergeResult merge(SObject, Id, Boolean)", &merge},
    {"Database", "static List<Database.MergeResult> merge(SObject, List<SObject>)", &mergeAsList},
    {"Database", "static List<Database.MergeResult> merge(SObject, List<SObject>, Boolean)", &mergeAsList},
    {"Database", "static List<Database.MergeResult> merge(SObject, List<Id>)", &mergeAsList},
    {"Database", "static List<Database.MergeResult> merge(SObject, List<Id>, Boolean)", &mergeAsList},
    {"Database", "static List<SObject> query(String)", &query, true},
    {"Database", "static List<SObject> query(String, System.AccessLevel)", &query, true},
    {"Database", "static Integer countQuery(String)", &countQuery, true},
    {"Database", "static Integer countQuery(String, System.AccessLevel)", &countQuery, true},
    {"Database", "static List<SObject> queryWithBinds(String, Map<String,Object>, System.AccessLevel)", &queryWithBinds},
    {"Database", "static Integer countQueryWithBinds(String, Map<String,Object>, System.AccessLevel)", &countQueryWithBinds},
    {"Database", "static Database.QueryLocator getQueryLocator(String)", &getQueryLocator, true},
    {"Database", "static Database.QueryLocator getQueryLocator(String, System.AccessLevel)", &getQueryLocator, true},
    {"Database", "static Database.QueryLocator getQueryLocator(List<SObject>)", &getQueryLocatorOfRecords},
    {"Database", "static Database.QueryLocator getQueryLocatorWithBinds(String, Map<String,Object>, System.AccessLevel)",
     &getQueryLocatorWithBinds},
    {"Database", "static Database.Cursor getCursor(String)", &getCursor, true},
    {"Database", "static Database.Cursor getCursor(String, System.AccessLevel)", &getCursor, true},
    {"Database", "static Database.Cursor getCursorWithBinds(String, Map<String,Object>, System.AccessLevel)",
     &getCursorWithBinds},
    {"Cursor", "List<SObject> fetch(Integer, Integer)", &cursorFetch},
    {"Cursor", "Integer getNumRecords()", &cursorNumRecords},
    {"Database", "static Database.PaginationCursor getPaginationCursor(String)", &getPaginationCursor, true},
    {"Database", "static Database.PaginationCursor getPaginationCursor(String, System.AccessLevel)",
     &getPaginationCursor, true},
    {"Database",
     "static Database.PaginationCursor getPaginationCursorWithBinds(String, Map<String,Object>, System.AccessLevel)",
     &getPaginationCursorWithBinds},
    {"PaginationCursor", "Database.CursorFetchResult fetchPage(Integer, Integer)", &paginationFetchPage},
    {"PaginationCursor", "Integer fetchDeleted(Integer, Integer)", &paginationFetchDeleted},
    {"PaginationCursor", "Integer getNumRecords()", &cursorNumRecords},
    {"CursorFetchResult", "List<SObject> getRecords()", &fetchResultRecords},
    {"CursorFetchResult", "Integer getNextIndex()", &fetchResultNextIndex},
    {"CursorFetchResult", "Boolean isDone()", &fetchResultDone},
    {"CursorFetchResult", "Integer getNumDeletedRecords()", &fetchResultNumDeleted},
    {"QueryLocator", "String getQuery()", &locatorGetQuery},
    {"QueryLocator", "Database.QueryLocatorIterator iterator()", &locatorIterator},
    {"QueryLocatorIterator", "Boolean hasNext()", &iteratorHasNext},
    {"QueryLocatorIterator", "SObject next()", &iteratorNext},
    {"Database", "static System.Savepoint setSavepoint()", &setSavepoint},
    {"Database", "static void rollback(System.Savepoint)", &rollback},
    {"SaveResult", "Id getId()", &getId},
    {"SaveResult", "Boolean isSuccess()", &isSuccess},
    {"SaveResult", "List<Database.Error> getErrors()", &getErrors},
    {"UpsertResult", "Id getId()", &getId},
    {"UpsertResult", "Boolean isSuccess()", &isSuccess},
    {"UpsertResult", "Boolean isCreated()", &isCreated},
    {"UpsertResult", "List<Database.Error> getErrors()", &getErrors},
    {"DeleteResult", "Id getId()", &getId},
    {"DeleteResult", "Boolean isSuccess()", &isSuccess},
    {"DeleteResult", "List<Database.Error> getErrors()", &getErrors},
    {"MergeResult", "Id getId()", &getId},
    {"MergeResult", "Boolean isSuccess()", &isSuccess},
    {"MergeResult", "List<String> getMergedRecordIds()", &getMergedRecordIds},
    {"MergeResult", "List<String> getUpdatedRelatedIds()", &getUpdatedRelatedIds},
    {"MergeResult", "List<Database.Error> getErrors()", &getErrors},
    {"Database", "static Database.EmptyRecycleBinResult emptyRecycleBin(SObject)", &emptyRecycleBinOne},
    {"Database", "static List<Database.EmptyRecycleBinResult> emptyRecycleBin(List<SObject>)", &emptyRecycleBinList},
    {"Database", "static List<Database.EmptyRecycleBinResult> emptyRecycleBin(List<Id>)", &emptyRecycleBinList},
    {"EmptyRecycleBinResult", "Id getId()", &getId},
    {"EmptyRecycleBinResult", "Boolean isSuccess()", &isSuccess},
    {"EmptyRecycleBinResult", "List<Database.Error> getErrors()", &getErrors},
    {"UndeleteResult", "Id getId()", &getId},
    {"UndeleteResult", "Boolean isSuccess()", &isSuccess},
    {"UndeleteResult", "List<Database.Error> getErrors()", &getErrors},
    {"Error", "System.StatusCode getStatusCode()", &errorStatusCode},
    {"Error", "String getMessage()", &errorMessage},
    {"Error", "List<String> getFields()", &errorFields},
    {"DmlException", "Integer getNumDml()", &getNumDml},
    {"DmlException", "Id getDmlId(Integer)", &getDmlId},
    {"DmlException", "Integer getDmlIndex(Integer)", &getDmlIndex},
    {"DmlException", "String getDmlMessage(Integer)", &getDmlMessage},
    {"DmlException", "System.StatusCode getDmlType(Integer)", &getDmlType},
    {"DmlException", "List<String> getDmlFieldNames(Integer)", &getDmlFieldNames},
};

}  // namespace

Value saveResultValue(Interp& vm, interp::DmlRowResult row) { return resultValue(vm, ast::DmlOp::Insert, std::move(row)); }

const interp::DmlRowResult* dmlRowOf(const Value& v) {
  if (v.tag() != Tag::Instance) return nullptr;
  auto* o = v.as<interp::InstanceObj>();
  auto* state = o->native ? dynamic_cast<const ResultState*>(o->native.get()) : nullptr;
  return state ? &state->row : nullptr;
}

Value databaseError(Interp& vm, const interp::dml::RowError& e) {
  return vm.makeNativeInstance("Database.Error", std::make_unique<ErrorState>(e), interp::heap_costs::instance(3));
}

std::span<const sema::NativeDef> databaseNatives() { return kDatabaseNatives; }

}  // namespace apex::stdlib
