// Evaluating Salesforce formulas (sema/formula.h) against records: formula
// fields when a record is read, formula default values on insert and
// validation rules on insert and update (Formulas Quick Reference;
// Metadata API: CustomField, ValidationRule). Field references read the
// record's values; a parent's (Account.Name, Invoice__r.Total__c) and
// $User, $Profile, $Organization and $RecordType are loaded through the
// data store.
#pragma once

#include <string>
#include <string_view>

#include "interp/value.h"

namespace apex::sema {
struct SObjectField;
}
namespace apex::soql {
struct Query;
}

namespace apex::interp {

class Interp;
struct SObjectObj;

// What a formula reads: `record` with the values it has (on save, the
// values being saved), and on update the stored record before the change
// (`prior`, for PRIORVALUE and ISCHANGED; null on insert, so ISNEW() is
// true). `blanksAsZero`: a blank number field reads as 0.
struct FormulaScope {
  const SObjectObj* record = nullptr;
  const SObjectObj* prior = nullptr;
  bool blanksAsZero = false;
};

// The value of `formula`: null, a Boolean, a Decimal, a String, a Date or a
// Datetime. A formula that does not parse, names a field the record's
// object lacks or mixes types raises SObjectException naming `owner` (the
// validation rule Invoice__c.Positive, the formula field Invoice__c.Total__c).
Value evaluateFormula(Interp& vm, std::string_view formula, const FormulaScope& scope, const std::string& owner);

// A formula's value as `field` (its result type) holds it: a Checkbox's
// blank is false, a number is rounded to the field's scale, a Percent is
// the fraction times 100, blank text is null.
Value formulaResultAs(Interp& vm, const sema::SObjectField& field, const Value& result);

// The formula field `field` of `record`.
Value formulaFieldValue(Interp& vm, const sema::SObjectField& field, const SObjectObj& record);

// Sets every formula field `rows` (a List<SObject> a query returned, or one
// record) has to its value, in their parents and child lists too. A queried
// record's formula reads the stored record's fields, selected or not.
void computeFormulaFields(Interp& vm, const Value& rows);

// Formula fields are computed as records are read, not kept in the store:
// raises QueryException ("Filtering on the formula field Total__c is not
// supported by apexrun") when `query` filters, sorts or groups on one.
void refuseFormulaFilters(Interp& vm, const soql::Query& query);

}  // namespace apex::interp
