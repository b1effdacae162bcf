// System.StatusCode (Apex Reference: StatusCode Enum): the codes of the
// errors a DML operation reports, as far as apexrun's data layer gives
// them, and others that code commonly compares with. One list serves the
// built-in enum (program.cpp) and the engine's DML errors
// (interp/dml_errors.h), so that their ordinals agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace apex::sema {

#define APEXRUN_STATUS_CODES(X)                                                                   \
  X(ALL_OR_NONE_OPERATION_ROLLED_BACK) X(ALREADY_IN_PROCESS) X(CANNOT_DELETE_OWNER)               \
  X(CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY) X(CIRCULAR_DEPENDENCY) X(DELETE_FAILED)                 \
  X(DUPLICATES_DETECTED) X(DUPLICATE_EXTERNAL_ID) X(DUPLICATE_USERNAME) X(DUPLICATE_VALUE)        \
  X(ENTITY_IS_DELETED) X(ENTITY_IS_LOCKED) X(FIELD_CUSTOM_VALIDATION_EXCEPTION)                   \
  X(FIELD_FILTER_VALIDATION_EXCEPTION) X(FIELD_INTEGRITY_EXCEPTION) X(INACTIVE_OWNER_OR_USER)     \
  X(INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY) X(INSUFFICIENT_ACCESS_OR_READONLY)             \
  X(INVALID_CROSS_REFERENCE_KEY) X(INVALID_EMAIL_ADDRESS) X(INVALID_FIELD)                        \
  X(INVALID_FIELD_FOR_INSERT_UPDATE) X(INVALID_ID_FIELD) X(INVALID_OPERATION)                     \
  X(INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST) X(INVALID_STATUS) X(INVALID_TYPE) X(LIMIT_EXCEEDED)  \
  X(MALFORMED_ID) X(MISSING_ARGUMENT) X(MIXED_DML_OPERATION) X(NUMBER_OUTSIDE_VALID_RANGE)        \
  X(OPERATION_ENQUEUED) X(REQUIRED_FEATURE_MISSING) X(REQUIRED_FIELD_MISSING)                     \
  X(STORAGE_LIMIT_EXCEEDED) X(STRING_TOO_LONG) X(UNABLE_TO_LOCK_ROW) X(UNDELETE_FAILED)           \
  X(UNKNOWN_EXCEPTION)

enum class StatusCode : uint8_t {
#define APEXRUN_STATUS_CODE_NAME(name) name,
  APEXRUN_STATUS_CODES(APEXRUN_STATUS_CODE_NAME)
#undef APEXRUN_STATUS_CODE_NAME
};

inline constexpr std::string_view kStatusCodeNames[] = {
#define APEXRUN_STATUS_CODE_TEXT(name) #name,
    APEXRUN_STATUS_CODES(APEXRUN_STATUS_CODE_TEXT)
#undef APEXRUN_STATUS_CODE_TEXT
};

inline constexpr std::string_view statusCodeName(StatusCode code) { return kStatusCodeNames[size_t(code)]; }

}  // namespace apex::sema
