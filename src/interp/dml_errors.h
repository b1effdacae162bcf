// The one catalog of the errors a DML operation gives a record, and
// Messaging.sendEmail a message, as errors.h is for exceptions: each a
// System.StatusCode and a message in which `{}` stands for an argument.
// Texts are the platform's (Apex Developer Guide, "DML Exceptions and Error
// Handling"; SOAP API Developer Guide, "StatusCode"); a field is named by its
// label in the message and by its API name in the error's fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "interp/errors.h"
#include "sema/status_codes.h"

namespace apex::interp::dml {

template <size_t Args>
struct RowErrorKind {
  sema::StatusCode code;
  std::string_view format;
};

#define APEXRUN_ROW_ERROR(name, code, format)                                                    \
  inline constexpr RowErrorKind<apex::text::placeholderCount(format)> name {                     \
    sema::StatusCode::code, format                                                                \
  }

APEXRUN_ROW_ERROR(RequiredFieldsMissing, REQUIRED_FIELD_MISSING, "Required fields are missing: [{}]");
APEXRUN_ROW_ERROR(StringTooLong, STRING_TOO_LONG, "{}: data value too large: {} (max length={})");
APEXRUN_ROW_ERROR(InvalidEmail, INVALID_EMAIL_ADDRESS, "{}: invalid email address: {}");
APEXRUN_ROW_ERROR(BadRestrictedPicklist, INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST,
                  "{}: bad value for restricted picklist field: {}");
APEXRUN_ROW_ERROR(IdInInsert, INVALID_FIELD_FOR_INSERT_UPDATE, "cannot specify Id in an insert call");
APEXRUN_ROW_ERROR(IdMissingInUpdate, MISSING_ARGUMENT, "Id not specified in an update call");
APEXRUN_ROW_ERROR(IdMissingInDelete, MISSING_ARGUMENT, "Id not specified in a delete call");
APEXRUN_ROW_ERROR(IdMissingInMerge, MISSING_ARGUMENT, "Id not specified in a merge call");
APEXRUN_ROW_ERROR(MergeWithSelf, INVALID_ID_FIELD, "Cannot merge a record with itself");
APEXRUN_ROW_ERROR(EntityIsDeleted, ENTITY_IS_DELETED, "entity is deleted");
APEXRUN_ROW_ERROR(InvalidCrossReference, INVALID_CROSS_REFERENCE_KEY, "invalid cross reference id");
APEXRUN_ROW_ERROR(ReferenceOfWrongType, FIELD_INTEGRITY_EXCEPTION, "{}: id value of incorrect type: {}");
APEXRUN_ROW_ERROR(CustomValidation, FIELD_CUSTOM_VALIDATION_EXCEPTION, "{}");
// An exception a trigger did not catch: the trigger, the event
// (BeforeInsert), the exception (System.X: message) and its stack trace.
// A trigger that would run inside 16 others (the trigger's name).
APEXRUN_ROW_ERROR(TriggerDepthExceeded, CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, "{}: maximum trigger depth exceeded");
APEXRUN_ROW_ERROR(TriggerException, CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, "{}: execution of {}\n\ncaused by: {}\n\n{}");
// EventBus.publish (Platform Events Developer Guide, "Publish Event
// Messages with Apex"): the note of an event the bus accepted, which
// carries its UUID; a record that is not an event (the object); a test's
// 501st event (the limit).
APEXRUN_ROW_ERROR(OperationEnqueued, OPERATION_ENQUEUED, "{}");
APEXRUN_ROW_ERROR(NotAPlatformEvent, INVALID_TYPE, "{} is not a platform event");
APEXRUN_ROW_ERROR(TestEventLimitExceeded, LIMIT_EXCEEDED, "A test may publish at most {} platform events");
APEXRUN_ROW_ERROR(NotInRecycleBin, UNDELETE_FAILED, "Entity is not in the recycle bin");
// A Restrict lookup: the parent's Name, the children's object (plural, in
// lower case) and the children's Names.
APEXRUN_ROW_ERROR(DeleteRestricted, DELETE_FAILED,
                  "Your attempt to delete {} could not be completed because it is associated with the following {}.: {}");
APEXRUN_ROW_ERROR(DuplicateValue, DUPLICATE_VALUE, "duplicate value found: {} duplicates value on record with id: {}");
APEXRUN_ROW_ERROR(FieldNotWriteable, INVALID_FIELD_FOR_INSERT_UPDATE,
                  "Unable to create/update fields: {}. Please check the security settings of this field and "
                  "verify that it is read/write for your profile or permission set.");

// Messaging.sendEmail (Messaging.SendEmailError): a message without anyone to
// send it to, without a body or template, with a template but no target, or
// with a recipient that is neither an address nor a record Id.
APEXRUN_ROW_ERROR(MissingTargetAddress, REQUIRED_FIELD_MISSING, "Missing target address (target, to, cc, bcc)");
APEXRUN_ROW_ERROR(MissingEmailBody, REQUIRED_FIELD_MISSING, "Missing body, need at least one of html or plainText");
APEXRUN_ROW_ERROR(TemplateWithoutTarget, REQUIRED_FIELD_MISSING, "Missing targetObjectId with template");
APEXRUN_ROW_ERROR(InvalidRecipient, INVALID_EMAIL_ADDRESS, "Email address is invalid: {}");

#undef APEXRUN_ROW_ERROR

// One error of one record (Database.Error).
struct RowError {
  sema::StatusCode code;
  std::string message;
  std::vector<std::string> fields;  // API names; empty for an error on the record
};

template <size_t N, class... A>
RowError rowError(const RowErrorKind<N>& kind, std::vector<std::string> fields, const A&... args) {
  static_assert(sizeof...(A) == N, "the catalog entry takes another number of arguments");
  return {kind.code, apex::text::fillPlaceholders(kind.format, {errors::Arg(args).text()...}), std::move(fields)};
}

}  // namespace apex::interp::dml
