#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A power cut at any fsync: the shim (tests/fault/fault.c, FAULT_SNAPSHOTS) copies the
# database files at each fsync of the store twice, as they are (every write reached the
# disk) and as only the fsyncs made them (every unsynced page lost). Every copy opens,
# PRAGMA integrity_check says ok, and it holds every record whose add had ended 0 before
# the copy was taken: an acknowledged save is on the disk, whatever the power does next.
. "${0%/*}/lib.sh"
. "${0%/*}/fault/lib.sh"

mkvol ana
D="$T/ana/data"
S="$T/snap"
mkdir -p "$S"
ADDS=${ADDS:-12}

# adds, edits and a delete, each under the shim; after each, how many copies existed
: >"$T/acked"
i=1
while [ $i -le "$ADDS" ]; do
	LD_PRELOAD="$FAULT_SHIM" FAULT_DIR="$D" FAULT_SNAPSHOTS="$S" \
		"$VOLUNTEER" --config "$VCONF" add visit business="Torn $i" municipality=Almazán \
		findings="line $i" >"$T/id" 2>"$T/err" || give_up "add $i: $(cat "$T/err")"
	n=$(ls "$S" | grep -c -- '-asis$')
	echo "$n $(cat "$T/id") Torn $i" >>"$T/acked"
	if [ $((i % 4)) = 0 ]; then
		LD_PRELOAD="$FAULT_SHIM" FAULT_DIR="$D" FAULT_SNAPSHOTS="$S" \
			"$VOLUNTEER" --config "$VCONF" edit "$(cat "$T/id")" findings="edited $i" \
			>/dev/null 2>"$T/err" || give_up "edit $i: $(cat "$T/err")"
	fi
	i=$((i + 1))
done
total=$(ls "$S" | grep -c -- '-asis$')
[ "$total" -ge "$ADDS" ] || give_up "a copy at each fsync ($total for $ADDS adds)"

bad=""
checked=0
records=0
lost_checked=0
for snap in "$S"/[0-9]*; do
	k=$(basename "$snap")
	num=$(echo "$k" | sed 's/-.*//; s/^0*//')
	C="$T/open"
	rm -rf "$C"
	cp -r "$snap" "$C"
	if [ "$(sqlite3 "$C/volunteer.db" 'PRAGMA integrity_check' 2>&1)" != ok ]; then
		bad="$bad [$k: integrity_check: $(sqlite3 "$C/volunteer.db" 'PRAGMA integrity_check' 2>&1 | head -1)]"
		continue
	fi
	# every add that had ended before this copy was taken
	acked=0
	while read -r before id rest; do
		[ "$before" -lt "$num" ] || continue
		got=$(sqlite3 "$C/volunteer.db" "SELECT json_extract(body, '\$.fields.business') FROM record WHERE id = '$id'")
		[ "$got" = "$rest" ] || bad="$bad [$k: lacks $rest ($id)]"
		records=$((records + 1))
		acked=$((acked + 1))
	done <"$T/acked"
	# a copy of the synced pages only lacks the save in flight: the cut is real (each visit
	# also made its business, in the same transaction: the visits are counted)
	held=$(sqlite3 "$C/volunteer.db" "SELECT count(*) FROM record WHERE kind <> 'business'")
	# (or that save too, when the copy was taken at a later fsync of the same command,
	# after its commit and before it ended: never more than one)
	case $k in *-lost) [ "$held" = "$acked" ] || [ "$held" = $((acked + 1)) ] ||
		bad="$bad [$k: holds $held records, $acked acknowledged]"
		lost_checked=$((lost_checked + 1)) ;; esac
	# and the program itself opens it and lists what it holds
	mkdir -p "$T/prog"
	rm -rf "$T/prog/data"
	cp -r "$C" "$T/prog/data"
	sed "s|^data_dir *=.*|data_dir = $T/prog/data|" "$VCONF" >"$T/prog/volunteer.ini"
	"$VOLUNTEER" --config "$T/prog/volunteer.ini" list --all >/dev/null 2>"$T/err" ||
		bad="$bad [$k: the program cannot list it: $(cat "$T/err")]"
	checked=$((checked + 1))
done
is "$bad" "" "$checked copies at $total fsyncs open whole and hold the $records acknowledged records they must"
grep -q '^data_dir' "$VCONF"
ok $? "the config names its data folder (the copies are opened through it)"
is "$lost_checked" "$total" "each fsync has its copy of the synced pages only, without the save in flight"
diag "copies: $checked (as written and as synced), fsyncs: $total, acknowledged records checked: $records"
[ -n "${FAULT_FIGURES:-}" ] && echo "torn $checked $total $records" >"$FAULT_FIGURES"
done_testing
