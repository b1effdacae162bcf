trigger ContactRules on Contact (before insert, after insert) {
    for (Contact c : Trigger.new) {
        if (Trigger.isBefore && c.LastName == 'Reject') c.addError('Contacts named Reject are refused');
        if (Trigger.isBefore && c.LastName == 'BadEmail') c.addError(Contact.Email, 'Not this email');
        if (Trigger.isBefore && c.LastName == 'Boom') {
            String missing;
            missing.length();
        }
        if (Trigger.isAfter && c.LastName == 'AfterWrite') c.FirstName = 'changed';
        if (Trigger.isAfter && c.LastName == 'AfterReject') c.addError('refused after insert');
    }
}
