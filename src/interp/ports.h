// The ports: what the engine needs from its host, as small interfaces.
//
// The engine (the evaluator and the standard library's natives) writes the
// debug log, sends callouts, hands over email, reads static resources and
// asks who the running user is only through these. The host (runtime/)
// implements them: the debug log in runtime/log, callouts in
// runtime/callouts, the outbox in runtime/host, static resources and the
// user in runtime/project. An Interp without a port behaves as a bare
// transaction: callouts fail, email goes nowhere, static resources are
// missing, the user is the default one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/http_message.h"

namespace apex::sema {
class SObjectType;
struct SObjectField;
}
namespace apex::soql {
struct Query;
struct Literal;
}
namespace apex::sosl {
struct Search;
struct SearchTerm;
}

namespace apex::interp {

class Interp;
class Value;
struct SObjectObj;

// The debug log's events that Apex code causes.
class LogPort {
 public:
  virtual ~LogPort() = default;
  // USER_DEBUG|[line]|LEVEL|message
  virtual void userDebug(int line, std::string_view level, std::string_view message) = 0;
  virtual void exceptionThrown(int line, std::string_view text) = 0;
  // CALLOUT_REQUEST|[line]|... and CALLOUT_RESPONSE|[line]|...
  virtual void calloutRequest(int line, std::string_view request) = 0;
  virtual void calloutResponse(int line, std::string_view response) = 0;
  // SOQL_EXECUTE_BEGIN|[line]|Aggregations:n|query and SOQL_EXECUTE_END|[line]|Rows:n
  virtual void soqlBegin(int line, int aggregations, std::string_view query) = 0;
  virtual void soqlEnd(int line, int64_t rows) = 0;
  // DML_BEGIN|[line]|Op:Insert|Type:Account|Rows:n and DML_END|[line]
  virtual void dmlBegin(int line, std::string_view op, std::string_view type, int64_t rows) = 0;
  virtual void dmlEnd(int line) = 0;
  // CODE_UNIT_STARTED|[EXTERNAL]|id|name and CODE_UNIT_FINISHED|name: a
  // trigger invocation (`name`: AccTrigger on Account trigger event
  // BeforeInsert|__sfdc_trigger/AccTrigger).
  virtual void codeUnitStarted(std::string_view id, std::string_view name) = 0;
  virtual void codeUnitFinished(std::string_view name) = 0;
  // EMAIL_QUEUE|[line]|fields: one message Messaging.sendEmail accepted.
  virtual void emailQueue(int line, std::string_view fields) = 0;
};

using CalloutResult = std::variant<CalloutResponse, CalloutFailure>;

// Where Http.send goes.
class CalloutPort {
 public:
  virtual ~CalloutPort() = default;
  // Sends one callout made at Apex line `line`. `budgetMillis` is what is
  // left of the transaction's cumulative callout time; `elapsedMillis`
  // receives the time the callout took.
  virtual CalloutResult send(const CalloutRequest& request, int line, int budgetMillis,
                             long long* elapsedMillis) = 0;
  // `text` as the debug log may show it: the run's secrets replaced.
  virtual std::string maskSecrets(std::string_view text) const = 0;
};

// A file attached to an email (Apex Reference: EmailFileAttachment Class).
struct EmailAttachment {
  std::string fileName;
  std::string contentType;  // empty when not set
  std::string body;         // the bytes
  bool isInline = false;
};

// One message Messaging.sendEmail accepted (Apex Reference: SingleEmailMessage
// Class), as the transaction handed it over. Empty strings and lists are
// properties not set.
struct OutboundEmail {
  std::vector<std::string> toAddresses;
  std::vector<std::string> ccAddresses;
  std::vector<std::string> bccAddresses;
  std::string targetObjectId;       // a contact, lead or user
  bool targetIsRecipient = true;    // setTreatTargetObjectAsRecipient
  std::string whatId;
  std::string replyTo;
  std::string senderDisplayName;
  std::string orgWideEmailAddressId;
  std::string subject;
  std::string plainTextBody;
  std::string htmlBody;
  std::string templateId;
  std::string charset;
  std::vector<EmailAttachment> attachments;
  std::vector<std::string> entityAttachments;  // record Ids
  bool bccSender = false;
  bool saveAsActivity = true;
  bool useSignature = true;
};

// Where Messaging.sendEmail puts the messages it accepts. Nothing leaves the
// machine: the host keeps them for the run's report (apexrun run
// --show-emails).
class EmailPort {
 public:
  virtual ~EmailPort() = default;
  virtual void queue(OutboundEmail email) = 0;
};

// A static resource's content (Metadata API: StaticResource).
struct StaticResource {
  std::string name;
  std::string contentType;
  std::string body;
};

class StaticResourcePort {
 public:
  virtual ~StaticResourcePort() = default;
  // The resource named `name` (case-insensitive); the error says which
  // resource or file is missing or unreadable.
  virtual std::variant<StaticResource, std::string> load(std::string_view name) const = 0;
};

// The bind values of one query: an inline query's bind expressions by
// index (`:{n}`), a dynamic query's by name (`:name`, Database.queryWithBinds).
// A bind that is a collection stands for its elements (`Id IN :ids`).
struct QueryBinds {
  std::vector<Value>* byIndex = nullptr;
  std::vector<std::pair<std::string, Value>>* byName = nullptr;

  // The value bound to `bind` (a Literal of kind Bind): by its index, else
  // by its name ignoring case; null when there is none (query.cpp).
  const Value* find(const soql::Literal& bind) const;
};

// Which records a SOSL search finds before each RETURNING object's own
// WHERE: those whose fields in the search's scope `term` matches, or, when
// `term` is null (a test), the records of `fixedIds`
// (Test.setFixedSearchResults; none when it was not called).
struct SearchMatch {
  const sosl::SearchTerm* term = nullptr;
  const std::vector<std::string>* fixedIds = nullptr;
};

// Where the org's records live (runtime/data: SQLite). The engine does what
// Apex and the platform's order of save do (validation, defaults, system
// fields, triggers, governor limits, DmlException); the store keeps
// records, finds them and answers queries. Every call runs inside the
// transaction the host began; the store's savepoints back
// Database.setSavepoint/rollback.
class DataStorePort {
 public:
  virtual ~DataStorePort() = default;

  // `count` new record Ids of `type`, 18 characters: its key prefix, then a
  // number never given before in this store.
  virtual std::vector<std::string> newIds(const sema::SObjectType& type, size_t count) = 0;
  // The first of `count` numbers in a row for an auto-number `field`, never
  // given before in this store; the first ever is its startingNumber.
  virtual int64_t takeNumbers(const sema::SObjectType& type, const sema::SObjectField& field, int64_t count) = 0;
  // Stores new records with every field they have (Id and the system fields
  // already set by the engine).
  virtual void insert(const sema::SObjectType& type, std::span<SObjectObj* const> records) = 0;
  // Writes the fields each record has over the stored record of its Id.
  virtual void update(const sema::SObjectType& type, std::span<SObjectObj* const> records) = 0;
  // Moves records to the recycle bin (IsDeleted true) or back from it.
  virtual void setDeleted(const sema::SObjectType& type, std::span<const std::string> ids, bool deleted) = 0;
  // Deletes records for good: the platform's own records that go without
  // the recycle bin (an unscheduled job's CronTrigger).
  virtual void erase(const sema::SObjectType& type, std::span<const std::string> ids) = 0;
  // The stored records with these Ids, each with every field, deleted ones
  // too; Ids not found are left out. In the order of `ids`.
  virtual std::vector<Value> load(Interp& vm, const sema::SObjectType& type, std::span<const std::string> ids) = 0;
  // The (value, Id) of each stored record in the recycle bin or out of it
  // (`inRecycleBin`) whose `field` equals one of `values` as SOQL's `=`
  // compares them (text ignoring case): upsert's external Id match, the
  // unique fields' DUPLICATE_VALUE check, the children a delete, undelete
  // or merge reaches.
  virtual std::vector<std::pair<Value, std::string>> findByField(Interp& vm, const sema::SObjectType& type,
                                                                 const sema::SObjectField& field,
                                                                 std::span<const Value> values,
                                                                 bool inRecycleBin) = 0;
  // Runs a bound query (src/sema/soql_binder.h). Returns a List<SObject>
  // of the query's object (or of AggregateResult), or an Integer for
  // SELECT COUNT().
  virtual Value query(Interp& vm, const soql::Query& query, const QueryBinds& binds) = 0;
  // Runs a bound SOSL search (src/sema/sosl_binder.h). Returns a
  // List<List<SObject>>: one list per RETURNING object, in their order, of
  // that object's records (a List<Account>).
  virtual Value search(Interp& vm, const sosl::Search& search, const SearchMatch& match, const QueryBinds& binds) = 0;

  // A mark in the transaction; rolling back to it undoes every change after.
  virtual int64_t savepoint() = 0;
  virtual void rollbackTo(int64_t savepoint) = 0;
};

// The running user and their org, as UserInfo reports them and as the local
// forms of Date and Datetime read them (the user's time zone).
struct UserContext {
  // Ids: 15 or 18 characters with the User (005), Organization (00D) and
  // Profile (00e) key prefixes; roleId is empty when the user has no role.
  std::string userId = "005000000000001AAA";
  std::string userName = "apexrun@example.com";
  std::string firstName = "Apex";
  std::string lastName = "Runner";
  std::string email = "apexrun@example.com";
  std::string userType = "Standard";
  std::string profileId = "00e000000000001AAA";
  std::string roleId;
  std::string timeZone = "GMT";  // a TimeZoneSidKey: an IANA ID or GMT
  std::string locale = "en_US";
  std::string language = "en_US";
  std::string currency = "USD";
  std::string uiTheme = "Theme4d";
  std::string organizationId = "00D000000000001EAA";
  std::string organizationName = "apexrun";
  bool multiCurrency = false;

  static const UserContext& defaults();
};

}  // namespace apex::interp
