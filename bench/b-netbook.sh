#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-netbook.sh: the command-line and screen figures on an old netbook, emulated by a CPU
# limit of 20 % of one core: a cpu cgroup with a 10 ms period and a 2 ms quota (a 100 ms
# period would let a short command run unthrottled). Each figure is measured inside the
# group and outside it, in the same run, on a store of NETBOOK_SIZE records imported from
# bench/gen-sync's repository. The group is made here and removed at the end; cgroup v1
# (/sys/fs/cgroup/cpu) and v2 (cpu.max) are both handled. Needs root. Not a test.
#
#   NETBOOK_SIZE=100000   records
#   NETBOOK_REPS=5        runs per figure (median, min-max)
set -u
here=$(cd "${0%/*}" && pwd)
top=$(cd "$here/.." && pwd)
V=${VOLUNTEER:-$top/volunteer}
B=${BENCH_BUILD:-$top/build}
N=${NETBOOK_SIZE:-100000}
REPS=${NETBOOK_REPS:-5}
CACHE=$here/out/sync
W=$(mktemp -d "${TMPDIR:-/tmp}/b-netbook.XXXXXX")
CG=
cleanup() {
	if [ -n "$CG" ] && [ -d "$CG" ]; then
		# back to the parent group, then the (empty) group can go
		for p in $(cat "$CG/cgroup.procs" 2>/dev/null); do echo "$p" >"${CG%/*}/cgroup.procs"; done
		rmdir "$CG" 2>/dev/null || echo "b-netbook: could not remove $CG"
	fi
	rm -rf "$W"
}
trap cleanup EXIT INT TERM
export HOME="$W/home" XDG_CONFIG_HOME="$W/home/.config" LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC
unset NO_COLOR VOLUNTEER_CONFIG LANGUAGE
mkdir -p "$HOME" "$CACHE"

# The group: v1 when a cpu hierarchy of its own is mounted, else v2.
if [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
	CG=/sys/fs/cgroup/cpu/volunteer-netbook-$$
	mkdir "$CG" && echo 10000 >"$CG/cpu.cfs_period_us" && echo 2000 >"$CG/cpu.cfs_quota_us" ||
		{ echo "b-netbook: cannot make a cgroup v1 cpu group (root?)"; CG=; exit 1; }
	kind="cgroup v1, cpu.cfs_period_us 10000, cpu.cfs_quota_us 2000"
elif [ -f /sys/fs/cgroup/cgroup.controllers ] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
	echo +cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
	CG=/sys/fs/cgroup/volunteer-netbook-$$
	mkdir "$CG" && echo "2000 10000" >"$CG/cpu.max" ||
		{ echo "b-netbook: cannot make a cgroup v2 group with cpu.max (root?)"; CG=; exit 1; }
	kind="cgroup v2, cpu.max 2000 10000"
else
	echo "b-netbook: no cpu cgroup controller on this machine"; exit 1
fi

cp "$V" "$W/volunteer-under-test" || exit 1
if [ -d "$B/modules" ]; then
	mkdir -p "$W/modules" && cp "$B"/modules/*.so "$W/modules/" 2>/dev/null
	export VOLUNTEER_MODULEDIR="$W/modules"
fi
V=$W/volunteer-under-test
vol() { "$V" --config "$W/vol.ini" "$@"; }
# limited CMD...: CMD inside the group (its children too). A subshell (a fork, no exec)
# moves itself into the group, its pid read from /proc/self/stat by the shell's own
# `read`, then execs CMD: `sh -c` put a whole shell's start (1.3 ms of CPU, 6 ms at 20 %)
# inside every limited figure.
limited() {
	( read -r _pid _rest </proc/self/stat && echo "$_pid" >"$CG/cgroup.procs" && exec "$@" )
}
plain() { "$@"; }
# timed WHERE CMD...: milliseconds of one run of CMD, plainly or limited
timed() {
	_w=$1; shift
	_t0=$(date +%s%N); "$_w" "$@" >/dev/null 2>"$W/err" || echo "b-netbook: failed: $* $(cat "$W/err")" >&2
	echo $(( ($(date +%s%N) - _t0) / 1000000 ))
}
# stats: "median ms (min-max)" of the figures on stdin; "not measured" when there are none
stats() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) printf "  not measured"; else printf "%6d ms (%d-%d)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

pristine="$CACHE/remote-$N.git"
if [ ! -d "$pristine" ]; then
	"$B/bench/gen-sync" gen "$pristine" "$N" 100 || { echo "b-netbook: cannot generate $N"; exit 1; }
fi
cp -r "$pristine" "$W/r.git"
"$V" --config "$W/vol.ini" init --id bench --name Bench --municipality Almazán \
	--data-dir "$W/d" --remote "$W/r.git" >/dev/null || exit 1
vol sync >/dev/null || { echo "b-netbook: first import failed"; exit 1; }
visit=$(vol list --all --kind visit --limit 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
echo "netbook benchmark: $N records; $kind; $REPS runs each, median (min-max)"

# first screen: bench/tui_pty, fork to the key hints drawn (it reports its own figure)
first_screen() {
	"$1" "$B/bench/tui_pty" 80 24 '? help' 0 -- "$V" --config "$W/vol.ini" >"$W/pty" 2>&1
	awk '/^first_screen_ms/ { printf "%d\n", $2 }' "$W/pty"
}
one_sync() {	# a new record, then its sync (only the sync is timed)
	vol add visit business="Netbook" municipality=Almazán >/dev/null
	timed "$1" "$V" --config "$W/vol.ini" sync
}
[ -x "$B/bench/tui_pty" ] ||
	echo "b-netbook: $B/bench/tui_pty is missing (make bench builds it): no first screen"
for what in screen add list pdf sync; do
	for where in plain limited; do
		: >"$W/t"
		i=0
		while [ $i -lt "$REPS" ]; do
			case $what in
			screen) if [ -x "$B/bench/tui_pty" ]; then first_screen $where >>"$W/t"; fi ;;
			add) timed $where "$V" --config "$W/vol.ini" add visit business="Netbook $i" \
				municipality=Almazán >>"$W/t" ;;
			list) timed $where "$V" --config "$W/vol.ini" list --all --limit 20 >>"$W/t" ;;
			pdf) timed $where "$V" --config "$W/vol.ini" summary "$visit" -o "$W/s.pdf" >>"$W/t" ;;
			sync) one_sync $where >>"$W/t" ;;
			esac
			i=$((i + 1))
		done
		eval "r_$where=\$(stats <\"\$W/t\")"
	done
	case $what in
	screen) label="first screen (target < 150)" ;;
	add) label="add (target < 40)" ;;
	list) label="a list page (target < 20)" ;;
	pdf) label="summary PDF (target < 500)" ;;
	sync) label="sync of 1 record (target < 300)" ;;
	esac
	printf "  %-34s 20 %% of a core %s   unlimited %s\n" "$label" "$r_limited" "$r_plain"
done
