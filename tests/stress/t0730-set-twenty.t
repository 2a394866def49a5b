#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The set test of the whole programme: 20 laptops (the last four are the first four's
# volunteers on a second machine) add, edit, delete and sync against one git daemon for
# SET_SECONDS (default 180), some syncs killed with -9, the daemon restarted twice; then
# every laptop syncs until a round is quiet. Every acknowledged add is exactly once in every
# clone and in the remote, every acknowledged delete is a tombstone everywhere, every clone
# holds the same content, every acknowledged edit is present, superseded by a later
# revision, or kept under conflicts/, and `status` says "safe" on every laptop only now.
VOLUNTEER=${VOLUNTEER:-$(cd "${0%/*}/../.." && pwd)/volunteer}
. "${0%/*}/../lib.sh"
[ -x "$VOLUNTEER" ] || give_up "the program is built ($VOLUNTEER)"

command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"
serve_shared_repo
SECONDS_FOR=${SET_SECONDS:-180}
LAPTOPS=20
rand() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }

restart_daemon() {
	kill "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID" 2>/dev/null
	_n=0
	while [ $_n -lt 50 ]; do
		git daemon --export-all --enable=receive-pack --base-path="$BASE" --reuseaddr \
			--listen=127.0.0.1 --port="$PORT" "$BASE" >>"$T/daemon.log" 2>&1 &
		DAEMON_PID=$!
		sleep 0.3
		kill -0 "$DAEMON_PID" 2>/dev/null && git ls-remote "$URL" >/dev/null 2>&1 && break
		_n=$((_n + 1))
	done
	AT_EXIT_KILL="$DAEMON_PID $LOOP_PIDS"
}

i=1
while [ $i -le $LAPTOPS ]; do
	if [ $i -gt 16 ]; then v=v$((i - 16)); else v=v$i; fi
	mkvol "l$i" "$v" --remote "$URL"
	i=$((i + 1))
done
conf() { echo "$T/l$1/volunteer.ini"; }
# run L ARGS: the program as laptop L, waiting while a killed sync's child still holds it
run() {
	_l=$1; shift
	_n=0
	while :; do
		"$VOLUNTEER" --config "$(conf "$_l")" "$@" 2>"$T/l$_l.err" && return 0
		grep -q "in use by another" "$T/l$_l.err" || return 1
		_n=$((_n + 1))
		[ $_n -lt 300 ] || return 1
		sleep 0.1
	done
}
db() { sqlite3 "$T/l$1/data/volunteer.db" "$2"; }

# one laptop's work until the deadline; acknowledgements in $T/acked.*.L
work() {
	_l=$1 _end=$2 _k=0
	: >"$T/acked.add.$_l"; : >"$T/acked.edit.$_l"; : >"$T/acked.del.$_l"; : >"$T/kills.$_l"
	while [ "$(date +%s)" -lt "$_end" ]; do
		_k=$((_k + 1))
		_r=$(rand 100)
		if [ "$_r" -lt 50 ]; then
			_id=$(run "$_l" add visit business="B $_l-$_k" municipality=Almazán findings="f $_l-$_k") &&
				echo "$_id" >>"$T/acked.add.$_l"
		elif [ "$_r" -lt 70 ]; then
			_id=$(db "$_l" "SELECT id FROM record WHERE deleted = 0 ORDER BY random() LIMIT 1")
			[ -n "$_id" ] && run "$_l" edit "$_id" findings="e $_l-$_k" >/dev/null &&
				echo "$_id e $_l-$_k $(db "$_l" "SELECT rev FROM record WHERE id = '$_id'")" >>"$T/acked.edit.$_l"
		elif [ "$_r" -lt 74 ]; then
			_id=$(db "$_l" "SELECT id FROM record WHERE deleted = 0 ORDER BY random() LIMIT 1")
			[ -n "$_id" ] && run "$_l" delete "$_id" >/dev/null && echo "$_id" >>"$T/acked.del.$_l"
		elif [ "$_r" -lt 88 ]; then
			run "$_l" sync >/dev/null
		else
			# a sync killed at a random moment, with its network child half the time
			setsid "$VOLUNTEER" --config "$(conf "$_l")" sync >/dev/null 2>&1 &
			_p=$!
			sleep "$(printf '0.%03d' "$(rand 400)")"
			if [ $((_k % 2)) = 0 ]; then kill -9 -"$_p" 2>/dev/null; else kill -9 "$_p" 2>/dev/null; fi
			wait "$_p" 2>/dev/null
			[ $? = 137 ] && echo k >>"$T/kills.$_l"
		fi
	done
}

start=$(date +%s)
end=$((start + SECONDS_FOR))
LOOP_PIDS=
i=1
while [ $i -le $LAPTOPS ]; do
	work "$i" "$end" &
	LOOP_PIDS="$LOOP_PIDS $!"
	i=$((i + 1))
done
AT_EXIT_KILL="$DAEMON_PID $LOOP_PIDS"
sleep $((SECONDS_FOR / 3)); restart_daemon
sleep $((SECONDS_FOR / 3)); restart_daemon
restarts=2
for p in $LOOP_PIDS; do wait "$p"; done
diag "worked for $(( $(date +%s) - start )) s; the daemon restarted $restarts times"
git ls-remote "$URL" >/dev/null 2>&1 || restart_daemon

# "safe" must not be said before the end: some laptop still has work to send
unsafe=0
i=1
while [ $i -le $LAPTOPS ]; do
	"$VOLUNTEER" --config "$(conf $i)" status --json | grep -q '"safe": *false' && unsafe=$((unsafe + 1))
	i=$((i + 1))
done
diag "laptops not safe before the last syncs: $unsafe"
[ "$unsafe" -gt 0 ]
ok $? "status does not say safe while work is still unsent"

# every laptop syncs, round after round, until a round sends and receives nothing
round=0 quiet=0
while [ $round -lt 8 ] && [ $quiet = 0 ]; do
	round=$((round + 1))
	quiet=1
	i=1
	while [ $i -le $LAPTOPS ]; do
		out=$(run $i sync) || { quiet=0; diag "round $round: l$i: $(cat "$T/l$i.err")"; }
		[ "$out" = "sent 0, received 0, conflicts 0" ] || quiet=0
		i=$((i + 1))
	done
done
[ $quiet = 1 ]
ok $? "every laptop syncs until quiet ($round rounds)"

cat "$T"/acked.add.* | sort >"$T/adds"
cat "$T"/acked.del.* | sort -u >"$T/dels"
cat "$T"/acked.edit.* >"$T/edits"
kills=$(cat "$T"/kills.* | wc -l)
git --git-dir="$R" ls-tree -r --name-only main -- records/ >"$T/remote.files"
sed 's|.*/||; s|\.json$||' "$T/remote.files" | sort >"$T/remote.ids"
is "$(uniq -d "$T/remote.ids" | wc -l)" 0 "the remote holds each record once"
is "$(comm -23 "$T/adds" "$T/remote.ids" | wc -l)" 0 "the remote holds every acknowledged add ($(wc -l <"$T/adds"))"
git --git-dir="$R" grep -l '"deleted": true' main -- records/ | sed 's|.*/||; s|\.json$||' | sort >"$T/remote.tomb"
is "$(comm -23 "$T/dels" "$T/remote.tomb" | wc -l)" 0 "every acknowledged delete is a tombstone on the remote ($(wc -l <"$T/dels"))"

bad_once="" bad_adds="" bad_tomb="" bad_same="" bad_safe="" bad_fsck=""
db 1 "SELECT id, rev, updated, deleted, json(json_extract(body, '\$.fields')) FROM record ORDER BY id" >"$T/content.1"
i=1
while [ $i -le $LAPTOPS ]; do
	db $i "SELECT id FROM record ORDER BY id" >"$T/ids.$i"
	[ "$(uniq -d "$T/ids.$i" | wc -l)" = 0 ] || bad_once="$bad_once l$i"
	[ "$(comm -23 "$T/adds" "$T/ids.$i" | wc -l)" = 0 ] || bad_adds="$bad_adds l$i"
	db $i "SELECT id FROM record WHERE deleted = 1 ORDER BY id" >"$T/tomb.$i"
	[ "$(comm -23 "$T/dels" "$T/tomb.$i" | wc -l)" = 0 ] || bad_tomb="$bad_tomb l$i"
	db $i "SELECT id, rev, updated, deleted, json(json_extract(body, '\$.fields')) FROM record ORDER BY id" >"$T/content.$i"
	cmp -s "$T/content.1" "$T/content.$i" || bad_same="$bad_same l$i"
	"$VOLUNTEER" --config "$(conf $i)" status --json | grep -q '"safe": *true' || bad_safe="$bad_safe l$i"
	git --git-dir="$T/l$i/data/repo.git" fsck --full >/dev/null 2>&1 || bad_fsck="$bad_fsck l$i"
	i=$((i + 1))
done
is "$bad_once" "" "every clone holds each record once"
is "$bad_adds" "" "every clone holds every acknowledged add"
is "$bad_tomb" "" "every clone holds every acknowledged delete as a tombstone"
is "$bad_same" "" "every clone holds the same content ($(wc -l <"$T/content.1") records)"
is "$bad_safe" "" "status says safe on every laptop now"
is "$bad_fsck" "" "git fsck --full is clean on every laptop's copy"
git --git-dir="$R" fsck --full --strict >/dev/null 2>&1
ok $? "git fsck --full is clean on the remote"

# every acknowledged edit: present, superseded by a later revision, or kept under conflicts/
git --git-dir="$R" ls-tree -r --name-only main -- conflicts/ >"$T/conflict.files"
present=0 superseded=0 kept=0 lost=""
while read -r id e value rev; do
	now=$(db 1 "SELECT json_extract(body, '\$.fields.findings') || '|' || rev FROM record WHERE id = '$id'")
	if [ "${now%|*}" = "$e $value" ]; then present=$((present + 1))
	elif [ "${now##*|}" -gt "$rev" ]; then superseded=$((superseded + 1))
	elif grep "^conflicts/$id/" "$T/conflict.files" | while read -r f; do
		git --git-dir="$R" show "main:$f"; done | grep -q "\"$e $value\""; then kept=$((kept + 1))
	else lost="$lost $id($e $value)"
	fi
done <"$T/edits"
is "$lost" "" "every acknowledged edit is present ($present), superseded ($superseded) or kept under conflicts/ ($kept)"
diag "laptops $LAPTOPS, seconds $SECONDS_FOR, adds $(wc -l <"$T/adds"), edits $(wc -l <"$T/edits"), deletes $(wc -l <"$T/dels"), syncs killed mid-way $kills, daemon restarts $restarts, conflicts kept $(wc -l <"$T/conflict.files"), records $(wc -l <"$T/content.1"), final rounds $round"
done_testing
