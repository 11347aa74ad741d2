# Installs sipcat-batch: its Python package under SHAREDIR/sipcat/batch and a
# symbolic link BINDIR/sipcat-batch to its launcher (which finds the package
# through the link).
function(sipcat_install_batch sharedir bindir)
  install(DIRECTORY ${CMAKE_SOURCE_DIR}/tools/batch/ DESTINATION "${sharedir}/sipcat/batch"
          USE_SOURCE_PERMISSIONS PATTERN __pycache__ EXCLUDE)
  install(CODE "
    set(_bin \"\$ENV{DESTDIR}${bindir}\")
    if(NOT IS_ABSOLUTE \"${bindir}\")
      set(_bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${bindir}\")
    endif()
    file(MAKE_DIRECTORY \"\${_bin}\")
    file(RELATIVE_PATH _rel \"/${bindir}\" \"/${sharedir}/sipcat/batch/sipcat-batch\")
    file(REMOVE \"\${_bin}/sipcat-batch\")
    file(CREATE_LINK \"\${_rel}\" \"\${_bin}/sipcat-batch\" SYMBOLIC)
    message(STATUS \"Installing: \${_bin}/sipcat-batch -> \${_rel}\")")
endfunction()
