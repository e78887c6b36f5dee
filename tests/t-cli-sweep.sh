# SPDX-License-Identifier: LGPL-3.0-or-later
# gfcert sweep and merge: output independent of --jobs, resume after
# simulated crashes byte-identical to an uninterrupted run, shards merged
# into the single run, refusals of bad sweep files and inconsistent
# shards, and result balls that contain the exact values.
. "$top_srcdir/tests/tap.sh"
cases=$top_srcdir/tests/cases
ballcheck=$top_builddir/tests/ball-check
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-sweep.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err
unset GFCERT_SWEEP_CRASH

# same_dirs A B: results.jsonl and every point's certificate, result and
# problem file byte-identical (timings may differ).
same_dirs() {
    local f
    cmp -s "$1/results.jsonl" "$2/results.jsonl" || return 1
    for f in "$1"/points/*.cert.json "$1"/points/*.result.json \
             "$1"/points/*.problem.json; do
        cmp -s "$f" "$2/points/${f##*/}" || return 1
    done
    [ "$(ls "$1/points" | grep -c '\.json$')" = \
      "$(ls "$2/points" | grep -c '\.json$')" ]
}
# complete_lines FILE: every line one whole JSON object.
complete_lines() {
    ! grep -qv '^{"index":[0-9]*,.*"certificate":"points/p[0-9]*\.cert\.json"}$' "$1"
}

# A grid of 6 points on B05 (X = [[1, 0]], y = [0.1]: beta = (0.1, 0)).
cat >"$tmp/s.json" <<EOF
{
    "problem": "$cases/b05_diag_decimal_string.json",
    "alpha": ["1e-2", "1"],
    "s": ["0", "0.5", "0.9"],
    "digits": 6,
    "max_time": 60
}
EOF

# --- reference run; --jobs 2 gives the same bytes -----------------------
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/ref" --quiet
check "sweep: exit 0" test "$rc" -eq 0
check "sweep: summary line" grep -q 'ref: 6 of 6 points finished: 6 MATCH' "$o"
check "results.jsonl: 6 lines" test "$(wc -l <"$tmp/ref/results.jsonl")" -eq 6
check "results.jsonl: complete lines" complete_lines "$tmp/ref/results.jsonl"
check "timings.jsonl: 6 lines" test "$(wc -l <"$tmp/ref/timings.jsonl")" -eq 6
check "sweep.json is a byte copy of the sweep file" \
    cmp -s "$tmp/s.json" "$tmp/ref/sweep.json"
check "results: keys in the contract's order" grep -q \
    '^{"index":3,"model":"diag","regularizer":"paper","alpha":"1","shape":"s","shape_value":"0","digits":6,"verdict":"MATCH","bound":"[0-9.e-]*","bound_meaning":"[^"]*","beta_l1":"\[[^"]*\]","beta_l2":"\[[^"]*\]","pop_error":null,"dist_min_l2":"\[[^"]*\]","steps":[0-9]*,"precision":[0-9]*,"reason":"","certificate":"points/p00003.cert.json"}$' \
    "$tmp/ref/results.jsonl"
check "grid order: alpha slowest, then s" \
    grep -q '^{"index":1,[^}]*"alpha":"1e-2","shape":"s","shape_value":"0.5"' \
    "$tmp/ref/results.jsonl"
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/j2" --jobs 2 --quiet
check "--jobs 2: exit 0" test "$rc" -eq 0
check "--jobs 2: byte-identical to --jobs 1" same_dirs "$tmp/ref" "$tmp/j2"

# The certificate is what gfcert certify writes for the point's problem.
(cd "$tmp/ref/points" && "$GFCERT" certify p00004.problem.json --digits 6 \
    --max-time 60 --quiet --out "$tmp/c4.json" >/dev/null)
check "point certificate = gfcert certify of the point's problem" \
    cmp -s "$tmp/c4.json" "$tmp/ref/points/p00004.cert.json"
run_gfcert "$o" "$e" verify "$tmp/ref/points/p00004.cert.json"
check "verify accepts a point's certificate" test "$rc" -eq 0

# --- DIR rules -----------------------------------------------------------
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/ref" --quiet
check "non-empty DIR without --resume: exit 2" test "$rc" -eq 2
check "non-empty DIR: message names DIR and --resume" \
    grep -q "ref: the directory is not empty; give --resume" "$e"
sed 's/"digits": 6/"digits": 7/' "$tmp/s.json" >"$tmp/s7.json"
run_gfcert "$o" "$e" sweep "$tmp/s7.json" --out "$tmp/ref" --resume --quiet
check "--resume with another sweep file: exit 2" test "$rc" -eq 2
check "--resume with another sweep file: says so" \
    grep -q 'sweep.json: differs from .*s7.json' "$e"
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/ref" --resume --quiet
check "--resume of a finished sweep: exit 0, nothing redone" \
    sh -c "test $rc -eq 0 && grep -q '6 of 6 points' '$o'"
check "... and the files are unchanged" same_dirs "$tmp/ref" "$tmp/j2"

# --- crashes, then --resume ------------------------------------------------
# crash_case NAME JOBS SPEC: run with GFCERT_SWEEP_CRASH=SPEC, then resume.
crash_case() {
    local d
    d=$tmp/crash-$1
    # (in a subshell whose standard error takes the shell's "Killed")
    rc=$( (GFCERT_SWEEP_CRASH=$3 "$GFCERT" sweep "$tmp/s.json" --out "$d" \
        --jobs "$2" --quiet >"$o" 2>"$e"; echo $?) 2>/dev/null)
    check "$1: the run was interrupted (exit $rc)" test "$rc" -ne 0
    check "$1: results.jsonl has only complete lines" \
        complete_lines "$d/results.jsonl"
    # What a writer killed half-way leaves: a temporary name with part of
    # a line, and a result file cut short by something else.
    printf '{"index":5,"model":"di' >"$d/points/p00005.result.json.tmp.4242"
    if [ ! -e "$d/points/p00005.result.json" ]; then
        printf '{"index":5,"model":"di' >"$d/points/p00005.result.json"
    fi
    run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$d" --resume \
        --jobs "$2" --quiet
    check "$1: --resume exit 0" test "$rc" -eq 0
    check "$1: --resume byte-identical to the uninterrupted run" \
        same_dirs "$tmp/ref" "$d"
    check "$1: no temporary file left" \
        sh -c "! ls '$d/points' | grep -q tmp"
}
crash_case parent1 1 parent:1
crash_case parent3 1 parent:3
crash_case parent2-jobs2 2 parent:2
crash_case cert2 1 point:2:cert
crash_case temp4 2 point:4:temp
crash_case problem0 1 point:0:problem
# Only unfinished points are redone: after 2 of 6, 4 remain.
( (GFCERT_SWEEP_CRASH=parent:2 "$GFCERT" sweep "$tmp/s.json" \
    --out "$tmp/only" >/dev/null 2>&1; true) 2>/dev/null)
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/only" --resume
check "resume after 2 points: 4 to certify, 2 finished before" \
    grep -q '4 points to certify (2 finished before)' "$e"
check "resume after 2 points: byte-identical" same_dirs "$tmp/ref" "$tmp/only"
# A real kill -9 of the parent while it runs (its workers die with it).
"$GFCERT" sweep "$tmp/s.json" --out "$tmp/k9" --quiet >/dev/null 2>&1 &
pid=$!
n=0
while [ ! -e "$tmp/k9/points/p00000.problem.json" ] && [ $n -lt 500 ]; do
    n=$((n + 1))
    sleep 0.01
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/k9" --resume --quiet
check "kill -9 then --resume: byte-identical" same_dirs "$tmp/ref" "$tmp/k9"

# --- shards and merge ------------------------------------------------------
for i in 1 2 3; do
    run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/sh$i" \
        --shard $i/3 --quiet
    check "shard $i/3: exit 0, 2 of 2 points" \
        sh -c "test $rc -eq 0 && grep -q '2 of 2 points finished in this shard' '$o'"
done
check "shard 1/3 holds points 0 and 3 only" \
    test "$(ls "$tmp/sh1/points" | grep result | tr '\n' ' ')" = \
         "p00000.result.json p00003.result.json "
run_gfcert "$o" "$e" merge "$tmp/m" "$tmp/sh1" "$tmp/sh2" "$tmp/sh3"
check "merge of 3 shards: exit 0" test "$rc" -eq 0
check "merge of 3 shards = the single run" same_dirs "$tmp/ref" "$tmp/m"
check "merged timings: 6 lines" test "$(wc -l <"$tmp/m/timings.jsonl")" -eq 6
run_gfcert "$o" "$e" merge "$tmp/m" "$tmp/sh2" "$tmp/ref"
check "merge again into the same OUT (overlap, identical): exit 0" \
    test "$rc" -eq 0
run_gfcert "$o" "$e" merge "$tmp/m2" "$tmp/sh1" "$tmp/sh3"
check "missing shard: exit 3" test "$rc" -eq 3
check "missing shard: lists points 1 and 4" \
    grep -q '2 of 6 points are missing .*: 1, 4$' "$e"
check "missing shard: the others merged" \
    test "$(wc -l <"$tmp/m2/results.jsonl")" -eq 4
cp -r "$tmp/sh1" "$tmp/bad"
sed 's/"precision": [0-9]*/"precision": 1/' "$tmp/sh1/points/p00000.cert.json" \
    >"$tmp/bad/points/p00000.cert.json"
run_gfcert "$o" "$e" merge "$tmp/m3" "$tmp/sh1" "$tmp/bad"
check "overlapping shards that differ: exit 2" test "$rc" -eq 2
check "overlapping shards that differ: names the point" \
    grep -q 'point 0 is in .*sh1 and in .*bad with different files' "$e"
check "overlapping shards that differ: nothing written" test ! -e "$tmp/m3"
# a single shard whose files were edited or swapped is refused
tamper() # NAME: a copy of shard 1 to edit
{
    rm -rf "$tmp/$1"; cp -r "$tmp/sh1" "$tmp/$1"
}
tamper tv
sed -i 's/"verdict":"MATCH"/"verdict":"MISMATCH"/' "$tmp/tv/points/p00003.result.json"
run_gfcert "$o" "$e" merge "$tmp/mt1" "$tmp/tv"
check "merge: a result whose verdict is not its certificate's: exit 2" \
    sh -c "test $rc -eq 2 && grep -q 'point 3: the certificate is not' '$e' && test ! -e '$tmp/mt1'"
tamper tc
cp "$tmp/tc/points/p00000.cert.json" "$tmp/tc/points/p00003.cert.json"
run_gfcert "$o" "$e" merge "$tmp/mt2" "$tmp/tc"
check "merge: point 0's certificate in place of point 3's: exit 2" \
    sh -c "test $rc -eq 2 && grep -q 'point 3' '$e'"
tamper tp
sed -i 's/"alpha": "[^"]*"/"alpha": "0.5"/' "$tmp/tp/points/p00003.problem.json"
run_gfcert "$o" "$e" merge "$tmp/mt3" "$tmp/tp"
check "merge: a point problem with another alpha: exit 2" test "$rc" -eq 2
tamper tl
rm "$tmp/tl/points/p00003.cert.json"
ln -s /etc/hostname "$tmp/tl/points/p00003.cert.json"
run_gfcert "$o" "$e" merge "$tmp/mt4" "$tmp/tl"
check "merge: a symbolic link as a certificate: exit 2" \
    sh -c "test $rc -eq 2 && grep -q 'not a regular file' '$e'"
tamper tt
echo junk >"$tmp/tt/points/p00003.time.json"
run_gfcert "$o" "$e" merge "$tmp/mt5" "$tmp/tt"
check "merge: a junk time file: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" sweep "$tmp/s7.json" --out "$tmp/other" --shard 2/3 \
    --quiet
run_gfcert "$o" "$e" merge "$tmp/m4" "$tmp/sh1" "$tmp/other"
check "shards of different sweeps: exit 2" test "$rc" -eq 2
check "shards of different sweeps: says so" \
    grep -q 'shards of different sweeps cannot be merged' "$e"
run_gfcert "$o" "$e" merge "$tmp/m" "$tmp/other"
check "merge into an OUT of another sweep: exit 2" test "$rc" -eq 2

# --- data files relative to the base problem --------------------------------
cat >"$tmp/npy.json" <<EOF
{"problem": "$cases/b12_fortran.json", "alpha": ["1e-3", "0.5"],
 "digits": 5}
EOF
(cd "$tmp" && "$GFCERT" sweep npy.json --out npy --quiet >"$o" 2>"$e")
check "base with .npy data: exit 0" grep -q '2 of 2 points finished' "$o"
check "base with .npy data: copied into DIR/data" \
    cmp -s "$cases/b12_X_fortran.npy" "$tmp/npy/data/X.npy"
run_gfcert "$o" "$e" verify "$tmp/npy/points/p00001.cert.json"
check "base with .npy data: verify finds the point's data" test "$rc" -eq 0

# --- the values: balls contain the exact numbers ---------------------------
field() { # field INDEX KEY FILE: the string value of KEY on line INDEX
    sed -n "s/^{\"index\":$1,.*\"$2\":\"\([^\"]*\)\".*/\1/p" "$3"
}
for i in 0 5; do
    r=$tmp/ref/results.jsonl
    check "B05 point $i: beta_l1 contains 1/10" \
        "$ballcheck" "$(field $i beta_l1 "$r")" 1/10
    check "B05 point $i: beta_l2 contains 1/10" \
        "$ballcheck" "$(field $i beta_l2 "$r")" 0.1
    check "B05 point $i: dist_min_l2 contains 0" \
        "$ballcheck" "$(field $i dist_min_l2 "$r")" 0
done
check "the ball check can fail: beta_l1 does not contain 0.1001" \
    sh -c "! '$ballcheck' '$(field 0 beta_l1 "$tmp/ref/results.jsonl")' 0.1001"
check "B05: pop_error is null without wstar" \
    grep -q '"pop_error":null' "$tmp/ref/results.jsonl"
cat >"$tmp/d2.json" <<EOF
{"problem": "$top_srcdir/data/diag_d2_n1.json", "alpha": ["0.01", "1"],
 "s": ["0", "0.7"], "digits": 8, "regularizer": ["paper", "general"]}
EOF
run_gfcert "$o" "$e" sweep "$tmp/d2.json" --out "$tmp/d2" --jobs 2 --quiet
check "d2_n1, 8 points with two regularizers: exit 0" \
    sh -c "test $rc -eq 0 && grep -q '8 of 8 points finished: 8 MATCH' '$o'"
check "regularizer is the fastest axis" \
    grep -q '^{"index":1,"model":"diag","regularizer":"general","alpha":"0.01","shape":"s","shape_value":"0",' \
    "$tmp/d2/results.jsonl"
for i in 0 3 6; do
    r=$tmp/d2/results.jsonl
    check "d2_n1 point $i: beta_l1 contains 1" \
        "$ballcheck" "$(field $i beta_l1 "$r")" 1
    check "d2_n1 point $i: beta_l2 contains sqrt(1/2)" \
        "$ballcheck" "$(field $i beta_l2 "$r")" sqrt:1/2
    check "d2_n1 point $i: dist_min_l2 contains 0" \
        "$ballcheck" "$(field $i dist_min_l2 "$r")" 0
done
check "the sqrt check can fail: beta_l2 does not contain sqrt(0.5001)" \
    sh -c "! '$ballcheck' '$(field 0 beta_l2 "$tmp/d2/results.jsonl")' sqrt:0.5001"

# --- bad sweep files: exit 2, the file and the JSON path named ----------------
# bad NAME EXPECTED-TEXT JSON
bad() {
    printf '%s\n' "$3" >"$tmp/bad-$1.json"
    run_gfcert "$o" "$e" sweep "$tmp/bad-$1.json" --out "$tmp/never-$1" --quiet
    check "bad $1: exit 2" test "$rc" -eq 2
    check "bad $1: message names the file" grep -qF "bad-$1.json: " "$e"
    check "bad $1: message says '$2'" grep -qF "$2" "$e"
    check "bad $1: nothing written" test ! -e "$tmp/never-$1"
}
b05="\"problem\": \"$cases/b05_diag_decimal_string.json\""
bad unknown-key 'unknown key "alhpa"' "{$b05, \"alhpa\": [\"1\"]}"
bad alpha-negative 'alpha[1]: the scale alpha must be > 0' \
    "{$b05, \"alpha\": [\"1\", \"-1e-3\"]}"
bad alpha-text 'alpha[0]: "1,5" is not a decimal number' \
    "{$b05, \"alpha\": [\"1,5\"]}"
bad alpha-type 'alpha: a non-empty array' "{$b05, \"alpha\": \"1e-3\"}"
bad s-ratio 's[0]: "1/2" is not a decimal number (a sweep takes decimals only' \
    "{$b05, \"s\": [\"1/2\"]}"
bad alpha-repeat 'alpha[1]: the same value as alpha[0]' \
    "{$b05, \"alpha\": [\"0.1\", \"1e-1\"]}"
bad s-range 's[0]: the shape s must satisfy 0 <= s < 1' \
    "{$b05, \"s\": [\"1\"]}"
bad count 'alpha.count: an integer from 2 to 100000' \
    "{$b05, \"alpha\": {\"log10_from\": -5, \"log10_to\": -1, \"count\": 1}}"
bad range-key 'alpha: unknown key "step"' \
    "{$b05, \"alpha\": {\"log10_from\": -5, \"log10_to\": -1, \"step\": 1}}"
bad significant 'alpha.significant: an integer from 1 to 30' \
    "{$b05, \"alpha\": {\"log10_from\": -5, \"log10_to\": -1, \"count\": 3, \"significant\": 0}}"
bad log-repeat 'alpha[1]: the same value as alpha[0]' \
    "{$b05, \"alpha\": {\"log10_from\": 0, \"log10_to\": \"0.01\", \"count\": 3, \"significant\": 1}}"
bad delta 'delta: a delta axis is not supported' "{$b05, \"delta\": [\"1\"]}"
bad regularizer 'regularizer[0]: model diag (the base' \
    "{$b05, \"regularizer\": [\"candidate-sum\"]}"
bad digits 'digits: an integer from 1 to 100000' "{$b05, \"digits\": 2.5}"
bad max-time 'max_time: a positive number' "{$b05, \"max_time\": \"-5\"}"
bad no-problem 'problem: the base problem' '{"alpha": ["1"]}'
bad missing-base 'problem: ' '{"problem": "no-such-file.json"}'
bad explicit-start 'init.neurons: the sweep sets alpha and s, so the base problem'"'"'s start must use the (alpha, s) shorthand' \
    "{\"problem\": \"$top_srcdir/data/fc_generic_m2.json\"}"
bad syntax 'JSON syntax error' "{$b05, \"alpha\": [\"1\",]}"
bad not-object 'a JSON object was expected' '["1"]'
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/x" --shard 4/3
check "--shard 4/3: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" sweep "$tmp/s.json" --out "$tmp/x" --jobs 0
check "--jobs 0: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" sweep "$tmp/s.json"
check "no --out: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" merge "$tmp/m5" "$tmp/nothing-here"
check "merge of a directory that is not a sweep's: exit 2" test "$rc" -eq 2

done_testing
