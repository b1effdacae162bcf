// The interpreter: one Apex transaction's state and the tree-walking evaluator.
//
// Natives in stdlib/ use the public surface below to build values, raise
// Salesforce's exceptions and call back into Apex code (toString, equals,
// hashCode, compareTo overrides).
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <new>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interp/async.h"
#include "interp/event_bus.h"
#include "interp/errors.h"
#include "interp/limits.h"
#include "interp/object.h"
#include "interp/ports.h"
#include "interp/value.h"
#include "sema/types.h"

namespace apex::sema {
enum class TriggerEvent : uint8_t;
struct TriggerSymbol;
}  // namespace apex::sema

namespace apex {
class Zone;
}

namespace apex::sema {
class Program;
class Schema;
struct OrgConfig;
}

namespace apex::interp {

// An Apex exception unwinding the C++ stack. Only `throw` statements and
// raised system exceptions use it; return, break and continue do not.
struct ApexThrow {
  Value exception;  // an InstanceObj of an exception class
};

// How many times each statement ran (code coverage), across transactions.
using StatementHits = std::unordered_map<const ast::Stmt*, uint32_t>;

// How a statement finished.
enum class Completion : uint8_t { Normal, Return, Break, Continue };

struct Frame {
  const sema::MethodSymbol* method = nullptr;  // null for the anonymous block body
  Value* locals = nullptr;
  Value self;                  // `this`, null in static context
  ast::SourceLoc statement;    // the statement running now, for stack traces
  const sema::TriggerSymbol* trigger = nullptr;  // the trigger whose body this is
};

// One invocation of the triggers of an object for an event, on one chunk
// of records: what Trigger.new, old, newMap, oldMap, size and
// operationType give (null where the event has none).
struct TriggerContext {
  sema::TriggerEvent event{};
  Value newRecords, oldRecords, newMap, oldMap;
  int32_t size = 0;
};

class Evaluator;

// The stack frames' locals live on: one allocation that never moves, its
// slots constructed only as deep as the transaction has reached, so that
// setting up and tearing down a shallow transaction (a test method, a REST
// request) does not touch the whole stack.
class ValueStack {
 public:
  explicit ValueStack(size_t capacity);
  ~ValueStack() { clear(); }
  ValueStack(const ValueStack&) = delete;
  ValueStack& operator=(const ValueStack&) = delete;

  size_t capacity() const { return capacity_; }
  Value* at(size_t index) { return slots_ + index; }
  // Constructs (as null) the slots below `end` not constructed yet.
  void reach(size_t end) {
    for (; constructed_ < end; ++constructed_) new (slots_ + constructed_) Value();
  }
  // Destroys every constructed slot, releasing what they hold.
  void clear();

 private:
  struct Free {
    void operator()(Value* p) const { ::operator delete(p); }
  };
  size_t capacity_;
  std::unique_ptr<Value, Free> storage_;
  Value* slots_;
  size_t constructed_ = 0;
};

class Interp {
 public:
  Interp(sema::Program& program, LogPort& log);
  ~Interp();
  Interp(const Interp&) = delete;
  Interp& operator=(const Interp&) = delete;

  // Runs the program's anonymous block. An uncaught Apex exception leaves
  // through ApexThrow.
  void runAnonymous();
  // Runs a static method as the transaction's entry point (a test method,
  // an Apex REST method) and returns what it returns.
  Value runEntryPoint(const sema::MethodSymbol& method, const Value* args = nullptr, int argc = 0);

  // Runs `trigger`'s body on one chunk of records; the Trigger context
  // variables read `context` while it runs. An uncaught exception leaves
  // through ApexThrow.
  void runTrigger(const sema::TriggerSymbol& trigger, const TriggerContext& context);
  // The innermost trigger invocation running now; null outside triggers.
  const TriggerContext* triggerContext() const {
    return triggerContexts_.empty() ? nullptr : triggerContexts_.back();
  }
  // How many trigger invocations are running, one inside another.
  size_t triggerDepth() const { return triggerContexts_.size(); }
  const sema::Program& program() const { return program_; }

  // ---- for natives: values
  sema::TypeTable& types();
  Heap& heap() { return heap_; }
  Value makeString(std::string text);
  Value makeId(std::string text);
  Value makeDecimal(Decimal number);
  Value makeBlob(std::string bytes);
  Value makeList(const sema::Type* listType, std::vector<Value> items = {});
  Value makeSet(const sema::Type* setType);
  Value makeMap(const sema::Type* mapType);
  // An empty record of `type`.
  Value makeSObject(const sema::SObjectType& type);
  // A built-in enum's constant (`System.ApplicationReadWriteMode`, 0).
  Value makeEnum(std::string_view className, uint32_t ordinal);
  // An instance of a built-in class (`System.HttpRequest`) carrying `state`.
  Value makeNativeInstance(std::string_view className, std::unique_ptr<NativeState> state, size_t bytes);
  // A new exception of `cls` with its message and the current position.
  Value makeException(const sema::ClassSymbol* cls, std::string_view message);
  // Tells the heap limit that `o` now holds `bytes`.
  void resized(Obj* o, size_t bytes);

  // ---- for natives and the evaluator: records (sobjects.cpp)
  const sema::SObjectField* idField(const Value& record);
  Value readSObjectField(const Value& record, const sema::SObjectField& field);
  void writeSObjectField(const Value& record, const sema::SObjectField& field, Value v);
  Value toFieldValue(const sema::SObjectField& field, const Value& v);
  // `text` as a value of `field`, read as the APIs read a record's text (a
  // REST API JSON string, a CSV cell): true/false, numbers, ISO dates and
  // times, Ids, base64; nullopt when it is not one. An Id-shaped value is
  // widened to 18 characters; other text in an Id field is kept as written,
  // for the DML's reference check to report.
  std::optional<Value> fieldValueFromText(const sema::SObjectField& field, const std::string& text);
  Value readParent(const Value& record, const sema::SObjectField& reference);
  void writeParent(const Value& record, const sema::SObjectField& reference, Value parent);
  Value readChildren(const Value& record, const sema::ChildRelationship& relationship, const sema::Type* listType);
  // The Id of the org's standard price book (the Pricebook2 with
  // IsStandard true) in the data store; empty when it has none.
  std::string standardPricebookId();

  // ---- for natives and the evaluator: queries (query.cpp)
  // Runs a bound query through the data store, counting the SOQL limits;
  // the debug log shows it as `logText` (soql::logText).
  Value runQuery(const soql::Query& query, const QueryBinds& binds, std::string_view logText);
  // The one record of a query's rows (`Account a = [SELECT ...]`).
  Value singleRow(const Value& rows);
  // A dynamic query's binds by name: the value of each of `names` read from
  // the variables visible where the running native was called
  // (NativeDef::bindsCallerVariables); a name with no such variable is left
  // out, and the query reports it.
  std::vector<std::pair<std::string, Value>> callerVariables(const std::vector<std::string>& names);
  // Runs a bound SOSL search through the data store, counting the SOSL
  // limit; in a test, on the records Test.setFixedSearchResults gave.
  Value runSearch(const sosl::Search& search, const QueryBinds& binds);

  // ---- for natives: errors
  // Throws the catalog entry `error` (interp/errors.h) with its arguments.
  template <size_t N, class... A>
  [[noreturn]] void raise(const errors::Error<N>& error, const A&... args) {
    raiseException(error.type, errors::text(error, args...));
  }
  [[noreturn]] void raiseException(sema::SystemException type, std::string_view message);
  [[noreturn]] void raiseNullPointer();  // Attempt to de-reference a null object
  // A DmlException carrying the records that failed.
  [[noreturn]] void raiseDmlException(std::string_view message, std::vector<DmlFailure> failures);
  // System.LimitException (uncatchable) for `limit`, with `value` as the
  // number that went over (kLimitTable); by default one more than the maximum.
  [[noreturn]] void raiseLimit(Limit limit);
  [[noreturn]] void raiseLimit(Limit limit, int64_t value);
  // Counts `amount` more of `limit`; raises when the count goes over.
  void useLimit(Limit limit, int64_t amount = 1);

  // ---- for natives: Apex semantics
  std::string debugString(const Value& v);     // as System.debug prints it
  std::string stringValueOf(const Value& v);   // as String.valueOf returns it
  bool equalsOperator(const Value& a, const Value& b);  // `==`
  bool keyEquals(const Value& a, const Value& b);       // Set/Map keys, `equals`
  size_t keyHash(const Value& v);
  int compareForSort(const Value& a, const Value& b);   // List.sort
  // The type Salesforce names in messages: `String`, `Integer`, `Point`.
  std::string runtimeTypeName(const Value& v);
  bool isInstanceOf(const Value& v, const sema::Type* type);

  // Calls a user method overriding an Object method (`toString`, `equals`,
  // `hashCode`, `compareTo`); returns false if the class has none. On a
  // stub, the StubProvider answers a method the stubbed type declares.
  bool callOverride(const Value& self, std::string_view name, Value* args, int argc, Value* result);
  // Calls the receiver's implementation of the built-in interface method
  // `iface.name` (Queueable.execute, Database.Batchable.start): the method
  // of that name whose parameters are the interface's, a type parameter
  // matching any type. An ApexThrow leaves as the method throws it.
  Value callInterfaceMethod(const Value& self, const sema::ClassSymbol& iface, std::string_view name, Value* args,
                            int argc);
  // Calls a user method (a @future method's body, a static entry) with
  // argument values.
  Value callMethod(const sema::MethodSymbol& m, const Value& self, const Value* args, int argc);

  // ---- for natives and the evaluator: the stub API (Test.createStub)
  // A stub of the class or interface `stubbed` (an instance of
  // sema::Program::stubClassOf, no constructor run) whose method calls go
  // to `provider`, a System.StubProvider.
  Value makeStub(const sema::ClassSymbol& stubbed, const Value& provider);
  // Whether a call of `m` on a stub goes to its StubProvider: every
  // instance method but private ones, which run as written.
  static bool isStubbed(const sema::MethodSymbol& m);
  // `m` called on `stub`: the provider's handleMethodCall(stub, name,
  // return type, parameter types, parameter names, arguments), its result
  // converted to m's return type (null for void).
  Value callStub(const Value& stub, const sema::MethodSymbol& m, const Value* args, int argc);

  // The org's schema: its sObject types and fields.
  const sema::Schema& schema() const;
  // The org's custom labels and custom metadata records; empty outside a
  // project.
  const sema::OrgConfig& orgConfig() const;

  // ---- for natives: reflection (Type, JSON)
  const sema::ClassSymbol* findClass(std::string_view name) const;
  // A new instance of a user class: built as `new` builds it with the
  // no-argument constructor `ctor` (null: none declared), or, without
  // `construct`, with every field null (as JSON.deserialize makes them).
  Value newInstance(const sema::ClassSymbol& cls, const sema::MethodSymbol* ctor, bool construct);
  // A field or property of an instance; custom accessors run.
  Value readField(const Value& self, const sema::FieldSymbol& f);
  void writeField(const Value& self, const sema::FieldSymbol& f, Value v);
  // A static field (not a property); its class is initialized first.
  Value readStatic(const sema::FieldSymbol& f);
  void writeStatic(const sema::FieldSymbol& f, Value v);

  // ---- for the evaluator: operators and conversions (interp.cpp)
  void checkHeap();  // raises the heap limit when exceeded
  // Raises the heap limit if `bytes` more (heap_costs.h) would exceed it:
  // for what would be too large to make at all, before making it.
  void checkHeapFor(size_t bytes);
  Value copyCollection(const sema::Type* type, const Value& source);
  void putRecordsById(const Value& map, const std::vector<Value>& records);
  Value convertNumber(const Value& v, sema::TypeKind to);  // null if not a number
  Value makeIdChecked(const std::string& text);            // StringException if invalid
  Value addToTemporal(const Value& l, const Value& r, bool subtract);
  bool relational(ast::BinaryOp op, const Value& l, const Value& r, const sema::Type* t);
  Value shift(ast::BinaryOp op, const Value& l, const Value& r);
  int compareStringsIgnoreCase(const Value& l, const Value& r);

  // ---- for natives: context
  LogPort& log() { return log_; }
  // Where Http.send goes; null when the host set none (callouts then fail).
  CalloutPort* callouts() { return callouts_; }
  void setCallouts(CalloutPort* service) { callouts_ = service; }
  // Where Messaging.sendEmail puts what it accepts; null when the host set
  // none (the messages then go nowhere).
  EmailPort* emails() { return emails_; }
  void setEmails(EmailPort* outbox) { emails_ = outbox; }
  // Apex Developer Guide, "Callout Limits and Limitations": no callout after
  // work the transaction has not committed (DML, sending email). Test.startTest
  // begins afresh: what the test did before it does not block its callouts.
  void markUncommittedWork() { uncommittedWork_ = true; }
  bool hasUncommittedWork() const { return uncommittedWork_; }
  Limits& limits() { return limits_; }
  // How much of `limit` the transaction uses now (Limits.getX()): CPU time
  // and heap are measured, the others counted.
  int64_t limitUsed(Limit limit) const;
  // What the debug log's CUMULATIVE_LIMIT_USAGE block shows: the same,
  // with the heap's peak.
  LimitUsage cumulativeUsage() const;
  // The running user (UserInfo) and their time zone, which the local forms
  // of Date and Datetime use; the defaults when the host set none (user.cpp).
  const UserContext& user() const;
  const Zone& userZone() const;
  void setUser(const UserContext* user);
  // System.runAs(user) { ... }: the block runs as `user` (UserInfo, the
  // owner and creator of new records); the running user is restored when
  // the scope ends, by an exception too (user.cpp).
  class RunAsScope {
   public:
    RunAsScope(Interp& vm, const Value& user);
    ~RunAsScope();
    RunAsScope(const RunAsScope&) = delete;
    RunAsScope& operator=(const RunAsScope&) = delete;

   private:
    Interp& vm_;
    const UserContext* previous_;
    UserContext user_;
  };
  // Test.isRunningTest(): set by the test runner.
  bool isRunningTest() const { return runningTest_; }
  void setRunningTest(bool running) { runningTest_ = running; }
  // Request.getCurrent(): how the transaction runs, as the name of a
  // System.Quiddity constant (ANONYMOUS, RUNTEST_SYNC, REST), and the
  // request's Id, made when first asked for.
  std::string_view quiddity() const { return quiddity_; }
  void setQuiddity(std::string_view quiddity) { quiddity_ = quiddity; }
  std::string& requestId() { return requestId_; }
  // Test.loadData: the Ids its CSV files gave records (an Id column), to the
  // Ids the records were inserted with, for later files' references.
  std::unordered_map<std::string, std::string>& loadedDataIds() { return loadedDataIds_; }
  // The HttpCalloutMock a test set with Test.setMock; null when none.
  Value& calloutMock() { return calloutMock_; }
  // The WebServiceMock a test set with Test.setMock; null when none.
  Value& webServiceMock() { return webServiceMock_; }
  // The record Ids a test's SOSL searches return (Test.setFixedSearchResults).
  void setFixedSearchResults(std::vector<std::string> ids) { fixedSearchResults_ = std::move(ids); }
  // Test.startTest()/stopTest(): the code between them gets fresh limits;
  // after stopTest the test goes on with the limits it had before.
  void startTest();
  void stopTest();
  // ---- asynchronous Apex (async.cpp)
  // The jobs queued and not run yet, oldest first.
  std::deque<AsyncJob>& asyncQueue() { return asyncQueue_; }
  // The job whose transaction runs now; null in a synchronous transaction.
  RunningJob* runningJob() { return runningJob_; }
  // Queues `job` with a new AsyncApexJob row (Status Queued, JobType, the
  // class) and marks uncommitted work; returns the job's Id.
  std::string queueJob(AsyncJob job);
  // A call of a @future method: checked and queued, not run (Apex
  // Developer Guide, "Future Methods").
  void queueFutureCall(const sema::MethodSymbol& method, const Value* args, int argc);
  // A record of a system object (AsyncApexJob, CronTrigger) written by the
  // platform, not by DML: inserted with `fields` and a new Id (returned),
  // or `fields` written over the stored record `id`. Without a data store,
  // only the Id is made.
  using SystemFields = std::vector<std::pair<std::string_view, Value>>;
  std::string insertSystemRecord(std::string_view object, const SystemFields& fields);
  void updateSystemRecord(std::string_view object, const std::string& id, const SystemFields& fields);
  // A transaction of asynchronous Apex, from construction to destruction:
  // the asynchronous limits, its quiddity, nothing uncommitted, and the job
  // it runs (null for a platform event trigger or a publish callback). With
  // `freshStatics` (outside tests: a transaction of its own) static
  // variables start again. What it replaced comes back at the end.
  class JobScope {
   public:
    JobScope(Interp& vm, RunningJob* running, std::string_view quiddity, bool freshStatics);
    ~JobScope();
    JobScope(const JobScope&) = delete;
    JobScope& operator=(const JobScope&) = delete;

   private:
    Interp& vm_;
    RunningJob* previousJob_;
    Limits previousLimits_;
    std::string_view previousQuiddity_;
    bool previousUncommitted_;
    std::string previousRequestId_;
  };
  // ---- platform events: what EventBus.publish accepted, the streams and
  // their subscribers (stdlib/event_bus.cpp, event_delivery.cpp).
  EventBusState& eventBus() { return eventBus_; }
  // Where records live; null when the host gave none (DML and queries then fail).
  DataStorePort* dataStore() { return dataStore_; }
  void setDataStore(DataStorePort* store) { dataStore_ = store; }
  // The project's static resources (StaticResourceCalloutMock); null
  // outside a project.
  const StaticResourcePort* staticResources() const { return staticResources_; }
  void setStaticResources(const StaticResourcePort* resources) { staticResources_ = resources; }
  // Counts each statement run into `hits` (null: no coverage).
  void setCoverage(StatementHits* hits) { coverage_ = hits; }
  int currentLine() const;
  int currentColumn() const;
  // `AnonymousBlock: line 3, column 1` lines, innermost first.
  std::string stackTrace() const;
  // An uncaught exception as Salesforce reports it: `System.MathException:
  // Divide by 0` (the type alone when the message is null).
  std::string describeException(const Value& e);

 private:
  friend class Evaluator;

  sema::Program& program_;
  LogPort& log_;
  CalloutPort* callouts_ = nullptr;
  EmailPort* emails_ = nullptr;
  bool uncommittedWork_ = false;
  const UserContext* user_ = nullptr;
  mutable std::shared_ptr<const Zone> userZone_;
  bool runningTest_ = false;
  std::string_view quiddity_ = "ANONYMOUS";
  std::string requestId_;
  Value calloutMock_;
  Value webServiceMock_;
  std::vector<std::string> fixedSearchResults_;
  std::unordered_map<std::string, std::string> loadedDataIds_;
  enum class TestPhase : uint8_t { Before, Started, Stopped } testPhase_ = TestPhase::Before;
  Limits limitsBeforeStart_;
  const StaticResourcePort* staticResources_ = nullptr;
  DataStorePort* dataStore_ = nullptr;
  const ast::CallerVariables* callerVariables_ = nullptr;  // of the native running now
  StatementHits* coverage_ = nullptr;
  Heap heap_;
  Limits limits_;
  std::vector<Value> statics_;
  std::vector<uint8_t> classInitialized_;  // per Program::lazyClassCount
  ValueStack valueStack_;
  size_t stackTop_ = 0;
  std::vector<Frame> frames_;      // reserved up front: frames are never moved
  std::vector<const TriggerContext*> triggerContexts_;
  std::deque<AsyncJob> asyncQueue_;
  RunningJob* runningJob_ = nullptr;
  EventBusState eventBus_;
  std::unique_ptr<Evaluator> evaluator_;
  bool raisingLimit_ = false;  // the heap limit is being raised: don't re-check
  int elementDepth_ = 0;       // collections and records ==, equals or hashCode is inside (equality.cpp)
};

}  // namespace apex::interp
