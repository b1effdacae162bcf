#include "runtime/serve/tooling_records.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/text.h"
#include "runtime/host/transaction.h"
#include "stdlib/registry.h"

namespace apex::runtime {
namespace {

using interp::Value;

// Tooling API Developer Guide, "Tooling API Objects": the fields of each
// object that clients read (the Salesforce CLI's apex commands among them).
// Key prefixes as Salesforce gives them. Coverage holds the JSON of the
// API's Coverage type ({"coveredLines": [...], "uncoveredLines": [...]}),
// which tooling_api.cpp answers as an object.
constexpr std::string_view kCatalog = R"catalog(
User 005 plural=Users -IsDeleted
  Username             string(80) required unique
  FirstName            string(40)
  LastName             string(80) required
  Name                 string(121) required readonly label="Full Name"
  Email                email(128) required

ApexClass 01p label="Apex Class" plural="Apex Classes" -IsDeleted
  Name                 string(255) required
  NamespacePrefix      string(15) readonly
  ApiVersion           double(18,1) required label="Api Version"
  Status               picklist(40) required restricted values="Inactive|*Active|Deleted"
  IsValid              boolean
  Body                 textarea(1000000)
  BodyCrc              double(18,0) label="Body CRC"
  LengthWithoutComments int(9) required
  ManageableState      picklist(40) readonly restricted values="released|deleted|deprecated|installed|beta|unmanaged|installedEditable|deprecatedEditable"

ApexTrigger 01q label="Apex Trigger" plural="Apex Triggers" -IsDeleted
  Name                 string(255) required
  NamespacePrefix      string(15) readonly
  TableEnumOrId        string(40) required createonly label="Custom Object Definition ID"
  ApiVersion           double(18,1) required label="Api Version"
  Status               picklist(40) required restricted values="Inactive|*Active|Deleted"
  IsValid              boolean
  Body                 textarea(1000000)
  BodyCrc              double(18,0) label="Body CRC"
  LengthWithoutComments int(9) required
  UsageBeforeInsert    boolean
  UsageAfterInsert     boolean
  UsageBeforeUpdate    boolean
  UsageAfterUpdate     boolean
  UsageBeforeDelete    boolean
  UsageAfterDelete     boolean
  UsageIsBulk          boolean
  UsageAfterUndelete   boolean
  ManageableState      picklist(40) readonly restricted values="released|deleted|deprecated|installed|beta|unmanaged|installedEditable|deprecatedEditable"

ApexLog 07L label="Apex Debug Log" plural="Apex Debug Logs" -IsDeleted -CreatedDate -CreatedById -LastModifiedById
  LogUserId            reference(User) readonly rel=LogUser
  LogLength            int(9) readonly label="Log Size (bytes)"
  Request              string(16) readonly label="Request Type"
  Operation            string(128) readonly
  Application          string(64) readonly
  Status               string(255) readonly
  DurationMilliseconds int(9) readonly label="Duration (ms)"
  StartTime            datetime readonly
  Location             picklist(40) readonly restricted values="Monitoring|SystemLog|HeapDump|Preserved"
  RequestIdentifier    string(84) readonly label="Request ID"

AsyncApexJob 707 label="Apex Job" plural="Apex Jobs" -IsDeleted -LastModifiedDate -LastModifiedById -SystemModstamp
  ApexClassId          reference(ApexClass) readonly rel=ApexClass
  MethodName           string(255) readonly
  JobType              picklist(40) readonly restricted values="Future|SharingRecalculation|ScheduledApex|BatchApex|BatchApexWorker|TestRequest|TestWorker|ApexToken|Queueable"
  Status               picklist(40) readonly restricted values="Holding|Queued|Preparing|Processing|Aborted|Completed|Failed"
  ExtendedStatus       string(255) readonly
  JobItemsProcessed    int(9) readonly label="Batches Processed"
  TotalJobItems        int(9) readonly label="Total Batches"
  NumberOfErrors       int(9) readonly label="Failures"
  CompletedDate        datetime readonly label="Completion Date"

ApexTestRunResult 05m label="Apex Test Run Result" plural="Apex Test Run Results" -IsDeleted
  AsyncApexJobId       reference(AsyncApexJob) rel=AsyncApexJob
  UserId               reference(User) rel=User
  JobName              string(255)
  IsAllTests           boolean
  Source               string(255)
  StartTime            datetime
  EndTime              datetime
  TestTime             int(9)
  TestSetupTime        int(9)
  Status               picklist(255) restricted values="Queued|Processing|Aborted|Completed|Failed"
  ClassesEnqueued      int(9)
  ClassesCompleted     int(9)
  MethodsEnqueued      int(9)
  MethodsCompleted     int(9)
  MethodsFailed        int(9)

ApexTestQueueItem 709 label="Apex Test Queue Item" plural="Apex Test Queue Items" -IsDeleted -LastModifiedDate -LastModifiedById
  ApexClassId          reference(ApexClass) rel=ApexClass
  ParentJobId          reference(AsyncApexJob) rel=ParentJob
  TestRunResultId      reference(ApexTestRunResult) rel=TestRunResult
  Status               picklist(40) restricted values="Holding|Queued|Preparing|Processing|Aborted|Completed|Failed"
  ExtendedStatus       string(255)
  ShouldSkipCodeCoverage boolean

ApexTestResult 07M label="Apex Test Result" plural="Apex Test Results" -IsDeleted -LastModifiedDate -LastModifiedById
  ApexClassId          reference(ApexClass) rel=ApexClass
  ApexLogId            reference(ApexLog) rel=ApexLog
  AsyncApexJobId       reference(AsyncApexJob) rel=AsyncApexJob
  QueueItemId          reference(ApexTestQueueItem) rel=QueueItem
  ApexTestRunResultId  reference(ApexTestRunResult) rel=ApexTestRunResult
  MethodName           string(255)
  Outcome              picklist(40) restricted values="Pass|Fail|CompileFail|Skip"
  Message              textarea(4000)
  StackTrace           textarea(4000)
  RunTime              int(9)
  TestTimestamp        datetime
  IsTestSetup          boolean

ApexCodeCoverage 714 label="Apex Code Coverage" plural="Apex Code Coverage" -IsDeleted
  ApexClassOrTriggerId reference(ApexClass,ApexTrigger) rel=ApexClassOrTrigger
  ApexTestClassId      reference(ApexClass) rel=ApexTestClass
  TestMethodName       string(255)
  NumLinesCovered      int(9)
  NumLinesUncovered    int(9)
  Coverage             textarea(131072)

ApexCodeCoverageAggregate 715 label="Apex Code Coverage Aggregate" plural="Apex Code Coverage Aggregates" -IsDeleted
  ApexClassOrTriggerId reference(ApexClass,ApexTrigger) rel=ApexClassOrTrigger
  NumLinesCovered      int(9)
  NumLinesUncovered    int(9)
  Coverage             textarea(131072)

ApexOrgWideCoverage 716 label="Apex Org Wide Coverage" plural="Apex Org Wide Coverage" -IsDeleted
  PercentCovered       int(9)
)catalog";

int64_t millisOf(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string fileText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A record's fields by name, written into the store in one insert.
using Fields = std::vector<std::pair<std::string_view, Value>>;

// Inserts a record of `object` with `fields`; `id` empty takes the store's next Id. Its Id.
std::string insert(interp::Interp& vm, SqliteStore& store, std::string_view object, Fields fields,
                   std::string id = "") {
  const sema::SObjectType& type = *vm.schema().object(object);
  if (id.empty()) id = store.newIds(type, 1).front();
  Value record = vm.makeSObject(type);
  auto* o = record.as<interp::SObjectObj>();
  o->set(type.field("Id"), vm.makeId(id));
  for (auto& [name, value] : fields) o->set(type.field(name), std::move(value));
  interp::SObjectObj* batch[] = {o};
  store.insert(type, batch);
  return id;
}

Value text(interp::Interp& vm, const std::string& s) { return s.empty() ? Value() : vm.makeString(s); }
Value integer(int64_t n) { return Value::integer(int32_t(n)); }

std::vector<int> uncoveredOf(const std::set<int>& covered, const std::set<int>& lines) {
  std::vector<int> out;
  for (int line : lines)
    if (!covered.count(line)) out.push_back(line);
  return out;
}

std::string coverageJson(const std::set<int>& covered, const std::set<int>& lines) {
  return nlohmann::json{{"coveredLines", covered}, {"uncoveredLines", uncoveredOf(covered, lines)}}.dump();
}

std::string coveredId(const ClassCoverage& c) { return c.isTrigger ? apexTriggerId(c.name) : apexClassId(c.name); }

}  // namespace

sema::CatalogParse toolingCatalog() { return sema::parseCatalog(kCatalog, "tooling objects"); }

int lengthWithoutComments(std::string_view source) {
  int length = 0;
  for (size_t i = 0; i < source.size(); ++i) {
    if (source.compare(i, 2, "//") == 0) {
      i = std::min(source.find('\n', i), source.size()) - 1;
      continue;
    }
    if (source.compare(i, 2, "/*") == 0) {
      size_t end = source.find("*/", i + 2);
      i = end == std::string_view::npos ? source.size() : end + 1;
      continue;
    }
    ++length;
    if (source[i] != '\'') continue;
    // A string literal: its characters, escapes included, up to the closing quote.
    for (++i; i < source.size() && source[i] != '\''; ++i) {
      ++length;
      if (source[i] == '\\' && i + 1 < source.size()) ++i, ++length;
    }
    if (i < source.size()) ++length;
  }
  return length;
}

ToolingRecords::ToolingRecords(const UserContext& user)
    : user_(user),
      program_([] {
        auto program = std::make_unique<sema::Program>(stdlib::standardLibrary());
        sema::Schema schema = toolingCatalog().schema;
        schema.link();
        program->schema = std::make_shared<const sema::Schema>(std::move(schema));
        return program;
      }()),
      store_(*program_->schema),
      api_(*program_, store_, inUse_, user, "/tooling") {
  RunServices services;
  services.dataStore = &store_;
  Transaction transaction(*program_, services);
  interp::Interp& vm = transaction.vm();
  store_.begin();
  insert(vm, store_, "User",
         {{"Username", vm.makeString(user.userName)},
          {"FirstName", text(vm, user.firstName)},
          {"LastName", vm.makeString(user.lastName)},
          {"Name", vm.makeString(std::string(text::trimJava(user.firstName + " " + user.lastName)))},
          {"Email", vm.makeString(user.email)}},
         user.userId);
  store_.commit();
}

void ToolingRecords::addProjectCode(const sema::Program& program, const ProjectClasses& classes) {
  std::lock_guard<std::recursive_mutex> turn(inUse_);
  RunServices services;
  services.dataStore = &store_;
  Transaction transaction(*program_, services);
  interp::Interp& vm = transaction.vm();
  store_.begin();
  auto addClass = [&](const sema::ClassSymbol& cls, bool valid) {
    std::string body = fileText(classes.fileOf(cls.name));
    insert(vm, store_, "ApexClass",
           {{"Name", vm.makeString(cls.name)},
            {"ApiVersion", Value::doubleValue(std::atof(cls.apiVersion.c_str()))},
            {"Status", vm.makeString("Active")},
            {"IsValid", Value::boolean(valid)},
            {"Body", vm.makeString(body)},
            {"LengthWithoutComments", integer(lengthWithoutComments(body))},
            {"ManageableState", vm.makeString("unmanaged")}},
           apexClassId(cls.name));
  };
  for (const sema::ClassSymbol* cls : classes.compiledClasses(program)) addClass(*cls, true);
  for (const auto& [name, error] : program.classErrors)
    if (error.symbol && !error.symbol->outer) addClass(*error.symbol, false);
  for (const auto& trigger : program.triggers) {
    std::string body = fileText(classes.triggerFileOf(trigger->name));
    auto uses = [&](sema::TriggerEvent event) { return Value::boolean(trigger->handles(event)); };
    using E = sema::TriggerEvent;
    insert(vm, store_, "ApexTrigger",
           {{"Name", vm.makeString(trigger->name)},
            {"TableEnumOrId", vm.makeString(trigger->object->name)},
            {"ApiVersion", Value::doubleValue(std::atof(trigger->cls ? trigger->cls->apiVersion.c_str() : "0"))},
            {"Status", vm.makeString("Active")},
            {"IsValid", Value::boolean(true)},
            {"Body", vm.makeString(body)},
            {"LengthWithoutComments", integer(lengthWithoutComments(body))},
            {"UsageBeforeInsert", uses(E::BeforeInsert)},
            {"UsageAfterInsert", uses(E::AfterInsert)},
            {"UsageBeforeUpdate", uses(E::BeforeUpdate)},
            {"UsageAfterUpdate", uses(E::AfterUpdate)},
            {"UsageBeforeDelete", uses(E::BeforeDelete)},
            {"UsageAfterDelete", uses(E::AfterDelete)},
            {"UsageIsBulk", Value::boolean(true)},
            {"UsageAfterUndelete", uses(E::AfterUndelete)},
            {"ManageableState", vm.makeString("unmanaged")}},
           apexTriggerId(trigger->name));
  }
  store_.commit();
}

std::string ToolingRecords::addLog(const KeptLog& log) {
  std::lock_guard<std::recursive_mutex> turn(inUse_);
  RunServices services;
  services.dataStore = &store_;
  Transaction transaction(*program_, services);
  interp::Interp& vm = transaction.vm();
  store_.begin();
  std::string id = insert(vm, store_, "ApexLog",
                          {{"LogUserId", vm.makeId(user_.userId)},
                           {"LogLength", integer(int64_t(log.body.size()))},
                           {"Request", vm.makeString(log.request)},
                           {"Operation", vm.makeString(log.operation)},
                           {"Application", vm.makeString(log.application)},
                           {"Status", vm.makeString(log.status)},
                           {"DurationMilliseconds", integer(log.durationMillis)},
                           {"StartTime", Value::datetime(log.startMillis)},
                           {"LastModifiedDate", Value::datetime(log.startMillis + log.durationMillis)},
                           {"SystemModstamp", Value::datetime(log.startMillis + log.durationMillis)},
                           {"Location", vm.makeString(log.location)}});
  logBodies_[id.substr(0, 15)] = log.body;
  logOrder_.push_back(id);
  if (logOrder_.size() > kMaxLogs) {
    std::string oldest = logOrder_.front();
    logOrder_.pop_front();
    logBodies_.erase(oldest.substr(0, 15));
    store_.erase(*vm.schema().object("ApexLog"), std::span<const std::string>(&oldest, 1));
  }
  store_.commit();
  return id;
}

std::optional<std::string> ToolingRecords::logBody(const std::string& id) {
  std::lock_guard<std::recursive_mutex> turn(inUse_);
  if (id.size() != 15 && id.size() != 18) return std::nullopt;
  auto found = logBodies_.find(id.substr(0, 15));
  if (found == logBodies_.end()) return std::nullopt;
  return found->second;
}

// Tooling API Developer Guide, "ApexTestRunResult", "ApexTestQueueItem",
// "ApexTestResult": a run's summary, a queue item for each class, a result
// for each method.
std::string ToolingRecords::addTestRun(const ToolingTestRun& test) {
  const TestRun& run = test.run;
  std::lock_guard<std::recursive_mutex> turn(inUse_);
  RunServices services;
  services.dataStore = &store_;
  Transaction transaction(*program_, services);
  interp::Interp& vm = transaction.vm();
  store_.begin();
  int64_t start = millisOf(run.startTime);
  int64_t end = start + run.totalMillis;
  int failed = run.failing();
  auto classCount = integer(int64_t(test.classes.size()));
  auto methodCount = integer(int64_t(run.tests.size()));
  std::string job = insert(vm, store_, "AsyncApexJob",
         {{"JobType", vm.makeString("TestRequest")},
          {"Status", vm.makeString("Completed")},
          {"JobItemsProcessed", classCount},
          {"TotalJobItems", classCount},
          {"NumberOfErrors", integer(failed)},
          {"CreatedDate", Value::datetime(start)},
          {"CreatedById", vm.makeId(user_.userId)},
          {"CompletedDate", Value::datetime(end)}});
  std::string runResult = insert(vm, store_, "ApexTestRunResult",
                                 {{"AsyncApexJobId", vm.makeId(job)},
                                  {"UserId", vm.makeId(user_.userId)},
                                  {"IsAllTests", Value::boolean(test.allTests)},
                                  {"Source", vm.makeString("Tooling API")},
                                  {"StartTime", Value::datetime(start)},
                                  {"EndTime", Value::datetime(end)},
                                  {"TestTime", integer(run.executionMillis)},
                                  {"TestSetupTime", integer(0)},
                                  {"Status", vm.makeString("Completed")},
                                  {"ClassesEnqueued", classCount},
                                  {"ClassesCompleted", classCount},
                                  {"MethodsEnqueued", methodCount},
                                  {"MethodsCompleted", methodCount},
                                  {"MethodsFailed", integer(failed)}});
  for (const TestClass& cls : test.classes) {
    const std::string& name = cls.cls->name;
    int ran = 0, passed = 0;
    for (const TestResult& t : run.tests) {
      if (t.className != name) continue;
      ++ran;
      passed += t.outcome == TestOutcome::Pass;
    }
    std::string item = insert(vm, store_, "ApexTestQueueItem",
                              {{"ApexClassId", vm.makeId(apexClassId(name))},
                               {"ParentJobId", vm.makeId(job)},
                               {"TestRunResultId", vm.makeId(runResult)},
                               {"Status", vm.makeString(cls.blockedBy ? "Failed" : "Completed")},
                               {"ExtendedStatus", vm.makeString("(" + std::to_string(passed) + "/" +
                                                                std::to_string(ran) + ")")},
                               {"ShouldSkipCodeCoverage", Value::boolean(test.skipCoverage)}});
    for (const TestResult& t : run.tests) {
      if (t.className != name) continue;
      const char* outcome = t.outcome == TestOutcome::Pass ? "Pass" : cls.blockedBy ? "CompileFail" : "Fail";
      insert(vm, store_, "ApexTestResult",
             {{"ApexClassId", vm.makeId(apexClassId(name))},
              {"AsyncApexJobId", vm.makeId(job)},
              {"QueueItemId", vm.makeId(item)},
              {"ApexTestRunResultId", vm.makeId(runResult)},
              {"MethodName", vm.makeString(t.methodName)},
              {"Outcome", vm.makeString(outcome)},
              {"Message", text(vm, t.message)},
              {"StackTrace", text(vm, t.stackTrace)},
              {"RunTime", integer(t.runTimeMillis())},
              {"TestTimestamp", Value::datetime(start)},
              {"IsTestSetup", Value::boolean(false)}});
    }
  }
  if (run.coverage) addCoverage(vm, test);
  store_.commit();
  return job;
}

// Tooling API Developer Guide, "ApexCodeCoverage", "ApexCodeCoverageAggregate",
// "ApexOrgWideCoverage".
void ToolingRecords::addCoverage(interp::Interp& vm, const ToolingTestRun& test) {
  const sema::SObjectType& perTest = *vm.schema().object("ApexCodeCoverage");
  for (const TestClass& cls : test.classes) {
    auto old = coverageRows_.find(apexClassId(cls.cls->name));
    if (old == coverageRows_.end()) continue;
    store_.erase(perTest, old->second);
    coverageRows_.erase(old);
  }
  auto linesOf = [](const ClassCoverage& c) {
    std::set<int> lines(c.coveredLines.begin(), c.coveredLines.end());
    lines.insert(c.uncoveredLines.begin(), c.uncoveredLines.end());
    return lines;
  };
  for (const TestResult& t : test.run.tests) {
    std::string testClass = apexClassId(t.className);
    for (const ClassCoverage& c : t.coverage) {
      std::set<int> covered(c.coveredLines.begin(), c.coveredLines.end());
      coverageRows_[testClass].push_back(insert(vm, store_, "ApexCodeCoverage",
                                                {{"ApexClassOrTriggerId", vm.makeId(coveredId(c))},
                                                 {"ApexTestClassId", vm.makeId(testClass)},
                                                 {"TestMethodName", vm.makeString(t.methodName)},
                                                 {"NumLinesCovered", integer(int64_t(c.coveredLines.size()))},
                                                 {"NumLinesUncovered", integer(int64_t(c.uncoveredLines.size()))},
                                                 {"Coverage", vm.makeString(coverageJson(covered, linesOf(c)))}}));
    }
  }
  // The aggregates add each run's covered lines to the earlier runs'.
  for (const ClassCoverage& c : *test.run.coverage) {
    Aggregate& aggregate = aggregates_[c.name];
    aggregate.isTrigger = c.isTrigger;
    aggregate.lines = linesOf(c);
    aggregate.covered.insert(c.coveredLines.begin(), c.coveredLines.end());
  }
  for (const char* object : {"ApexCodeCoverageAggregate", "ApexOrgWideCoverage"}) {
    const sema::SObjectType& type = *vm.schema().object(object);
    store_.removeAll(type);
  }
  size_t covered = 0, total = 0;
  for (const auto& [name, aggregate] : aggregates_) {
    size_t uncovered = uncoveredOf(aggregate.covered, aggregate.lines).size();
    covered += aggregate.lines.size() - uncovered;
    total += aggregate.lines.size();
    insert(vm, store_, "ApexCodeCoverageAggregate",
           {{"ApexClassOrTriggerId", vm.makeId(aggregate.isTrigger ? apexTriggerId(name) : apexClassId(name))},
            {"NumLinesCovered", integer(int64_t(aggregate.lines.size() - uncovered))},
            {"NumLinesUncovered", integer(int64_t(uncovered))},
            {"Coverage", vm.makeString(coverageJson(aggregate.covered, aggregate.lines))}});
  }
  insert(vm, store_, "ApexOrgWideCoverage", {{"PercentCovered", integer(roundedPercent(covered, total))}});
}

}  // namespace apex::runtime
