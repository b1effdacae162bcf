# apexrun_layer(<target> [DEPENDS <apexrun targets>...] [LIBS <third-party targets>...]
#               [SOURCES <extra sources>...])
#
# One static library per folder, made of the folder's .cpp files. DEPENDS
# names the apexrun libraries below it that the folder may include and link;
# scripts/check-layers (run by every build) fails the build when a file
# includes a folder that its library does not depend on.
function(apexrun_layer target)
  cmake_parse_arguments(PARSE_ARGV 1 LAYER "" "" "DEPENDS;LIBS;SOURCES")
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${target} STATIC ${sources} ${LAYER_SOURCES})
  target_compile_options(${target} PRIVATE ${APEXRUN_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC ${LAYER_DEPENDS} ${LAYER_LIBS})
endfunction()
