// REST API Developer Guide: "Resources by Version", "Query", "QueryAll",
// "Describe Global", "sObject Basic Information", "sObject Describe",
// "sObject Rows", "sObject Rows by External ID", "Status Codes and Error
// Responses".
#include "runtime/serve/rest_api.h"

#include <algorithm>
#include <regex>
#include <span>

#include "base/record_id.h"
#include "base/text.h"
#include "base/url_encoding.h"
#include "interp/dml.h"
#include "runtime/data/rest_query.h"
#include "runtime/data/tree_import.h"
#include "runtime/host/queued_jobs.h"
#include "runtime/host/transaction.h"
#include "runtime/serve/rest_errors.h"
#include "sema/status_codes.h"

namespace apex::runtime {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kDefaultBatch = 2000;
constexpr size_t kSmallestBatch = 200;
constexpr size_t kCollectionLimit = 200;
constexpr size_t kCompositeLimit = 25;

std::string versionUrl(const std::string& apiVersion) { return "/services/data/v" + apiVersion; }

// ---- describe (REST API Developer Guide, "sObject Describe")

std::string soapTypeOf(const sema::SObjectField& field) {
  switch (field.type) {
    case sema::FieldType::Address: return "urn:address";
    case sema::FieldType::Location: return "urn:location";
    default: break;
  }
  std::string_view soap = sema::soapTypeName(field.type);
  if (soap == "ID") return "tns:ID";
  static const std::map<std::string_view, std::string_view> kXsd = {
      {"STRING", "string"}, {"BOOLEAN", "boolean"}, {"INTEGER", "int"},           {"DOUBLE", "double"},
      {"DATE", "date"},     {"DATETIME", "dateTime"}, {"TIME", "time"},           {"BASE64BINARY", "base64Binary"},
      {"ANYTYPE", "anyType"}};
  auto it = kXsd.find(soap);
  return "xsd:" + std::string(it == kXsd.end() ? "anyType" : it->second);
}

Json objectSummary(const sema::SObjectType& type, const std::string& apiUrl) {
  std::string url = apiUrl + "/sobjects/" + type.name;
  bool stored = !type.isPlatformEvent();
  bool writable = stored && type.kind != sema::ObjectKind::CustomMetadata;
  return {{"activateable", false},
          {"createable", type.kind != sema::ObjectKind::CustomMetadata},
          {"custom", type.custom()},
          {"customSetting", type.kind == sema::ObjectKind::CustomSetting},
          {"deletable", writable},
          {"deprecatedAndHidden", false},
          {"feedEnabled", false},
          {"keyPrefix", type.keyPrefix.empty() ? Json() : Json(type.keyPrefix)},
          {"label", type.label},
          {"labelPlural", type.labelPlural},
          {"layoutable", stored},
          {"mergeable", false},
          {"name", type.name},
          {"queryable", stored},
          {"replicateable", stored},
          {"retrieveable", stored},
          {"searchable", stored},
          {"triggerable", true},
          {"undeletable", writable},
          {"updateable", writable},
          {"urls", {{"rowTemplate", url + "/{ID}"}, {"describe", url + "/describe"}, {"sobject", url}}}};
}

Json fieldDescribe(const sema::SObjectField& field) {
  Json picklist = Json::array();
  for (const sema::PicklistValue& v : field.picklistValues)
    picklist.push_back({{"active", v.active}, {"defaultValue", v.isDefault}, {"label", v.label}, {"validFor", nullptr},
                        {"value", v.value}});
  bool isId = text::equalsIgnoreAsciiCase(field.name, "Id");
  return {{"autoNumber", field.autoNumber},
          {"calculated", field.calculated},
          {"calculatedFormula", field.formula.empty() ? Json() : Json(field.formula)},
          {"caseSensitive", field.caseSensitive},
          {"createable", field.createable},
          {"custom", field.custom},
          {"defaultedOnCreate", field.defaultedOnCreate},
          {"digits", field.digits},
          {"externalId", field.externalId},
          {"filterable", field.type != sema::FieldType::TextArea},
          {"htmlFormatted", field.htmlFormatted},
          {"idLookup", isId || field.externalId},
          {"label", field.label},
          {"length", field.length},
          {"name", field.name},
          {"nameField", sema::isNameField(field)},
          {"nillable", field.nillable},
          {"picklistValues", picklist},
          {"precision", field.precision},
          {"referenceTo", field.referenceTo},
          {"relationshipName", field.relationshipName.empty() ? Json() : Json(field.relationshipName)},
          {"restrictedPicklist", field.restrictedPicklist},
          {"scale", field.scale},
          {"soapType", soapTypeOf(field)},
          {"type", sema::describeName(field.type)},
          {"unique", field.unique},
          {"updateable", field.updateable}};
}

Json describe(const sema::SObjectType& type, const std::string& apiUrl) {
  Json out = objectSummary(type, apiUrl);
  Json fields = Json::array();
  for (const sema::SObjectField& field : type.fields()) fields.push_back(fieldDescribe(field));
  Json children = Json::array();
  for (const sema::ChildRelationship& child : type.childRelationships())
    children.push_back({{"cascadeDelete", child.cascadeDelete},
                        {"childSObject", child.childObject},
                        {"field", child.field},
                        {"relationshipName", child.name.empty() ? Json() : Json(child.name)},
                        {"restrictedDelete", child.restrictedDelete}});
  Json recordTypes = Json::array();
  for (const sema::RecordTypeInfo& rt : type.recordTypes)
    recordTypes.push_back({{"active", rt.active},
                           {"available", true},
                           {"defaultRecordTypeMapping", &rt == type.defaultRecordType()},
                           {"developerName", rt.developerName},
                           {"master", rt.developerName == "Master"},
                           {"name", rt.label},
                           {"recordTypeId", rt.id}});
  out["childRelationships"] = children;
  out["fields"] = fields;
  out["recordTypeInfos"] = recordTypes;
  return out;
}

// ---- query paging (REST API Developer Guide, "Query": "Sforce-Query-Options: batchSize=N")

size_t batchSizeOf(const std::string& options) {
  for (std::string option : text::split(options, ',')) {
    option = std::string(text::trimJava(option));
    if (!option.starts_with("batchSize=")) continue;
    try {
      long n = std::stol(option.substr(10));
      return std::clamp(size_t(std::max(n, 0L)), kSmallestBatch, kDefaultBatch);
    } catch (const std::exception&) {
      return kDefaultBatch;
    }
  }
  return kDefaultBatch;
}

// A record Id from the URL: 15 or 18 letters and digits.
bool isRecordId(const std::string& text) {
  return (text.size() == 15 || text.size() == 18) &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c); });
}

// The fields a record read returns: `fields=` or every field (compound
// address and location fields aside).
std::vector<std::string> selectedFields(const RestCall& call, const sema::SObjectType& type) {
  if (auto it = call.params.find("fields"); it != call.params.end()) {
    std::vector<std::string> out;
    for (const std::string& name : text::split(it->second, ','))
      if (!text::trimJava(name).empty()) out.emplace_back(text::trimJava(name));
    if (std::none_of(out.begin(), out.end(), [](const std::string& f) { return text::equalsIgnoreAsciiCase(f, "Id"); }))
      out.insert(out.begin(), "Id");
    return out;
  }
  std::vector<std::string> out;
  for (const sema::SObjectField& field : type.fields())
    if (field.type != sema::FieldType::Address && field.type != sema::FieldType::Location) out.push_back(field.name);
  return out;
}

// REST API Developer Guide, "Query" with `columns=true` (what `sf data
// query` asks to lay out its table): a column for each item of the select
// list, a parent's field as the relationship's column joining the field's,
// a sub-query as an aggregate column joining its own columns, a function as
// an aggregate column (`expr0`, `expr1`, ... unless aliased).
Json columnJson(const std::string& name, bool aggregate, Json joins, const std::string& display) {
  return {{"aggregate", aggregate},   {"apexType", nullptr},       {"booleanType", false},
          {"columnName", name},       {"custom", name.ends_with("__c") || name.ends_with("__r")},
          {"displayName", display},   {"foreignKeyName", nullptr}, {"insertable", false},
          {"joinColumns", joins},     {"numberType", false},       {"textType", false},
          {"updatable", false}};
}

Json columnsJson(const std::vector<QueryColumn>& columns) {
  Json out = Json::array();
  int unnamed = 0;
  for (const QueryColumn& c : columns) {
    switch (c.kind) {
      case QueryColumn::Kind::Field: {
        std::vector<std::string> path = text::split(c.name, '.');
        Json column = columnJson(path.back(), false, Json::array(), path.back());
        for (size_t i = path.size() - 1; i-- > 0;) column = columnJson(path[i], false, Json::array({column}), path[i]);
        out.push_back(std::move(column));
        break;
      }
      case QueryColumn::Kind::Subquery: out.push_back(columnJson(c.name, true, columnsJson(c.fields), c.name)); break;
      case QueryColumn::Kind::Function: {
        std::string name = c.alias.empty() ? "expr" + std::to_string(unnamed++) : c.alias;
        out.push_back(columnJson(name, true, Json::array(), c.name));
        break;
      }
    }
  }
  return out;
}

RestAnswer queryFailure(const RestQueryError& error) {
  return errorAnswer(400, error.errorCode.empty() ? "INVALID_QUERY" : error.errorCode, error.message);
}

// What a DML row's errors answer: 404 for a record that is not there.
RestAnswer dmlFailure(const interp::DmlRowResult& row) {
  Json errors = Json::array();
  bool missing = false;
  for (const interp::dml::RowError& e : row.errors) {
    std::string_view code = sema::statusCodeName(e.code);
    missing = missing || code == "ENTITY_IS_DELETED" || code == "INVALID_CROSS_REFERENCE_KEY";
    errors.push_back({{"message", e.message}, {"errorCode", code}, {"fields", e.fields}});
  }
  return jsonAnswer(missing ? 404 : 400, errors);
}

// A record of `type` with the fields of `json` (its `attributes` aside),
// read as the API reads them; or the answer that refuses it.
std::optional<RestAnswer> recordFromJson(interp::Interp& vm, const sema::SObjectType& type, const Json& json,
                                         interp::Value& record) {
  record = vm.makeSObject(type);
  auto* fields = record.as<interp::SObjectObj>();
  for (const auto& [name, value] : json.items()) {
    if (name == "attributes") continue;
    const sema::SObjectField* field = type.field(name);
    if (!field) return errorAnswer(400, "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type.name);
    std::optional<interp::Value> v = fieldValue(vm, *field, value);
    if (!v)
      return errorAnswer(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of " +
                                                   std::string(sema::describeName(field->type)) + " from " + value.dump(),
                     {field->name});
    fields->set(field, *v);
  }
  return std::nullopt;
}

// ---- composite (REST API Developer Guide, "Composite")

// `@{ref.path}` in a sub-request's URL or body: the value at `path` (`id`,
// `records[0].Id`) of the body the sub-request `ref` answered; nullopt for
// a reference to nothing.
std::optional<std::string> withReferences(const std::string& text, const std::map<std::string, Json>& answered) {
  static const std::regex kReference(R"(@\{([A-Za-z0-9_]+)((\.[A-Za-z0-9_]+(\[[0-9]+\])?)+)\})");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), kReference), end; it != end; ++it) {
    out.append(last, text.cbegin() + it->position());
    last = text.cbegin() + it->position() + it->length();
    auto found = answered.find((*it)[1].str());
    if (found == answered.end()) return std::nullopt;
    const Json* at = &found->second;
    static const std::regex kStep(R"(\.([A-Za-z0-9_]+)(\[([0-9]+)\])?)");
    std::string path = (*it)[2].str();
    for (std::sregex_iterator step(path.begin(), path.end(), kStep), done; step != done && at; ++step) {
      at = at->is_object() && at->contains((*step)[1].str()) ? &(*at)[(*step)[1].str()] : nullptr;
      if (at && (*step)[3].matched) {
        size_t index = std::stoul((*step)[3].str());
        at = at->is_array() && index < at->size() ? &(*at)[index] : nullptr;
      }
    }
    if (!at || at->is_null()) return std::nullopt;
    out += at->is_string() ? at->get<std::string>() : at->dump();
  }
  out.append(last, text.cend());
  return out;
}

// A sub-request's URL, `/services/data/vNN.N/<path>[?query]`, as a call.
std::optional<RestCall> callAt(const std::string& method, const std::string& url, std::string body) {
  static const std::regex kUrl(R"(/services/data/v([0-9]+\.[0-9])(/[^?]*)?(\?(.*))?)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl)) return std::nullopt;
  RestCall call;
  call.method = method;
  call.apiVersion = m[1].str();
  call.path = m[2].str();
  for (const std::string& pair : text::split(m[4].str(), '&')) {
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    call.params[formUrlDecode(pair.substr(0, equals))] = equals == std::string::npos ? "" : formUrlDecode(pair.substr(equals + 1));
  }
  call.body = std::move(body);
  return call;
}

Json halted(const std::string& referenceId, std::string_view message) {
  return {{"body", Json::array({{{"errorCode", "PROCESSING_HALTED"}, {"message", message}}})},
          {"httpHeaders", Json::object()},
          {"httpStatusCode", 400},
          {"referenceId", referenceId}};
}

// ---- sObject Tree (REST API Developer Guide, "sObject Tree")

constexpr size_t kTreeRecordLimit = 200;
constexpr size_t kTreeDepthLimit = 5;
constexpr size_t kTreeTypeLimit = 5;

Json treeError(const std::string& referenceId, std::string_view code, const std::string& message,
               const std::vector<std::string>& fields = {}) {
  return {{"referenceId", referenceId},
          {"errors", Json::array({{{"statusCode", code}, {"message", message}, {"fields", fields}}})}};
}

RestAnswer treeFailure(Json results) { return jsonAnswer(400, {{"hasErrors", true}, {"results", std::move(results)}}); }

// What the SObject Tree API refuses before saving anything: more records,
// levels or object types than it takes, a referenceId given twice (one
// result for each time), a root record of another object than the URL's.
std::optional<RestAnswer> treeRefusal(const TreePart& part, const sema::SObjectType& type) {
  TreeShape shape = shapeOf(part.records);
  if (shape.records > kTreeRecordLimit)
    return errorAnswer(400, "LIMIT_EXCEEDED", "The request has " + std::to_string(shape.records) +
                                                  " records; an sObject tree request takes at most 200");
  if (shape.depth > kTreeDepthLimit)
    return errorAnswer(400, "LIMIT_EXCEEDED", "The request's trees are " + std::to_string(shape.depth) +
                                                  " levels deep; an sObject tree request takes at most 5");
  if (shape.types.size() > kTreeTypeLimit)
    return errorAnswer(400, "LIMIT_EXCEEDED", "The request has records of " + std::to_string(shape.types.size()) +
                                                  " objects; an sObject tree request takes at most 5");
  Json results = Json::array();
  for (const auto& [referenceId, count] : shape.referenceIds)
    for (size_t i = 0; count > 1 && i < count; ++i)
      results.push_back(treeError(referenceId, "INVALID_INPUT", "Duplicate ReferenceId provided in the request."));
  for (const Json& root : part.records) {
    const std::string& rootType = root["attributes"]["type"].get_ref<const std::string&>();
    if (!text::equalsIgnoreAsciiCase(rootType, type.name))
      results.push_back(treeError(root["attributes"]["referenceId"], "INVALID_INPUT",
                                  "A root record is of type " + rootType + ", not " + type.name +
                                      ", the object the request creates"));
  }
  if (!results.empty()) return treeFailure(std::move(results));
  return std::nullopt;
}

constexpr std::string_view kRolledBack = "The transaction was rolled back since another operation in the same transaction failed.";

RunServices servicesFor(const UserContext& user, RecordStore& records) {
  RunServices services;
  services.user = &user;
  services.dataStore = &records;
  services.quiddity = "REST";
  return services;
}

}  // namespace

RestApi::RestApi(sema::Program& program, RecordStore& records, std::recursive_mutex& recordsInUse,
                 const UserContext& user, std::string apiPath)
    : program_(program), records_(records), recordsInUse_(recordsInUse), user_(user), apiPath_(std::move(apiPath)) {}

std::string RestApi::apiUrl(const std::string& apiVersion) const { return versionUrl(apiVersion) + apiPath_; }

RestAnswer RestApi::handle(const RestCall& call) {
  std::vector<std::string> segments;
  for (const std::string& s : text::split(call.path, '/'))
    if (!s.empty()) segments.push_back(s);
  if (segments.empty()) return call.method == "GET" ? resources(call) : notFoundAnswer();
  const std::string& resource = segments[0];
  if ((resource == "query" || resource == "queryAll") && call.method == "GET") {
    if (segments.size() == 2) return moreRecords(call, segments[1]);
    if (segments.size() == 1) return query(call, resource == "queryAll");
  }
  if (resource == "sobjects") return sobjects(call, segments);
  if (resource == "composite" && segments.size() >= 2 && segments[1] == "sobjects") return collection(call, segments);
  if (resource == "composite" && segments.size() == 1 && call.method == "POST") return composite(call);
  if (resource == "composite" && segments.size() == 3 && segments[1] == "tree" && call.method == "POST")
    return tree(call, segments[2]);
  return notFoundAnswer();
}

// A query on the org's records, in a transaction of its own.
std::variant<RestQueryResult, RestQueryError> RestApi::runQuery(std::string_view soql, bool allRows,
                                                                const std::string& apiVersion) {
  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  RunServices services = servicesFor(user_, records_);
  Transaction transaction(program_, services);
  return runRestQuery(transaction.vm(), soql, allRows, apiUrl(apiVersion));
}

// REST API Developer Guide, "Resources by Version".
RestAnswer RestApi::resources(const RestCall& call) const {
  std::string base = apiUrl(call.apiVersion);
  Json out;
  for (const char* name : {"limits", "query", "queryAll", "sobjects"}) out[name] = base + "/" + name;
  return jsonAnswer(200, out);
}

// REST API Developer Guide, "Query", "QueryAll": the first batch of the
// records, and a nextRecordsUrl for the rest.
RestAnswer RestApi::query(const RestCall& call, bool allRows) {
  auto q = call.params.find("q");
  if (q == call.params.end() || text::trimJava(q->second).empty())
    return errorAnswer(400, "MALFORMED_QUERY", "A query string has to be specified");
  std::variant<RestQueryResult, RestQueryError> result = runQuery(q->second, allRows, call.apiVersion);
  if (auto* error = std::get_if<RestQueryError>(&result)) return queryFailure(*error);
  RestQueryResult& rows = std::get<RestQueryResult>(result);
  if (auto columns = call.params.find("columns"); columns != call.params.end() && columns->second == "true")
    return jsonAnswer(200, {{"columnMetadata", columnsJson(rows.columns)}});
  Cursor cursor;
  cursor.totalSize = rows.records.empty() ? rows.totalSize : int64_t(rows.records.size());
  cursor.records = std::move(rows.records);
  cursor.batchSize = batchSizeOf(call.queryOptions);
  std::lock_guard<std::mutex> lock(cursorsInUse_);
  std::string locator = recordId("01g", nextCursor_++);
  return jsonAnswer(200, page(call.apiVersion, locator, cursor));
}

Json RestApi::page(const std::string& apiVersion, const std::string& locator, Cursor& cursor) {
  size_t size = cursor.records.size();
  size_t to = std::min(size, cursor.next + cursor.batchSize);
  Json records = Json::array();
  for (size_t i = cursor.next; i < to; ++i) records.push_back(cursor.records[i]);
  cursor.next = to;
  bool done = to >= size;
  Json out = {{"totalSize", cursor.totalSize}, {"done", done}};
  if (done) {
    cursors_.erase(locator);
  } else {
    out["nextRecordsUrl"] = apiUrl(apiVersion) + "/query/" + locator + "-" + std::to_string(to);
    if (!cursors_.count(locator)) cursors_.emplace(locator, std::move(cursor));
  }
  out["records"] = std::move(records);
  return out;
}

// The next batch: `<locator>-<offset>`.
RestAnswer RestApi::moreRecords(const RestCall& call, const std::string& locatorAndOffset) {
  size_t dash = locatorAndOffset.rfind('-');
  std::string locator = locatorAndOffset.substr(0, dash);
  std::lock_guard<std::mutex> lock(cursorsInUse_);
  auto it = cursors_.find(locator);
  if (dash == std::string::npos || it == cursors_.end())
    return errorAnswer(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
  try {
    it->second.next = std::min(it->second.records.size(), size_t(std::stoul(locatorAndOffset.substr(dash + 1))));
  } catch (const std::exception&) {
    return errorAnswer(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
  }
  return jsonAnswer(200, page(call.apiVersion, locator, it->second));
}

// REST API Developer Guide, "Describe Global", "sObject Basic Information",
// "sObject Describe", "sObject Rows", "sObject Rows by External ID".
RestAnswer RestApi::sobjects(const RestCall& call, const std::vector<std::string>& segments) {
  const sema::Schema& schema = *program_.schema;
  if (segments.size() == 1) {
    if (call.method != "GET") return notFoundAnswer();
    Json list = Json::array();
    for (const sema::SObjectType* type : schema.objects()) list.push_back(objectSummary(*type, apiUrl(call.apiVersion)));
    return jsonAnswer(200, {{"encoding", "UTF-8"}, {"maxBatchSize", 200}, {"sobjects", list}});
  }
  const sema::SObjectType* type = schema.object(segments[1]);
  if (!type) return notFoundAnswer();
  if (segments.size() == 2) {
    if (call.method == "GET")
      return jsonAnswer(200, {{"objectDescribe", objectSummary(*type, apiUrl(call.apiVersion))}, {"recentItems", Json::array()}});
    if (call.method == "POST") return writeRecord(call, *type, "", nullptr, "");
    return notFoundAnswer();
  }
  if (segments.size() == 3 && segments[2] == "describe" && call.method == "GET")
    return jsonAnswer(200, describe(*type, apiUrl(call.apiVersion)));
  if (segments.size() == 3) {
    if (!isRecordId(segments[2])) return notFoundAnswer();
    if (call.method == "GET") return readRecord(call, *type, segments[2]);
    if (call.method == "PATCH" || call.method == "DELETE") return writeRecord(call, *type, segments[2], nullptr, "");
    return notFoundAnswer();
  }
  if (segments.size() == 4 && call.method == "PATCH") {
    const sema::SObjectField* field = type->field(segments[2]);
    bool byId = field && text::equalsIgnoreAsciiCase(field->name, "Id");
    if (!field || !(field->externalId || byId))
      return errorAnswer(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + segments[2]);
    return writeRecord(call, *type, "", field, segments[3]);
  }
  return notFoundAnswer();
}

RestAnswer RestApi::readRecord(const RestCall& call, const sema::SObjectType& type, const std::string& id) {
  std::string soql =
      "SELECT " + text::join(selectedFields(call, type), ", ") + " FROM " + type.name + " WHERE Id = '" + id + "'";
  std::variant<RestQueryResult, RestQueryError> result = runQuery(soql, false, call.apiVersion);
  if (auto* error = std::get_if<RestQueryError>(&result)) return queryFailure(*error);
  const Json& records = std::get<RestQueryResult>(result).records;
  return records.empty() ? notFoundAnswer() : jsonAnswer(200, records[0]);
}

// A create (POST, no Id), update (PATCH with an Id), delete (DELETE) or
// upsert (PATCH by `externalId`), as one DML statement in a transaction of
// its own; what it queued or published runs after it commits.
RestAnswer RestApi::writeRecord(const RestCall& call, const sema::SObjectType& type, const std::string& id,
                                const sema::SObjectField* externalId, const std::string& externalValue) {
  Json body = Json::object();
  if (call.method != "DELETE") {
    body = Json::parse(call.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
      return errorAnswer(400, "JSON_PARSER_ERROR", "The request body is not a JSON object");
  }
  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  RunServices services = servicesFor(user_, records_);
  Transaction transaction(program_, services);
  interp::Interp& vm = transaction.vm();
  interp::Value record;
  if (auto refused = recordFromJson(vm, type, body, record)) return *refused;
  auto* fields = record.as<interp::SObjectObj>();
  interp::DmlRequest request;
  request.allOrNone = false;
  if (externalId) {
    std::optional<interp::Value> key = fieldValue(vm, *externalId, Json(externalValue));
    if (!key) return notFoundAnswer();
    fields->set(externalId, *key);
    request.op = ast::DmlOp::Upsert;
    if (!text::equalsIgnoreAsciiCase(externalId->name, "Id")) request.externalId = externalId;
  } else if (!id.empty()) {
    if (call.method == "PATCH") fields->set(type.field("Id"), vm.makeId(id));
    request.op = call.method == "DELETE" ? ast::DmlOp::Delete : ast::DmlOp::Update;
  } else {
    request.op = ast::DmlOp::Insert;
  }
  interp::Value target = call.method == "DELETE" ? vm.makeId(id) : record;
  request.targets = std::span<const interp::Value>(&target, 1);
  RecordsTransaction records(records_);
  interp::DmlRowResult row;
  try {
    row = std::move(interp::runDml(vm, request).front());
  } catch (const interp::ApexThrow& thrown) {
    return errorAnswer(400, "APEX_ERROR", transaction.describe(thrown));
  }
  if (!row.success()) return dmlFailure(row);
  records.commit();
  runQueuedJobs(transaction, records_);
  if (request.op == ast::DmlOp::Update || request.op == ast::DmlOp::Delete) return {204, "", {}, ""};
  Json out = {{"id", row.id}, {"success", true}, {"errors", Json::array()}};
  if (request.op == ast::DmlOp::Insert) return jsonAnswer(201, out);
  out["created"] = row.created;
  return jsonAnswer(row.created ? 201 : 200, out);
}

// REST API Developer Guide, "Composite": up to 25 sub-requests in order, in
// one transaction of the org's records; a later one may use what an
// earlier one answered (`@{referenceId.id}`). With allOrNone, one failure
// rolls back them all; without, the ones that succeeded stay.
RestAnswer RestApi::composite(const RestCall& call) {
  Json body = Json::parse(call.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("compositeRequest") ||
      !body["compositeRequest"].is_array())
    return errorAnswer(400, "JSON_PARSER_ERROR", "The request body is not a JSON object with a compositeRequest array");
  const Json& requests = body["compositeRequest"];
  if (requests.size() > kCompositeLimit)
    return errorAnswer(400, "INVALID_BATCH_REQUEST", "The number of subrequests exceeds the limit of 25");
  bool allOrNone = body.value("allOrNone", false);
  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  RecordsTransaction all(records_);
  std::map<std::string, Json> answered;
  Json responses = Json::array();
  bool failed = false;
  for (const Json& sub : requests) {
    std::string reference = sub.value("referenceId", "");
    if (failed && allOrNone) {
      responses.push_back(halted(reference, kRolledBack));
      continue;
    }
    std::optional<std::string> url = withReferences(sub.value("url", ""), answered);
    std::optional<std::string> subBody =
        sub.contains("body") ? withReferences(sub["body"].dump(), answered) : std::optional<std::string>("");
    if (!url || !subBody) {
      failed = true;
      responses.push_back(halted(reference, "Invalid reference specified. No value for the reference was found in an "
                                            "earlier subrequest's answer."));
      continue;
    }
    std::optional<RestCall> inner = callAt(sub.value("method", "GET"), *url, std::move(*subBody));
    RestAnswer out = inner ? handle(*inner) : notFoundAnswer();
    Json outBody = out.body.empty() ? Json() : Json::parse(out.body, nullptr, false);
    Json headers = Json::object();
    if (out.status == 201 && outBody.is_object() && outBody.contains("id"))
      headers["Location"] = url->substr(0, url->find('?')) + "/" + outBody["id"].get<std::string>();
    responses.push_back({{"body", outBody}, {"httpHeaders", headers}, {"httpStatusCode", out.status},
                         {"referenceId", reference}});
    if (out.status >= 400) failed = true;
    else answered[reference] = outBody;
  }
  if (allOrNone && failed) {
    for (Json& response : responses)
      if (response["httpStatusCode"].get<int>() < 400) response = halted(response["referenceId"], kRolledBack);
  } else {
    all.commit();
  }
  return jsonAnswer(200, {{"compositeResponse", responses}});
}

// REST API Developer Guide, "sObject Tree": trees of new records whose roots
// are of the URL's object, inserted a level at a time across the trees (the
// roots, then their children, ...) with the triggers and validation of an
// Apex insert, in one transaction: a failure saves none and names the
// record that failed.
RestAnswer RestApi::tree(const RestCall& call, const std::string& objectName) {
  const sema::SObjectType* type = program_.schema->object(objectName);
  if (!type) return notFoundAnswer();
  Json body = Json::parse(call.body, nullptr, false);
  if (body.is_discarded()) return errorAnswer(400, "JSON_PARSER_ERROR", "The request body is not JSON");
  auto read = readTree(body, type->name);
  if (auto* problem = std::get_if<std::string>(&read))
    return errorAnswer(400, "INVALID_INPUT", "The request body is not an sObject tree: " + *problem);
  const TreePart& part = std::get<TreePart>(read);
  if (auto refused = treeRefusal(part, *type)) return *refused;

  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  RunServices services = servicesFor(user_, records_);
  Transaction transaction(program_, services);
  RecordsTransaction records(records_);
  PartOutcome outcome = dmlPartSaver(transaction.vm())(part);
  Json results = Json::array();
  if (!outcome.failures.empty()) {
    for (const RecordFailure& f : outcome.failures)
      results.push_back(treeError(f.referenceId, f.statusCode, f.message, f.fields));
    return treeFailure(std::move(results));
  }
  records.commit();
  runQueuedJobs(transaction, records_);
  for (const SavedRecord& saved : outcome.saved) results.push_back({{"referenceId", saved.referenceId}, {"id", saved.id}});
  return jsonAnswer(201, {{"hasErrors", false}, {"results", results}});
}

// REST API Developer Guide, "sObject Collections": up to 200 records in one
// request, each with its result: created (POST), updated (PATCH), upserted
// by an external Id (PATCH .../X/Field), deleted (DELETE ?ids=) or read
// (GET .../X?ids=&fields=). With allOrNone, none is saved when one fails.
RestAnswer RestApi::collection(const RestCall& call, const std::vector<std::string>& segments) {
  const sema::Schema& schema = *program_.schema;
  const sema::SObjectType* type = segments.size() >= 3 ? schema.object(segments[2]) : nullptr;
  if (segments.size() >= 3 && !type) return notFoundAnswer();
  if (call.method == "GET" && type && segments.size() == 3) return readRecords(call, *type);
  const sema::SObjectField* externalId = nullptr;
  if (segments.size() == 4) {
    externalId = type->field(segments[3]);
    if (call.method != "PATCH" || !externalId || !externalId->externalId) return notFoundAnswer();
  } else if (segments.size() != 2) {
    return notFoundAnswer();
  }
  Json body = Json::object();
  if (call.method == "DELETE") {
    body["allOrNone"] = call.params.count("allOrNone") && text::equalsIgnoreAsciiCase(call.params.at("allOrNone"), "true");
  } else if (call.method == "POST" || call.method == "PATCH") {
    body = Json::parse(call.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("records") || !body["records"].is_array())
      return errorAnswer(400, "JSON_PARSER_ERROR", "The request body is not a JSON object with a records array");
  } else {
    return notFoundAnswer();
  }
  bool allOrNone = body.value("allOrNone", false);
  std::vector<std::string> ids;
  if (call.method == "DELETE") {
    auto param = call.params.find("ids");
    if (param != call.params.end()) ids = text::split(param->second, ',');
  }
  size_t count = call.method == "DELETE" ? ids.size() : body["records"].size();
  if (count > kCollectionLimit)
    return errorAnswer(400, "EXCEEDED_ID_LIMIT", "Record limit reached. Cannot submit more than 200 records into this call");

  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  RunServices services = servicesFor(user_, records_);
  Transaction transaction(program_, services);
  interp::Interp& vm = transaction.vm();
  std::vector<interp::Value> targets;
  for (const std::string& id : ids) targets.push_back(vm.makeId(id));
  if (call.method != "DELETE") {
    for (const Json& json : body["records"]) {
      const sema::SObjectType* recordType = type;
      if (!recordType && json.is_object() && json.contains("attributes") && json["attributes"].contains("type"))
        recordType = schema.object(json["attributes"]["type"].get<std::string>());
      if (!recordType || !json.is_object())
        return errorAnswer(400, "INVALID_TYPE", "Each record needs attributes with the type of an sObject");
      interp::Value record;
      if (auto refused = recordFromJson(vm, *recordType, json, record)) return *refused;
      targets.push_back(record);
    }
  }
  interp::DmlRequest request;
  request.allOrNone = false;
  request.op = call.method == "POST" ? ast::DmlOp::Insert
               : call.method == "DELETE" ? ast::DmlOp::Delete
               : externalId ? ast::DmlOp::Upsert
                            : ast::DmlOp::Update;
  if (externalId && !text::equalsIgnoreAsciiCase(externalId->name, "Id")) request.externalId = externalId;
  request.targets = targets;
  RecordsTransaction records(records_);
  std::vector<interp::DmlRowResult> rows;
  try {
    if (!targets.empty()) rows = interp::runDml(vm, request);
  } catch (const interp::ApexThrow& thrown) {
    return errorAnswer(400, "APEX_ERROR", transaction.describe(thrown));
  }
  bool anyFailed = std::any_of(rows.begin(), rows.end(), [](const interp::DmlRowResult& r) { return !r.success(); });
  bool rolledBack = allOrNone && anyFailed;
  Json results = Json::array();
  for (size_t i = 0; i < rows.size(); ++i) {
    const interp::DmlRowResult& row = rows[i];
    Json result = Json::object();
    if (!row.id.empty() && !(rolledBack && request.op == ast::DmlOp::Insert)) result["id"] = row.id;
    else if (request.op == ast::DmlOp::Delete) result["id"] = ids[i];
    result["success"] = row.success() && !rolledBack;
    Json errors = Json::array();
    for (const interp::dml::RowError& e : row.errors)
      errors.push_back({{"statusCode", sema::statusCodeName(e.code)}, {"message", e.message}, {"fields", e.fields}});
    if (rolledBack && row.success())
      errors.push_back({{"statusCode", "ALL_OR_NONE_OPERATION_ROLLED_BACK"},
                        {"message", "Record rolled back because not all records were valid and the request was using "
                                    "AllOrNone header"},
                        {"fields", Json::array()}});
    result["errors"] = errors;
    if (request.op == ast::DmlOp::Upsert) result["created"] = row.created && !rolledBack;
    results.push_back(result);
  }
  if (!rolledBack) {
    records.commit();
    runQueuedJobs(transaction, records_);
  }
  return jsonAnswer(200, results);
}

// The records of `ids` with `fields`, in order; null for an Id not found.
RestAnswer RestApi::readRecords(const RestCall& call, const sema::SObjectType& type) {
  std::vector<std::string> ids;
  if (auto it = call.params.find("ids"); it != call.params.end()) ids = text::split(it->second, ',');
  if (ids.empty() || !call.params.count("fields"))
    return errorAnswer(400, "MALFORMED_QUERY", "ids and fields are required");
  if (!std::all_of(ids.begin(), ids.end(), isRecordId)) return errorAnswer(400, "MALFORMED_ID", "Invalid record Id");
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "'" : ", '") + id + "'";
  std::string soql = "SELECT " + text::join(selectedFields(call, type), ", ") + " FROM " + type.name +
                     " WHERE Id IN (" + list + ")";
  std::variant<RestQueryResult, RestQueryError> result = runQuery(soql, false, call.apiVersion);
  if (auto* error = std::get_if<RestQueryError>(&result)) return queryFailure(*error);
  std::map<std::string, Json> byId;
  for (const Json& record : std::get<RestQueryResult>(result).records)
    byId.emplace(record["Id"].get<std::string>().substr(0, 15), record);
  Json out = Json::array();
  for (const std::string& id : ids) {
    auto found = byId.find(id.substr(0, 15));
    out.push_back(found == byId.end() ? Json() : found->second);
  }
  return jsonAnswer(200, out);
}

}  // namespace apex::runtime
