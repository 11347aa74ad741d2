# cpack -G DEB: a package for the Wireshark X.Y this was built against. It
# installs into that Wireshark's global plugin folder (root ignores personal
# plugins) and depends on that series only, because a plugin built for one
# series does not load in another.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sipcat)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "sipcat developers <sipcat@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin that explains every SIP response")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Wireshark/tshark post-dissector: every SIP response gets its meaning,
 remedy and RFC as filterable fields (sipcat.*) and expert information.
 Built for Wireshark ${SIPCAT_WS_SERIES}.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)

# The Debian package that ships the libwireshark we linked against.
get_target_property(_epan_lib epan IMPORTED_LOCATION_NONE)
if(NOT _epan_lib)
  get_target_property(_epan_lib epan LOCATION)
endif()
get_filename_component(_epan_real "${_epan_lib}" REALPATH)
execute_process(COMMAND dpkg-query -S "${_epan_real}" OUTPUT_VARIABLE _owner RESULT_VARIABLE _rc ERROR_QUIET)
if(_rc EQUAL 0)
  string(REGEX REPLACE ":.*" "" _libpkg "${_owner}")  # "libwireshark16:amd64: /usr/lib/..."
else()
  message(WARNING "Could not find the Debian package of ${_epan_real}; the .deb will depend on tshark")
  set(_libpkg tshark)
endif()
math(EXPR _next_minor "${Wireshark_MINOR_VERSION} + 1")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "${_libpkg} (>= ${SIPCAT_WS_SERIES}), ${_libpkg} (<< ${Wireshark_MAJOR_VERSION}.${_next_minor}), tshark, python3")
message(STATUS "Package depends on: ${CPACK_DEBIAN_PACKAGE_DEPENDS}")

install(TARGETS sipcat LIBRARY DESTINATION "${Wireshark_PLUGIN_LIBDIR}/epan")
install(FILES README.md DESTINATION share/doc/sipcat)
install(FILES share/colorfilters share/sipcat_overrides.example DESTINATION share/sipcat)
sipcat_install_batch(share bin)
include(CPack)
