// The built-in exception classes (Apex Developer Guide: "Built-In
// Exceptions and Common Methods"): System.Exception and its direct
// subclasses. The runtime names the one it raises by this enum, so a
// mistyped name is a compile error rather than a silent System.Exception.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace apex::sema {

#define APEXRUN_SYSTEM_EXCEPTIONS(X)                                                                          \
  X(AssertException) X(AsyncException) X(BigObjectException) X(AuraException) X(AuraHandledException)         \
  X(DataWeaveScriptException) X(FatalCursorException) X(FlowException) X(CalloutException) X(DmlException)    \
  X(DuplicateMessageException) X(EmailException) X(ExternalObjectException) X(FinalException)                 \
  X(HandledException) X(IllegalArgumentException) X(InvalidHeaderException) X(InvalidParameterValueException) \
  X(JSONException) X(LicenseException) X(LimitException) X(ListException) X(MathException)                    \
  X(NoAccessException) X(NoDataFoundException) X(NoSuchElementException) X(NullPointerException)              \
  X(PlatformCacheException) X(QueryException) X(RequiredFeatureMissingException) X(SearchException)           \
  X(SecurityException) X(SerializationException) X(SObjectException) X(StringException) X(TypeException)      \
  X(UnexpectedException) X(VisualforceException) X(XmlException)

enum class SystemException : uint8_t {
#define APEXRUN_ENUM_ENTRY(name) name,
  APEXRUN_SYSTEM_EXCEPTIONS(APEXRUN_ENUM_ENTRY)
#undef APEXRUN_ENUM_ENTRY
};

inline constexpr std::string_view kSystemExceptionNames[] = {
#define APEXRUN_NAME_ENTRY(name) #name,
    APEXRUN_SYSTEM_EXCEPTIONS(APEXRUN_NAME_ENTRY)
#undef APEXRUN_NAME_ENTRY
};

inline constexpr size_t kSystemExceptionCount = std::size(kSystemExceptionNames);

}  // namespace apex::sema
