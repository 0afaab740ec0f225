# cmake -DPROGRAM=<exe> -DARGUMENTS="a|b|c" -DEXPECTED_EXIT_CODE=<n> [-DCOPY_FROM=<dir> -DCOPY_TO=<dir>]
#       [-DEXPECTED_FILES="f1|f2"] [-DEXPECTED_OUTPUT=<text>] -P expect_exit_code.cmake
# Runs PROGRAM with ARGUMENTS ('|'-separated) and fails unless it exits with EXPECTED_EXIT_CODE,
# the EXPECTED_FILES exist afterwards and stdout contains EXPECTED_OUTPUT. COPY_FROM is copied to
# a fresh COPY_TO first (so a command that writes can run on fixtures).
if(DEFINED COPY_FROM)
  file(REMOVE_RECURSE "${COPY_TO}")
  file(COPY "${COPY_FROM}/" DESTINATION "${COPY_TO}")
endif()
string(REPLACE "|" ";" argument_list "${ARGUMENTS}")
execute_process(COMMAND "${PROGRAM}" ${argument_list}
  RESULT_VARIABLE exit_code OUTPUT_VARIABLE output ERROR_VARIABLE errors)
message("${output}${errors}")
if(NOT exit_code STREQUAL "${EXPECTED_EXIT_CODE}")
  message(FATAL_ERROR "exit code ${exit_code}, expected ${EXPECTED_EXIT_CODE}")
endif()
if(DEFINED EXPECTED_OUTPUT)
  string(FIND "${output}" "${EXPECTED_OUTPUT}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "stdout does not contain '${EXPECTED_OUTPUT}'")
  endif()
endif()
if(DEFINED EXPECTED_FILES)
  string(REPLACE "|" ";" file_list "${EXPECTED_FILES}")
  foreach(file IN LISTS file_list)
    if(NOT EXISTS "${file}")
      message(FATAL_ERROR "expected file ${file} is missing")
    endif()
  endforeach()
endif()
