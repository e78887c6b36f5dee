#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Regenerate the canonical certificates of proofs/ with the built gfcert.
# Usage: proofs/regen.sh [GFCERT]   (default: src/gfcert of this tree).
# Each certificate records its problem as a path relative to proofs/, so
# `gfcert verify proofs/NAME.cert.json` finds the problem beside it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
gfcert=${1:-$here/../src/gfcert}
case $gfcert in /*) ;; *) gfcert=$(pwd)/$gfcert ;; esac
cd "$here" || exit 2
status=0
# name  problem  digits  expected exit status (0 MATCH, 1 MISMATCH)
while read -r name problem digits want; do
    "$gfcert" certify "../$problem" --digits "$digits" --quiet \
        --out "$name.cert.json" >/dev/null
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "regen: $name: gfcert certify exited $rc, expected $want" >&2
        status=1
    else
        echo "regen: $name.cert.json written"
    fi
done <<'LIST'
b1-match data/paper_alpha1e-4_s0.5.json 12 0
b3-match data/b3_fc1_alpha1_s0.5.json 30 0
b4-m2-mismatch data/b4_fc_m2_alpha0.1_s0.5.json 30 1
LIST
exit $status
