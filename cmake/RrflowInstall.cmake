# `cmake --install <build> --component rrflow_dev`: the public headers, the
# core's static libraries and the CMake package rrflow (target
# rrflow::rrflow). The Python wheel installs only the component `python`.
include(CMakePackageConfigHelpers)

set(RRFLOW_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/rrflow")

install(DIRECTORY cpp/include/rrflow DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT rrflow_dev FILES_MATCHING PATTERN "*.h")
# rrflow_core links the generated protobuf library privately; a static
# library's private links are its users' links, so it ships too.
install(TARGETS rrflow_core rrflow_rrd_proto EXPORT rrflowTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT rrflow_dev)
install(EXPORT rrflowTargets NAMESPACE rrflow:: DESTINATION "${RRFLOW_PACKAGE_DIR}"
        COMPONENT rrflow_dev)

configure_package_config_file(cmake/rrflowConfig.cmake.in
  "${PROJECT_BINARY_DIR}/rrflowConfig.cmake" INSTALL_DESTINATION "${RRFLOW_PACKAGE_DIR}")
# Before 1.0 a minor release may change the API.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/rrflowConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/rrflowConfig.cmake"
  "${PROJECT_BINARY_DIR}/rrflowConfigVersion.cmake"
  cmake/ArrowFromPyarrow.cmake
  DESTINATION "${RRFLOW_PACKAGE_DIR}" COMPONENT rrflow_dev)
