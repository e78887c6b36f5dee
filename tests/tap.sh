# SPDX-License-Identifier: LGPL-3.0-or-later
# Shell helpers for TAP command-line tests.  Sourced by tests/t-*.sh.
# $GFCERT is the built command; $top_srcdir the source tree.
tap_n=0
tap_bad=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
notok() { tap_n=$((tap_n + 1)); tap_bad=$((tap_bad + 1)); echo "not ok $tap_n - $*"; }
check() { # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
    local desc
    desc=$1; shift
    if "$@"; then ok "$desc"; else notok "$desc"; fi
}
done_testing() { echo "1..$tap_n"; [ "$tap_bad" -eq 0 ]; }
# run_gfcert OUT ERR ARGS...: run the command, set $rc.
run_gfcert() {
    local out err
    out=$1; err=$2; shift 2
    if [ -n "${GFCERT_VALGRIND:-}" ]; then
        "$top_builddir/libtool" --mode=execute $GFCERT_VALGRIND -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,possible "$GFCERT" "$@" >"$out" 2>"$err"
    else
        "$GFCERT" "$@" >"$out" 2>"$err"
    fi
    rc=$?
}
