// Apex Reference: Limits Class. Values for one synchronous transaction
// (Apex Developer Guide: Execution Governors and Limits). apexrun has no
// database yet, so the query and DML counters read 0.
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Limits Class — getCpuTime(), getLimitCpuTime()
Value getCpuTime(Interp& vm, Value*, int) { return integer(int32_t(vm.limits().cpuMillisUsed())); }
Value getLimitCpuTime(Interp&, Value*, int) { return integer(int32_t(interp::Limits::kCpuMillis)); }
// Apex Reference: Limits Class — getHeapSize(), getLimitHeapSize()
Value getHeapSize(Interp& vm, Value*, int) { return integer(int32_t(vm.heap().bytesInUse())); }
Value getLimitHeapSize(Interp&, Value*, int) { return integer(int32_t(interp::Limits::kHeapBytes)); }
// Apex Reference: Limits Class — getCallouts(), getLimitCallouts()
Value getCallouts(Interp& vm, Value*, int) { return integer(vm.limits().callouts); }
Value getLimitCallouts(Interp&, Value*, int) { return integer(interp::Limits::kCallouts); }

template <int N>
Value constant(Interp&, Value*, int) { return integer(N); }

const sema::NativeDef kNatives[] = {
    {"Limits", "static Integer getCpuTime()", &getCpuTime},
    {"Limits", "static Integer getLimitCpuTime()", &getLimitCpuTime},
    {"Limits", "static Integer getHeapSize()", &getHeapSize},
    {"Limits", "static Integer getLimitHeapSize()", &getLimitHeapSize},
    {"Limits", "static Integer getCallouts()", &getCallouts},
    {"Limits", "static Integer getLimitCallouts()", &getLimitCallouts},
    {"Limits", "static Integer getQueries()", &constant<0>},
    {"Limits", "static Integer getLimitQueries()", &constant<100>},
    {"Limits", "static Integer getQueryRows()", &constant<0>},
    {"Limits", "static Integer getLimitQueryRows()", &constant<50000>},
    {"Limits", "static Integer getDmlStatements()", &constant<0>},
    {"Limits", "static Integer getLimitDmlStatements()", &constant<150>},
    {"Limits", "static Integer getDmlRows()", &constant<0>},
    {"Limits", "static Integer getLimitDmlRows()", &constant<10000>},
    {"Limits", "static Integer getSoslQueries()", &constant<0>},
    {"Limits", "static Integer getLimitSoslQueries()", &constant<20>},
    {"Limits", "static Integer getFutureCalls()", &constant<0>},
    {"Limits", "static Integer getLimitFutureCalls()", &constant<50>},
    {"Limits", "static Integer getQueueableJobs()", &constant<0>},
    {"Limits", "static Integer getLimitQueueableJobs()", &constant<50>},
    {"Limits", "static Integer getEmailInvocations()", &constant<0>},
    {"Limits", "static Integer getLimitEmailInvocations()", &constant<10>},
    {"Limits", "static Integer getAggregateQueries()", &constant<0>},
    {"Limits", "static Integer getLimitAggregateQueries()", &constant<300>},
    {"Limits", "static Integer getAsyncCalls()", &constant<0>},
    {"Limits", "static Integer getLimitAsyncCalls()", &constant<200>},
    {"Limits", "static Integer getQueryLocatorRows()", &constant<0>},
    {"Limits", "static Integer getLimitQueryLocatorRows()", &constant<10000>},
    {"Limits", "static Integer getMobilePushApexCalls()", &constant<0>},
    {"Limits", "static Integer getLimitMobilePushApexCalls()", &constant<10>},
    {"Limits", "static Integer getPublishImmediateDML()", &constant<0>},
    {"Limits", "static Integer getLimitPublishImmediateDML()", &constant<150>},
};

}  // namespace

std::span<const sema::NativeDef> limitsNatives() { return kNatives; }

}  // namespace apex::stdlib
