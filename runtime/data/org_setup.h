// The records every org has before any Apex runs: the running user, their
// profile, the organization, the project's record types and permission
// sets, and the standard price book. Apex reads them (UserInfo's user by query,
// Test.getStandardPricebookId, RecordTypeInfo.getRecordTypeId) and test data
// refers to them (OwnerId, ProfileId, RecordTypeId).
#pragma once

#include "interp/interp.h"
#include "runtime/data/record_store.h"

namespace apex::runtime {

// Adds the setup records `store` lacks, with the Ids of `user`; a file or
// PostgreSQL org keeps the ones an earlier run added. `store` is `vm`'s data
// store, in a transaction (which holds the store's setup lock to its end).
void addSetupRecords(interp::Interp& vm, RecordStore& store, const interp::UserContext& user);

}  // namespace apex::runtime
