// The record store against SQLite itself: 10,000 Accounts inserted in one
// call and queried back with a selective WHERE and an ORDER BY, through
// SqliteStore (records as Apex values, SOQL translated to SQL, rows read
// back into records) and directly through SQLite's C API (the same rows,
// one prepared INSERT, the same SELECT by hand). Prints the median of
// several rounds of each; bench/run puts the table in bench/results/.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "ast/soql.h"
#include "base/decimal.h"
#include "interp/interp.h"
#include "runtime/data/sqlite_store.h"
#include "runtime/log/debuglog.h"
#include "sema/program.h"
#include "sema/schema_catalog.h"
#include "stdlib/registry.h"

namespace {

using namespace apex;
using interp::Value;

constexpr int kAccounts = 10'000;
constexpr int kRounds = 7;
const char* const kIndustries[] = {"Energy", "Banking", "Retail", "Media", "Shipping"};

struct Timings {
  double insertMs = 0;
  double queryMs = 0;
  size_t rows = 0;
};

double millisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::string accountName(int i) { return "Account " + std::to_string(kAccounts - i); }

// SELECT Id, Name, NumberOfEmployees FROM Account
// WHERE Industry = 'Energy' AND NumberOfEmployees > 5000 ORDER BY Name
soql::Query selectiveQuery(const sema::SObjectType& account) {
  soql::Query query;
  query.from = "Account";
  query.boundObject = &account;
  for (const char* name : {"Id", "Name", "NumberOfEmployees"}) {
    soql::SelectItem item;
    item.field.names = {name};
    item.field.boundField = account.field(name);
    item.field.boundObject = &account;
    query.select.push_back(std::move(item));
  }
  auto compare = [&](const char* field, soql::CompareOp op, soql::Literal::Kind kind, const char* text) {
    auto condition = std::make_unique<soql::Condition>();
    condition->left.field.names = {field};
    condition->left.field.boundField = account.field(field);
    condition->left.field.boundObject = &account;
    condition->op = op;
    soql::Literal literal;
    literal.kind = kind;
    literal.text = text;
    condition->values.push_back(literal);
    return condition;
  };
  query.where = std::make_unique<soql::Condition>();
  query.where->kind = soql::Condition::Kind::And;
  query.where->children.push_back(compare("Industry", soql::CompareOp::Eq, soql::Literal::Kind::String, "Energy"));
  query.where->children.push_back(
      compare("NumberOfEmployees", soql::CompareOp::Gt, soql::Literal::Kind::Integer, "5000"));
  soql::OrderItem order;
  order.operand.field.names = {"Name"};
  order.operand.field.boundField = account.field("Name");
  order.operand.field.boundObject = &account;
  query.orderBy.push_back(std::move(order));
  return query;
}

Timings throughStore(const sema::Schema& schema, interp::Interp& vm) {
  const sema::SObjectType& account = *schema.object("Account");
  runtime::SqliteStore store(schema);
  store.begin();
  std::vector<std::string> ids = store.newIds(account, kAccounts);
  std::vector<Value> records;
  std::vector<interp::SObjectObj*> objects;
  records.reserve(kAccounts);
  for (int i = 0; i < kAccounts; ++i) {
    records.push_back(vm.makeSObject(account));
    auto* record = records.back().as<interp::SObjectObj>();
    record->set(account.field("Id"), vm.makeId(ids[size_t(i)]));
    record->set(account.field("Name"), vm.makeString(accountName(i)));
    record->set(account.field("Industry"), vm.makeString(kIndustries[i % 5]));
    record->set(account.field("NumberOfEmployees"), Value::integer(i));
    record->set(account.field("AnnualRevenue"), vm.makeDecimal(Decimal::fromInt64(i * 100)));
    objects.push_back(record);
  }
  Timings out;
  auto start = std::chrono::steady_clock::now();
  store.insert(account, objects);
  out.insertMs = millisSince(start);
  soql::Query query = selectiveQuery(account);
  interp::QueryBinds binds;
  start = std::chrono::steady_clock::now();
  Value rows = store.query(vm, query, binds);
  out.queryMs = millisSince(start);
  out.rows = rows.as<interp::ListObj>()->items.size();
  store.commit();
  return out;
}

void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
    std::exit(1);
  }
}

Timings direct() {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  exec(db,
       "CREATE TABLE Account (Id TEXT PRIMARY KEY, Name TEXT COLLATE NOCASE, Industry TEXT COLLATE NOCASE, "
       "NumberOfEmployees INTEGER, AnnualRevenue TEXT, IsDeleted INTEGER NOT NULL DEFAULT 0, OwnerId TEXT)");
  exec(db, "CREATE INDEX AccountOwner ON Account (OwnerId)");
  exec(db, "BEGIN");
  std::vector<std::string> ids, names, revenues;
  for (int i = 0; i < kAccounts; ++i) {
    ids.push_back("001" + std::string(12 - std::to_string(i + 1).size(), '0') + std::to_string(i + 1) + "AAA");
    names.push_back(accountName(i));
    revenues.push_back(std::to_string(i * 100));
  }
  Timings out;
  auto start = std::chrono::steady_clock::now();
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO Account (Id, Name, Industry, NumberOfEmployees, AnnualRevenue) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                     -1, &insert, nullptr);
  for (int i = 0; i < kAccounts; ++i) {
    sqlite3_bind_text(insert, 1, ids[size_t(i)].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, names[size_t(i)].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, kIndustries[i % 5], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 4, i);
    sqlite3_bind_text(insert, 5, revenues[size_t(i)].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  out.insertMs = millisSince(start);
  start = std::chrono::steady_clock::now();
  sqlite3_stmt* select = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT Id, Name, NumberOfEmployees FROM Account WHERE Industry = ?1 AND "
                     "NumberOfEmployees > ?2 AND IsDeleted = 0 ORDER BY Name",
                     -1, &select, nullptr);
  sqlite3_bind_text(select, 1, "Energy", -1, SQLITE_STATIC);
  sqlite3_bind_int64(select, 2, 5000);
  struct Row {
    std::string id, name;
    int64_t employees;
  };
  std::vector<Row> rows;
  while (sqlite3_step(select) == SQLITE_ROW)
    rows.push_back({reinterpret_cast<const char*>(sqlite3_column_text(select, 0)),
                    reinterpret_cast<const char*>(sqlite3_column_text(select, 1)), sqlite3_column_int64(select, 2)});
  sqlite3_finalize(select);
  out.queryMs = millisSince(start);
  out.rows = rows.size();
  exec(db, "COMMIT");
  sqlite3_close(db);
  return out;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main() {
  sema::Schema schema = sema::standardSchema();
  sema::Program program(stdlib::standardLibrary());
  runtime::DebugLog log;
  std::vector<double> storeInsert, storeQuery, directInsert, directQuery;
  size_t storeRows = 0, directRows = 0;
  for (int round = 0; round < kRounds; ++round) {
    interp::Interp vm(program, log);  // a transaction's heap per round
    Timings store = throughStore(schema, vm);
    Timings plain = direct();
    storeInsert.push_back(store.insertMs);
    storeQuery.push_back(store.queryMs);
    directInsert.push_back(plain.insertMs);
    directQuery.push_back(plain.queryMs);
    storeRows = store.rows;
    directRows = plain.rows;
  }
  double si = median(storeInsert), sq = median(storeQuery), di = median(directInsert), dq = median(directQuery);
  std::printf("## datastore: 10,000 Accounts inserted in one call, then a selective query (%zu rows) with ORDER BY\n\n",
              storeRows);
  std::printf("Median of %d rounds, milliseconds.\n\n", kRounds);
  std::printf("| step | SqliteStore | SQLite C API | ratio |\n|---|---:|---:|---:|\n");
  std::printf("| insert 10,000 | %.2f | %.2f | %.2fx |\n", si, di, si / di);
  std::printf("| query | %.2f | %.2f | %.2fx |\n", sq, dq, sq / dq);
  std::printf("| both | %.2f | %.2f | %.2fx |\n", si + sq, di + dq, (si + sq) / (di + dq));
  if (storeRows != directRows) {
    std::printf("\n> **Warning:** the store returned %zu rows, SQLite %zu\n", storeRows, directRows);
    return 1;
  }
  return 0;
}
