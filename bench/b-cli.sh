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
# add_times command...: "WALL CPU", the median wall time and the mean CPU time (user +
# system) in ms of 30 runs after 3 warm-ups. CPU time is the steadier figure on a
# machine that others load: the wall time of an add is mostly waiting there, for a CPU
# and for its one fdatasync. Without hyperfine: the wall time, and "-".
add_times() {
	if ! command -v hyperfine >/dev/null; then
		echo "$(bench_median 30 2 "$@") -"
		return
	fi
	_json=$(mktemp "${TMPDIR:-/tmp}/bench-h.XXXXXX")
	hyperfine -N -w 3 -r 30 --export-json "$_json" "$*" >/dev/null 2>&1
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]
print("%.2f %.2f" % (r["median"] * 1000, (r["user"] + r["system"]) * 1000))' "$_json"
	rm -f "$_json"
}

set -- $(add_times "$V" $cfg add visit business=Bench municipality=Almazán)
add=$1 addcpu=$2
count=$(median "$V" $cfg list --all --count)
page=$(median "$V" $cfg list --all --limit 20)
echo "volunteer at $N records: add ${add} ms (CPU ${addcpu} ms), count ${count} ms, first page ${page} ms"

if command -v task >/dev/null; then
	printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$TASKDATA" >"$TASKRC"
	python3 -c '
import json, sys, uuid
n = int(sys.argv[1])
for i in range(n):
    print(json.dumps({"uuid": str(uuid.uuid4()), "description": "Negocio %d" % i, "status": "pending",
                      "entry": "20260101T000000Z", "project": "muni%d" % (i % 10)}))' "$N" >"$w/tasks.json"
	task rc.confirmation=off import "$w/tasks.json" >/dev/null 2>&1
	set -- $(add_times task rc.confirmation=off add Bench)
	tadd=$1 taddcpu=$2
	tcount=$(median task count)
	tlist=$(median task limit:20 list)
	echo "taskwarrior at $N tasks: add ${tadd} ms (CPU ${taddcpu} ms), count ${tcount} ms, list ${tlist} ms"
	python3 -c 'import sys; a=list(map(float, sys.argv[1:])); print("ratios (taskwarrior / volunteer, target >= 10): add %.1fx, count %.1fx, first page %.1fx" % (a[3]/a[0], a[4]/a[1], a[5]/a[2]))' \
		"$add" "$count" "$page" "$tadd" "$tcount" "$tlist"
	if [ "$addcpu" != - ]; then
		python3 -c 'import sys; print("add in CPU time: %.1fx" % (float(sys.argv[2]) / float(sys.argv[1])))' "$addcpu" "$taddcpu"
	fi
	# The two adds alternated one by one (BENCH_CLI_PAIRS of each), so that both meet
	# the same moments of a load that moves: hyperfine above runs 30 of one, then 30 of
	# the other, seconds apart. Wall time, and CPU time from the child's rusage.
	python3 - "${BENCH_CLI_PAIRS:-60}" "$V" "$w/v.ini" <<'PY'
import os, statistics, subprocess, sys, time
n, v, ini = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cmds = {"volunteer": [v, "--config", ini, "add", "visit", "business=Bench", "municipality=Almazán"],
        "task": ["task", "rc.confirmation=off", "add", "Bench"]}
wall = {k: [] for k in cmds}
cpu = {k: [] for k in cmds}
for i in range(n + 2):
    for k, c in cmds.items():
        s = time.perf_counter()
        p = subprocess.Popen(c, stdout=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        t = (time.perf_counter() - s) * 1000
        if status != 0:
            sys.exit("%s failed" % k)
        if i >= 2:	# two warm-ups
            wall[k].append(t)
            cpu[k].append((ru.ru_utime + ru.ru_stime) * 1000)
m = {k: statistics.median(wall[k]) for k in cmds}
c = {k: statistics.median(cpu[k]) for k in cmds}
print("add alternated with taskwarrior's, %d each: volunteer %.2f ms (CPU %.2f), task %.2f ms (CPU %.2f): %.1fx wall, %.1fx CPU"
      % (n, m["volunteer"], c["volunteer"], m["task"], c["task"], m["task"] / m["volunteer"], c["task"] / c["volunteer"]))
PY
else
	echo "taskwarrior not installed: no baseline (apt-get install taskwarrior)"
fi
