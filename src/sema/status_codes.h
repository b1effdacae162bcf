// System.StatusCode (Apex Reference: StatusCode Enum): the codes of the
// errors a DML operation reports, as far as apexrun's data layer gives
// them. One list serves the built-in enum (program.cpp) and the engine's DML
// errors (interp/dml_errors.h), so that their ordinals agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace apex::sema {

#define APEXRUN_STATUS_CODES(X)                                                                           \
  X(CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY) X(DELETE_FAILED) X(DUPLICATE_VALUE) X(ENTITY_IS_DELETED) X(FIELD_CUSTOM_VALIDATION_EXCEPTION)          \
  X(FIELD_INTEGRITY_EXCEPTION) X(INVALID_CROSS_REFERENCE_KEY) X(INVALID_EMAIL_ADDRESS) X(INVALID_FIELD)  \
  X(INVALID_FIELD_FOR_INSERT_UPDATE) X(INVALID_ID_FIELD) X(INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST)      \
  X(INVALID_TYPE) X(LIMIT_EXCEEDED) X(MISSING_ARGUMENT) X(NUMBER_OUTSIDE_VALID_RANGE) X(OPERATION_ENQUEUED) X(REQUIRED_FIELD_MISSING)             \
  X(STRING_TOO_LONG) X(UNDELETE_FAILED)

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
