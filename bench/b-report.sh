#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-report: `volunteer report` over 100,000 records of 25 volunteers (DESIGN.md: < 1 s),
# per municipality, per volunteer and per month, and the CSV export of them all. The peer,
# measured in the same run on the same database, is the sqlite3 shell summing one JSON
# field per municipality: about the least any report over these files can cost.
set -eu
V=${VOLUNTEER:-./volunteer}
B=${BENCH_BUILD:-build}
N=${BENCH_REPORT_N:-100000}
RUNS=${BENCH_REPORT_RUNS:-7}
. "${0%/*}/lib.sh"
bench_report_data "$N"
median() { bench_median "$RUNS" 0 "$@"; }	# command...: median wall time in ms

cfg="--config $w/v.ini"
muni=$(median "$V" $cfg report --by municipality)
vol=$(median "$V" $cfg report --by volunteer)
month=$(median "$V" $cfg report --by month --csv)
since=$(median "$V" $cfg report --by municipality --from 2026-07-01)
export_ms=$(median "$V" $cfg export --csv -o "$w/all.csv")
echo "volunteer report at $N records: by municipality ${muni} ms, by volunteer ${vol} ms," \
	"by month (CSV) ${month} ms, half a year by municipality ${since} ms"
echo "volunteer export --csv of $N records: ${export_ms} ms"

if command -v sqlite3 >/dev/null; then
	peer=$(median sqlite3 "$w/data/volunteer.db" "SELECT municipality, count(*),
		sum(json_extract(body, '\$.fields.duration_min')) FROM record WHERE deleted = 0
		GROUP BY municipality")
	echo "sqlite3 shell, one JSON field summed per municipality: ${peer} ms"
	python3 -c 'import sys; m, p = map(float, sys.argv[1:]); print("ratio report / sqlite3 floor: %.2fx" % (m / p))' "$muni" "$peer"
else
	echo "sqlite3 shell not installed: no floor measured"
fi
python3 -c 'import sys; w = max(map(float, sys.argv[1:])); print("slowest report %.0f ms: target < 1000 ms: %s" % (w, "met" if w < 1000 else "NOT MET"))' \
	"$muni" "$vol" "$month" "$since"
