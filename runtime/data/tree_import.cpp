#include "runtime/data/tree_import.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "base/text.h"
#include "interp/dml.h"
#include "interp/interp.h"
#include "interp/object.h"
#include "runtime/data/sf_table.h"
#include "sema/diagnostics.h"
#include "sema/schema.h"

namespace apex::runtime {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using interp::Value;

// The SObject Tree API takes 200 records a request; sf splits larger files.
constexpr size_t kRecordsPerRequest = 200;

// ---------------------------------------------------------------- reading

using InputError = std::string;

// What readTree says of JSON that is not {"records": [...]}.
const InputError kNoRecords = "it has no \"records\" array";

InputError missing(const std::string& path) {
  return fs::exists(path) ? "cannot read " + path : "No file found at " + path;
}

// nlohmann's message without its `[json.exception.parse_error.101] ` tag.
std::string parserMessage(const nlohmann::json::exception& error) {
  std::string message = error.what();
  size_t tag = message.find("] ");
  return message.rfind("[json.exception.", 0) == 0 && tag != std::string::npos ? message.substr(tag + 2) : message;
}

std::variant<Json, InputError> readJson(const std::string& path, const FileReader& read) {
  std::optional<std::string> text = read(path);
  if (!text) return missing(path);
  if (text->empty()) return InputError("Data file is empty: " + path + ".");
  try {
    return Json::parse(*text);
  } catch (const nlohmann::json::parse_error& error) {
    return InputError(path + " is not valid JSON: " + parserMessage(error));
  }
}

// A record's `attributes.type` and `attributes.referenceId`, which the
// SObject Tree API requires of every record, nested ones too.
std::optional<std::string> checkRecord(const Json& record, const std::string& where) {
  if (!record.is_object()) return where + " is not an object";
  auto attributes = record.find("attributes");
  if (attributes == record.end() || !attributes->is_object()) return where + " has no attributes";
  for (const char* key : {"type", "referenceId"}) {
    auto value = attributes->find(key);
    if (value == attributes->end() || !value->is_string() || value->get_ref<const std::string&>().empty())
      return where + " has no attributes." + key;
  }
  for (const auto& [key, value] : record.items()) {
    if (key == "attributes" || !value.is_object() || !value.contains("records")) continue;
    const Json& children = value["records"];
    if (!children.is_array()) return where + "." + key + ".records is not an array";
    for (size_t i = 0; i < children.size(); ++i)
      if (auto problem = checkRecord(children[i], where + "." + key + ".records[" + std::to_string(i) + "]"))
        return problem;
  }
  return std::nullopt;
}

// A tree file, as readTree reads its JSON.
std::variant<TreePart, InputError> readTreeFile(const std::string& path, const std::string& sobject,
                                                const FileReader& read) {
  auto parsed = readJson(path, read);
  if (auto* error = std::get_if<InputError>(&parsed)) return *error;
  auto part = readTree(std::get<Json>(parsed), sobject);
  if (auto* problem = std::get_if<InputError>(&part))
    return *problem == kNoRecords ? path + " is not an sObject tree file: " + kNoRecords : path + ": " + *problem;
  std::get<TreePart>(part).file = path;
  return part;
}

// What is wrong with a plan's entry, against sf's plan schema.
std::optional<std::string> planEntryProblem(const Json& entry) {
  if (!entry.is_object()) return "not an object";
  auto sobject = entry.find("sobject");
  if (sobject == entry.end() || !sobject->is_string()) return "\"sobject\" must be a string";
  auto files = entry.find("files");
  if (files == entry.end() || !files->is_array()) return "\"files\" must be an array";
  for (const Json& file : *files)
    if (!file.is_string()) return "The `files` property of the plan objects must contain only strings";
  for (const char* flag : {"saveRefs", "resolveRefs"}) {
    auto value = entry.find(flag);
    if (value != entry.end() && !value->is_boolean()) return std::string("\"") + flag + "\" must be true or false";
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- references

bool isWordCharacter(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// At least one digit from `from` to the end of `text`, and nothing else.
bool digitsFrom(std::string_view text, size_t from) {
  return from < text.size() && text.find_first_not_of("0123456789", from) == std::string_view::npos;
}

// sf's pattern of a reference the export writes: `@AccountRef1` (`^@\w+Ref\d+$`).
bool isReferencePattern(const Json& value) {
  if (!value.is_string()) return false;
  std::string_view text = value.get_ref<const std::string&>();
  size_t digits = text.find_last_not_of("0123456789") + 1;
  if (!digitsFrom(text, digits) || digits < 5 || text.substr(digits - 3, 3) != "Ref" || text[0] != '@') return false;
  std::string_view name = text.substr(1, digits - 4);
  return std::all_of(name.begin(), name.end(), isWordCharacter);
}

// A reference to a record of `sobject` (`^@AccountRef\d+$` for Account).
bool isReferenceTo(const Json& value, const std::string& sobject) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  std::string prefix = "@" + sobject + "Ref";
  return text.rfind(prefix, 0) == 0 && digitsFrom(text, prefix.size());
}

template <class Test>
bool anyFieldValue(const Json& record, Test test) {
  for (const auto& [key, value] : record.items())
    if (key != "attributes" && test(value)) return true;
  return false;
}

using IdsByReference = std::unordered_map<std::string, std::string>;

// Replaces each `@Ref` value of a saved record's referenceId by its Id, in
// the record and in its nested children.
void replaceReferences(Json& record, const IdsByReference& ids) {
  for (auto& [key, value] : record.items()) {
    if (key == "attributes") continue;
    if (value.is_string()) {
      const std::string& text = value.get_ref<const std::string&>();
      if (text.size() < 2 || text[0] != '@') continue;
      auto found = ids.find(text.substr(1));
      if (found != ids.end()) value = found->second;
    } else if (value.is_object() && value.contains("records") && value["records"].is_array()) {
      for (Json& child : value["records"]) replaceReferences(child, ids);
    }
  }
}

// `part` split in two: the records `test` is false for, then the others.
template <class Test>
std::pair<TreePart, TreePart> partition(const TreePart& part, Test test) {
  TreePart passing{part.file, part.sobject, {}}, failing{part.file, part.sobject, {}};
  for (const Json& record : part.records) (test(record) ? failing : passing).records.push_back(record);
  return {std::move(passing), std::move(failing)};
}

// A part waiting to be saved, with a hash of its records: the parts' hashes
// and the count of records saved are the state of an import, which sf's
// plan import fingerprints to see that waiting records make no progress.
struct Queued {
  TreePart part;
  size_t hash;
};

Queued queued(TreePart part) {
  std::string text = part.file + "\n";
  for (const Json& record : part.records) text += record.dump();
  size_t hash = std::hash<std::string>{}(text);
  return {std::move(part), hash};
}

size_t fingerprint(size_t savedCount, const std::deque<Queued>& queue) {
  size_t hash = std::hash<size_t>{}(savedCount);
  for (const Queued& waiting : queue) hash = hash * 1000003 ^ waiting.hash;
  return hash;
}

// sf's message (plugin-data, importApi: error.UnresolvableRefs), about the
// first part still waiting (sf names the part at the head of its queue,
// which may be an empty one, and then lists no reference).
std::string unresolvable(const std::deque<Queued>& queue) {
  auto waiting = std::find_if(queue.begin(), queue.end(), [](const Queued& q) { return !q.part.records.empty(); });
  const TreePart& part = waiting == queue.end() ? queue.front().part : waiting->part;
  std::string message = "There are references in a data file " + part.file + " that can't be resolved:\n";
  for (const Json& record : part.records)
    for (const auto& [key, value] : record.items())
      if (key != "attributes" && isReferencePattern(value)) message += "\n- " + value.get<std::string>();
  return message;
}

// ---------------------------------------------------------------- saving

// A record to insert: a tree record, and for a child the parent's Id and
// the relationship it hangs from.
struct Pending {
  const Json* record;
  std::string parentId;
  const sema::ChildRelationship* via = nullptr;
};

std::string referenceIdOf(const Json& record) { return record["attributes"]["referenceId"]; }

bool isChildList(const Json& value) {
  return value.is_object() && value.contains("records") && value["records"].is_array();
}

// The token Jackson names a JSON value by in the REST API's parse errors.
std::string tokenName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string: return "VALUE_STRING";
    case Json::value_t::boolean: return value.get<bool>() ? "VALUE_TRUE" : "VALUE_FALSE";
    case Json::value_t::number_float: return "VALUE_NUMBER_FLOAT";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "VALUE_NUMBER_INT";
    case Json::value_t::array: return "START_ARRAY";
    default: return "START_OBJECT";
  }
}

class PartSaving {
 public:
  PartSaving(interp::Interp& vm, const TreePart& part) : vm_(vm), part_(part) {}

  PartOutcome run() {
    // Each request of the SObject Tree API is a transaction of its own.
    vm_.limits() = interp::Limits();
    std::vector<Pending> level;
    for (const Json& record : part_.records) level.push_back({&record, "", nullptr});
    while (!level.empty() && out_.failures.empty()) level = saveLevel(level);
    return std::move(out_);
  }

 private:
  void fail(const Json& record, std::string code, std::string message, std::vector<std::string> fields = {}) {
    out_.failures.push_back(
        {part_.file, referenceIdOf(record), std::move(code), std::move(message), std::move(fields)});
  }

  // Inserts one level of the trees; returns the next level's records.
  std::vector<Pending> saveLevel(const std::vector<Pending>& level) {
    std::vector<Value> targets;
    for (const Pending& pending : level)
      if (auto record = build(pending)) targets.push_back(*record);
    if (!out_.failures.empty()) return {};
    std::vector<interp::DmlRowResult> results;
    try {
      interp::DmlRequest insert;
      insert.op = ast::DmlOp::Insert;
      insert.targets = targets;
      insert.allOrNone = false;
      results = interp::runDml(vm_, insert);
    } catch (const interp::ApexThrow& thrown) {
      std::string what = vm_.describeException(thrown.exception);
      size_t colon = what.find(": ");
      fail(*level.front().record, what.substr(0, colon), colon == std::string::npos ? what : what.substr(colon + 2));
      return {};
    }
    std::vector<Pending> next;
    for (size_t i = 0; i < level.size(); ++i) {
      const Json& record = *level[i].record;
      for (const interp::dml::RowError& e : results[i].errors)
        fail(record, std::string(sema::statusCodeName(e.code)), e.message, e.fields);
      if (!results[i].success()) continue;
      out_.saved.push_back({referenceIdOf(record), targets[i].as<interp::SObjectObj>()->type->name, results[i].id});
      for (const auto& [key, value] : record.items()) {
        if (key == "attributes" || !isChildList(value)) continue;
        const sema::ChildRelationship* via = targets[i].as<interp::SObjectObj>()->type->childRelationship(key);
        for (const Json& child : value["records"]) next.push_back({&child, results[i].id, via});
      }
    }
    return next;
  }

  // The record to insert, or nullopt after failing it.
  std::optional<Value> build(const Pending& pending) {
    const Json& json = *pending.record;
    const std::string& typeName = json["attributes"]["type"].get_ref<const std::string&>();
    const sema::SObjectType* type = vm_.schema().object(typeName);
    if (!type) {
      fail(json, "INVALID_TYPE", sema::diagnosticText(sema::Diagnostic::SoqlNoSuchObject, typeName));
      return std::nullopt;
    }
    Value record = vm_.makeSObject(*type);
    auto* fields = record.as<interp::SObjectObj>();
    if (pending.via) {
      const sema::SObjectField* link = type->field(pending.via->field);
      if (!link || !text::equalsIgnoreAsciiCase(pending.via->childObject, type->name)) {
        fail(json, "INVALID_TYPE",
             "A " + type->name + " record cannot be a child of " + pending.via->name + ", whose records are " +
                 pending.via->childObject + " records");
        return std::nullopt;
      }
      fields->set(link, vm_.makeId(pending.parentId));
    }
    size_t failuresBefore = out_.failures.size();
    for (const auto& [key, value] : json.items())
      if (key != "attributes") setField(json, *type, *fields, key, value);
    if (out_.failures.size() != failuresBefore) return std::nullopt;
    return record;
  }

  void setField(const Json& json, const sema::SObjectType& type, interp::SObjectObj& record, const std::string& key,
                const Json& value) {
    if (isChildList(value)) {
      if (!type.childRelationship(key)) fail(json, "INVALID_FIELD", noSuchColumn(key, type));
      return;
    }
    const sema::SObjectField* field = type.field(key);
    if (!field) {
      fail(json, "INVALID_FIELD", noSuchColumn(key, type));
      return;
    }
    if (!field->createable && !text::equalsIgnoreAsciiCase(field->name, "Id")) {
      interp::dml::RowError error = interp::dml::rowError(interp::dml::FieldNotWriteable, {field->name}, field->name);
      fail(json, std::string(sema::statusCodeName(error.code)), error.message, error.fields);
      return;
    }
    std::optional<Value> converted = fieldValue(vm_, *field, value);
    if (!converted) {
      fail(json, "JSON_PARSER_ERROR",
           "Cannot deserialize instance of " + std::string(sema::describeName(field->type)) + " from " +
               tokenName(value) + " value " + (value.is_string() ? value.get<std::string>() : value.dump()) +
               " or request may be missing a required field",
           {field->name});
      return;
    }
    record.set(field, *converted);
  }

  // The REST API's message for a name that is no field of the object.
  static std::string noSuchColumn(const std::string& name, const sema::SObjectType& type) {
    return "No such column '" + name + "' on sobject of type " + type.name;
  }

  interp::Interp& vm_;
  const TreePart& part_;
  PartOutcome out_;
};

}  // namespace

namespace {

// A scalar's text: a string's characters, a number or boolean as written.
std::optional<std::string> scalarText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

}  // namespace

std::optional<Value> fieldValue(interp::Interp& vm, const sema::SObjectField& field, const Json& json) {
  using sema::FieldType;
  if (json.is_null()) return Value();
  std::optional<std::string> text = scalarText(json);
  if (!text) return std::nullopt;
  switch (field.type) {
    case FieldType::Integer:
    case FieldType::Long:
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent:
      if (json.is_boolean()) return std::nullopt;
      break;
    case FieldType::Date:
    case FieldType::DateTime:
    case FieldType::Time:
    case FieldType::Id:
    case FieldType::Reference:
    case FieldType::Base64:
      if (!json.is_string()) return std::nullopt;
      break;
    default: break;
  }
  return vm.fieldValueFromText(field, *text);
}

// ---------------------------------------------------------------- public

std::variant<TreePart, std::string> readTree(const Json& json, const std::string& sobject) {
  if (!json.is_object() || !json.contains("records") || !json["records"].is_array())
    return InputError(kNoRecords);
  TreePart part{"", sobject, {}};
  for (size_t i = 0; i < json["records"].size(); ++i) {
    const Json& record = json["records"][i];
    if (auto problem = checkRecord(record, "records[" + std::to_string(i) + "]")) return *problem;
    part.records.push_back(record);
  }
  if (part.sobject.empty() && !part.records.empty()) part.sobject = part.records[0]["attributes"]["type"];
  return part;
}

TreeShape shapeOf(const std::vector<Json>& records) {
  TreeShape shape;
  std::function<void(const Json&, size_t)> visit = [&](const Json& record, size_t depth) {
    ++shape.records;
    shape.depth = std::max(shape.depth, depth);
    shape.types.insert(text::foldCase(record["attributes"]["type"].get<std::string>()));
    ++shape.referenceIds[record["attributes"]["referenceId"].get<std::string>()];
    for (const auto& [key, value] : record.items())
      if (key != "attributes" && isChildList(value))
        for (const Json& child : value["records"]) visit(child, depth + 1);
  };
  for (const Json& record : records) visit(record, 1);
  return shape;
}

std::variant<std::vector<TreePart>, InputError> readTreePlan(const std::string& planPath, const FileReader& read) {
  auto parsed = readJson(planPath, read);
  if (auto* error = std::get_if<InputError>(&parsed)) return *error;
  const Json& plan = std::get<Json>(parsed);
  // plugin-data, importApi: error.InvalidDataImport.
  auto notValid = [&](const std::string& errors) {
    return InputError("Data plan file " + planPath + " did not validate against the schema. Errors: " + errors + ".");
  };
  if (!plan.is_array()) return notValid("the plan must be an array of {\"sobject\", \"files\"} entries");
  std::vector<TreePart> parts;
  fs::path folder = fs::path(planPath).parent_path();
  for (size_t i = 0; i < plan.size(); ++i) {
    if (auto problem = planEntryProblem(plan[i])) return notValid("entry " + std::to_string(i) + ": " + *problem);
    for (const Json& file : plan[i]["files"]) {
      auto part = readTreeFile((folder / file.get<std::string>()).string(), plan[i]["sobject"], read);
      if (auto* error = std::get_if<InputError>(&part)) return *error;
      parts.push_back(std::move(std::get<TreePart>(part)));
    }
  }
  return parts;
}

std::variant<std::vector<TreePart>, InputError> readTreeFiles(const std::vector<std::string>& paths,
                                                              const FileReader& read) {
  std::vector<TreePart> parts;
  for (const std::string& path : paths) {
    auto part = readTreeFile(path, "", read);
    if (auto* error = std::get_if<InputError>(&part)) return *error;
    for (const Json& record : std::get<TreePart>(part).records)
      if (anyFieldValue(record, isReferencePattern))
        // plugin-data, importApi: error.RefsInFiles.
        return InputError(
            "The file " + path +
            " includes references (ex: '@AccountRef1'). Those are only supported with --plan, not --files.");
    parts.push_back(std::move(std::get<TreePart>(part)));
  }
  return parts;
}

TreeImportOutcome importTreeParts(std::vector<TreePart> parts, const PartSaver& save) {
  TreeImportOutcome out;
  std::deque<Queued> queue;
  for (TreePart& part : parts) queue.push_back(queued(std::move(part)));
  IdsByReference ids;
  std::unordered_set<size_t> seen;
  while (!queue.empty()) {
    if (!seen.insert(fingerprint(out.saved.size(), queue)).second) {
      out.problem = unresolvable(queue);
      return out;
    }
    TreePart head = std::move(queue.front().part);
    queue.pop_front();
    if (head.records.empty()) continue;
    for (Json& record : head.records) replaceReferences(record, ids);
    auto refersToOwnObject = [&](const Json& record) {
      return anyFieldValue(record, [&](const Json& value) { return isReferenceTo(value, head.sobject); });
    };
    auto [ready, waiting] = partition(head, refersToOwnObject);
    if (!waiting.records.empty()) {
      queue.push_front(queued(std::move(waiting)));
      queue.push_front(queued(std::move(ready)));
      continue;
    }
    auto [resolved, unresolved] = partition(head, [](const Json& r) { return anyFieldValue(r, isReferencePattern); });
    if (!unresolved.records.empty()) {
      queue.push_front(queued(std::move(resolved)));
      queue.push_back(queued(std::move(unresolved)));
      continue;
    }
    if (head.records.size() > kRecordsPerRequest) {
      for (size_t end = head.records.size(); end > 0;) {
        size_t start = (end - 1) / kRecordsPerRequest * kRecordsPerRequest;
        auto first = head.records.begin();
        queue.push_front(queued({head.file, head.sobject, {first + long(start), first + long(end)}}));
        end = start;
      }
      continue;
    }
    PartOutcome saved = save(head);
    for (SavedRecord& record : saved.saved) {
      ids[record.referenceId] = record.id;
      out.saved.push_back(std::move(record));
    }
    if (!saved.failures.empty()) {
      out.failures = std::move(saved.failures);
      return out;
    }
  }
  return out;
}

PartSaver dmlPartSaver(interp::Interp& vm) {
  return [&vm](const TreePart& part) { return PartSaving(vm, part).run(); };
}

std::string importResultsTable(const std::vector<SavedRecord>& saved) {
  std::vector<std::vector<std::string>> rows;
  for (const SavedRecord& record : saved) rows.push_back({record.referenceId, record.type, record.id});
  return sfTable("Import Results", {"Reference ID", "Type", "ID"}, rows);
}

std::string importErrorsTable(const std::vector<RecordFailure>& failures) {
  std::vector<std::vector<std::string>> rows;
  for (const RecordFailure& f : failures)
    rows.push_back({f.referenceId, f.statusCode, f.message, f.fields.empty() ? "N/A" : text::join(f.fields, ", ")});
  return sfTable("Tree import errors", {"Reference ID", "Status Code", "Error Message", "Fields"}, rows);
}

}  // namespace apex::runtime
