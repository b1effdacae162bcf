trigger InvoiceLineTrigger on billing__Invoice_Line__c (before insert, before update, after insert, after update, after delete) {
    if (Trigger.isBefore) {
        for (billing__Invoice_Line__c line : Trigger.new) {
            Decimal qty = line.billing__Quantity__c ?? 0;
            Decimal price = line.billing__Unit_Price__c ?? 0;
            Decimal discount = line.billing__Discount_Pct__c == null ? 0 : line.billing__Discount_Pct__c / 100;
            line.billing__Line_Total__c = (qty * price * (1 - discount)).setScale(2);
        }
        return;
    }

    Set<Id> invoiceIds = new Set<Id>();
    for (billing__Invoice_Line__c line : Trigger.isDelete ? Trigger.old : Trigger.new) {
        invoiceIds.add(line.billing__Invoice__c);
    }
    List<billing__Invoice__c> invoices = new List<billing__Invoice__c>();
    for (AggregateResult ar : [SELECT billing__Invoice__c inv, SUM(billing__Line_Total__c) total
                               FROM billing__Invoice_Line__c
                               WHERE billing__Invoice__c IN :invoiceIds
                               GROUP BY billing__Invoice__c]) {
        invoices.add(new billing__Invoice__c(Id = (Id) ar.get('inv'), billing__Total__c = (Decimal) ar.get('total')));
    }
    update invoices;
}
