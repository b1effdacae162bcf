trigger OpportunityTrigger on Opportunity (before insert, before update, after update) {
    if (Trigger.isBefore) {
        for (Opportunity opp : Trigger.new) {
            if (opp.Amount != null && opp.Probability != null) {
                opp.Expected_Revenue__c = opp.Amount * opp.Probability / 100;
            }
            if (Trigger.isInsert && opp.StageName == null) {
                opp.StageName = 'Prospecting';
            }
        }
    } else if (Trigger.isAfter && Trigger.isUpdate) {
        List<Task> followUps = new List<Task>();
        for (Opportunity opp : Trigger.new) {
            Opportunity before = Trigger.oldMap.get(opp.Id);
            Boolean justWon = opp.IsWon && !before.IsWon;
            if (justWon) {
                followUps.add(new Task(WhatId = opp.Id, Subject = 'Send thank-you note', OwnerId = opp.OwnerId));
            }
        }
        if (followUps.size() > 0) {
            insert followUps;
        }
    }
}
