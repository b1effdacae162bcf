/*
 * Keeps the parent account's contact count in sync.
 */
trigger ContactTrigger on Contact (after insert, after update, after delete, after undelete) {
    Set<Id> accountIds = new Set<Id>();
    List<Contact> changed = Trigger.isDelete ? Trigger.old : Trigger.new;
    for (Contact c : changed) {
        if (c.AccountId != null) {
            accountIds.add(c.AccountId);
        }
        if (Trigger.isUpdate) {
            Contact old = (Contact) Trigger.oldMap.get(c.Id);
            if (old.AccountId != c.AccountId && old.AccountId != null) {
                accountIds.add(old.AccountId);
            }
        }
    }
    if (accountIds.isEmpty()) return;

    Map<Id, Integer> counts = new Map<Id, Integer>();
    for (AggregateResult ar : [SELECT AccountId accId, COUNT(Id) cnt
                               FROM Contact
                               WHERE AccountId IN :accountIds
                               GROUP BY AccountId]) {
        counts.put((Id) ar.get('accId'), (Integer) ar.get('cnt'));
    }
    List<Account> updates = new List<Account>();
    for (Id accId : accountIds) {
        Integer n = counts.containsKey(accId) ? counts.get(accId) : 0;
        updates.add(new Account(Id = accId, Contact_Count__c = n));
    }
    update updates;
}
