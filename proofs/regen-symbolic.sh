#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# Write the records of the symbolic facts (proofs/derive-*.json) at the
# default sizes that certificates and gfcert verify use.  Usage:
#   proofs/regen-symbolic.sh [OUTDIR]      (or: make regen-symbolic)
# $GFCERT names the command (default: src/gfcert beside this script).
# Exits non-zero when a check fails or a record cannot be written.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
gfcert=${GFCERT:-$here/../src/gfcert}
for model in diag fc1 fc; do
    "$gfcert" derive "$model" --record "$out/derive-$model.json" >/dev/null
done
echo "wrote $out/derive-diag.json $out/derive-fc1.json $out/derive-fc.json"
