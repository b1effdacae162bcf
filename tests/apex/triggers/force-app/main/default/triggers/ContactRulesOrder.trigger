trigger ContactRulesOrder on Contact (before insert) {
    for (Contact c : Trigger.new) {
        if (c.LastName == 'Order') System.debug('ContactRulesOrder runs');
    }
}
