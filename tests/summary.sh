#!/bin/sh
# Print "N passed, M failed, K skipped" from automake's test-suite.log.
log=${1:-test-suite.log}
if [ ! -f "$log" ]; then
    echo "0 passed, 1 failed"
    exit 0
fi
get() { sed -n "s/^# $1: *\([0-9]*\).*/\1/p" "$log" | head -n 1; }
pass=$(get PASS); fail=$(get FAIL); xpass=$(get XPASS); err=$(get ERROR)
skip=$(get SKIP); xfail=$(get XFAIL)
p=$(( ${pass:-0} + ${xfail:-0} ))
f=$(( ${fail:-0} + ${xpass:-0} + ${err:-0} ))
echo "$p passed, $f failed, ${skip:-0} skipped"
