trigger OrderLineDefaults on Order_Line__c (before insert, before update) {
    for (Order_Line__c line : Trigger.new) {
        if (line.Quantity__c == null) line.Quantity__c = 1;
        if (line.Name == 'Bulk') line.Quantity__c = line.Quantity__c * 100;
    }
}
