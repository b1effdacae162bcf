// The one catalog of the exceptions the runtime raises, as LibJS keeps
// ErrorTypes.h: each entry names the exception class and the message, in
// which `{}` stands for an argument, in order.
//
//   vm.raise(errors::ListIndexOutOfBounds, index);  // System.ListException
//   errors::text(errors::UnknownHost, host)         // the message alone
//
// The number of arguments is checked at compile time, and the class is a
// sema::SystemException, found by index when raised: neither can be
// mistyped. Texts follow what Salesforce prints; those that are apexrun's
// own (features not built yet, situations whose platform wording is
// unknown) are listed in docs/differences.md. Governor limits have their
// messages in the limits table (interp/limits.h).
#pragma once

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

#include "base/text.h"
#include "sema/system_exceptions.h"

namespace apex::interp::errors {

// An entry: raising it needs `Args` arguments.
template <size_t Args>
struct Error {
  sema::SystemException type;
  std::string_view format;
};

#define APEXRUN_ERROR(name, type, format) \
  inline constexpr Error<apex::text::placeholderCount(format)> name { sema::SystemException::type, format }

// One argument of a message: text as it is, a number in decimal.
class Arg {
 public:
  Arg(std::string_view text) : text_(text) {}
  Arg(const std::string& text) : text_(text) {}
  Arg(const char* text) : text_(text) {}
  template <std::integral N>
    requires(!std::same_as<N, bool> && !std::same_as<N, char>)
  Arg(N number) : number_(std::to_string(number)), isNumber_(true) {}

  std::string_view text() const { return isNumber_ ? std::string_view(number_) : text_; }

 private:
  std::string_view text_;
  std::string number_;
  bool isNumber_ = false;
};

template <size_t N, class... A>
std::string text(const Error<N>& error, const A&... args) {
  static_assert(sizeof...(A) == N, "the catalog entry takes another number of arguments");
  return apex::text::fillPlaceholders(error.format, {Arg(args).text()...});
}

// ---- the evaluator and the object model (Apex Developer Guide: "Exceptions
// in Apex"; the UnexpectedException ones are apexrun's guards for states the
// resolver rules out).
APEXRUN_ERROR(NullPointer, NullPointerException, "Attempt to de-reference a null object");
APEXRUN_ERROR(NullArgument, NullPointerException, "Argument cannot be null.");
APEXRUN_ERROR(DivideByZero, MathException, "Divide by 0");
APEXRUN_ERROR(ArithmeticNeedsNumbers, TypeException, "Arithmetic expressions must use numeric arguments");
APEXRUN_ERROR(LoopNeedsCollection, TypeException, "Loop must iterate over collection");
APEXRUN_ERROR(InvalidConversion, TypeException, "Invalid conversion from runtime type {} to {}");
APEXRUN_ERROR(InvalidId, StringException, "Invalid id: {}");
APEXRUN_ERROR(NoEnumConstant, NoSuchElementException, "No enum constant {}.{}");
APEXRUN_ERROR(ListIndexOutOfBounds, ListException, "List index out of bounds: {}");
APEXRUN_ERROR(NegativeArraySize, ListException, "Illegal negative array size: {}");
APEXRUN_ERROR(ListNotComparable, ListException, "One or more of the items in this list is not Comparable");
APEXRUN_ERROR(ModifiedWhileIterating, FinalException, "Cannot modify a collection while it is being iterated.");
APEXRUN_ERROR(CollectionReadOnly, FinalException, "Collection is read-only");
APEXRUN_ERROR(RecordReadOnly, FinalException, "Record is read-only");
APEXRUN_ERROR(CollectionStore, TypeException, "Collection store exception adding {} to {}");
APEXRUN_ERROR(InvalidIterable, TypeException, "Invalid iterable: {}");
APEXRUN_ERROR(IteratorExhausted, NoSuchElementException, "Iterator has no more elements.");
APEXRUN_ERROR(TypeNotConstructible, TypeException, "Type cannot be constructed: {}");
APEXRUN_ERROR(NoBuiltinMethod, UnexpectedException, "No built-in method {}.{}");
APEXRUN_ERROR(MethodNotImplemented, UnexpectedException, "Method not implemented: {}");
APEXRUN_ERROR(AbstractMethodCalled, UnexpectedException, "Abstract method called: {}");
APEXRUN_ERROR(UnresolvedName, UnexpectedException, "Unresolved name: {}");
APEXRUN_ERROR(UnresolvedMember, UnexpectedException, "Unresolved member: {}");
APEXRUN_ERROR(NotAssignable, UnexpectedException, "Expression cannot be assigned");
// System.LimitException: the text is the limits table's (limitExceeded).
APEXRUN_ERROR(LimitExceeded, LimitException, "{}");
// System.Assert and the assert statement: the text is built by the assertion.
APEXRUN_ERROR(AssertionFailed, AssertException, "{}");

// ---- numbers, dates and text (Apex Reference: Integer, Long, Double,
// Decimal, Date, Datetime, String, Blob Classes).
APEXRUN_ERROR(InvalidInteger, TypeException, "Invalid integer: {}");
APEXRUN_ERROR(InvalidLong, TypeException, "Invalid long: {}");
APEXRUN_ERROR(InvalidDouble, TypeException, "Invalid double: {}");
APEXRUN_ERROR(InvalidDecimal, TypeException, "Invalid decimal: {}");
APEXRUN_ERROR(DecimalNotFinite, MathException, "Invalid decimal: {}");
APEXRUN_ERROR(RoundingNecessary, MathException, "Rounding necessary");
APEXRUN_ERROR(InvalidDecimalOperation, MathException, "Invalid operation");
APEXRUN_ERROR(DecimalUnderflow, MathException, "Underflow");
APEXRUN_ERROR(DecimalOverflow, MathException, "Overflow");
APEXRUN_ERROR(InvalidDateValue, TypeException, "Invalid date");
APEXRUN_ERROR(InvalidDate, TypeException, "Invalid date: {}");
APEXRUN_ERROR(InvalidDatetimeValue, TypeException, "Invalid date/time");
APEXRUN_ERROR(InvalidDatetime, TypeException, "Invalid date/time: {}");
APEXRUN_ERROR(DateFormatUnterminatedQuote, StringException, "Unterminated quote");
APEXRUN_ERROR(DateFormatIllegalCharacter, StringException, "Illegal pattern character '{}'");
APEXRUN_ERROR(InvalidIso8601, StringException, "invalid ISO 8601 format: length={}");
APEXRUN_ERROR(StartOutOfBounds, StringException, "Starting position out of bounds: {}");
APEXRUN_ERROR(EndOutOfBounds, StringException, "Ending position out of bounds: {}");
APEXRUN_ERROR(StringIndexOutOfRange, StringException, "String index out of range: {}");
APEXRUN_ERROR(AbbreviationTooNarrow, StringException, "Minimum abbreviation width is 4");
APEXRUN_ERROR(AbbreviationWithOffsetTooNarrow, StringException, "Minimum abbreviation width with offset is 7");
APEXRUN_ERROR(NegativeThreshold, IllegalArgumentException, "Threshold must not be negative");
APEXRUN_ERROR(FormatUnmatchedBraces, StringException, "Unmatched braces in the pattern.");
APEXRUN_ERROR(FormatBadArgumentNumber, StringException, "can't parse argument number: {}");
APEXRUN_ERROR(BlobNotUtf8, StringException, "BLOB is not a valid UTF-8 string");
APEXRUN_ERROR(InvalidUnicodeEscape, IllegalArgumentException, "Unable to parse unicode value: {}");

// ---- JSON (Apex Reference: JSON, JSONParser Classes; the reader's texts are
// Jackson's, json_text.cpp).
APEXRUN_ERROR(JsonUnreadable, JSONException, "{}");
APEXRUN_ERROR(JsonTokenNotBoolean, JSONException, "Current token ({}) not of boolean type");
APEXRUN_ERROR(JsonAbstractType, TypeException, "Cannot deserialize JSON as abstract type: {}");

// ---- callouts (Apex Reference: Http, HttpRequest Classes). Salesforce's own
// texts: remote site, named credential, read timeout; the malformed-URL ones
// are java.net.URL's; the rest are listed in docs/differences.md.
// A callout that failed in the host: the text is one of those below.
APEXRUN_ERROR(CalloutFailed, CalloutException, "{}");
// After DML or Messaging.sendEmail in the same transaction.
APEXRUN_ERROR(UncommittedWorkPending, CalloutException,
              "You have uncommitted work pending. Please commit or rollback before calling out");
APEXRUN_ERROR(EndpointNotSet, CalloutException,
              "Endpoint is not set: call setEndpoint() on the HttpRequest before sending it");
APEXRUN_ERROR(MethodNotSet, CalloutException, "Method is not set: call setMethod() on the HttpRequest before sending it");
APEXRUN_ERROR(ReadTimedOut, CalloutException, "Read timed out");
APEXRUN_ERROR(ConnectTimedOut, CalloutException, "connect timed out");
APEXRUN_ERROR(NoCalloutService, CalloutException, "Callouts are not available in this context");
APEXRUN_ERROR(InvalidHttpMethod, CalloutException, "Invalid HTTP method: {}");
APEXRUN_ERROR(TimeoutOutOfRange, CalloutException, "Timeout value {} is outside of the valid range 1 to 120000 ms");
APEXRUN_ERROR(UnauthorizedEndpoint, CalloutException,
              "Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = {}");
APEXRUN_ERROR(NamedCredentialNotFound, CalloutException,
              "The callout couldn't access the endpoint. You might not have the required permissions, or the named "
              "credential \"{}\" might not exist.");
APEXRUN_ERROR(UnknownHost, CalloutException, "Unknown host: {}");
APEXRUN_ERROR(ConnectionRefused, CalloutException, "Connection refused: {}");
APEXRUN_ERROR(ConnectionClosed, CalloutException, "Unexpected end of file from server {}");
APEXRUN_ERROR(CertificateUntrusted, CalloutException,
              "sun.security.validator.ValidatorException: PKIX path building failed: unable to find valid "
              "certification path to requested target ({})");
APEXRUN_ERROR(CertificateNameMismatch, CalloutException,
              "No subject alternative names matching {} found in the server certificate");
APEXRUN_ERROR(TlsHandshakeFailed, CalloutException, "TLS handshake failed: {}");
APEXRUN_ERROR(CaCertificatesUnreadable, CalloutException, "Cannot load the CA certificates in {}");
APEXRUN_ERROR(ClientCertificateNotFound, CalloutException,
              "Client certificate \"{}\" not found: put {}.crt and {}.key (PEM) in a certs/ folder of the project");
APEXRUN_ERROR(BodyTooLarge, CalloutException, "Exceeded max size limit of 6000000 with {} size {}");
APEXRUN_ERROR(HeadersTooLarge, CalloutException, "Exceeded max size limit of 100000 with request headers size {}");
// A body sent with `Content-Encoding: gzip` or `deflate`.
APEXRUN_ERROR(BadCompressedResponse, CalloutException, "The response body is not valid {} data");
// Responses that break HTTP/1.1 (RFC 9112), each with the server (host:port).
APEXRUN_ERROR(MalformedStatusLine, CalloutException,
              "Invalid HTTP response from server {}: the status line is not HTTP/1.x and a three-digit status code");
APEXRUN_ERROR(MalformedHeaderLine, CalloutException,
              "Invalid HTTP response from server {}: a header line is not a name, a colon and a value");
APEXRUN_ERROR(BadContentLength, CalloutException,
              "Invalid HTTP response from server {}: Content-Length {} is not a number of bytes");
APEXRUN_ERROR(ConflictingContentLength, CalloutException,
              "Invalid HTTP response from server {}: two different Content-Length values, {} and {}");
APEXRUN_ERROR(BadChunkSize, CalloutException,
              "Invalid HTTP response from server {}: chunk size {} is not a hexadecimal number");
APEXRUN_ERROR(UnterminatedChunk, CalloutException,
              "Invalid HTTP response from server {}: a chunk's data is not followed by CRLF");
APEXRUN_ERROR(ResponseHeadTooLarge, CalloutException,
              "Invalid HTTP response from server {}: the status line and headers are over 393216 bytes");

// ---- email (Apex Reference: Messaging Class): the first message that fails,
// as a DmlException names its record's (dml_errors.h has the messages).
APEXRUN_ERROR(SendEmailFailed, EmailException, "SendEmail failed. First exception on row {}; first error: {}, {}: [{}]");

// ---- tests (Apex Reference: Test Class, HttpCalloutMock Interface,
// StaticResourceCalloutMock Class). The first is Salesforce's text; the
// others are listed in docs/differences.md.
APEXRUN_ERROR(CalloutWithoutMock, CalloutException, "Methods defined as TestMethod do not support Web service callouts");
APEXRUN_ERROR(OnlyDuringTesting, FinalException, "Method only allowed during testing");
// Apex Reference: System Class — runAs(userSObject).
APEXRUN_ERROR(RunAsNeedsUser, TypeException, "runAs requires a User, not {}");
// Apex Reference: Test Class — loadData(sObjectToken, resourceName).
APEXRUN_ERROR(LoadDataNoResource, InvalidParameterValueException, "Static resource not found: {}");
APEXRUN_ERROR(LoadDataBadCsv, InvalidParameterValueException, "CSV Parse error: {} on line {}");
APEXRUN_ERROR(LoadDataBadValue, InvalidParameterValueException,
              "CSV Parse error: '{}' is not a valid value for the type {}");
APEXRUN_ERROR(LoadDataBadId, InvalidParameterValueException, "Invalid ID value on line {}: {}");
APEXRUN_ERROR(LoadDataRowWidth, InvalidParameterValueException,
              "CSV Parse error: line {} has {} values for {} columns");
APEXRUN_ERROR(TestingAlreadyStarted, FinalException, "Testing already started");
APEXRUN_ERROR(TestingAlreadyStopped, FinalException, "Testing already stopped");
APEXRUN_ERROR(TestingNotStarted, FinalException, "Testing has not started");
APEXRUN_ERROR(UnsupportedMockType, TypeException,
              "Test.setMock does not support {}: pass HttpCalloutMock.class or WebServiceMock.class");
APEXRUN_ERROR(MockDoesNotImplement, TypeException, "Mock object of type {} does not implement {}");
APEXRUN_ERROR(StaticResourceNotFound, CalloutException, "Static Resource not found: {}");
APEXRUN_ERROR(NoStaticResourceForEndpoint, CalloutException, "No static resource is set for endpoint: {}");
APEXRUN_ERROR(StaticResourceNotSet, CalloutException,
              "No static resource is set: call setStaticResource() on the StaticResourceCalloutMock");

// ---- Records (Apex Developer Guide: "Working with sObjects"; SObject Class).
APEXRUN_ERROR(FieldNotQueried, SObjectException,
              "SObject row was retrieved via SOQL without querying the requested field: {}.{}");
APEXRUN_ERROR(InvalidFieldForObject, SObjectException, "Invalid field {} for {}");
APEXRUN_ERROR(InvalidUpsertField, SObjectException,
              "Invalid field for upsert, must be an External Id custom or standard indexed field: {}");
APEXRUN_ERROR(IllegalFieldAssignment, SObjectException, "Illegal assignment from {} to {}");
APEXRUN_ERROR(FieldNotEditable, SObjectException, "Field {} is not editable");
APEXRUN_ERROR(InvalidRelationship, SObjectException, "Invalid relationship {} for {}");
APEXRUN_ERROR(InvalidAggregateAlias, SObjectException, "Invalid field {} for AggregateResult");
// Apex Reference: Schema Class — describeSObjects(sObjectTypes).
APEXRUN_ERROR(UnknownSObjectType, InvalidParameterValueException, "Invalid sObject type: {}");
APEXRUN_ERROR(RowWithNullId, ListException, "Row with null Id at index: {}");
APEXRUN_ERROR(DuplicateIdInList, ListException, "Duplicate id in list: {}");
// merge: the objects that merge (Apex Developer Guide, "Merging Records")
// and how many records one merge takes: the master and up to two more.
APEXRUN_ERROR(DmlOnCustomMetadata, TypeException, "DML operation {} not allowed on {}");
APEXRUN_ERROR(MergeNotAllowed, DmlException, "DML operation Merge not allowed on {}");
APEXRUN_ERROR(TooManyToMerge, DmlException, "A single merge request must contain at most 3 records to merge");

// ---- Queries (Apex Developer Guide: "Working with SOQL and SOSL Query Results").
APEXRUN_ERROR(NoRowsForAssignment, QueryException, "List has no rows for assignment to SObject");
APEXRUN_ERROR(TooManyRowsForAssignment, QueryException, "List has more than 1 row for assignment to SObject");
APEXRUN_ERROR(DynamicQueryError, QueryException, "{}");
APEXRUN_ERROR(CountQueryInQuery, QueryException, "Use countQuery() for a query that selects COUNT()");
APEXRUN_ERROR(CountQueryNeedsCount, QueryException, "countQuery() needs a query that selects COUNT()");
// A SOSL search term with nothing to look for (syntax::parseSearchTerm's message).
APEXRUN_ERROR(SearchTermInvalid, SearchException, "{}");

// Label.get and Label.get(namespace, label, language) of a label the org
// does not have (apexrun's wording).
APEXRUN_ERROR(LabelNotFound, TypeException, "Invalid or non-existent label: {}");

// ---- apexrun's own: queries and DML arrive with the data layer.
APEXRUN_ERROR(DmlNotAvailable, DmlException, "DML statements are not supported by apexrun yet");
APEXRUN_ERROR(QueryNotAvailable, QueryException, "SOQL and SOSL queries are not supported by apexrun yet");
// A query the record store cannot run (GROUP BY ROLLUP, DISTANCE): names what.
APEXRUN_ERROR(QueryNotSupported, QueryException, "{} is not supported by apexrun");
// A formula the project's metadata gives (a formula field, a formula default
// value, a validation rule) that apexrun cannot evaluate: which one, and the
// formula editor's message (sema/diagnostics.h).
APEXRUN_ERROR(FormulaInvalid, SObjectException, "Invalid formula in {}: {}");
// Database.query and queryWithBinds: a bind with no value (the variable's name).
APEXRUN_ERROR(QueryBindMissing, QueryException, "Variable does not exist: {}");

// ---- EncodingUtil, Crypto, Pattern/Matcher, Url. The Crypto encrypt/decrypt
// texts are the Crypto Class page's; padding and block-size ones are
// javax.crypto's; the regex and URL ones java.util.regex's and java.net.URL's;
// the rest are apexrun's, listed in docs/differences.md.
APEXRUN_ERROR(HexOddLength, InvalidParameterValueException, "Invalid hex string, odd number of characters: {}");
APEXRUN_ERROR(HexBadDigit, InvalidParameterValueException,
              "Invalid hex string, only 0-9, a-f and A-F are allowed: {}");
APEXRUN_ERROR(UnsupportedEncoding, InvalidParameterValueException, "Unsupported encoding: {}");
APEXRUN_ERROR(UrlDecodeIncompleteEscape, StringException, "URLDecoder: Incomplete trailing escape (%) pattern");
APEXRUN_ERROR(UrlDecodeBadEscape, StringException,
              "URLDecoder: Illegal hex characters in escape (%) pattern - For input string: \"{}\"");
APEXRUN_ERROR(InvalidAesAlgorithm, InvalidParameterValueException,
              "Invalid algorithm {}. Must be AES128, AES192, or AES256.");
APEXRUN_ERROR(InvalidAesKey, InvalidParameterValueException, "Invalid private key. Must be {} bytes.");
APEXRUN_ERROR(InvalidIv, InvalidParameterValueException, "Invalid initialization vector. Must be 16 bytes.");
APEXRUN_ERROR(NoManagedIv, InvalidParameterValueException, "Unable to parse initialization vector from encrypted data.");
APEXRUN_ERROR(CryptoDataTooLarge, InvalidParameterValueException,
              "Invalid data. Input data is {} bytes, which exceeds the limit of 1048576 bytes.");
APEXRUN_ERROR(BadPadding, SecurityException,
              "Given final block not properly padded. Such issues can arise if a bad key is used during decryption.");
APEXRUN_ERROR(CipherLength, SecurityException, "Input length must be multiple of 16 when decrypting with padded cipher");
APEXRUN_ERROR(InvalidCryptoKey, SecurityException, "Invalid Crypto Key");
APEXRUN_ERROR(InvalidCryptoAlgorithm, InvalidParameterValueException, "Invalid algorithm name: {}. Must be one of {}.");
APEXRUN_ERROR(InvalidAesKeySize, InvalidParameterValueException, "Invalid key size: {}. Must be 128, 192, or 256.");
APEXRUN_ERROR(InvalidRegex, StringException, "Invalid regex: {} near '{}'");
// A valid pattern whose matching gives up (PCRE2's backtracking limit).
APEXRUN_ERROR(RegexTooComplicated, LimitException, "Regex too complicated");
// A replacement string java.util.regex.Matcher refuses; the text is its.
APEXRUN_ERROR(InvalidReplacement, StringException, "{}");
APEXRUN_ERROR(NoMatchFound, StringException, "No match found");
APEXRUN_ERROR(NoGroup, StringException, "No group {}");
APEXRUN_ERROR(IllegalStartIndex, StringException, "Illegal start index");
APEXRUN_ERROR(RegionStartOutOfRange, StringException, "start");
APEXRUN_ERROR(RegionEndOutOfRange, StringException, "end");
APEXRUN_ERROR(RegionStartAfterEnd, StringException, "start > end");
// A URL java.net.URL refuses; the text is its (base/url.cpp).
APEXRUN_ERROR(MalformedUrl, StringException, "{}");
// Test.createStub refuses what Apex Developer Guide, "Apex Stub API
// Limitations" says cannot be stubbed; the texts are apexrun's.
APEXRUN_ERROR(StubOfSystemType, TypeException, "Test.createStub cannot stub {}: system types and sObjects cannot be stubbed");
APEXRUN_ERROR(StubOfInnerClass, TypeException, "Test.createStub cannot stub {}: inner classes cannot be stubbed");
APEXRUN_ERROR(StubOfEnum, TypeException, "Test.createStub cannot stub {}: enums cannot be stubbed");
APEXRUN_ERROR(StubOfPrivateConstructors, TypeException,
              "Test.createStub cannot stub {}: a class whose constructors are all private cannot be stubbed");
// WebServiceCallout.invoke outside a test: apexrun has no SOAP client.
APEXRUN_ERROR(NoSoapCallouts, CalloutException,
              "apexrun does not make SOAP callouts: WebServiceCallout.invoke runs only in tests, answered by the "
              "WebServiceMock of Test.setMock");

// Asynchronous Apex (Apex Developer Guide: "Future Methods", "Queueable
// Apex", "Transaction Finalizers Error Messages", "Using Batch Apex",
// "Apex Scheduler").
APEXRUN_ERROR(FutureFromFutureOrBatch, AsyncException, "Future method cannot be called from a future or batch method: {}");
APEXRUN_ERROR(QueueableStackDepth, AsyncException, "Maximum stack depth has been reached.");
APEXRUN_ERROR(AsyncArgumentNull, NullPointerException, "Argument cannot be null");
APEXRUN_ERROR(FinalizerNotAllowed, AsyncException, "System.attachFinalizer(Finalizer) is not allowed in this context");
APEXRUN_ERROR(FinalizerAlreadyAttached, AsyncException, "More than one Finalizer cannot be attached to same Async Apex Job");
APEXRUN_ERROR(BatchFromBatchOrFuture, AsyncException,
              "Database.executeBatch cannot be called from a batch start, batch execute, or future method.");
APEXRUN_ERROR(BatchOneExecuteInTest, UnexpectedException,
              "No more than one executeBatch can be called from within a test method. Please make sure the iterable "
              "returned from your start method matches the batch size, resulting in one executeBatch invocation.");
APEXRUN_ERROR(BatchScopeInvalid, AsyncException, "The batch scope must be greater than 0: {}");
APEXRUN_ERROR(ScheduleNameTaken, AsyncException, "The Apex job named \"{}\" is already scheduled for execution.");
APEXRUN_ERROR(CronExpressionInvalid, StringException, "{}");
APEXRUN_ERROR(ScheduleBatchMinutes, AsyncException, "The minutes from now must be greater than 0: {}");
APEXRUN_ERROR(AbortJobInvalidId, StringException, "Invalid id: {}");
// Apex Reference: Location Class.
APEXRUN_ERROR(LocationBadUnit, InvalidParameterValueException, "Invalid unit: {}. Use 'mi' or 'km'.");
// Apex Reference: Cursor Class.
APEXRUN_ERROR(CursorBadRange, InvalidParameterValueException, "Invalid position {} or count {}");

// ---- callouts: what the security review asked to refuse. A header with a
// line break would end the header early and inject others (as
// java.net.HttpURLConnection refuses it; the value is never quoted: it may
// hold a merged secret).
APEXRUN_ERROR(IllegalHeaderName, CalloutException, "Illegal character(s) in message header field: a CR, LF or NUL");
APEXRUN_ERROR(IllegalHeaderValue, CalloutException,
              "Illegal character(s) in message header value of {}: a CR, LF or NUL");

#undef APEXRUN_ERROR

}  // namespace apex::interp::errors
