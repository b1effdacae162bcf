trigger OldDisabled on Contact (before insert) {
    System.debug('an inactive trigger never runs');
}
