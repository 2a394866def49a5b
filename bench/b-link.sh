#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-link.sh: volunteer sync against the git command-line workflow over a village link:
# git daemon on 127.0.0.1 behind bench/shape-relay.py, which adds a round-trip time and
# caps the bandwidth (150 ms and 1 Mbit/s; 300 ms and 256 kbit/s for a bad day), and
# counts TCP connections and request/answer turns. Repository from bench/gen-sync. Both
# sides are set up on the bare loopback (a first import through 256 kbit/s would take
# minutes), then measured through the relay. Medians of LINK_REPS runs (default 3), the
# spread (min-max) beside them. Not a test: it prints figures.
#
#   LINK_SIZE=10000              records in the repository
#   LINK_SHAPES="0:0 150:1000 300:256"  RTT_MS:KBIT_PER_S of each link (0:0 unshaped)
#   LINK_REPS=3
#   LINK_CASES="one hundred foreign none"  none: a sync with nothing to send or take in;
#                                import: a new laptop's first import through the link,
#                                against `git clone` through it (not by default: the
#                                whole repository crosses the link)
set -u
here=$(cd "${0%/*}" && pwd)
top=$(cd "$here/.." && pwd)
V=${VOLUNTEER:-$top/volunteer}
B=${BENCH_BUILD:-$top/build}
N=${LINK_SIZE:-10000}
SHAPES=${LINK_SHAPES:-"0:0 150:1000 300:256"}
REPS=${LINK_REPS:-3}
CASES=${LINK_CASES:-"one hundred foreign none"}
CACHE=$here/out/sync
W=$(mktemp -d "${TMPDIR:-/tmp}/b-link.XXXXXX")
DAEMON_PID= RELAY_PID=
trap 'kill $DAEMON_PID $RELAY_PID 2>/dev/null; rm -rf "$W"' EXIT INT TERM
export HOME="$W/home" XDG_CONFIG_HOME="$W/home/.config" LC_ALL=C.UTF-8 TZ=UTC
export GIT_AUTHOR_NAME=Peer GIT_AUTHOR_EMAIL=peer@example.org \
	GIT_COMMITTER_NAME=Peer GIT_COMMITTER_EMAIL=peer@example.org
mkdir -p "$HOME" "$CACHE"
[ -x "$B/bench/gen-sync" ] || { echo "b-link: $B/bench/gen-sync is missing (make bench builds it)"; exit 1; }
cp "$V" "$W/volunteer-under-test" || exit 1
if [ -d "$B/modules" ]; then
	mkdir -p "$W/modules" && cp "$B"/modules/*.so "$W/modules/" 2>/dev/null
	export VOLUNTEER_MODULEDIR="$W/modules"
fi
V=$W/volunteer-under-test

now() { date +%s%N; }
vol() { "$V" --config "$W/vol.ini" "$@"; }
# stats FILE NS: "median s (min-max)" of the nanoseconds in FILE
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.3f s (%.3f-%.3f)", v[int((NR + 1) / 2)] / 1e9, v[1] / 1e9, v[NR] / 1e9 }'; }
# counted: connections and turns the relay saw since the last reset; round trips are both
# (each connection's handshake, then each turn)
counted() { awk '{ c++; t += $4; u += $2; d += $3 } END { printf "%d round trips: %d conn, %d turns, %d B up, %d B down", c + t, c, t, u, d }' "$W/relay.stats"; }

stage() {	# COUNT new record files under $W/stage, written as a person would
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
git_workflow() {
	cp -r "$W/stage/records" "$1/" && git -C "$1" add records &&
		git -C "$1" commit -qm "records" && git -C "$1" pull -q --rebase &&
		git -C "$1" push -q origin HEAD:main
}
foreign_push() {	# another writer pushes one record, on the bare loopback
	stage 1
	cp -r "$W/stage/records" "$W/peer/" && git -C "$W/peer" add records &&
		git -C "$W/peer" commit -qm foreign && git -C "$W/peer" pull -q --rebase &&
		git -C "$W/peer" push -q origin HEAD:main
}

pristine="$CACHE/remote-$N.git"
if [ ! -d "$pristine" ]; then
	"$B/bench/gen-sync" gen "$pristine" "$N" 100 || { echo "b-link: cannot generate $N"; exit 1; }
fi
cp -r "$pristine" "$W/r.git"
for _try in 1 2 3 4 5; do
	PORT=$(( $(od -An -N2 -tu2 /dev/urandom) % 30000 + 20000 ))
	git daemon --export-all --enable=receive-pack --base-path="$W" --reuseaddr \
		--listen=127.0.0.1 --port="$PORT" "$W" >/dev/null 2>&1 &
	DAEMON_PID=$!
	sleep 0.5
	git ls-remote "git://127.0.0.1:$PORT/r.git" >/dev/null 2>&1 && break
	kill $DAEMON_PID 2>/dev/null; DAEMON_PID=
done
[ -n "$DAEMON_PID" ] || { echo "b-link: no git daemon"; exit 1; }
echo "0 0" >"$W/shape"
: >"$W/relay.stats"
python3 "$here/shape-relay.py" "$W/relay.port" "$PORT" "$W/shape" "$W/relay.stats" &
RELAY_PID=$!
while [ ! -s "$W/relay.port" ]; do sleep 0.1; done
RPORT=$(cat "$W/relay.port")

# Both sides set up on the bare loopback, then pointed at the relay.
"$V" --config "$W/vol.ini" init --id bench --name Bench --data-dir "$W/vol" \
	--remote "git://127.0.0.1:$PORT/r.git" >/dev/null
vol sync >/dev/null || { echo "b-link: first import failed"; exit 1; }
sed -i "s|^remote = .*|remote = git://127.0.0.1:$RPORT/r.git|" "$W/vol.ini"
git clone -q "git://127.0.0.1:$PORT/r.git" "$W/clone" &&
	git -C "$W/clone" remote set-url origin "git://127.0.0.1:$RPORT/r.git"
git clone -q "git://127.0.0.1:$PORT/r.git" "$W/peer"

echo "link benchmark: $N records, $(git --version), relay on 127.0.0.1:$RPORT"
for shape in $SHAPES; do
	rtt=${shape%%:*}; kbit=${shape#*:}
	echo "== RTT $rtt ms, $kbit kbit/s (floor of 3 round trips: $((3 * rtt)) ms)"
	for what in $CASES; do
		: >"$W/t.vol"; : >"$W/t.git"; : >"$W/c.vol"; : >"$W/c.git"; : >"$W/t.bare"
		i=0
		while [ $i -lt "$REPS" ]; do
			echo "0 0" >"$W/shape"
			if [ "$what" = import ]; then
				"$V" --config "$W/new.ini" init --id new --name New --data-dir "$W/new" \
					--remote "git://127.0.0.1:$RPORT/r.git" >/dev/null
				echo "$rtt $kbit" >"$W/shape"; : >"$W/relay.stats"
				t0=$(now); "$V" --config "$W/new.ini" sync >/dev/null 2>"$W/err" ||
					echo "b-link: first import failed: $(cat "$W/err")"
				echo $(( $(now) - t0 )) >>"$W/t.vol"
				sleep 0.2; counted >"$W/c.vol"; : >"$W/relay.stats"
				t0=$(now); git clone -q "git://127.0.0.1:$RPORT/r.git" "$W/new-clone" ||
					echo "b-link: git clone failed"
				echo $(( $(now) - t0 )) >>"$W/t.git"
				sleep 0.2; counted >"$W/c.git"
				# git's transfer alone: the pack received and indexed, no work tree
				echo "0 0" >"$W/shape"; rm -rf "$W/new-clone"; sync
				echo "$rtt $kbit" >"$W/shape"
				t0=$(now); git clone -q --bare "git://127.0.0.1:$RPORT/r.git" "$W/new-bare" ||
					echo "b-link: git clone --bare failed"
				echo $(( $(now) - t0 )) >>"$W/t.bare"
				rm -rf "$W/new.ini" "$W/new" "$W/new-bare"
				i=$((i + 1))
				continue
			fi
			vol sync >/dev/null
			git -C "$W/clone" pull -q --rebase >/dev/null 2>&1
			case $what in
			one) vol add visit business="Uno $i" municipality=Almazán >/dev/null ;;
			hundred) k=0; while [ $k -lt 100 ]; do
					vol add visit business="Cien $i-$k" municipality=Almazán >/dev/null
					k=$((k + 1)); done ;;
			foreign) foreign_push; vol add visit business="Otro $i" municipality=Almazán >/dev/null ;;
			none) ;;
			esac
			echo "$rtt $kbit" >"$W/shape"; : >"$W/relay.stats"
			t0=$(now); vol sync >/dev/null 2>"$W/err" || echo "b-link: sync failed: $(cat "$W/err")"
			echo $(( $(now) - t0 )) >>"$W/t.vol"
			sleep 0.2; counted >"$W/c.vol"
			echo "0 0" >"$W/shape"
			[ "$what" = foreign ] && foreign_push
			count=1; [ "$what" = hundred ] && count=100
			stage $count
			echo "$rtt $kbit" >"$W/shape"; : >"$W/relay.stats"
			if [ "$what" = none ]; then	# what a person runs to be sure: pull, push
				t0=$(now); { git -C "$W/clone" pull -q --rebase &&
					git -C "$W/clone" push -q origin HEAD:main; } >/dev/null 2>&1 ||
					echo "b-link: git workflow failed"
			else
				t0=$(now); git_workflow "$W/clone" >/dev/null 2>&1 || echo "b-link: git workflow failed"
			fi
			echo $(( $(now) - t0 )) >>"$W/t.git"
			sleep 0.2; counted >"$W/c.git"
			i=$((i + 1))
		done
		case $what in
		one) label="1 new record" ;;
		hundred) label="100 new records" ;;
		foreign) label="1 record, a foreign commit" ;;
		none) label="nothing to do" ;;
		import) label="first import (git clone)" ;;
		esac
		printf "  %-28s volunteer %s [%s]\n  %-28s git       %s [%s]\n" "$label" \
			"$(stats "$W/t.vol")" "$(cat "$W/c.vol")" "" "$(stats "$W/t.git")" "$(cat "$W/c.git")"
		if [ "$what" = import ]; then
			printf "  %-28s git       %s\n" "  git clone --bare" "$(stats "$W/t.bare")"
		fi
	done
done
