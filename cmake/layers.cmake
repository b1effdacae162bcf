# apexrun_layer(<target> [DEPENDS <apexrun targets>...] [LIBS <third-party targets>...]
#               [SOURCES <extra sources>...])
#
# One static library per folder, made of the folder's .cpp files. DEPENDS
# names the apexrun libraries below it that the folder may include and link;
# scripts/check-layers (run by every build) fails the build when a file
# includes a folder that its library does not depend on.
#
# Every layer reuses one precompiled header of the heavy headers most of
# them include (Boost.Multiprecision through Decimal, nlohmann/json, the
# standard containers): parsing them took about a third of a clean build.

set(APEXRUN_PCH_HEADERS
  <boost/multiprecision/cpp_int.hpp> <nlohmann/json.hpp>
  <algorithm> <functional> <map> <memory> <optional> <string> <string_view> <unordered_map> <variant> <vector>)
add_library(apexrun_pch OBJECT ${CMAKE_CURRENT_LIST_DIR}/pch.cpp)
target_compile_options(apexrun_pch PRIVATE ${APEXRUN_WARNINGS})
# Boost::headers defines BOOST_ALL_NO_LIB, so every layer links it too: a
# precompiled header is used only where the macros match.
target_link_libraries(apexrun_pch PRIVATE Boost::headers nlohmann_json::nlohmann_json)
target_precompile_headers(apexrun_pch PRIVATE ${APEXRUN_PCH_HEADERS})

function(apexrun_layer target)
  cmake_parse_arguments(PARSE_ARGV 1 LAYER "" "" "DEPENDS;LIBS;SOURCES")
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${target} STATIC ${sources} ${LAYER_SOURCES})
  target_compile_options(${target} PRIVATE ${APEXRUN_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC ${LAYER_DEPENDS} ${LAYER_LIBS} Boost::headers)
  target_precompile_headers(${target} REUSE_FROM apexrun_pch)
endfunction()
