// The REST API's data resources as `apexrun serve` answers them (REST API
// Developer Guide): the version's resource list, `query` and `queryAll`
// with paging through `nextRecordsUrl`, `sobjects` (describeGlobal), an
// object's basic information and describe, and a record's create, read,
// update, upsert by external Id and delete, and the same for up to 200
// records at once (`composite/sobjects`), up to 25 of these requests in
// one (`composite`, with references between them), and trees of up to 200
// new parent and child records (`composite/tree`). Writes run as DML from Apex
// does (required fields, defaults, validation rules, triggers), each
// request a transaction of its own; errors come in the API's shape
// (`[{"message", "errorCode", "fields"}]`) with the codes the DML gives.
//
// Independent of HTTP: org_server.cpp hands each request under
// /services/data/vXX.X/ to handle() and sends back what it answers.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "runtime/data/rest_query.h"
#include "runtime/data/record_store.h"
#include "runtime/project/user_context.h"
#include "sema/program.h"

namespace apex::runtime {

struct RestCall {
  std::string method;      // GET, POST, PATCH, DELETE
  std::string apiVersion;  // 62.0, from the URL
  std::string path;        // after /services/data/vXX.X/: "query", "sobjects/Account/001..."
  std::map<std::string, std::string> params;
  std::string queryOptions;  // the Sforce-Query-Options header: batchSize=N
  std::string body;
};

struct RestAnswer {
  int status = 200;
  std::string body;  // JSON unless contentType says otherwise; empty for 204
  std::vector<std::pair<std::string, std::string>> headers;
  std::string contentType;  // empty: JSON
};

class RestApi {
 public:
  // `recordsInUse` is held while a request reads or writes `records` (a
  // composite request holds it across its sub-requests). `apiPath` follows
  // the version in the URLs the answers give: empty for the REST API,
  // `/tooling` for the Tooling API's records (tooling_records.h).
  RestApi(sema::Program& program, RecordStore& records, std::recursive_mutex& recordsInUse, const UserContext& user,
          std::string apiPath = "");

  RestAnswer handle(const RestCall& call);

 private:
  // `/services/data/vXX.X` and the API path: where the answers' URLs start.
  std::string apiUrl(const std::string& apiVersion) const;
  RestAnswer resources(const RestCall& call) const;
  std::variant<RestQueryResult, RestQueryError> runQuery(std::string_view soql, bool allRows,
                                                         const std::string& apiVersion);
  RestAnswer query(const RestCall& call, bool allRows);
  RestAnswer moreRecords(const RestCall& call, const std::string& locator);
  RestAnswer sobjects(const RestCall& call, const std::vector<std::string>& segments);
  RestAnswer readRecord(const RestCall& call, const sema::SObjectType& type, const std::string& id);
  RestAnswer composite(const RestCall& call);
  RestAnswer tree(const RestCall& call, const std::string& objectName);
  RestAnswer collection(const RestCall& call, const std::vector<std::string>& segments);
  RestAnswer readRecords(const RestCall& call, const sema::SObjectType& type);
  RestAnswer writeRecord(const RestCall& call, const sema::SObjectType& type, const std::string& id,
                         const sema::SObjectField* externalId, const std::string& externalValue);

  // The rest of a query's records past the first batch, for nextRecordsUrl.
  struct Cursor {
    nlohmann::ordered_json records;  // an array
    size_t next = 0;
    size_t batchSize = 2000;
    int64_t totalSize = 0;
  };
  nlohmann::ordered_json page(const std::string& apiVersion, const std::string& locator, Cursor& cursor);

  sema::Program& program_;
  RecordStore& records_;
  std::recursive_mutex& recordsInUse_;
  const UserContext& user_;
  std::string apiPath_;
  std::mutex cursorsInUse_;
  std::map<std::string, Cursor> cursors_;
  uint64_t nextCursor_ = 1;
};

}  // namespace apex::runtime
