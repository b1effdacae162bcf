trigger LeadTrigger on Lead (before insert) {
    Map<String, Lead> byEmail = new Map<String, Lead>();
    for (Lead l : Trigger.new) {
        if (l.Email != null) byEmail.put(l.Email.toLowerCase(), l);
    }
    for (Contact c : [SELECT Email FROM Contact WHERE Email IN :byEmail.keySet()]) {
        Lead dup = byEmail.get(c.Email.toLowerCase());
        if (dup != null) dup.addError('A contact with this email already exists: ' + c.Email);
    }
}
