#!/bin/sh
# status.sh CMD ARGS...: runs CMD with stderr merged into stdout, then prints "exit status N".
"$@" 2>&1
echo "exit status $?"
