trigger BatchErrorTrigger on BatchApexErrorEvent (after insert) {
    for (BatchApexErrorEvent error : Trigger.new) {
        System.debug(error.Phase + ' ' + error.ExceptionType + ' ' + error.Message + ' (' + error.JobScope.split(',').size() +
            ' ids) scope exceeds: ' + error.DoesExceedJobScopeMaxLength);
    }
}
