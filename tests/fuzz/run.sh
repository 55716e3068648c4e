#!/bin/sh
# Runs libFuzzer targets on scratch copies of their seeds, for `make fuzz`
# and `make fuzz-smoke` (tests/fuzz/local.mk sets the environment):
#   FUZZ_SRCDIR   the source tree (seeds: tests/fuzz/corpus/NAME and the
#                 fixtures named by FUZZ_FIXTURE_SEEDS, TARGET:GLOB pairs)
#   FUZZ_SECONDS  time per target; FUZZ_MAX_LEN its -max_len
#   FUZZ_SEED     libFuzzer's -seed (0 or unset: random); the smoke run
#                 fixes it so CI repeats the same mutations
#   FUZZ_OUT      where logs and crash files go (the build tree)
# Arguments: the targets (NAME for tests/fuzz/fuzz_NAME). Prints one
# "PASS: fuzz_NAME" or "FAIL: fuzz_NAME" line per target with its figures,
# then "fuzz: N passed, M failed"; exits 1 when any target crashed.
set -u
out=${FUZZ_OUT:-tests/fuzz}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 failed=
for t in "$@"; do
	prog=./tests/fuzz/fuzz_$t
	if ! test -x "$prog"; then
		echo "FAIL: fuzz_$t (not built)"; fail=$((fail + 1)); failed="$failed $t"; continue
	fi
	mkdir -p "$tmp/$t"
	if test -d "$FUZZ_SRCDIR/tests/fuzz/corpus/$t"; then
		cp "$FUZZ_SRCDIR/tests/fuzz/corpus/$t"/* "$tmp/$t/" 2>/dev/null
	fi
	for s in ${FUZZ_FIXTURE_SEEDS:-}; do
		case $s in "$t":*) ;; *) continue ;; esac
		g=${s#*:}
		for f in "$FUZZ_SRCDIR/tests/fixtures/"$g; do
			case $f in *.expected*) continue ;; esac
			test -f "$f" && cp "$f" "$tmp/$t/fixture-${g%%/*}-${f##*/}"
		done
	done
	log=$out/fuzz_$t.log
	nseeds=$(ls "$tmp/$t" | wc -l)
	if "$prog" -max_len="${FUZZ_MAX_LEN:-65536}" -max_total_time="${FUZZ_SECONDS:-30}" \
	    -seed="${FUZZ_SEED:-0}" -print_final_stats=1 -artifact_prefix="$out/$t-" \
	    "$tmp/$t" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		last=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -n 1)
		cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
		ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
		corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
		echo "PASS: fuzz_$t ($nseeds seeds, ${FUZZ_SECONDS:-30} s, ${runs:-?} runs," \
		    "cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?})"
		pass=$((pass + 1))
	else
		tail -n 40 "$log"
		echo "FAIL: fuzz_$t (see $log and $out/$t-crash-* or $t-leak-*)"
		fail=$((fail + 1)); failed="$failed $t"
	fi
done
echo "fuzz: $pass passed, $fail failed${failed:+ (crashes in:$failed)}"
test "$fail" -eq 0
