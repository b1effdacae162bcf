// standardLibrary(): every stdlib/<class>.cpp table, concatenated once, and
// the embedded Apex classes.
#include "stdlib/registry.h"

#include <vector>

#include "stdlib/natives_all.h"
#include "stdlib/system_classes.h"

namespace apex::stdlib {

namespace {

std::span<const sema::NativeDef> allNatives() {
  static const std::vector<sema::NativeDef> all = [] {
    std::vector<sema::NativeDef> v;
    for (auto table : {stringNatives(),   integerNatives(),     longNatives(),     doubleNatives(),
                       decimalNatives(),  booleanNatives(),     mathNatives(),     listNatives(),
                       setNatives(),      mapNatives(),         systemNatives(),   assertNatives(),
                       exceptionNatives(), blobNatives(),       dateNatives(),     datetimeNatives(),
                       timeNatives(),     limitsNatives(),      idNatives(),       objectNatives(),
                       databaseNatives(), searchNatives(), sobjectNatives(),     enumNatives(),     httpRequestNatives(),
                       httpResponseNatives(), httpNatives(), timeZoneNatives(), userInfoNatives(), formulaNatives(), testNatives(), interfaceNatives(),
                       httpCalloutMockNatives(), staticResourceCalloutMockNatives(),
                       encodingUtilNatives(), cryptoNatives(), patternNatives(), matcherNatives(),
                       urlNatives(), labelNatives(), customSettingNatives(), customMetadataNatives(),
                       typeNatives(), jsonNatives(), jsonGeneratorNatives(), jsonParserNatives(),
                       schemaNatives(), sobjectTypeNatives(), sobjectFieldNatives(), describeSObjectResultNatives(),
                       describeFieldResultNatives(), schemaObjectNatives(), fieldSetNatives(),
                       featureManagementNatives(), requestNatives(), orgLimitsNatives(), describeTabsNatives(),
                       messagingNatives(), triggerNatives(), asyncNatives(), asyncContextNatives(), locationNatives(),
                       stubApiNatives(), webServiceCalloutNatives(), eventBusNatives()})
      v.insert(v.end(), table.begin(), table.end());
    return v;
  }();
  return all;
}

}  // namespace

const sema::StandardLibrary& standardLibrary() {
  static const sema::StandardLibrary library{allNatives(), &makeSystemClasses};
  return library;
}

}  // namespace apex::stdlib
