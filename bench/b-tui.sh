#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-tui.sh: the terminal UI with 100,000 records of one volunteer (bench/tui_gen.c):
# time to the first screen, resident memory after paging, and the time of each page read.
# Targets (DESIGN.md): first screen < 50 ms, resident memory < 20 MB, a page < 5 ms at
# any offset. Figures go to stdout; BENCHMARKS.md discusses them.
set -u
here=$(cd "${0%/*}" && pwd)
B=${BENCH_BUILD:-$here/../build}
V=${VOLUNTEER:-$here/../volunteer}
N=${TUI_BENCH_RECORDS:-100000}
PAGES=${TUI_BENCH_PAGES:-300}
RUNS=${TUI_BENCH_RUNS:-5}
W=$(mktemp -d "${TMPDIR:-/tmp}/b-tui.XXXXXX")
trap 'rm -rf "$W"' EXIT
export HOME="$W" XDG_CONFIG_HOME="$W/config" XDG_DATA_HOME="$W/data" TZ=UTC
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR VOLUNTEER_CONFIG LANGUAGE

for tool in tui_gen tui_pty; do
	[ -x "$B/bench/$tool" ] || { echo "b-tui: $B/bench/$tool is missing (make bench)"; exit 1; }
done
"$V" --config "$W/v.ini" init --id bench --name Bench --municipality Almazán \
	--data-dir "$W/d" >/dev/null || exit 1
t0=$(date +%s%N)
"$B/bench/tui_gen" "$W/d" "$N" bench || exit 1
t1=$(date +%s%N)
echo "records: $N (generated in $(( (t1 - t0) / 1000000 )) ms; database $(du -m "$W/d/volunteer.db" | cut -f1) MB)"

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'; }
max() { sort -n | awk '{ m = $1 } END { print (NR ? m : "-") }'; }

# The first start after the import: SQLite reads the write-ahead log of the import back.
"$B/bench/tui_pty" 80 24 '? help' 0 -- "$V" --config "$W/v.ini" > "$W/out.0" || {
	cat "$W/out.0"; exit 1; }
cold=$(awk '/^first_screen_ms/ { print $2 }' "$W/out.0")

: > "$W/first" ; : > "$W/rss" ; : > "$W/hwm"
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	VOLUNTEER_UI_TRACE="$W/trace.$i" "$B/bench/tui_pty" 80 24 '? help' "$PAGES" -- \
		"$V" --config "$W/v.ini" > "$W/out.$i" || { cat "$W/out.$i"; exit 1; }
	awk '/^first_screen_ms/ { print $2 }' "$W/out.$i" >> "$W/first"
	awk '/^rss_kb/ { print $2 }' "$W/out.$i" >> "$W/rss"
	awk '/^hwm_kb/ { print $2 }' "$W/out.$i" >> "$W/hwm"
done
cat "$W"/trace.* > "$W/trace"
first=$(median < "$W/first")
rss=$(median < "$W/rss")
hwm=$(max < "$W/hwm")
key_med=$(awk '$1 == "page_ms" && $6 == "key" { print $2 }' "$W/trace" | median)
key_max=$(awk '$1 == "page_ms" && $6 == "key" { print $2 }' "$W/trace" | max)
deepest=$(awk '$1 == "page_ms" && $6 == "key" { print $4 }' "$W/trace" | max)
back_med=$(awk '$1 == "page_ms" && $7 == "backwards" { print $2 }' "$W/trace" | median)
back_max=$(awk '$1 == "page_ms" && $7 == "backwards" { print $2 }' "$W/trace" | max)
count=$(awk '$1 == "count_ms" { print $2 }' "$W/trace" | median)
inproc=$(awk '$1 == "first_screen_ms" { print $2 }' "$W/trace" | median)

verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "-" && v + 0 < t + 0) ? "ok" : "OVER" }'; }
echo "first screen (fork to key hints drawn), median of $RUNS: $first ms  [target < 50: $(verdict "$first" 50)]"
echo "  of which inside the program (config, store, forms, first page): $inproc ms"
echo "  the very first start after generating the records: $cold ms"
echo "resident memory after $PAGES pages, End, PgUp x5, tabs: $((rss / 1024)) MB (peak $((hwm / 1024)) MB)  [target < 20: $(verdict "$((hwm / 1024))" 20)]"
echo "page read by key (PgDn/PgUp/tabs/End, down to row $deepest): median $key_med ms, max $key_max ms  [target < 5: $(verdict "$key_max" 5)]"
echo "  of which read backwards (End, and PgUp from there): median $back_med ms, max $back_max ms"
echo "count of the records shown (after the first screen, off the key path): median $count ms"
