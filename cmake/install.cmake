# `cmake --install BUILD --prefix P`: the headers under P/include/gqalut, the libraries, a CMake
# config package (find_package(gqalut) gives gqalut::model, gqalut::tlm, gqalut::unit_cycle,
# gqalut::unit_rtl, ...), a pkg-config file (gqalut.pc: the golden and cycle levels and the
# accelerator; the RTL level through the CMake package only) and the gqalut program. Included at the end of the top-level CMakeLists.txt, after every
# target exists.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GQALUT_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/gqalut)
set(GQALUT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/gqalut)

# The libraries of the package, in link order (a library before what it needs).
set(GQALUT_PACKAGE_LIBS gqalut_tlm gqalut_unit_cycle gqalut_sc gqalut_unit gqalut_search gqalut_cost gqalut_model)
set(GQALUT_PACKAGE_RTL_LIBS)
if(TARGET gqalut_unit_rtl)
  set(GQALUT_PACKAGE_RTL_LIBS gqalut_unit_rtl gqalut_rtl gqalut_rtl_models gqalut_rtl_sc_models)
endif()
set(GQALUT_EXPORTED ${GQALUT_PACKAGE_RTL_LIBS} ${GQALUT_PACKAGE_LIBS} gqalut_flags)

foreach(t ${GQALUT_EXPORTED})
  # Include directories: the source and build trees while building, the installed headers after.
  get_target_property(dirs ${t} INTERFACE_INCLUDE_DIRECTORIES)
  set(fixed)
  if(dirs)
    foreach(d ${dirs})
      if(d MATCHES "^\\$<" OR NOT (d MATCHES "^${PROJECT_SOURCE_DIR}" OR d MATCHES "^${PROJECT_BINARY_DIR}"))
        list(APPEND fixed "${d}")
      else()
        list(APPEND fixed "$<BUILD_INTERFACE:${d}>")
      endif()
    endforeach()
  endif()
  if(NOT t STREQUAL "gqalut_flags")
    list(APPEND fixed "$<INSTALL_INTERFACE:${GQALUT_INSTALL_INCLUDEDIR}>")
  endif()
  set_target_properties(${t} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${fixed}")
  string(REGEX REPLACE "^gqalut_" "" export_name ${t})
  set_target_properties(${t} PROPERTIES EXPORT_NAME ${export_name})
endforeach()

# A sanitized build's libraries call the sanitizer runtimes: whoever links them from the package
# links those too (in the build tree add_link_options does it). A normal build adds nothing.
if(GQALUT_SANITIZE)
  foreach(t ${GQALUT_PACKAGE_RTL_LIBS} ${GQALUT_PACKAGE_LIBS})
    target_link_options(${t} INTERFACE $<INSTALL_INTERFACE:${GQALUT_SANITIZE_LINK_OPTIONS}>)
  endforeach()
endif()

install(TARGETS ${GQALUT_EXPORTED} EXPORT gqalutTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS gqalut RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT gqalutTargets NAMESPACE gqalut:: DESTINATION ${GQALUT_INSTALL_CMAKEDIR})

# Headers, by the paths code includes them with ("tlm/pwl_accelerator.hpp").
foreach(dir model search tlm rtl/verilated rtl/unit)
  if(dir MATCHES "^rtl" AND NOT TARGET gqalut_unit_rtl)
    continue()
  endif()
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${GQALUT_INSTALL_INCLUDEDIR}/${dir}
          FILES_MATCHING PATTERN "*.hpp")
endforeach()

if(GQALUT_PACKAGE_RTL_LIBS)
  set(GQALUT_PACKAGE_WITH_RTL ON)
else()
  set(GQALUT_PACKAGE_WITH_RTL OFF)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/gqalutConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/gqalutConfig.cmake INSTALL_DESTINATION ${GQALUT_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/gqalutConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/gqalutConfig.cmake ${PROJECT_BINARY_DIR}/gqalutConfigVersion.cmake
        DESTINATION ${GQALUT_INSTALL_CMAKEDIR})

# pkg-config: the same libraries as -l flags (static, in link order).
set(GQALUT_PC_LIBS)
foreach(t ${GQALUT_PACKAGE_LIBS})
  string(APPEND GQALUT_PC_LIBS " -l${t}")
endforeach()
foreach(o ${GQALUT_SANITIZE_LINK_OPTIONS})
  string(APPEND GQALUT_PC_LIBS " ${o}")
endforeach()
get_filename_component(GQALUT_MUPARSER_DIR ${MUPARSER_LIB} DIRECTORY)
configure_file(${PROJECT_SOURCE_DIR}/cmake/gqalut.pc.in ${PROJECT_BINARY_DIR}/gqalut.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/gqalut.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
