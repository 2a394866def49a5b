#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-sync.sh: volunteer sync against the git command-line workflow a team would use by
# hand (a clone with a work tree; write the file; git add; git commit; git pull --rebase;
# git push), on shared repositories made by bench/gen-sync's fast-import stream (the layout
# of DESIGN.md, 100 commits; the same repository as `gen-sync gen`, minutes at 1,000,000). Medians of SYNC_REPS runs (default 5; 3 for a first import); ratios
# against the peer measured in the same run. Not a test: it prints figures.
#
#   SYNC_SIZES="10000 100000"   repository sizes
#   SYNC_REPS=5                 runs per figure
#   SYNC_DAEMON=1               also the first import and the one-record sync over git://
#                               (a git daemon)
#   SYNC_PARTS="import one hundred foreign walk rewrite"   the figures to measure
#   SYNC_RSS=1                  also the maximum resident memory of each side (time -v)
#   SYNC_CACHE=DIR              where the repositories are kept (remote-N.git; a link will do)
set -u
here=$(cd "${0%/*}" && pwd)
top=$(cd "$here/.." && pwd)
V=${VOLUNTEER:-$top/volunteer}
B=${BENCH_BUILD:-$top/build}
GEN=$B/bench/gen-sync
SIZES=${SYNC_SIZES:-"10000 100000"}
REPS=${SYNC_REPS:-5}
PARTS=${SYNC_PARTS:-"import one hundred foreign walk rewrite"}
CACHE=${SYNC_CACHE:-$here/out/sync}
W=$(mktemp -d "${TMPDIR:-/tmp}/b-sync.XXXXXX")
DAEMON_PID=
trap 'kill $DAEMON_PID 2>/dev/null; rm -rf "$W"' EXIT INT TERM
export HOME="$W/home" XDG_CONFIG_HOME="$W/home/.config" LC_ALL=C.UTF-8 TZ=UTC
export GIT_AUTHOR_NAME=Peer GIT_AUTHOR_EMAIL=peer@example.org \
	GIT_COMMITTER_NAME=Peer GIT_COMMITTER_EMAIL=peer@example.org
mkdir -p "$HOME" "$CACHE"
[ -x "$GEN" ] || { echo "b-sync: $GEN is missing (make bench builds it)"; exit 1; }
# Private copies: a rebuild of the tree during the run must not change what is measured.
cp "$V" "$W/volunteer-under-test" && cp "$GEN" "$W/gen-sync" || exit 1
if [ -d "$B/modules" ]; then
	mkdir -p "$W/modules" && cp "$B"/modules/*.so "$W/modules/" 2>/dev/null
	export VOLUNTEER_MODULEDIR="$W/modules"
fi
V=$W/volunteer-under-test
GEN=$W/gen-sync

now() { date +%s%N; }
# median FILE: the middle of the numbers (nanoseconds) in FILE, in seconds
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.4f", v[int((NR + 1) / 2)] / 1e9 }'; }
# range VOL GIT: the slowest and fastest run of each side, in seconds
range() {
	printf "  %-34s volunteer %s   peer %s\n" "  runs (min-max)" \
		"$(sort -n "$1" | awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%.4f-%.4f s", a / 1e9, b / 1e9 }')" \
		"$(sort -n "$2" | awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%.4f-%.4f s", a / 1e9, b / 1e9 }')"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
vol() { "$V" --config "$W/vol.ini" "$@"; }
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
# timed CPU RSS COMMAND...: run COMMAND; when /usr/bin/time is there, its CPU time (user +
# sys, nanoseconds) is added to file CPU and, with SYNC_RSS=1, its maximum resident memory
# (kB, of its largest process) to file RSS
timed() {
	_c=$1 _m=$2; shift 2
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%U %S %M" -o "$W/cpu" "$@"; _rc=$?
		tail -n 1 "$W/cpu" | awk '{ printf "%.0f\n", ($1 + $2) * 1e9 }' >>"$_c"
		[ -n "${SYNC_RSS:-}" ] && tail -n 1 "$W/cpu" | awk '{ print $3 }' >>"$_m"
		return $_rc
	fi
	"$@"
}
# rss RSS COMMAND...: the same, its memory only
rss() { _r=$1; shift; timed /dev/null "$_r" "$@"; }
# mb FILE: the median and range of the kB in FILE, in MB
mb() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.0f MB (%.0f-%.0f)", v[int((NR + 1) / 2)] / 1024, v[1] / 1024, v[NR] / 1024 }'; }

# stage COUNT: COUNT new record files in the layout under $W/stage, as a person would
# write them by hand (made before the clock starts: only copying them in is timed)
stage() {
	rm -rf "$W/stage"
	python3 - "$W/stage" "$1" <<'PY'
import os, sys, time
root, n = sys.argv[1], int(sys.argv[2])
now = time.time()
day = time.strftime("%Y/%m/%d", time.gmtime(now))
iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
os.makedirs(os.path.join(root, "records/visit", day))
for i in range(n):
    ms = int(now * 1000) + i
    r = os.urandom(10).hex()
    rid = "%08x-%04x-7%s-8%s-%s" % (ms >> 16, ms & 0xffff, r[:3], r[3:6], r[6:18])
    with open(os.path.join(root, "records/visit", day, rid + ".json"), "w") as f:
        f.write('{\n  "created": "%s",\n  "deleted": false,\n  "device": "git",\n'
                '  "fields": {\n    "business": "Peer %d",\n    "municipality": "Almazán"\n'
                '  },\n  "id": "%s",\n  "kind": "visit",\n  "rev": 1,\n  "updated": "%s",\n'
                '  "volunteer": "peer"\n}\n' % (iso, i, rid, iso))
PY
}
git_workflow() {	# DIR: write the staged files, add, commit, pull --rebase, push
	if [ -n "${SYNC_RSS:-}" ]; then
		rss "$W/m.git" sh -c 'cp -r "$0/stage/records" "$1/" && git -C "$1" add records &&
			git -C "$1" commit -qm "records" && git -C "$1" pull -q --rebase &&
			git -C "$1" push -q origin HEAD:main' "$W" "$1"
		return
	fi
	cp -r "$W/stage/records" "$1/" && git -C "$1" add records &&
		git -C "$1" commit -qm "records" && git -C "$1" pull -q --rebase &&
		git -C "$1" push -q origin HEAD:main
}
foreign_push() {	# another writer pushes one record
	stage 1
	cp -r "$W/stage/records" "$W/peer/" && git -C "$W/peer" add records &&
		git -C "$W/peer" commit -qm foreign && git -C "$W/peer" pull -q --rebase &&
		git -C "$W/peer" push -q origin HEAD:main
}
# start_daemon [DIR]: a git daemon on $PORT serving DIR (default $W), its r.git answering
start_daemon() {
	_base=${1:-$W}
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		PORT=$(( $(od -An -N2 -tu2 /dev/urandom) % 30000 + 20000 ))
		git daemon --export-all --enable=receive-pack --base-path="$_base" --reuseaddr \
			--listen=127.0.0.1 --port="$PORT" "$_base" >/dev/null 2>&1 &
		DAEMON_PID=$!
		_n=0
		while [ $_n -lt 50 ]; do
			kill -0 $DAEMON_PID 2>/dev/null || break
			git ls-remote "git://127.0.0.1:$PORT/r.git" >/dev/null 2>&1 && return 0
			sleep 0.1
			_n=$((_n + 1))
		done
		kill $DAEMON_PID 2>/dev/null
	done
	return 1
}

# import_rounds DIR REMOTE TAG: reps_import first imports of REMOTE by both sides, DIR/r.git
# a fresh copy of the pristine repository before each (what REMOTE serves), into
# $W/vol-TAG$i and $W/clone-TAG$i; the times in $W/t.vol and t.git, the CPU times in
# c.vol and c.git, the memory in m.vol and m.git. Each run in folders of its own, removed
# only at the end: deleting 100,000 files just before a timed step slows that step down
# on this disk (discard).
import_rounds() {
	: >"$W/t.vol"; : >"$W/t.git"; : >"$W/c.vol"; : >"$W/c.git"; : >"$W/m.vol"; : >"$W/m.git"
	_i=0
	while [ $_i -lt "$reps_import" ]; do
		rm -rf "$1/r.git"
		cp -rH "$pristine" "$1/r.git"
		"$V" --config "$W/vol-$3$_i.ini" init --id bench --name Bench \
			--data-dir "$W/vol-$3$_i" --remote "$2" >/dev/null
		sync; sleep 1
		t0=$(now); timed "$W/c.git" "$W/m.git" git clone -q "$2" "$W/clone-$3$_i"
		echo $(( $(now) - t0 )) >>"$W/t.git"
		sync; sleep 1
		t0=$(now)
		timed "$W/c.vol" "$W/m.vol" "$V" --config "$W/vol-$3$_i.ini" sync >/dev/null ||
			echo "b-sync: first import failed"
		echo $(( $(now) - t0 )) >>"$W/t.vol"
		_i=$((_i + 1))
	done
}
# import_figures LABEL: the figures of the last import_rounds
import_figures() {
	tv=$(median "$W/t.vol"); tg=$(median "$W/t.git")
	printf "  %-34s volunteer %8.4f s   git clone %8.4f s   ratio %s (target <= 0.75)\n" \
		"$1" "$tv" "$tg" "$(awk -v a="$tv" -v b="$tg" 'BEGIN { printf "%.2f", a / b }')"
	range "$W/t.vol" "$W/t.git"
	# CPU time (user + sys) is steadier than wall time on a machine that others load.
	if [ -s "$W/c.vol" ]; then
		cv=$(median "$W/c.vol"); cg=$(median "$W/c.git")
		printf "  %-34s volunteer %8.4f s   git clone %8.4f s   ratio %s\n" \
			"  CPU user+sys" "$cv" "$cg" "$(awk -v a="$cv" -v b="$cg" 'BEGIN { printf "%.2f", a / b }')"
	fi
	[ -n "${SYNC_RSS:-}" ] && printf "  %-34s volunteer %s   git clone %s\n" \
		"  maximum resident memory" "$(mb "$W/m.vol")" "$(mb "$W/m.git")"
	return 0
}

echo "sync benchmark: $(nproc) cores, $(git --version), libgit2 $(pkg-config --modversion libgit2 2>/dev/null)"
for N in $SIZES; do
	pristine="$CACHE/remote-$N.git"
	if [ ! -d "$pristine" ]; then
		t0=$(now)
		# a bare repository packed as a server's is after a gc
		{ git init -q --bare -b main "$pristine" &&
			"$GEN" stream "$N" 100 | git --git-dir="$pristine" fast-import --quiet &&
			git --git-dir="$pristine" repack -a -d -q; } ||
			{ rm -rf "$pristine"; echo "b-sync: cannot generate $N"; exit 1; }
		echo "generated $N records in $(awk -v d=$(( $(now) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
	fi
	echo "== $N records, $(git --git-dir="$pristine" rev-list --count main) commits"
	reps_import=$REPS
	[ "$reps_import" -gt 3 ] && reps_import=3
	import_rounds "$W" "$W/r.git" ""
	# The last run's copies go on to the other figures.
	i=$((reps_import - 1))
	mv "$W/vol-$i.ini" "$W/vol.ini"
	mv "$W/clone-$i" "$W/clone"
	import_figures "first import (clone and load)"
	# The same first import from a server, as a laptop makes it: over git:// both sides
	# receive the pack and check each object (git's index-pack, libgit2's indexer), where
	# a clone of a folder hard-links the server's objects and checks nothing.
	if [ -n "${SYNC_DAEMON:-}" ] && part import; then
		mkdir -p "$W/srv"
		if cp -rH "$pristine" "$W/srv/r.git" && start_daemon "$W/srv"; then
			import_rounds "$W/srv" "git://127.0.0.1:$PORT/r.git" d
			import_figures "first import over git://"
			kill $DAEMON_PID 2>/dev/null
			wait $DAEMON_PID 2>/dev/null
			DAEMON_PID=
		else
			echo "b-sync: no git daemon for the first import over git://"
		fi
		rm -rf "$W/srv" "$W"/vol-d* "$W"/clone-d*
	fi

	# The git side: a clone with a work tree, and a peer that pushes now and then.
	git -C "$W/clone" checkout -q main 2>/dev/null
	rm -rf "$W/peer"
	part foreign && git clone -q "$W/r.git" "$W/peer"

	for what in one hundred foreign; do
		part $what || continue
		: >"$W/t.vol"; : >"$W/t.git"; : >"$W/m.vol"; : >"$W/m.git"
		i=0
		while [ $i -lt "$REPS" ]; do
			# Both sides start up to date; only the foreign case has something to take in.
			vol sync >/dev/null
			case $what in
			one) vol add visit business="Uno $i" municipality=Almazán >/dev/null ;;
			hundred) k=0; while [ $k -lt 100 ]; do
					vol add visit business="Cien $i-$k" municipality=Almazán >/dev/null
					k=$((k + 1)); done ;;
			foreign) foreign_push; vol add visit business="Otro $i" municipality=Almazán >/dev/null ;;
			esac
			t0=$(now); rss "$W/m.vol" "$V" --config "$W/vol.ini" sync >/dev/null 2>"$W/err" ||
				echo "b-sync: sync failed: $(cat "$W/err")"
			echo $(( $(now) - t0 )) >>"$W/t.vol"
			git -C "$W/clone" pull -q --rebase >/dev/null 2>&1
			[ "$what" = foreign ] && foreign_push
			count=1; [ "$what" = hundred ] && count=100
			stage $count
			t0=$(now); git_workflow "$W/clone" >/dev/null 2>&1 || echo "b-sync: git workflow failed"
			echo $(( $(now) - t0 )) >>"$W/t.git"
			i=$((i + 1))
		done
		tv=$(median "$W/t.vol"); tg=$(median "$W/t.git")
		case $what in
		one) label="sync of 1 new record"; target=">= 10x" ;;
		hundred) label="sync of 100 new records"; target=">= 3x" ;;
		foreign) label="1 record, a foreign commit to take in"; target=">= 6x" ;;
		esac
		printf "  %-34s volunteer %8.4f s   git workflow %8.4f s   %sx faster (target %s)\n" \
			"$label" "$tv" "$tg" "$(ratio "$tg" "$tv")" "$target"
		range "$W/t.vol" "$W/t.git"
		[ -n "${SYNC_RSS:-}" ] && printf "  %-34s volunteer %s   git workflow %s\n" \
			"  maximum resident memory" "$(mb "$W/m.vol")" "$(mb "$W/m.git")"
	done

	# Finding what changed after a fetch: a one-record commit on a repository of N.
	if part walk; then
		vol add visit business="Walk" municipality=Almazán >/dev/null
		vol sync >/dev/null
		set -- $("$GEN" walk "$W/r.git" main~1 main 9)
		printf "  %-34s walk %8.2f ms (%s file)   git_diff_tree_to_tree %8.2f ms   (target <= 12 ms)\n" \
			"change detection, 1 record" "$2" "$4" "$6"
	fi

	# A history rewrite: the remote is put back three commits (three records of ours
	# lost), as a force-push or a restore from a backup does. `status` then compares
	# every record with the remote tree; the sync compares it, sends the three again.
	if part rewrite; then
		: >"$W/t.vol"; : >"$W/t.st"; : >"$W/t.one"
		i=0
		while [ $i -lt "$REPS" ]; do
			for k in 1 2 3; do
				vol add visit business="Perdido $i-$k" municipality=Almazán >/dev/null
				vol sync >/dev/null
			done
			git --git-dir="$W/r.git" update-ref refs/heads/main "$(git --git-dir="$W/r.git" rev-parse main~3)"
			t0=$(now); vol status >/dev/null; echo $(( $(now) - t0 )) >>"$W/t.st"
			t0=$(now); vol sync >/dev/null 2>"$W/err" || echo "b-sync: sync after a rewrite failed"
			echo $(( $(now) - t0 )) >>"$W/t.vol"
			grep -q "no longer holds commit" "$W/err" || echo "b-sync: the rewrite went unnoticed"
			vol add visit business="Normal $i" municipality=Almazán >/dev/null
			t0=$(now); vol sync >/dev/null; echo $(( $(now) - t0 )) >>"$W/t.one"
			i=$((i + 1))
		done
		tv=$(median "$W/t.vol"); ts=$(median "$W/t.st"); t1=$(median "$W/t.one")
		printf "  %-34s volunteer %8.4f s   (ordinary 1-record sync %8.4f s, %sx; target < 1 s)\n" \
			"sync after a history rewrite" "$tv" "$t1" "$(ratio "$tv" "$t1")"
		printf "  %-34s volunteer %8.4f s   (target < 1 s)\n" "status after a history rewrite" "$ts"
	fi

	if [ -n "${SYNC_DAEMON:-}" ] && part one && start_daemon; then
		sed -i "s|^remote = .*|remote = git://127.0.0.1:$PORT/r.git|" "$W/vol.ini"
		git -C "$W/clone" remote set-url origin "git://127.0.0.1:$PORT/r.git"
		git -C "$W/peer" remote set-url origin "git://127.0.0.1:$PORT/r.git"
		git -C "$W/clone" pull -q --rebase >/dev/null 2>&1
		vol sync >/dev/null
		: >"$W/t.vol"; : >"$W/t.git"
		i=0
		while [ $i -lt "$REPS" ]; do
			vol sync >/dev/null
			vol add visit business="Red $i" municipality=Almazán >/dev/null
			t0=$(now); vol sync >/dev/null || echo "b-sync: sync over git:// failed"
			echo $(( $(now) - t0 )) >>"$W/t.vol"
			git -C "$W/clone" pull -q --rebase >/dev/null 2>&1
			stage 1
			t0=$(now); git_workflow "$W/clone" >/dev/null 2>&1 || echo "b-sync: git workflow failed"
			echo $(( $(now) - t0 )) >>"$W/t.git"
			i=$((i + 1))
		done
		tv=$(median "$W/t.vol"); tg=$(median "$W/t.git")
		printf "  %-34s volunteer %8.4f s   git workflow %8.4f s   %sx faster\n" \
			"1 new record over git://" "$tv" "$tg" "$(ratio "$tg" "$tv")"
		kill $DAEMON_PID 2>/dev/null
		wait $DAEMON_PID 2>/dev/null
		DAEMON_PID=
	fi
	rm -rf "$W"/r.git "$W"/vol-* "$W"/clone "$W"/clone-* "$W"/peer
done
