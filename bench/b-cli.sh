#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-cli: add, count and the first page of the list at 10,000 records, against taskwarrior
# with 10,000 tasks in the same run (the baseline of DESIGN.md). Needs hyperfine and
# taskwarrior (apt-get install hyperfine taskwarrior); skips the baseline without them.
set -eu
V=${VOLUNTEER:-./volunteer}
B=${BENCH_BUILD:-build}
N=${BENCH_CLI_N:-10000}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
export HOME="$w" TASKRC="$w/taskrc" TASKDATA="$w/task"
"$V" --config "$w/v.ini" init --id maria --name María --municipality Almazán \
	--data-dir "$w/data" >/dev/null
"$B/bench/cli_gen" "$w/data" "$N"
cfg="--config $w/v.ini"

. "${0%/*}/lib.sh"
median() { bench_hyperfine 30 2 "$@"; }	# command...: median wall time in ms

add=$(median "$V" $cfg add visit business=Bench municipality=Almazán)
count=$(median "$V" $cfg list --all --count)
page=$(median "$V" $cfg list --all --limit 20)
echo "volunteer at $N records: add ${add} ms, count ${count} ms, first page ${page} ms"

if command -v task >/dev/null; then
	printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$TASKDATA" >"$TASKRC"
	python3 -c '
import json, sys, uuid
n = int(sys.argv[1])
for i in range(n):
    print(json.dumps({"uuid": str(uuid.uuid4()), "description": "Negocio %d" % i, "status": "pending",
                      "entry": "20260101T000000Z", "project": "muni%d" % (i % 10)}))' "$N" >"$w/tasks.json"
	task rc.confirmation=off import "$w/tasks.json" >/dev/null 2>&1
	tadd=$(median task rc.confirmation=off add Bench)
	tcount=$(median task count)
	tlist=$(median task limit:20 list)
	echo "taskwarrior at $N tasks: add ${tadd} ms, count ${tcount} ms, list ${tlist} ms"
	python3 -c 'import sys; a=list(map(float, sys.argv[1:])); print("ratios (taskwarrior / volunteer, target >= 10): add %.1fx, count %.1fx, first page %.1fx" % (a[3]/a[0], a[4]/a[1], a[5]/a[2]))' \
		"$add" "$count" "$page" "$tadd" "$tcount" "$tlist"
else
	echo "taskwarrior not installed: no baseline (apt-get install taskwarrior)"
fi
