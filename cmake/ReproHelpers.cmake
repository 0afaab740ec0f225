# repro_library(NAME <name> SOURCES ... [TORCH] [DEPENDS ...])
# Adds a static library `repro_<name>` with the alias `repro::<name>`; includes are relative to
# the project root (#include "stats/mcnemar.h"). TORCH links LibTorch and its precompiled header.
function(repro_library)
  cmake_parse_arguments(ARG "TORCH" "NAME" "SOURCES;DEPENDS" ${ARGN})
  add_library(repro_${ARG_NAME} STATIC ${ARG_SOURCES})
  add_library(repro::${ARG_NAME} ALIAS repro_${ARG_NAME})
  target_include_directories(repro_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(repro_${ARG_NAME} PUBLIC ${ARG_DEPENDS})
  if(ARG_TORCH)
    target_link_libraries(repro_${ARG_NAME} PUBLIC repro::torch)
    repro_use_torch_pch(repro_${ARG_NAME})
  endif()
endfunction()

# One precompiled LibTorch header, built once and reused by every LibTorch target.
function(repro_use_torch_pch target)
  if(NOT REPRO_USE_PRECOMPILED_HEADERS)
    return()
  endif()
  if(NOT TARGET repro_torch_pch)
    add_library(repro_torch_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/torch_pch.cpp)
    target_link_libraries(repro_torch_pch PUBLIC repro::torch)
    target_precompile_headers(repro_torch_pch PRIVATE <torch/torch.h>)
  endif()
  target_precompile_headers(${target} REUSE_FROM repro_torch_pch)
endfunction()

# repro_gtest(NAME <name> SOURCES ... DEPENDS ... [LABELS ...])
# A GoogleTest executable whose tests are registered with CTest one by one, with labels.
function(repro_gtest)
  cmake_parse_arguments(ARG "TORCH" "NAME" "SOURCES;DEPENDS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPENDS} GTest::gtest GTest::gtest_main)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR})
  if(ARG_TORCH)
    target_link_libraries(${ARG_NAME} PRIVATE repro::torch)
    repro_use_torch_pch(${ARG_NAME})
  else()
    # Test files keep file-local tables and fixtures under common names (kReferences, ...): a
    # test target without LibTorch compiles one file at a time (they are quick).
    set_target_properties(${ARG_NAME} PROPERTIES UNITY_BUILD OFF)
  endif()
  # gtest_discover_tests flattens a list given in PROPERTIES, so the labels are set by a script
  # that CTest includes after discovery.
  set(labels unit ${ARG_LABELS})
  gtest_discover_tests(${ARG_NAME}
    DISCOVERY_TIMEOUT 120
    TEST_LIST ${ARG_NAME}_TESTS
    PROPERTIES ENVIRONMENT "REPRO_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  # GPU tests (label `gpu`) take the CTest resource lock "gpu": never two at once on one device
  # (timings would disturb each other). Lock any other GPU test with repro_gpu_test_properties.
  set(lock "")
  if("gpu" IN_LIST labels)
    set(lock " RESOURCE_LOCK gpu")
  endif()
  set(label_script ${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_labels.cmake)
  file(WRITE ${label_script}
    "if(${ARG_NAME}_TESTS)\n  set_tests_properties(\${${ARG_NAME}_TESTS} PROPERTIES LABELS \"${labels}\"${lock})\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${label_script})
endfunction()

# repro_gpu_test_properties(<test>...): the properties every GPU test carries: the label `gpu`
# (excluded by the `cpu` test preset) and the resource lock "gpu" (one GPU test at a time).
# Adds to the tests' existing labels.
function(repro_gpu_test_properties)
  foreach(test ${ARGN})
    get_test_property(${test} LABELS labels)
    if(NOT labels)
      set(labels "")
    endif()
    list(APPEND labels gpu)
    list(REMOVE_DUPLICATES labels)
    set_tests_properties(${test} PROPERTIES LABELS "${labels}" RESOURCE_LOCK gpu)
  endforeach()
endfunction()
