// `apexrun data import` and `apexrun data query`: `sf data import tree` and
// `sf data query` against the local org (docs/data.md, "apexrun data").
// The import and the query are runtime/data's (tree_import.h, rest_query.h,
// query_reports.h); this file reads the flags and opens the org.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "cli/commands.h"
#include "cli/compiled_project.h"
#include "cli/sf_flags.h"
#include "runtime/data/org_setup.h"
#include "runtime/data/query_reports.h"
#include "runtime/data/rest_query.h"
#include "runtime/data/record_store.h"
#include "runtime/data/tree_import.h"
#include "runtime/host/transaction.h"
#include "runtime/project/project.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/user_context.h"
#include "stdlib/registry.h"

namespace apex::cli {

namespace {

namespace fs = std::filesystem;
using OrderedJson = nlohmann::ordered_json;

struct ImportOptions {
  std::vector<std::string> words;  // [tree] [PLAN]: `sf data import tree` reads as `data import tree`
  std::string plan;                // -p, --plan
  std::vector<std::string> files;  // -f, --files (--sobjecttreefiles)
  std::string db;
  std::string project;
  SfOrgFlags org;
};

struct QueryOptions {
  std::string text;   // the positional query
  std::string query;  // -q, --query
  std::string file;   // -f, --file (--soqlqueryfile)
  std::string resultFormat = "human";
  std::string outputFile;
  bool allRows = false;
  bool json = false;
  std::string db;
  std::string project;
  SfOrgFlags org;
};

// The org a data command works on: the project's schema and running user,
// with the records of the --db file (or a fresh org in memory), its setup
// records added in the open transaction.
struct DataOrg {
  std::optional<runtime::Project> project;
  runtime::UserContext user;
  std::unique_ptr<runtime::ProjectClasses> classes;
  std::unique_ptr<sema::Program> program;
  std::unique_ptr<runtime::RecordStore> store;
  runtime::RunServices services;
  std::unique_ptr<runtime::Transaction> transaction;

  interp::Interp& vm() { return transaction->vm(); }
};

std::variant<std::unique_ptr<DataOrg>, Failure> openDataOrg(const std::string& projectDir, const std::string& db,
                                                            const SfOrgFlags& flags) {
  auto org = std::make_unique<DataOrg>();
  auto opened = findProject({projectDir, ""});
  if (auto* problem = std::get_if<std::string>(&opened)) return Failure{kExitNoInput, *problem};
  org->project = std::move(std::get<std::optional<runtime::Project>>(opened));
  const runtime::Project* project = org->project ? &*org->project : nullptr;
  if (auto failure = applySfOrgFlags(flags, project ? project->root.string() : "")) return *failure;
  auto user = project ? runtime::loadUserContext(project->root) : runtime::UserContext::defaults();
  if (auto* problem = std::get_if<std::string>(&user)) return Failure{kExitNoInput, *problem};
  org->user = std::get<runtime::UserContext>(user);
  auto schema = schemaFor(project);
  if (auto* problem = std::get_if<std::string>(&schema)) return Failure{kExitNoInput, *problem};
  org->program = std::make_unique<sema::Program>(stdlib::standardLibrary());
  org->program->schema = std::get<std::shared_ptr<const sema::Schema>>(schema);
  auto config = orgConfigFor(project, *org->program->schema);
  if (auto* problem = std::get_if<std::string>(&config)) return Failure{kExitNoInput, *problem};
  org->program->orgConfig = std::get<std::shared_ptr<const sema::OrgConfig>>(config);
  // Triggers and classes an insert may run are the project's.
  if (project) {
    org->classes = std::make_unique<runtime::ProjectClasses>(*project);
    for (const std::string& warning : org->classes->warnings()) warn(warning);
    org->program->classSource = org->classes.get();
    if (std::vector<sema::CompileError> broken = sema::resolveTriggers(*org->program); !broken.empty()) {
      const sema::CompileError& e = broken.front();
      return Failure{kExitCompileError, "trigger " + e.className + ", line " + std::to_string(e.classLine) + ", column " +
                                            std::to_string(e.classColumn) + ": " + e.classMessage};
    }
  }
  try {
    org->store = runtime::openRecordStore(*org->program->schema, db);
  } catch (const runtime::DataStoreError& error) {
    return Failure{kExitNoInput, "the org's records: " + std::string(error.what())};
  }
  org->services.user = &org->user;
  org->services.dataStore = org->store.get();
  if (!flags.apiVersion.empty()) org->services.apiVersion = flags.apiVersion;
  org->transaction = std::make_unique<runtime::Transaction>(*org->program, org->services);
  org->store->begin();
  runtime::addSetupRecords(org->vm(), *org->store, org->user);
  return org;
}

// ---------------------------------------------------------------- import

// What to import: a plan (`apexrun data import [tree] PLAN` or --plan), or --files.
struct ImportSource {
  std::string plan;
  std::vector<std::string> files;
};

std::variant<ImportSource, Failure> importSource(const ImportOptions& options) {
  std::vector<std::string> words = options.words;
  if (!words.empty() && words.front() == "tree") words.erase(words.begin());
  if (words.size() > 1) return Failure{kExitUsage, "one plan at a time: " + text::join(words, " ")};
  if (!words.empty() && !options.plan.empty())
    return Failure{kExitUsage, "the plan is given twice: " + words.front() + " and --plan " + options.plan};
  ImportSource source{words.empty() ? options.plan : words.front(), options.files};
  if (!source.plan.empty() && !source.files.empty()) return Failure{kExitUsage, "give a plan or --files, not both"};
  if (source.plan.empty() && source.files.empty())
    return Failure{kExitUsage,
                   "nothing to import: give a plan (apexrun data import data/plan.json --db org.db) or "
                   "--files Account.json,Contact.json"};
  return source;
}

std::string failureLines(const std::vector<runtime::RecordFailure>& failures) {
  std::string lines;
  for (const runtime::RecordFailure& f : failures)
    lines += "\n  " + f.file + ", " + f.referenceId + ": " + f.statusCode + ", " + f.message;
  return lines;
}

int runImport(const ImportOptions& options) {
  auto source = importSource(options);
  if (auto* failure = std::get_if<Failure>(&source)) return fail("data import", *failure);
  if (options.db.empty())
    return fail("data import", kExitUsage,
                "--db FILE is required: the records go into the org kept in that file (created when missing), "
                "where `apexrun data query --db FILE` and `apexrun run --db FILE` see them");
  const ImportSource& input = std::get<ImportSource>(source);
  auto read = [](const std::string& path) { return runtime::readFile(path); };
  auto parts = input.plan.empty() ? runtime::readTreeFiles(input.files, read) : runtime::readTreePlan(input.plan, read);
  if (auto* problem = std::get_if<std::string>(&parts)) return fail("data import", kExitNoInput, *problem);
  auto opened = openDataOrg(options.project, options.db, options.org);
  if (auto* failure = std::get_if<Failure>(&opened)) return fail("data import", *failure);
  DataOrg& org = *std::get<std::unique_ptr<DataOrg>>(opened);
  runtime::TreeImportOutcome outcome = runtime::importTreeParts(
      std::move(std::get<std::vector<runtime::TreePart>>(parts)), runtime::dmlPartSaver(org.vm()));
  if (!outcome.ok()) {
    // One transaction: nothing of a failed import is kept.
    org.store->rollback();
    if (!outcome.failures.empty()) {
      std::cout << runtime::importErrorsTable(outcome.failures) << std::flush;
      return fail("data import", kExitRuntimeError,
                  "Data Import failed; nothing was imported:" + failureLines(outcome.failures));
    }
    return fail("data import", kExitRuntimeError, outcome.problem + "\nNothing was imported.");
  }
  org.store->commit();
  std::cout << runtime::importResultsTable(outcome.saved);
  return kExitOk;
}

// ---------------------------------------------------------------- query

std::variant<std::string, Failure> queryText(const QueryOptions& options) {
  int given = !options.text.empty() + !options.query.empty() + !options.file.empty();
  if (given == 0)
    return Failure{kExitUsage,
                   "no query: give one (apexrun data query \"SELECT Id, Name FROM Account\"), "
                   "or --file FILE"};
  if (given > 1) return Failure{kExitUsage, "give the query once: as an argument, with --query or with --file"};
  if (options.file.empty()) return options.text.empty() ? options.query : options.text;
  auto text = runtime::readFile(options.file);
  if (!text) return Failure{kExitNoInput, "No file found at " + options.file};
  return *text;
}

// sf's error as --json prints it (sf-plugins-core: SfCommand's error JSON).
void printQueryErrorJson(const runtime::RestQueryError& error) {
  std::string name = error.errorCode.empty() ? "Error" : error.errorCode;
  OrderedJson json = {{"name", name},
                      {"message", error.message},
                      {"exitCode", 1},
                      {"context", "DataSoqlQueryCommand"},
                      {"status", 1},
                      {"commandName", "DataSoqlQueryCommand"},
                      {"warnings", OrderedJson::array()},
                      {"code", name}};
  std::cout << json.dump(2) << "\n";
}

int writeQueryOutput(const QueryOptions& options, const runtime::RestQueryResult& result) {
  OrderedJson records = runtime::queryResultJson(result);
  if (!options.outputFile.empty()) {
    std::ofstream out(options.outputFile, std::ios::binary);
    out << (options.resultFormat == "csv" ? runtime::csvQueryReport(result) : records.dump(2));
    if (!out) return fail("data query", kExitRuntimeError, "cannot write " + options.outputFile);
    std::cout << result.totalSize << " records written to " << options.outputFile << "\n";
  } else if (options.json) {
    OrderedJson envelope = {{"status", 0}, {"result", records}, {"warnings", OrderedJson::array()}};
    std::cout << envelope.dump(2) << "\n";
  } else if (options.resultFormat == "json") {
    std::cout << OrderedJson{{"status", 0}, {"result", records}}.dump(2) << "\n";
  } else if (options.resultFormat == "csv") {
    std::cout << runtime::csvQueryReport(result);
  } else {
    std::cout << runtime::humanQueryReport(result);
  }
  return kExitOk;
}

int runDataQuery(const QueryOptions& options) {
  auto text = queryText(options);
  if (auto* failure = std::get_if<Failure>(&text)) return fail("data query", *failure);
  if (!options.outputFile.empty() && options.resultFormat == "human")
    return fail("data query", kExitUsage, "--output-file writes csv or json: add --result-format csv or json");
  // A query reads an org; it never makes one where a path was mistyped.
  if (!options.db.empty() && !runtime::isPostgresUrl(options.db) && !fs::exists(options.db))
    return fail(
        "data query", kExitNoInput,
        "No org database at " + options.db + " (apexrun data import --db FILE or apexrun run --db FILE makes one)");
  auto opened = openDataOrg(options.project, options.db, options.org);
  if (auto* failure = std::get_if<Failure>(&opened)) return fail("data query", *failure);
  DataOrg& org = *std::get<std::unique_ptr<DataOrg>>(opened);
  auto outcome = runtime::runRestQuery(org.vm(), std::get<std::string>(text), options.allRows,
                                       "/services/data/v" + org.services.apiVersion);
  org.store->rollback();
  if (auto* error = std::get_if<runtime::RestQueryError>(&outcome)) {
    if (options.json) printQueryErrorJson(*error);
    return fail("data query", kExitRuntimeError,
                error->errorCode.empty() ? error->message : error->errorCode + ":" + error->message);
  }
  return writeQueryOutput(options, std::get<runtime::RestQueryResult>(outcome));
}

void addImportCommand(CLI::App& data, ImportOptions& options) {
  CLI::App* command = data.add_subcommand(
      "import", "Import records from sObject tree files (data/*.json) into the org in --db, as `sf data import tree`");
  command->footer(
      "A plan is a JSON array of {\"sobject\": \"Account\", \"files\": [\"Account.json\"]}; a tree file is "
      "{\"records\": [{\"attributes\": {\"type\": \"Account\", \"referenceId\": \"AccountRef1\"}, \"Name\": \"Acme\", "
      "\"Contacts\": {\"records\": [...]}}]}. In a plan, a value \"@AccountRef1\" is the Id of that record. Records "
      "are inserted as Apex inserts them; the import is one transaction, kept only when every record is saved. "
      "`apexrun data import tree --plan FILE` (sf's words) works too.");
  command->add_option("plan", options.words, "The plan file (data/*-plan.json)");
  command->add_option("-p,--plan", options.plan, "The plan file, as sf data import tree names it");
  command
      ->add_option("-f,--files,--sobjecttreefiles", options.files,
                   "Tree files to import in order, without a plan (comma-separated)")
      ->delimiter(',');
  command->add_option("--db", options.db,
                      "The SQLite file (created when missing) or PostgreSQL database (postgresql://...) that "
                      "keeps the org's records; required");
  addProjectOption(*command, options.project);
  addSfOrgFlags(*command, options.org);
}

void addQueryCommand(CLI::App& data, QueryOptions& options) {
  CLI::App* command =
      data.add_subcommand("query", "Run a SOQL query on the org in --db and print its records, as `sf data query`");
  command->footer(
      "Without --db the org is a fresh one, with only its setup records (the user, their profile, the "
      "organization, the standard price book). The org is only read.");
  command->add_option("soql", options.text, "The SOQL query");
  command->add_option("-q,--query", options.query, "The SOQL query, as sf data query names it");
  command->add_option("-f,--file,--soqlqueryfile", options.file, "A file that holds the SOQL query");
  command->add_option("-r,--result-format,--resultformat", options.resultFormat, "human (a table), csv or json")
      ->check(CLI::IsMember({"human", "csv", "json"}));
  command->add_flag("--all-rows", options.allRows, "Include deleted records (in the recycle bin)");
  command->add_option("--output-file", options.outputFile, "Write the csv or json result to this file");
  command->add_flag("--json", options.json,
                    "Print {\"status\": 0, \"result\": {\"records\", \"totalSize\", \"done\"}, \"warnings\": []}, "
                    "as sf's --json does");
  command->add_option("--db", options.db, "The SQLite file or PostgreSQL database (postgresql://...) that keeps the org's "
                      "records (apexrun data import --db)");
  addProjectOption(*command, options.project);
  addSfOrgFlags(*command, options.org);
}

}  // namespace

CommandRunner addDataCommand(CLI::App& app) {
  auto importOptions = std::make_shared<ImportOptions>();
  auto queryOptions = std::make_shared<QueryOptions>();
  CLI::App* data =
      app.add_subcommand("data", "Import records into the org kept in a file and query them, as `sf data`");
  data->require_subcommand(1);
  addImportCommand(*data, *importOptions);
  addQueryCommand(*data, *queryOptions);
  return [data, importOptions, queryOptions] {
    try {
      if (data->got_subcommand("import")) return runImport(*importOptions);
      return runDataQuery(*queryOptions);
    } catch (const runtime::DataStoreError& error) {
      return fail(data->got_subcommand("import") ? "data import" : "data query", kExitNoInput,
                  "the org's records: " + std::string(error.what()));
    }
  };
}

}  // namespace apex::cli
