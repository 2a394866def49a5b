#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# kill -9 at random moments of a sync (of the program alone, or of it with its network
# child, as a power cut would), while another volunteer keeps pushing; then a last sync:
# nothing lost, nothing doubled, git fsck clean on both sides. KILLS sets how many
# (tests/stress runs fifty).
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v setsid >/dev/null || skip_all "setsid is not installed"
KILLS=${KILLS:-10}
# KILL_DAEMON=1: the remote is served by git daemon on loopback (tests/stress/t0720)
if [ "${KILL_DAEMON:-0}" = 1 ]; then
	serve_shared_repo
	REMOTE=$URL
else
	R="$T/remote.git"
	git init -q --bare "$R" || skip_all "cannot create a bare repository"
	REMOTE=$R
fi

mkvol ana ana --remote "$REMOTE"
ANA=$VCONF
mkvol bea bea --remote "$REMOTE"
BEA=$VCONF
rand() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }

# Run a command as ana; the store may still be held for a moment by the network child of
# a sync that was killed without it: wait for it as a person would.
as_ana() {
	_n=0
	while :; do
		"$VOLUNTEER" --config "$ANA" "$@" 2>"$T/as_ana.err" && return 0
		grep -q "in use by another" "$T/as_ana.err" || { cat "$T/as_ana.err" >&2; return 1; }
		_n=$((_n + 1))
		[ $_n -lt 300 ] || return 1
		sleep 0.1
	done
}

: >"$T/ids"
landed=0
save_kills=0
i=1
while [ $i -le "$KILLS" ]; do
	# ana: new records and an edit, then a sync killed at a random moment
	as_ana add visit business="Ana $i" municipality=Almazán >>"$T/ana.ids" ||
		echo "add $i failed" >>"$T/errors"
	tail -1 "$T/ana.ids" >>"$T/ids"
	if [ $i -gt 2 ]; then
		as_ana edit "$(sed -n "$(( $(rand $((i - 1))) + 1 ))p" "$T/ana.ids")" \
			findings="edit $i" >/dev/null || echo "edit $i failed" >>"$T/errors"
	fi
	# bea pushes meanwhile now and then, so that ana has something to import
	if [ $((i % 3)) -eq 0 ]; then
		VCONF=$BEA
		j=0
		while [ $j -lt 20 ]; do
			vol add task business="Bea $i-$j" title=T municipality=Berlanga >>"$T/ids"
			j=$((j + 1))
		done
		vol sync >/dev/null 2>>"$T/bea.err" || echo "bea sync $i failed" >>"$T/errors"
	fi
	# a save killed at a random moment: its record is wholly there or wholly absent
	setsid "$VOLUNTEER" --config "$ANA" add visit business="Killed $i" municipality=Almazán \
		findings="whole $i" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf "0.%03d" "$(rand 25)")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? -eq 137 ] && save_kills=$((save_kills + 1))
	setsid "$VOLUNTEER" --config "$ANA" sync >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf "0.%03d" "$(rand 30)")"
	if [ $((i % 2)) -eq 0 ]; then
		kill -9 -"$pid" 2>/dev/null	# the program and its network child (dash: no "--")
	else
		kill -9 "$pid" 2>/dev/null	# the program alone; its child finishes
	fi
	wait "$pid" 2>/dev/null
	[ $? -eq 137 ] && landed=$((landed + 1))
	i=$((i + 1))
done
touch "$T/errors"
is "$(cat "$T/errors")" "" "records were added while syncs were being killed"
diag "$landed of $KILLS kills landed before the sync had finished, $save_kills of $KILLS before the add had"

# The last syncs.
as_ana sync >"$T/out"
ok $? "a last sync after $KILLS kills succeeds"
VCONF=$BEA
vol sync >/dev/null
ok $? "bea syncs"
as_ana sync >/dev/null
ok $? "ana syncs again"

# The killed adds that had committed before the kill are records like any other, whole.
"$VOLUNTEER" --config "$ANA" list --all --json | python3 -c 'import json,sys
for r in json.load(sys.stdin):
    b = r["fields"].get("business", "")
    if b.startswith("Killed "):
        whole = r["fields"].get("findings") == "whole " + b.split()[1]
        print(r["id"] if whole else "torn:" + r["id"])' >"$T/killed"
is "$(grep -c '^torn:' "$T/killed")" 0 "every killed add is wholly there or wholly absent"
cat "$T/killed" >>"$T/ids"
diag "$(wc -l <"$T/killed") of $KILLS killed adds had committed"
total=$(wc -l <"$T/ids")
# Every record is for a business of its own: as many businesses, apart.
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/business/ | wc -l)" "$total" \
	"and as many businesses, one each"
git --git-dir="$R" ls-tree -r --name-only main -- records/visit/ records/task/ >"$T/files"
is "$(wc -l <"$T/files")" "$total" "the repository holds every record ($total)"
is "$(sed 's|.*/||' "$T/files" | sort -u | wc -l)" "$total" "each exactly once"
is "$(sed 's|.*/||; s|\.json$||' "$T/files" | sort | tr '\n' ' ')" \
	"$(sort "$T/ids" | tr '\n' ' ')" "and they are the records that were added"
for v in ana bea; do
	"$VOLUNTEER" --config "$T/$v/volunteer.ini" list --all --json |
		python3 -c 'import json,sys; print("\n".join(sorted(r["id"] for r in json.load(sys.stdin))))' \
		>"$T/$v.has"
	is "$(tr '\n' ' ' <"$T/$v.has")" "$(sort "$T/ids" | tr '\n' ' ')" "$v holds every record, once"
	is "$("$VOLUNTEER" --config "$T/$v/volunteer.ini" status --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["unsynced"], d["safe"])')" \
		"0 True" "$v has nothing unsynced"
done
# Every edit that ana made is there: the last "findings" of each record on both sides.
"$VOLUNTEER" --config "$ANA" list --all --json | python3 -c 'import json,sys; print(sorted((r["id"], r["fields"].get("findings")) for r in json.load(sys.stdin)))' >"$T/ana.f"
"$VOLUNTEER" --config "$BEA" list --all --json | python3 -c 'import json,sys; print(sorted((r["id"], r["fields"].get("findings")) for r in json.load(sys.stdin)))' >"$T/bea.f"
cmp -s "$T/ana.f" "$T/bea.f"
ok $? "both laptops hold the same content"
git --git-dir="$R" fsck --full --strict >"$T/fsck" 2>&1
ok $? "git fsck of the remote is clean"
git --git-dir="$T/ana/data/repo.git" fsck --full >"$T/fsck" 2>&1
ok $? "git fsck of ana's local copy is clean"
git --git-dir="$T/bea/data/repo.git" fsck --full >"$T/fsck" 2>&1
ok $? "git fsck of bea's local copy is clean"
if ls "$R"/refs/heads/*.lock "$T"/ana/data/repo.git/refs/*/*.lock >/dev/null 2>&1; then r=1; else r=0; fi
is "$r" 0 "no lock file is left behind"

done_testing
