// The stored records of a custom setting or a custom metadata type, as
// their static methods read them (Apex Reference: "Custom Settings
// Methods", "Custom Metadata Type Methods"). Salesforce serves these from
// its application cache: reading them counts no SOQL query and writes no
// SOQL lines to the debug log.
#pragma once

#include <string_view>
#include <vector>

#include "interp/interp.h"
#include "sema/schema.h"

namespace apex::stdlib {

using interp::Interp;
using interp::Value;

// The sObject type a configuration method was called on: the class
// literal the resolver passes first (resolver_org_config.cpp).
const sema::SObjectType& configObject(const Value& typeArgument);

// Every stored record of `object` (not in the recycle bin), with every
// field, in the order the store keeps them.
std::vector<Value> configRecords(Interp& vm, const sema::SObjectType& object);

// The value of `field` on `record`; null when it has none.
Value fieldOf(const Value& record, std::string_view field);

// A Map<String, X> of `records` keyed by the text of their field `keyField`.
Value recordsByField(Interp& vm, const sema::SObjectType& object, const std::vector<Value>& records,
                     std::string_view keyField);

}  // namespace apex::stdlib
