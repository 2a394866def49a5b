#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-business.sh: one character typed in a form's Business field to the suggestion list
# redrawn, with 20,000 businesses and 100,000 visits and tasks (bench/business_bench.c:
# the store's reads and the drawing, timed in the program's own functions). Target
# (issue 13): median under 5 ms. Figures go to stdout; BENCHMARKS.md discusses them.
set -u
here=$(cd "${0%/*}" && pwd)
B=${BENCH_BUILD:-$here/../build}
NB=${BUSINESS_BENCH_BUSINESSES:-20000}
NR=${BUSINESS_BENCH_RECORDS:-100000}
SAMPLES=${BUSINESS_BENCH_SAMPLES:-2000}
W=$(mktemp -d "${TMPDIR:-/tmp}/b-business.XXXXXX")
trap 'rm -rf "$W"' EXIT
export HOME="$W" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color

[ -x "$B/bench/business_bench" ] || {
	echo "b-business: $B/bench/business_bench is missing (make $B/bench/business_bench)"
	exit 1
}
"$B/bench/business_bench" "$W/d" "$NB" "$NR" "$SAMPLES" || exit 1
echo "database: $(du -m "$W/d/volunteer.db" | cut -f1) MB"
# The figure a second time on the same store: the first run's pages are warm now.
"$B/bench/business_bench" "$W/d" "$NB" "$NR" "$SAMPLES" | grep -v '^plan' || exit 1
