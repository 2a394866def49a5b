#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-million.sh: a programme running for years, at 1,000,000 records (issue 15): the
# screens (first screen, a page at any offset, resident memory: bench/b-tui.sh), the
# report over everything and the search (bench/b-report.sh's database), and, with
# MILLION_SYNC=1, the first import against git clone and the sync of one record against
# the git workflow, with their resident memory (bench/b-sync.sh).
# MILLION_SCHEMA9=DIR (a data folder of schema 9, e.g. one the tree before schema 10's
# report_gen made) times the migration to schema 10 on a copy of it, and the report of
# the same records before (MILLION_OLD_VOLUNTEER, that tree's program) and after.
# Long (tens of minutes, several GB of disk): `make bench` runs it only with
# BENCH_MILLION=1. Targets: first screen < 50 ms, a page < 5 ms, search < 50 ms, report
# < 5 s, UI memory < 30 MB, sync of one record >= 10x the git workflow.
set -u
here=$(cd "${0%/*}" && pwd)
V=${VOLUNTEER:-$here/../volunteer}
B=${BENCH_BUILD:-$here/../build}
N=${MILLION_N:-1000000}
# median of RUNS whole runs of the command, in ms, after one warm-up
. "${0%/*}/lib.sh"
median() { BENCH_RANGE=1 bench_median "${MILLION_RUNS:-3}" 0 "$@"; }
# search: the first page of each kind of words (core/store_search.c chooses the plan);
# with a third argument, that many rows' ids (220: the page at offset 200 and those
# before it, as the list reads them when scrolled down ten pages)
# median_cpu: median() with the CPU time (user + system, getrusage) of the same runs,
# which a loaded machine moves less than the wall time
median_cpu() {
	python3 - "${MILLION_RUNS:-3}" "$@" <<'PY'
import resource, subprocess, sys, time, statistics
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
t, c = [], []
for _ in range(runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    t.append(time.perf_counter() - s)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    c.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
print("%.0f ms (%.0f-%.0f), CPU %.1f ms (%.1f-%.1f)" % (statistics.median(t) * 1000,
    min(t) * 1000, max(t) * 1000, statistics.median(c) * 1000, min(c) * 1000, max(c) * 1000))
PY
}
search() {
	if [ $# -gt 2 ]; then
		echo "search, $1 (list --all --search '$2' --limit $3 --ids): $(median_cpu "$V" $cfg list --all --search "$2" --limit "$3" --ids)  [target < 50 ms]"
		return
	fi
	echo "search, $1 (list --all --search '$2' --limit 20): $(median_cpu "$V" $cfg list --all --search "$2" --limit 20)  [target < 50 ms]"
}
searches() {
	search "a word of every record" tienda
	search "one business of 20,000 (a rare word)" 'Negocio 12345'
	search "a common word whose records are all old (a village of 2025)" almazan
	search "a prefix being typed" tien
	search "a prefix being typed after a word" 'negocio 123'
	search "two words" 'retail web'
	search "a word of every record, 220 rows" tienda 220
	search "a common word whose records are all old, 220 rows" almazan 220
	search "two words, 220 rows" 'retail web' 220
	echo "search's count, a word of every record (list --all --search tienda --count): $(median_cpu "$V" $cfg list --all --search tienda --count)"
	echo "search's count, a common word whose records are all old (list --all --search almazan --count): $(median_cpu "$V" $cfg list --all --search almazan --count)"
}
# MILLION_SEARCH_CONFIG=v.ini: only the searches, on that configuration's database (a copy
# of this script's, kept): the before and after of a change to the search, one after the
# other with VOLUNTEER pointing at each program.
if [ -n "${MILLION_SEARCH_CONFIG:-}" ]; then
	cfg="--config $MILLION_SEARCH_CONFIG"
	searches
	exit 0
fi
if [ "${BENCH_MILLION:-0}" != 1 ]; then
	echo "b-million: skipped (BENCH_MILLION=1 runs it: tens of minutes, several GB)"
	exit 0
fi
export VOLUNTEER="$V" BENCH_BUILD="$B"

echo "-- the screens at $N records (bench/b-tui.sh)"
TUI_BENCH_RECORDS=$N TUI_BENCH_RUNS=${MILLION_RUNS:-3} sh "$here/b-tui.sh" |
	sed 's/\[target < 20:/[the 1,000,000 target is < 30 MB; < 20:/'

echo "-- report and search at $N records"
bench_report_data "$N"
cfg="--config $w/v.ini"
echo "report --by municipality over everything: $(median "$V" $cfg report --by municipality)  [target < 5 s]"
echo "report --by month --csv over everything: $(median "$V" $cfg report --by month --csv)"
echo "report --csv over everything (by municipality): $(median "$V" $cfg report --csv)  [target < 5 s]"
echo "the programme report over everything (report --format html): $(median "$V" $cfg report --format html -o "$w/programme.html")"
searches
echo "count (list --all --count): $(median "$V" $cfg list --all --count)"
rm -rf "$w/data"

if [ -n "${MILLION_SCHEMA9:-}" ]; then
	echo "-- the migration to schema 10 at $N records (a copy of $MILLION_SCHEMA9)"
	cp -r "$MILLION_SCHEMA9" "$w/data" || exit 1
	old=${MILLION_OLD_VOLUNTEER:-}
	[ -n "$old" ] &&
		echo "before, report --csv (schema 9, $old): $(median "$old" $cfg report --csv)"
	/usr/bin/time -f "the migration (the first open): %e s, user %U s, system %S s" \
		"$V" $cfg list --all --count >/dev/null
	echo "after, report --csv (schema 10): $(median "$V" $cfg report --csv)"
	rm -rf "$w/data"
fi

# The repository (bench/gen-sync's fast-import stream, about 6 minutes, 320 MB) is kept in
# bench/out/sync, or MILLION_SYNC_CACHE=DIR (remote-N.git there, a link to one will do).
if [ "${MILLION_SYNC:-0}" = 1 ]; then
	echo "-- first import and sync of one record at $N records (bench/b-sync.sh)"
	SYNC_SIZES=$N SYNC_REPS=${MILLION_RUNS:-3} SYNC_RSS=1 \
		SYNC_PARTS=${MILLION_SYNC_PARTS:-"import one"} \
		SYNC_CACHE=${MILLION_SYNC_CACHE:-$here/out/sync} sh "$here/b-sync.sh"
else
	echo "-- sync at $N: skipped (MILLION_SYNC=1: tens of minutes, some 20 GB of disk while it runs)"
fi
