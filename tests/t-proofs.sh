# SPDX-License-Identifier: LGPL-3.0-or-later
# Every canonical certificate in proofs/ is re-verified from its problem
# (found beside the certificate) and keeps its verdict; the set is the one
# proofs/README.md promises.
. "$top_srcdir/tests/tap.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-proofs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err

for spec in b1-match:0:MATCH b3-match:0:MATCH b4-m2-mismatch:1:MISMATCH; do
    name=${spec%%:*}; rest=${spec#*:}; want=${rest%%:*}; verdict=${rest#*:}
    cert=$top_srcdir/proofs/$name.cert.json
    check "proofs/$name.cert.json exists" test -f "$cert"
    check "proofs/$name.cert.json claims $verdict" \
        grep -q "^  \"verdict\": \"$verdict\",\$" "$cert"
    run_gfcert "$o" "$e" verify "$cert"
    check "gfcert verify proofs/$name.cert.json: exit $want (got $rc)" \
        test "$rc" -eq "$want"
    check "proofs/$name: verified $verdict" grep -q "^verified   $verdict:" "$o"
done
done_testing
