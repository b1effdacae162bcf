// The per-class native tables that registry.cpp concatenates. Internal to stdlib/.
#pragma once

#include <span>

#include "sema/types.h"

namespace apex::stdlib {

std::span<const sema::NativeDef> stringNatives();
std::span<const sema::NativeDef> integerNatives();
std::span<const sema::NativeDef> longNatives();
std::span<const sema::NativeDef> doubleNatives();
std::span<const sema::NativeDef> decimalNatives();
std::span<const sema::NativeDef> booleanNatives();
std::span<const sema::NativeDef> mathNatives();
std::span<const sema::NativeDef> listNatives();
std::span<const sema::NativeDef> setNatives();
std::span<const sema::NativeDef> mapNatives();
std::span<const sema::NativeDef> systemNatives();
std::span<const sema::NativeDef> assertNatives();
std::span<const sema::NativeDef> exceptionNatives();
std::span<const sema::NativeDef> blobNatives();
std::span<const sema::NativeDef> dateNatives();
std::span<const sema::NativeDef> datetimeNatives();
std::span<const sema::NativeDef> timeNatives();
std::span<const sema::NativeDef> limitsNatives();
std::span<const sema::NativeDef> triggerNatives();
std::span<const sema::NativeDef> asyncNatives();
std::span<const sema::NativeDef> asyncContextNatives();
std::span<const sema::NativeDef> locationNatives();
std::span<const sema::NativeDef> idNatives();
std::span<const sema::NativeDef> objectNatives();
std::span<const sema::NativeDef> databaseNatives();
std::span<const sema::NativeDef> searchNatives();
std::span<const sema::NativeDef> sobjectNatives();
std::span<const sema::NativeDef> enumNatives();
std::span<const sema::NativeDef> httpRequestNatives();
std::span<const sema::NativeDef> httpResponseNatives();
std::span<const sema::NativeDef> httpNatives();
std::span<const sema::NativeDef> typeNatives();
std::span<const sema::NativeDef> jsonNatives();
std::span<const sema::NativeDef> jsonGeneratorNatives();
std::span<const sema::NativeDef> jsonParserNatives();
std::span<const sema::NativeDef> timeZoneNatives();
std::span<const sema::NativeDef> userInfoNatives();
std::span<const sema::NativeDef> formulaNatives();
std::span<const sema::NativeDef> testNatives();
std::span<const sema::NativeDef> encodingUtilNatives();
std::span<const sema::NativeDef> cryptoNatives();
std::span<const sema::NativeDef> patternNatives();
std::span<const sema::NativeDef> matcherNatives();
std::span<const sema::NativeDef> urlNatives();
std::span<const sema::NativeDef> interfaceNatives();
std::span<const sema::NativeDef> httpCalloutMockNatives();
std::span<const sema::NativeDef> staticResourceCalloutMockNatives();
std::span<const sema::NativeDef> schemaNatives();
std::span<const sema::NativeDef> sobjectTypeNatives();
std::span<const sema::NativeDef> sobjectFieldNatives();
std::span<const sema::NativeDef> describeSObjectResultNatives();
std::span<const sema::NativeDef> describeFieldResultNatives();
std::span<const sema::NativeDef> schemaObjectNatives();
std::span<const sema::NativeDef> fieldSetNatives();
std::span<const sema::NativeDef> featureManagementNatives();
std::span<const sema::NativeDef> requestNatives();
std::span<const sema::NativeDef> orgLimitsNatives();
std::span<const sema::NativeDef> describeTabsNatives();
std::span<const sema::NativeDef> messagingNatives();
std::span<const sema::NativeDef> labelNatives();
std::span<const sema::NativeDef> customSettingNatives();
std::span<const sema::NativeDef> customMetadataNatives();

std::span<const sema::NativeDef> stubApiNatives();
std::span<const sema::NativeDef> webServiceCalloutNatives();
std::span<const sema::NativeDef> eventBusNatives();

}  // namespace apex::stdlib
