#!/bin/bash
# gfcert benchmark: instances B1 to B4 (defined in bench/README.md), gfcert
# next to its uncertified peers, one table on stdout.  Progress goes to
# stderr.
#
#   bench/run.sh                      # default subset, about 8 minutes
#   BENCH_B2=all bench/run.sh         # every B2 cell, about 20 minutes more
#
# Environment:
#   GFCERT          gfcert binary (default ../src/gfcert next to this script;
#                   this script builds nothing)
#   BENCH_DATA      folder with diag_d100_n10_{X,y,wstar}.npy and
#                   paper_alpha1e-4_s0.5.json (default ../data)
#   BENCH_N         runs per B1 measurement, median reported (default 3)
#   BENCH_FC        1 (default): also B3 and B4, the fully connected models
#   BENCH_B2        default | all | none: which B2 cells to run
#   BENCH_B2_N      runs per B2 cell (default 1: the slow cells dominate)
#   BENCH_B2_PEERS  1 to run the peers on B2 cells too (default 1), 0 not
#   BENCH_MAX_TIME  --max-time for every gfcert run, seconds (default 300),
#                   so that the script always ends
#   BENCH_KEEP      a folder to keep the problem files, certificates and
#                   raw records in (default: a temporary folder, removed)
#
# Exit status: 0 when every run gave MATCH or INCONCLUSIVE, 1 when any gave
# MISMATCH or failed (printed with "!!!"), 2 when a tool is missing.

set -u

here=$(cd "$(dirname "$0")" && pwd)
GFCERT=${GFCERT:-$here/../src/gfcert}
DATA=${BENCH_DATA:-$here/../data}
N=${BENCH_N:-3}
B2=${BENCH_B2:-default}
B2_N=${BENCH_B2_N:-1}
B2_PEERS=${BENCH_B2_PEERS:-1}
MAXTIME=${BENCH_MAX_TIME:-300}
PY=/usr/bin/python3   # Debian's python, where python3-numpy/scipy live

die() { echo "run.sh: $*" >&2; exit 2; }

# Missing tools are reported, not worked around: a benchmark that silently
# measured something else would be worse than none.
[ -x "$GFCERT" ] || die "no gfcert binary at $GFCERT (build it, or set GFCERT)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install -y time"
[ -x "$PY" ] || die "$PY is missing: apt-get install -y python3"
"$PY" -c 'import numpy, scipy' 2>/dev/null \
    || die "numpy/scipy missing for $PY: apt-get install -y python3-numpy python3-scipy"
DATA=$(cd "$DATA" 2>/dev/null && pwd) || die "no data folder $DATA"
for f in diag_d100_n10_X.npy diag_d100_n10_y.npy paper_alpha1e-4_s0.5.json; do
    [ -r "$DATA/$f" ] || die "missing $DATA/$f"
done
case "$B2" in default|all|none) ;; *) die "BENCH_B2 must be default, all or none";; esac

if [ -n "${BENCH_KEEP:-}" ]; then
    work=$BENCH_KEEP
    mkdir -p "$work" || die "cannot create $work"
else
    work=$(mktemp -d) || die "mktemp failed"
    trap 'rm -rf "$work"' EXIT
fi
runs=$work/runs.tsv
peers=$work/peers.jsonl
: > "$runs"
: > "$peers"

# run_gfcert INSTANCE PROBLEM DIGITS COUNT: COUNT timed certify runs; the
# last certificate is kept as $work/INSTANCE.dDIGITS.json.
run_gfcert() {
    local inst=$1 prob=$2 digits=$3 count=$4 i rc wall kb
    local cert=$work/$inst.d$digits.json
    for i in $(seq 1 "$count"); do
        echo "  gfcert certify $inst --digits $digits (run $i/$count)" >&2
        /usr/bin/time -f '%e %M' -o "$work/time.out" \
            "$GFCERT" certify "$prob" --digits "$digits" --json --quiet \
            --max-time "$MAXTIME" > "$cert" 2> "$work/$inst.d$digits.err"
        rc=$?
        # GNU time puts "Command exited with non-zero status" (or "Command
        # terminated by signal") before its own line: take the last line.
        read -r wall kb < <(tail -n 1 "$work/time.out")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$inst" "$prob" "$digits" \
            "$i" "$rc" "$wall" "$kb" "$cert" >> "$runs"
        # B4's right answer is MISMATCH (exit 1); elsewhere 1 is an alarm.
        case "$inst:$rc" in B4*:1) continue ;; esac
        if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
            echo "  !!! exit status $rc; stderr:" >&2
            sed 's/^/      /' "$work/$inst.d$digits.err" >&2
        fi
    done
}

run_peers() {
    local inst=$1 prob=$2 cert=$3 count=$4
    echo "  peers on $inst (repeat $count)" >&2
    "$PY" "$here/peers.py" "$prob" "$cert" --repeat "$count" \
        --label "$inst" >> "$peers" || echo "  !!! peers.py failed on $inst" >&2
}

echo "gfcert benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "gfcert: $GFCERT ($("$GFCERT" --version 2>/dev/null | head -n 1 || true))"
echo

# B1: the paper's instance as shipped in data/.
B1=$DATA/paper_alpha1e-4_s0.5.json
echo "B1" >&2
run_gfcert B1 "$B1" 12 "$N"
run_gfcert B1 "$B1" 30 "$N"
run_peers B1 "$B1" "$work/B1.d30.json" "$N"

# B2: the same data, a grid of scales and shapes.  One alpha = 1e-30 certify
# takes 3 to 5 minutes, so the default keeps a single cell of that row;
# "all" adds the rest of it and the alpha = 1e-1 row.
case "$B2" in
    all)     alphas="1e-1 1e-2 1e-4 1e-8 1e-30" ;;
    default) alphas="1e-2 1e-4 1e-8 1e-30" ;;
    none)    alphas="" ;;
esac
for a in $alphas; do
    for s in 0 0.5 0.9 0.99; do
        if [ "$B2" = default ] && [ "$a" = 1e-30 ] && [ "$s" != 0.5 ]; then
            continue
        fi
        inst=B2_a${a}_s$s
        prob=$work/$inst.json
        cat > "$prob" <<EOF
{
    "model": "diag",
    "X": "$DATA/diag_d100_n10_X.npy",
    "y": "$DATA/diag_d100_n10_y.npy",
    "init": {"alpha": "$a", "s": "$s"},
    "regularizer": "paper"
}
EOF
        echo "$inst" >&2
        run_gfcert "$inst" "$prob" 12 "$B2_N"
        [ "$B2_PEERS" = 1 ] && run_peers "$inst" "$prob" "$work/$inst.d12.json" 1
    done
done

# B3 and B4: the fully connected models on the same data (bench/README.md);
# the peers above are for the diagonal model only.
if [ "${BENCH_FC:-1}" = 1 ]; then
    for inst in B3:b3_fc1_alpha1_s0.5 B4_m2:b4_fc_m2_alpha0.1_s0.5 \
                B4_m4:b4_fc_m4_alpha0.1_s0.5; do
        echo "${inst%%:*}" >&2
        run_gfcert "${inst%%:*}" "$DATA/${inst#*:}.json" 30 1
    done
fi

echo "B1: --digits 12 and 30, median of $N runs each; peers median of $N."
[ "${BENCH_FC:-1}" = 1 ] && echo "B3, B4 (m = 2, 4): --digits 30, one run each" \
    "(BENCH_FC=0 leaves them out); B4's right answer is MISMATCH."
if [ "$B2" = default ]; then
    echo "B2: default subset, alpha in {1e-2, 1e-4, 1e-8} x s in {0, 0.5, 0.9, 0.99}" \
         "and (alpha, s) = (1e-30, 0.5); BENCH_B2=all runs all of alpha = 1e-30" \
         "(3-5 minutes per cell) and alpha = 1e-1 too."
fi
[ "$B2" != none ] && echo "B2: --digits 12, $B2_N run(s) per cell; --max-time $MAXTIME s."
echo
"$PY" "$here/table.py" "$runs" "$peers"
