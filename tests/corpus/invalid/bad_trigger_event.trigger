// expect parse error line 2
trigger BadEvent on Account (before merge) {
    System.debug('merge is not a trigger event');
}
