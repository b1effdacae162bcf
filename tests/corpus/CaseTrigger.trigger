trigger CaseTrigger on Case (before insert, before update, after insert, after update, before delete, after delete, after undelete) {
    switch on Trigger.operationType {
        when BEFORE_INSERT, BEFORE_UPDATE {
            for (Case c : Trigger.new) {
                if (c.Priority == null) {
                    c.Priority = 'Medium';
                }
                c.Subject = c.Subject == null ? '(no subject)' : c.Subject.abbreviate(80);
            }
        }
        when AFTER_INSERT {
            CaseEscalation.escalateUrgent(Trigger.newMap.keySet());
        }
        when AFTER_UPDATE {
            List<Case> reopened = new List<Case>();
            for (Case c : (List<Case>) Trigger.new) {
                Case old = (Case) Trigger.oldMap.get(c.Id);
                if (old.IsClosed && !c.IsClosed) {
                    reopened.add(c);
                }
            }
            System.debug(LoggingLevel.INFO, reopened.size() + ' cases reopened');
        }
        when BEFORE_DELETE {
            for (Case c : Trigger.old) {
                if (c.IsEscalated) {
                    c.addError('Escalated cases cannot be deleted');
                }
            }
        }
        when else {
            // AFTER_DELETE and AFTER_UNDELETE need no work
        }
    }
}
