# SPDX-License-Identifier: GPL-3.0-or-later
# bench/lib.sh: what the benchmark scripts share. Sourced, not run.

# bench_median RUNS DIGITS COMMAND...: the median wall time of COMMAND in milliseconds over
# RUNS runs after one warm-up, with DIGITS decimals, and " (min-max)" after it when
# BENCH_RANGE=1. A command that fails stops the script: a figure of a failure is no figure.
bench_median() {
	python3 - "$@" <<'PY'
import os, subprocess, sys, time, statistics
runs, digits, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
t = []
for _ in range(runs):
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    t.append((time.perf_counter() - s) * 1000)
out = "%.*f" % (digits, statistics.median(t))
if os.environ.get("BENCH_RANGE") == "1":
    out += " ms (%.*f-%.*f)" % (digits, min(t), digits, max(t))
print(out)
PY
}

# bench_hyperfine RUNS DIGITS COMMAND...: the same through hyperfine when it is installed
# (three warm-ups, no shell between), else bench_median.
bench_hyperfine() {
	_runs=$1 _digits=$2
	shift 2
	if command -v hyperfine >/dev/null; then
		_json=$(mktemp "${TMPDIR:-/tmp}/bench-h.XXXXXX")
		hyperfine -N -w 3 -r "$_runs" --export-json "$_json" "$*" >/dev/null 2>&1
		python3 -c 'import json,sys; print("%.*f" % (int(sys.argv[2]), json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$_json" "$_digits"
		rm -f "$_json"
	else
		bench_median "$_runs" "$_digits" "$@"
	fi
}

# bench_report_data N: a temporary folder $w (removed at exit; HOME too) holding a
# coordinator's configuration, $w/v.ini, and a data folder, $w/data, with N records of 25
# volunteers made by bench/report_gen. Needs V (the program) and B (the build folder).
bench_report_data() {
	w=$(mktemp -d "${TMPDIR:-/tmp}/bench-report.XXXXXX")
	trap 'rm -rf "$w"' EXIT
	export HOME="$w"
	"$V" --config "$w/v.ini" init --id coord --name Coordinación --role coordinator \
		--data-dir "$w/data" >/dev/null || exit 1
	_t0=$(date +%s)
	"$B/bench/report_gen" "$w/data" "$1" || exit 1
	echo "generated $1 records in $(( $(date +%s) - _t0 )) s; database" \
		"$(du -m "$w/data/volunteer.db" | cut -f1) MB"
}
