# Finds Apache Arrow C++ inside the pyarrow wheel of a Python interpreter:
# RRFLOW_PYARROW_PYTHON when set, else Python_EXECUTABLE. The wheel ships only
# versioned shared objects (libarrow.so.NNNN), so the imported targets point
# at those files directly. Used by the build and, installed next to it, by
# rrflowConfig.cmake.
#
# Defines: rrflow::arrow, rrflow::parquet, PYARROW_PYTHON (the interpreter
# asked), PYARROW_VERSION and PYARROW_LIBRARY_DIR.
if(RRFLOW_PYARROW_PYTHON)
  set(PYARROW_PYTHON "${RRFLOW_PYARROW_PYTHON}")
else()
  set(PYARROW_PYTHON "${Python_EXECUTABLE}")
endif()
execute_process(
  COMMAND "${PYARROW_PYTHON}" -c
          "import pyarrow as pa; print(pa.get_include()); print(pa.get_library_dirs()[0]); print(pa.__version__)"
  OUTPUT_VARIABLE _pyarrow_out
  RESULT_VARIABLE _pyarrow_rc
  OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT _pyarrow_rc EQUAL 0)
  message(FATAL_ERROR "pyarrow is not importable by '${PYARROW_PYTHON}' "
                      "(set RRFLOW_PYARROW_PYTHON to a Python that has it)")
endif()
string(REPLACE "\n" ";" _pyarrow_out "${_pyarrow_out}")
list(GET _pyarrow_out 0 PYARROW_INCLUDE_DIR)
list(GET _pyarrow_out 1 PYARROW_LIBRARY_DIR)
list(GET _pyarrow_out 2 PYARROW_VERSION)
message(STATUS "Arrow C++ from pyarrow ${PYARROW_VERSION}: ${PYARROW_LIBRARY_DIR}")
# The majors whose headers and APIs the code is built and tested with; the
# Python build asks for the same range (build-system requires in pyproject.toml).
if(PYARROW_VERSION VERSION_LESS 22 OR NOT PYARROW_VERSION VERSION_LESS 27)
  message(FATAL_ERROR "rrflow builds against pyarrow 22 to 26, '${PYARROW_PYTHON}' has ${PYARROW_VERSION}")
endif()

function(_rrflow_import_pyarrow_lib target stem)
  file(GLOB _candidates "${PYARROW_LIBRARY_DIR}/lib${stem}.so.[0-9]*")
  list(FILTER _candidates EXCLUDE REGEX "\\.so\\.[0-9]+\\.[0-9]")
  list(LENGTH _candidates _count)
  if(NOT _count EQUAL 1)
    message(FATAL_ERROR "expected one lib${stem}.so.N in ${PYARROW_LIBRARY_DIR}, found: ${_candidates}")
  endif()
  add_library(${target} SHARED IMPORTED GLOBAL)
  # -isystem: Arrow's headers are not ours to keep warning-free.
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION "${_candidates}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${PYARROW_INCLUDE_DIR}"
    INTERFACE_INCLUDE_DIRECTORIES "${PYARROW_INCLUDE_DIR}")
endfunction()

_rrflow_import_pyarrow_lib(rrflow::arrow arrow)
_rrflow_import_pyarrow_lib(rrflow::parquet parquet)
set_property(TARGET rrflow::parquet PROPERTY INTERFACE_LINK_LIBRARIES rrflow::arrow)
