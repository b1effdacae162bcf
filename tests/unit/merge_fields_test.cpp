// Unit tests for the merge-field engine (runtime/credentials/merge_fields.h): the
// documented examples of "Named Credential Formula Functions" and of "Merge
// Fields for Apex Callouts That Use Named Credentials", and each error.
#include "runtime/credentials/merge_fields.h"

#include <catch2/catch.hpp>

#include <map>

using namespace apex::runtime;

namespace {

// Fields of a legacy password credential and an external credential.
std::optional<std::string> readField(const std::vector<std::string>& path, std::string* error) {
  static const std::map<std::string, std::string> fields = {
      {"Credential.Username", "ana@example.com"},
      {"Credential.Password", "p<a>ss&'\""},
      {"Credential.Stripe_Key.ApiKey", "sk_test_123"},
      {"Credential.myExternalCredential.Username", "ana"},
      {"Credential.myExternalCredential.Password", "secret"},
  };
  std::string key;
  for (size_t i = 0; i < path.size(); ++i) key += (i ? "." : "") + path[i];
  auto it = fields.find(key);
  if (it != fields.end()) return it->second;
  if (key == "Credential.OAuthToken") *error = "$Credential.OAuthToken needs an OAuth credential";
  return std::nullopt;
}

std::string expand(const char* text, MergePlace place = MergePlace::Header) {
  auto result = expandMergeFields(text, place, readField);
  REQUIRE(std::holds_alternative<std::string>(result));
  return std::get<std::string>(result);
}

std::string expandError(const char* text, MergePlace place = MergePlace::Header) {
  auto result = expandMergeFields(text, place, readField);
  REQUIRE(std::holds_alternative<MergeError>(result));
  return std::get<MergeError>(result).message;
}

std::string formula(const char* text) {
  auto result = evaluateHeaderFormula(text, readField);
  REQUIRE(std::holds_alternative<std::string>(result));
  return std::get<std::string>(result);
}

std::string formulaError(const char* text) {
  auto result = evaluateHeaderFormula(text, readField);
  REQUIRE(std::holds_alternative<MergeError>(result));
  return std::get<MergeError>(result).message;
}

}  // namespace

TEST_CASE("merge fields expand in place", "[merge]") {
  CHECK(expand("{!$Credential.Username}") == "ana@example.com");
  CHECK(expand("User {!$Credential.Username} / key {!$Credential.Stripe_Key.ApiKey}.") ==
        "User ana@example.com / key sk_test_123.");
  CHECK(expand("no fields here") == "no fields here");
  CHECK(expand("{ not a field }") == "{ not a field }");
  CHECK(expand("{! $Credential.Username }") == "ana@example.com");
  CHECK(hasMergeFields("a {!b}"));
  CHECK_FALSE(hasMergeFields("a {b}"));
}

TEST_CASE("HTMLENCODE is for bodies only", "[merge]") {
  CHECK(expand("Username:{!HTMLENCODE($Credential.Password)}", MergePlace::Body) ==
        "Username:p&lt;a&gt;ss&amp;&#39;&quot;");
  CHECK(expandError("{!HTMLENCODE($Credential.Username)}") ==
        "in {!HTMLENCODE($Credential.Username)}: HTMLENCODE is allowed only in a request body");
  CHECK_THAT(expandError("{!BASE64ENCODE(BLOB('x'))}", MergePlace::Body),
             Catch::EndsWith("BASE64ENCODE is not allowed in a request body; only HTMLENCODE is"));
}

TEST_CASE("the documented formula examples", "[merge]") {
  // BASE64ENCODE(BLOB(username & ':' & password)): Basic authentication.
  CHECK(formula("BASE64ENCODE(BLOB($Credential.myExternalCredential.Username & ':' & "
                "$Credential.myExternalCredential.Password))") == "YW5hOnNlY3JldA==");
  // HEX(HASH('SHA-256', BLOB(username))), as Apex sets it in a header.
  CHECK(expand("{!HEX(HASH('SHA-256', BLOB($Credential.myExternalCredential.Username)))}") ==
        "24d4b96f58da6d4a8512313bbd02a28ebf0ca95dec6e4c86ef78ce7f01e788ac");  // sha256("ana")
  // The community shape of a Custom external credential's AuthHeader.
  CHECK(formula("{!'Bearer ' & $Credential.Stripe_Key.ApiKey}") == "Bearer sk_test_123");
  CHECK(formula("'acme'") == "acme");
  CHECK(formula("\"double\" & 'single\\'s'") == "doublesingle's");
}

TEST_CASE("hashes and MACs are SHA-256", "[merge]") {
  // FIPS 180-2 test vector: SHA-256("abc").
  CHECK(formula("HEX(HASH('SHA-256', BLOB('abc')))") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe".
  CHECK(formula("HEX(HMAC('SHA-256', BLOB('what do ya want for nothing?'), BLOB('Jefe')))") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(formula("BASE64ENCODE(BASE64DECODE('aGVsbG8='))") == "aGVsbG8=");
  CHECK(formula("TEXT(BASE64DECODE('aGVsbG8='))") == "hello");
  CHECK(formulaError("HASH('MD5', BLOB('x'))") == "HASH: the only supported algorithm is SHA-256; the first argument is another");
  // An evaluated argument may come from a secret: the message never quotes it.
  std::string fromSecret = formulaError("HMAC(BASE64ENCODE($Credential.myExternalCredential.Password), BLOB('x'), 'k')");
  CHECK(fromSecret == "HMAC: the only supported algorithm is SHA-256; the first argument is another");
  CHECK(fromSecret.find("c2VjcmV0") == std::string::npos);  // base64 of the password
}

TEST_CASE("formula errors say what is wrong", "[merge]") {
  CHECK(formulaError("SIGN('RSA-SHA256', BLOB('x'), 'k')") == "unknown or unsupported function SIGN");
  CHECK(formulaError("BLOB('a', 'b')") == "BLOB takes 1 argument, not 2");
  CHECK(formulaError("'open") == "a string literal is not closed");
  CHECK(formulaError("'a' &") == "a value is missing at the end of the formula");
  CHECK(formulaError("'a' 'b'") == "unexpected text after the formula at position 5");
  CHECK(formulaError("$Credential.Nope") == "unknown merge field $Credential.Nope");
  CHECK(formulaError("$Credential.OAuthToken") == "$Credential.OAuthToken needs an OAuth credential");
  CHECK(formulaError("BASE64DECODE('***')") == "BASE64DECODE: the argument is not valid base64");
  CHECK(expandError("{!$Credential.Username") == "in {!$Credential.Username: the merge field is not closed with '}'");
  CHECK(formulaError("(BLOB('x')") == "expected ')' at position 11");
}
