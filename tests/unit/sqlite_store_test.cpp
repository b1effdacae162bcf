// The record store (runtime/data/sqlite_store.h) and record Ids
// (src/base/record_id.h): records in and out with every field type, Ids,
// savepoints and transactions, a file org reopened.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <set>

#include <unistd.h>

#include "base/record_id.h"
#include "data_test_support.h"

namespace store_test {

using namespace data_test;
using apex::interp::Tag;

TEST_CASE("record Ids: the checksum encodes the casing of each group of five", "[data][ids]") {
  CHECK(idChecksum("001000000000001") == "AAA");
  CHECK(idChecksum("00D000000000001") == "EAA");  // D is the third character of the first group
  CHECK(idChecksum("a0B5g00000ABCde") == "EAH");
  CHECK(toEighteen("00D000000000001") == "00D000000000001EAA");
  CHECK(toEighteen("00D000000000001EAA") == "00D000000000001EAA");
  CHECK(toEighteen("not an id") == "not an id");
  CHECK(looksLikeId("001000000000001"));
  CHECK_FALSE(looksLikeId("001-00000000001"));
  CHECK_FALSE(looksLikeId("0010000000000"));
}

TEST_CASE("record Ids: the key prefix, then a base-62 counter in 12 characters", "[data][ids]") {
  CHECK(recordId("001", 1) == "001000000000001AAA");
  CHECK(recordId("001", 62) == "001000000000010AAA");
  CHECK(recordId("a00", 61) == "a0000000000000zAAA");
  CHECK(recordId("00e", 36) == "00e00000000000aAAA");
  CHECK(recordId("001", 10) == "00100000000000AAAQ");
  CHECK(recordNumber("001000000000010AAA") == 62u);
  CHECK(recordNumber(recordId("003", 123456789)) == 123456789u);
  CHECK_FALSE(recordNumber("bad"));
}

TEST_CASE("newIds gives 18-character Ids of the object's prefix, never the same twice", "[data][ids]") {
  Org org;
  std::vector<std::string> ids = org.store->newIds(org.object("Account"), 3);
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] == "001000000000001AAA");
  CHECK(ids[2] == "001000000000003AAA");
  CHECK(org.store->newIds(org.object("Contact"), 1)[0] == "003000000000001AAA");
  CHECK(org.store->newIds(org.object("Account"), 1)[0] == "001000000000004AAA");
  CHECK(org.store->newIds(org.object("Invoice__c"), 1)[0].substr(0, 3) == org.object("Invoice__c").keyPrefix);
}

TEST_CASE("a record set up with an Id of its own is counted: newIds goes past it", "[data][ids]") {
  Org org;
  const auto& user = org.object("User");
  Value record = org.vm.makeSObject(user);
  record.as<interp::SObjectObj>()->set(user.field("Id"), org.vm.makeId("005000000000001AAA"));
  record.as<interp::SObjectObj>()->set(user.field("LastName"), org.text("Runner"));
  interp::SObjectObj* records[] = {record.as<interp::SObjectObj>()};
  org.store->insert(user, records);
  CHECK(org.store->newIds(user, 1)[0] == "005000000000002AAA");
}

TEST_CASE("a file org keeps its records and its Id counters when reopened", "[data][ids][file]") {
  auto file = std::filesystem::temp_directory_path() / ("apexrun-store-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  std::string first;
  {
    Org org(file.string());
    first = idOf(org.insert("Account", {{"Name", org.text("Kept")}}));
    org.store->newIds(org.object("Account"), 5);  // given out, never stored
  }
  {
    Org org(file.string());
    CHECK(org.store->newIds(org.object("Account"), 1)[0] == recordId("001", 7));
    std::vector<std::string> ids{first};
    std::vector<Value> loaded = org.store->load(org.vm, org.object("Account"), ids);
    REQUIRE(loaded.size() == 1);
    CHECK(str(get(loaded[0], "Name")) == "Kept");
  }
  std::filesystem::remove(file);
}

TEST_CASE("a file made with fewer fields gets the schema's new columns", "[data][file]") {
  auto file = std::filesystem::temp_directory_path() / ("apexrun-columns-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  {
    Org org(file.string());
    org.insert("Invoice__c", {{"Name", org.text("Old")}});
  }
  {
    Org org(file.string());
    org.schema.object("Invoice__c")->putField(makeField("Notes__c", sema::FieldType::TextArea));
    Value added = org.insert("Invoice__c", {{"Name", org.text("New")}, {"Notes__c", org.text("more")}});
    std::vector<std::string> ids{idOf(added)};
    CHECK(str(get(org.store->load(org.vm, org.object("Invoice__c"), ids).at(0), "Notes__c")) == "more");
  }
  std::filesystem::remove(file);
}

TEST_CASE("a file that is not SQLite is refused with a clear error", "[data][file]") {
  auto file = std::filesystem::temp_directory_path() / ("apexrun-notdb-" + std::to_string(::getpid()) + ".db");
  {
    std::FILE* out = std::fopen(file.string().c_str(), "w");
    std::fputs("this is not a database, just some text that is long enough to have a header\n", out);
    std::fclose(out);
  }
  sema::Schema schema = dataTestSchema();
  CHECK_THROWS_WITH(runtime::SqliteStore(schema, file.string()), Catch::Contains("is not an org database"));
  std::filesystem::remove(file);
}

TEST_CASE("every field type comes back as it was stored", "[data][store]") {
  Org org;
  Value invoice = org.insert("Invoice__c", {{"Name", org.text("INV-1")},
                                            {"Total__c", org.decimal("1234.50")},
                                            {"Count__c", Value::integer(-7)},
                                            {"Due__c", Value::date(19800)},
                                            {"Sent__c", Value::datetime(1710000000123)},
                                            {"At__c", Value::time(3600000)},
                                            {"Tags__c", org.text("Red;Blue")},
                                            {"Scan__c", org.vm.makeBlob(std::string("\0\x01\xff", 3))}});
  std::vector<std::string> ids{idOf(invoice)};
  std::vector<Value> loaded = org.store->load(org.vm, org.object("Invoice__c"), ids);
  REQUIRE(loaded.size() == 1);
  const Value& back = loaded[0];
  CHECK(get(back, "Id").tag() == Tag::Id);
  CHECK(str(get(back, "Name")) == "INV-1");
  REQUIRE(get(back, "Total__c").tag() == Tag::Decimal);
  CHECK(dec(get(back, "Total__c")) == "1234.50");  // exactly, scale included
  CHECK(get(back, "Count__c").asInt() == -7);
  CHECK(get(back, "Due__c").tag() == Tag::Date);
  CHECK(get(back, "Due__c").asDate() == 19800);
  CHECK(get(back, "Sent__c").asDatetime() == 1710000000123);
  CHECK(get(back, "At__c").asTime() == 3600000);
  CHECK(str(get(back, "Tags__c")) == "Red;Blue");
  CHECK(get(back, "Scan__c").as<interp::BlobObj>()->bytes == std::string("\0\x01\xff", 3));
  // Booleans are never null; fields never set are null.
  CHECK(get(back, "Paid__c").tag() == Tag::Boolean);
  CHECK_FALSE(get(back, "Paid__c").asBool());
  CHECK(get(back, "IsDeleted").tag() == Tag::Boolean);
  CHECK(get(back, "Account__c").isNull());
  CHECK_FALSE(back.as<interp::SObjectObj>()->fromQuery);
}

TEST_CASE("load returns records in the order of the Ids asked for, skipping unknown ones", "[data][store]") {
  Org org;
  std::string a = idOf(org.insert("Account", {{"Name", org.text("A")}}));
  std::string b = idOf(org.insert("Account", {{"Name", org.text("B")}}));
  std::vector<std::string> ids{b, "001000000000999AAA", a.substr(0, 15)};
  std::vector<Value> loaded = org.store->load(org.vm, org.object("Account"), ids);
  REQUIRE(loaded.size() == 2);
  CHECK(str(get(loaded[0], "Name")) == "B");
  CHECK(str(get(loaded[1], "Name")) == "A");
}

TEST_CASE("update writes the fields a record has over the stored record", "[data][store]") {
  Org org;
  Value account = org.insert("Account", {{"Name", org.text("Before")}, {"Industry", org.text("Energy")}});
  const auto& type = org.object("Account");
  Value change = org.vm.makeSObject(type);
  auto* obj = change.as<interp::SObjectObj>();
  obj->set(type.field("Id"), get(account, "Id"));
  obj->set(type.field("Name"), org.text("After"));
  obj->set(type.field("NumberOfEmployees"), Value::integer(12));
  interp::SObjectObj* records[] = {obj};
  org.store->update(type, records);
  std::vector<std::string> ids{idOf(account)};
  Value back = org.store->load(org.vm, type, ids).at(0);
  CHECK(str(get(back, "Name")) == "After");
  CHECK(str(get(back, "Industry")) == "Energy");
  CHECK(get(back, "NumberOfEmployees").asInt() == 12);
}

TEST_CASE("setDeleted moves records to the recycle bin and back", "[data][store]") {
  Org org;
  std::string id = idOf(org.insert("Account", {{"Name", org.text("Gone")}}));
  std::vector<std::string> ids{id};
  org.store->setDeleted(org.object("Account"), ids, true);
  CHECK(get(org.store->load(org.vm, org.object("Account"), ids).at(0), "IsDeleted").asBool());
  CHECK(rows(org.run(QueryBuilder(org.schema, "Account").select({"Name"}).take())).empty());
  CHECK(rows(org.run(QueryBuilder(org.schema, "Account").select({"Name"}).allRows().take())).size() == 1);
  org.store->setDeleted(org.object("Account"), ids, false);
  CHECK(rows(org.run(QueryBuilder(org.schema, "Account").select({"Name"}).take())).size() == 1);
}

TEST_CASE("inserting 1,000 records in one call stores them all", "[data][store]") {
  Org org;
  const auto& type = org.object("Account");
  std::vector<std::string> ids = org.store->newIds(type, 1000);
  std::vector<Value> records;
  std::vector<interp::SObjectObj*> objects;
  for (size_t i = 0; i < ids.size(); ++i) {
    records.push_back(org.vm.makeSObject(type));
    auto* obj = records.back().as<interp::SObjectObj>();
    obj->set(type.field("Id"), org.vm.makeId(ids[i]));
    obj->set(type.field("Name"), org.text("Account " + std::to_string(i)));
    if (i % 2) obj->set(type.field("Industry"), org.text("Energy"));  // two sets of fields, two statements
    objects.push_back(obj);
  }
  org.store->insert(type, objects);
  QueryBuilder count(org.schema, "Account");
  count.function("COUNT");
  CHECK(org.run(count.take()).asInt() == 1000);
}

TEST_CASE("rolling back to a savepoint undoes what came after it", "[data][transactions]") {
  Org org;
  org.store->begin();
  org.insert("Account", {{"Name", org.text("Kept")}});
  int64_t mark = org.store->savepoint();
  org.insert("Account", {{"Name", org.text("Undone")}});
  org.insert("Invoice__c", {{"Name", org.text("Undone too")}});  // its table is made after the mark
  org.store->rollbackTo(mark);
  std::vector<Value> left = rows(org.run(QueryBuilder(org.schema, "Account").select({"Name"}).take()));
  REQUIRE(left.size() == 1);
  CHECK(str(get(left[0], "Name")) == "Kept");
  CHECK(rows(org.run(QueryBuilder(org.schema, "Invoice__c").select({"Name"}).take())).empty());
  org.insert("Invoice__c", {{"Name", org.text("Again")}});
  CHECK(rows(org.run(QueryBuilder(org.schema, "Invoice__c").select({"Name"}).take())).size() == 1);
  org.store->commit();
}

TEST_CASE("a rolled-back transaction leaves the org as it was; a committed one stays", "[data][transactions]") {
  Org org;
  org.store->begin();
  org.insert("Account", {{"Name", org.text("Committed")}});
  org.store->commit();
  org.store->begin();
  org.insert("Account", {{"Name", org.text("Test data")}});
  org.insert("Contact", {{"LastName", org.text("Test data")}});
  org.store->rollback();
  std::vector<Value> left = rows(org.run(QueryBuilder(org.schema, "Account").select({"Name"}).take()));
  REQUIRE(left.size() == 1);
  CHECK(str(get(left[0], "Name")) == "Committed");
  CHECK(rows(org.run(QueryBuilder(org.schema, "Contact").select({"LastName"}).take())).empty());
  // Ids given in the rolled-back transaction are not given again.
  CHECK(org.store->newIds(org.object("Account"), 1)[0] == recordId("001", 3));
}

}  // namespace store_test
