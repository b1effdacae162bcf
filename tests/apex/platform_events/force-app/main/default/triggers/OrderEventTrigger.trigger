trigger OrderEventTrigger on Order_Event__e (after insert) {
    OrderEvents.handle(Trigger.new);
}
