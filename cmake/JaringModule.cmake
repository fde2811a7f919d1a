# jaring_module(NAME <name> SRCS <files...> DEPS <targets...> [TESTS <files...>] [TEST_DEPS <targets...>])
#
# One static library per module, alias jaring::<name>. DEPS are written out so that the
# linker enforces the one-way dependency rule of docs/architecture.md. TESTS (if any) become
# one GoogleTest binary <name>_test registered with CTest (label: unit).
function(jaring_module)
  cmake_parse_arguments(M "" "NAME" "SRCS;DEPS;TESTS;TEST_DEPS;LABELS" ${ARGN})
  add_library(jaring_${M_NAME} STATIC ${M_SRCS})
  add_library(jaring::${M_NAME} ALIAS jaring_${M_NAME})
  target_include_directories(jaring_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(jaring_${M_NAME} PUBLIC ${M_DEPS})
  jaring_warnings(jaring_${M_NAME})
  if(M_TESTS AND BUILD_TESTING)
    add_executable(${M_NAME}_test ${M_TESTS})
    target_link_libraries(${M_NAME}_test PRIVATE jaring::${M_NAME} ${M_TEST_DEPS}
                          GTest::gtest GTest::gmock GTest::gtest_main)
    jaring_warnings(${M_NAME}_test)
    target_compile_definitions(${M_NAME}_test PRIVATE
      JARING_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    if(NOT M_LABELS)
      set(M_LABELS unit)
    endif()
    gtest_discover_tests(${M_NAME}_test
      PROPERTIES LABELS "${M_LABELS}"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

function(jaring_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
endfunction()
