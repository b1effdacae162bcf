trigger CaseTrigger on Case (after insert, after update) {
    CaseHandler.handle();
}
