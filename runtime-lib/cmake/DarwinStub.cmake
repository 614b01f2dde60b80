# runtime-lib/cmake/DarwinStub.cmake: writes libSystem.tbd, the text-based stub (TAPI, tbd version 4)
# that lld's Mach-O driver links macOS executables against instead of the SDK's libSystem.
#   cmake -DSYMS=os/darwin/libSystem.syms -DARCH=x86_64|arm64 -DOUT=.../libSystem.tbd -P DarwinStub.cmake
# SYMS lists one symbol a line (an optional second word limits it to one architecture; '#' starts a
# comment); the stub declares those of ARCH as exports of /usr/lib/libSystem.B.dylib, the install name
# every macOS program loads libSystem by (current version 1311: macOS 11's). Nothing else of
# libSystem is declared, so an accidental use of another function is a link error.
file(STRINGS ${SYMS} lines)
set(symbols)
foreach(line IN LISTS lines)
  string(REGEX REPLACE "#.*" "" line "${line}")
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  string(REGEX REPLACE "[ \t]+" ";" words "${line}")
  list(LENGTH words n)
  list(GET words 0 symbol)
  if(n GREATER 1)
    list(GET words 1 only)
    if(NOT only STREQUAL ARCH)
      continue()
    endif()
  endif()
  list(APPEND symbols "'${symbol}'")
endforeach()
list(JOIN symbols ", " joined)
file(WRITE ${OUT} "--- !tapi-tbd
tbd-version:     4
targets:         [ ${ARCH}-macos ]
install-name:    '/usr/lib/libSystem.B.dylib'
current-version: 1311
exports:
  - targets:         [ ${ARCH}-macos ]
    symbols:         [ ${joined} ]
...
")
