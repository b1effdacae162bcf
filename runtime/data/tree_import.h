// `sf data import tree` (Salesforce CLI, plugin-data): the sObject tree
// files SFDX projects ship in `data/`, and the plans that list them, loaded
// into the org through the engine's DML, so that required fields, defaults,
// system fields and Ids are what an Apex insert makes them.
//
// A tree file is {"records": [...]}: each record has `attributes` (`type`,
// `referenceId`) and its field values; child records nest under a child
// relationship's name ({"records": [...]}) and are saved after their
// parents, with the parent's Id in the relationship's field. A plan is a
// JSON array of {"sobject", "files", "saveRefs", "resolveRefs"}, its files
// relative to it. In a plan, a field value `@Ref` is the Id of the record
// saved with referenceId Ref, whichever file saved it: as sf's plan import
// does, a record that refers to one not saved yet waits until it is, and
// saveRefs and resolveRefs change nothing.
//
// Reading the input is separate from saving it, and the order of saving
// (importTreeParts) from the DML (dmlPartSaver), so that each is tested on
// its own. docs/data.md describes the command; docs/differences.md the
// choices where sf's behaviour is not apexrun's.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "interp/value.h"
#include "sema/schema.h"

namespace apex::interp {
class Interp;
}

namespace apex::runtime {

// A file's text, or nullopt when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

// Records saved together, as one request of sf's import: a file's, or a
// part of one.
struct TreePart {
  std::string file;     // the path of the file they come from
  std::string sobject;  // the plan's sobject; without a plan, the first record's type
  std::vector<nlohmann::ordered_json> records;
};

// A JSON value as the value of `field`, read as the REST API reads a
// record's JSON (any field's value may be a string: "true", "12.5",
// "2024-01-15"); nullopt when it is not one.
std::optional<interp::Value> fieldValue(interp::Interp& vm, const sema::SObjectField& field,
                                        const nlohmann::ordered_json& json);

// The records of an sObject tree ({"records": [...]}, a tree file's or an
// SObject Tree request's body), each with `attributes.type` and
// `attributes.referenceId`, nested ones too, as a part of `sobject` (empty:
// the first record's type); or what is wrong with it.
std::variant<TreePart, std::string> readTree(const nlohmann::ordered_json& json, const std::string& sobject);

// What the SObject Tree API limits of a request: its records, nested ones
// included, how deep the trees go (a root alone is 1), the object types
// (folded) and how often each referenceId is given. Of records readTree took.
struct TreeShape {
  size_t records = 0;
  size_t depth = 0;
  std::set<std::string> types;
  std::map<std::string, size_t> referenceIds;
};
TreeShape shapeOf(const std::vector<nlohmann::ordered_json>& records);

// The parts of the plan at `planPath`, one per file, in order; or what is
// wrong with the input (a file missing, not JSON, not a plan or a tree
// file), found before anything is saved.
std::variant<std::vector<TreePart>, std::string> readTreePlan(const std::string& planPath, const FileReader& read);
// The parts of the files of `--files`, in order. A reference (`@AccountRef1`)
// is an error, as sf allows them only with a plan.
std::variant<std::vector<TreePart>, std::string> readTreeFiles(const std::vector<std::string>& paths,
                                                               const FileReader& read);

// A record saved: the table sf prints after an import lists these.
struct SavedRecord {
  std::string referenceId;
  std::string type;
  std::string id;
};

// Why a record was not saved: the platform's status code and message.
struct RecordFailure {
  std::string file;
  std::string referenceId;
  std::string statusCode;
  std::string message;
  std::vector<std::string> fields;
};

// What saving one part gave: each record saved (parents before children),
// or the records that failed.
struct PartOutcome {
  std::vector<SavedRecord> saved;
  std::vector<RecordFailure> failures;
};
using PartSaver = std::function<PartOutcome(const TreePart& part)>;

struct TreeImportOutcome {
  std::vector<SavedRecord> saved;
  std::vector<RecordFailure> failures;  // of the part that failed: the import stops there
  std::string problem;                  // references that no record of the input resolves
  bool ok() const { return failures.empty() && problem.empty(); }
};

// Saves `parts` as sf's plan import orders them: each part after its `@Ref`
// values are replaced by the Ids of the records saved so far; records that
// refer to a record of their own object in the same part wait for it,
// records that refer to one not saved yet go after the other parts; a part
// of more than 200 records is saved 200 at a time (one request of the
// SObject Tree API). When waiting makes no progress, the references that
// cannot be resolved are the problem. The caller rolls back on a failure.
TreeImportOutcome importTreeParts(std::vector<TreePart> parts, const PartSaver& save);

// A saver that inserts each part's records with the DML of `vm`, whose
// data store is the org's: roots first, then each level of children, each
// part with the governor limits of a transaction of its own.
PartSaver dmlPartSaver(interp::Interp& vm);

// sf's tables: `Import Results` (Reference ID, Type, ID) after an import,
// `Tree import errors` (Reference ID, Status Code, Error Message, Fields)
// after a failure.
std::string importResultsTable(const std::vector<SavedRecord>& saved);
std::string importErrorsTable(const std::vector<RecordFailure>& failures);

}  // namespace apex::runtime
