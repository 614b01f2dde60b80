#!/bin/sh
# funcref-run.sh EXE: runs each export of funcref.wasm (Inputs/funcref.py) with its arguments through
# EXE --invoke, printing "NAME ARGS:", then the output and exit status (status.sh).
EXE=$1
for A in "call 5" "pick 0" "pick 1" "onnull 1" "onnull 0" "nonnull 1" "nonnull 0" "asnn 1" "asnn 0" \
         "callnull" "down 100000000" "local 9"; do
  set -- $A
  echo "$A:"
  sh "$(dirname "$0")/../../cross/Inputs/status.sh" "$EXE" --invoke=$1 $2
done
