trigger AlertEventTrigger on Alert_Event__e (after insert) {
    for (Alert_Event__e alert : Trigger.new) {
        System.debug('alert ' + alert.Message__c + ' replay ' + alert.ReplayId);
    }
}
