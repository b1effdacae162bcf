trigger AccountTrigger on Account (before insert, after insert, before update, after update, before delete, after delete, after undelete) {
    if (Trigger.isBefore && Trigger.isInsert) {
        for (Account a : Trigger.new) {
            if (a.Description == null) a.Description = 'set in before insert';
        }
    }
    String ids = Trigger.isInsert && Trigger.isBefore ? String.valueOf(Trigger.new[0].Id) : 'has ids';
    System.debug(Trigger.operationType + ' size=' + Trigger.size + ' before=' + Trigger.isBefore + ' after=' + Trigger.isAfter
        + ' insert=' + Trigger.isInsert + ' update=' + Trigger.isUpdate + ' delete=' + Trigger.isDelete
        + ' undelete=' + Trigger.isUndelete + ' executing=' + Trigger.isExecuting + ' ' + ids
        + ' new=' + (Trigger.new == null ? 'null' : String.valueOf(Trigger.new.size()))
        + ' old=' + (Trigger.old == null ? 'null' : String.valueOf(Trigger.old.size()))
        + ' newMap=' + (Trigger.newMap == null ? 'null' : String.valueOf(Trigger.newMap.size()))
        + ' oldMap=' + (Trigger.oldMap == null ? 'null' : String.valueOf(Trigger.oldMap.size())));
    if (Trigger.isUpdate) {
        for (Account a : Trigger.new) {
            Account before = Trigger.oldMap.get(a.Id);
            System.debug('name ' + before.Name + ' -> ' + a.Name);
        }
    }
}
