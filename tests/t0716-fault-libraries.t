#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A full memory inside the libraries: along an add, an edit and a delete, every one of the
# first 40 allocations that jansson makes then one in 5 (and along an add one in 6 of
# SQLite's own); along a first sync, every one of
# libgit2's first 60 (its init, the remote's setup) then one in 40 to the end: each fails
# in turn (tests/fault/fault.c, FAULT_FROM). Each time the command ends 0, or 1 with a message (never a field "required",
# a stored record "damaged", a crash), the store is intact, the record is wholly there or
# wholly absent, and the same command without a fault then succeeds.
# Regression of make stress's sweep (RELIABILITY.md): an allocation that failed in jansson
# read as a field not given (add, exit 2 "business: required") or as a damaged stored
# record (edit and delete); one that failed in libgit2's init crashed the sync (SIGSEGV).
. "${0%/*}/lib.sh"
. "${0%/*}/fault/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
mkvol ana
D="$T/ana/data"
ANA=$VCONF
q() { sqlite3 "$D/volunteer.db" "$1"; }
FAULT_FROM=libjansson
export FAULT_FROM
SWEEP_EVERY=40 SWEEP_STEP=5
PROGRAM=$VOLUNTEER

# sweep OP: run "try_OP N" for N = 1, 2, ... until the fault no longer fires; each try sets
# BAD on a broken rule. Says how many faults fired and how many runs ended 1.
sweep() {
	_op=$1 n=1 fired=0 failed=0 BAD=""
	while :; do
		"try_$_op" "$n"
		[ "$FAULT_FIRED" = 1 ] || break
		fired=$((fired + 1))
		[ "$FAULT_RC" = 0 ] || failed=$((failed + 1))
		[ -z "$BAD" ] || break
		n=$(( n < SWEEP_EVERY ? n + 1 : n + SWEEP_STEP ))
	done
	is "$BAD" "" "$_op under $FAULT_FROM allocation faults: $fired faults, $failed refused, none torn"
	[ "$fired" -gt 40 ]
	ok $? "$_op: the sweep went through $FAULT_FROM's allocations ($fired)"
}

# outcome: the run's end and the store, the common part of each rule
outcome() {
	fault_outcome_ok || { BAD="N=$1: $FAULT_WHY"; return 1; }
	db_intact "$D" || { BAD="N=$1: integrity_check fails"; return 1; }
}

try_add() {
	b="Add $1"
	fault_run malloc "$1" "$D" "$PROGRAM" --config "$ANA" add visit business="$b" \
		municipality=Almazán findings="whole $1" duration_min=45
	[ "$FAULT_FIRED" = 1 ] || return 0
	outcome "$1" || return 0
	whole=$(q "SELECT count(*) FROM record WHERE json_extract(body, '\$.fields.business') = '$b'
		AND json_extract(body, '\$.fields.findings') = 'whole $1'
		AND json_extract(body, '\$.fields.duration_min') = 45")
	has=$(q "SELECT count(*) FROM record WHERE json_extract(body, '\$.fields.business') = '$b'")
	[ "$has" = "$whole" ] && [ "$has" -le 1 ] || { BAD="N=$1: the record is there in part"; return 0; }
	[ "$FAULT_RC" = 1 ] || [ "$has" = 1 ] || BAD="N=$1: exit 0 and no record"
	vol add visit business="After $1" municipality=Almazán >/dev/null 2>"$T/err" ||
		BAD="N=$1: the next add fails: $(cat "$T/err")"
}
sweep add

# SQLite's own allocations along an add, one in 6: a statement that runs out of memory may
# roll the whole transaction back, and what ran after it was committed on its own (the
# sweep of make stress: an add saved without its search index, then "cannot commit - no
# transaction is active", exit 1 with the record there). Whole or absent, said so.
# The program holds SQLite linked in, where the shim cannot tell SQLite's calls from the
# program's: this sweep runs the same program linked with the shared library (make tests).
FAULT_FROM=libsqlite3
SWEEP_EVERY=1 SWEEP_STEP=6
PROGRAM=${TEST_BUILD:-$TOP/build}/tests/volunteer-sqlite-shared
[ -x "$PROGRAM" ]
ok $? "the program with SQLite's shared library is built ($PROGRAM)"
try_add_sqlite() {
	try_add "$1"
	[ -z "$BAD" ] && [ "$FAULT_RC" = 1 ] && [ "$has" = 1 ] &&
		! grep -q "may or may not have been kept" "$T/fault.err" &&
		BAD="N=$1: exit 1, the record saved, and the message does not say it may be: $(head -1 "$T/fault.err")"
	return 0
}
sweep add_sqlite
FAULT_FROM=libjansson
SWEEP_EVERY=40 SWEEP_STEP=5

E=$(vol add visit business="Edited" municipality=Almazán findings=old duration_min=30)
try_edit() {
	before=$(q "SELECT json_extract(body, '\$.fields.findings') || '/' ||
		json_extract(body, '\$.fields.duration_min') FROM record WHERE id = '$E'")
	want="edit $1/$(($1 % 400 + 60))"
	fault_run malloc "$1" "$D" "$VOLUNTEER" --config "$ANA" edit "$E" \
		findings="edit $1" duration_min=$(($1 % 400 + 60))
	[ "$FAULT_FIRED" = 1 ] || return 0
	outcome "$1" || return 0
	now=$(q "SELECT json_extract(body, '\$.fields.findings') || '/' ||
		json_extract(body, '\$.fields.duration_min') FROM record WHERE id = '$E'")
	[ "$now" = "$want" ] || { [ "$FAULT_RC" = 1 ] && [ "$now" = "$before" ]; } ||
		{ BAD="N=$1: exit $FAULT_RC and the record holds '$now'"; return 0; }
	vol edit "$E" findings="after $1" duration_min=31 >/dev/null 2>"$T/err" ||
		BAD="N=$1: the next edit fails: $(cat "$T/err")"
}
sweep edit

try_delete() {
	X=$(vol add visit business="Doomed $1" municipality=Almazán)
	fault_run malloc "$1" "$D" "$VOLUNTEER" --config "$ANA" delete "$X"
	[ "$FAULT_FIRED" = 1 ] || return 0
	outcome "$1" || return 0
	st=$(q "SELECT deleted || '/' || json_extract(body, '\$.deleted') FROM record WHERE id = '$X'")
	[ "$st" = 1/1 ] || { [ "$FAULT_RC" = 1 ] && [ "$st" = 0/0 ]; } ||
		{ BAD="N=$1: exit $FAULT_RC and the record is '$st'"; return 0; }
	[ "$st" = 1/1 ] || vol delete "$X" 2>"$T/err" || BAD="N=$1: the next delete fails: $(cat "$T/err")"
}
sweep delete

# ---- a first sync of another volunteer's 12 records, libgit2's allocations ----
remote_of_twelve
FAULT_FROM=libgit2.so
try_sync() {
	L="$T/imp-$1"
	"$VOLUNTEER" --config "$L/volunteer.ini" init --id carla --name Carla \
		--municipality Almazán --data-dir "$L/data" --remote "$R" >/dev/null 2>&1 ||
		{ BAD="N=$1: init fails"; FAULT_FIRED=1; return 0; }
	D="$L/data"
	fault_run malloc "$1" "$D" "$VOLUNTEER" --config "$L/volunteer.ini" sync
	[ "$FAULT_FIRED" = 1 ] || { rm -rf "$L"; return 0; }
	outcome "$1" || return 0
	held "$D" >"$T/held"
	# each record held is bea's, whole; all 12 after an exit 0
	[ -z "$(grep -vxF -f "$T/bea.records" "$T/held")" ] ||
		{ BAD="N=$1: a record in part"; return 0; }
	[ "$FAULT_RC" = 1 ] || cmp -s "$T/held" "$T/bea.records" ||
		{ BAD="N=$1: exit 0 and $(wc -l <"$T/held") records"; return 0; }
	"$VOLUNTEER" --config "$L/volunteer.ini" sync >/dev/null 2>"$T/err" ||
		{ BAD="N=$1: the next sync fails: $(cat "$T/err")"; return 0; }
	held "$D" >"$T/held"
	cmp -s "$T/held" "$T/bea.records" || { BAD="N=$1: not bea's 12 after the next sync"; return 0; }
	git --git-dir="$D/repo.git" fsck >"$T/fsck" 2>&1 || { BAD="N=$1: git fsck: $(head -2 "$T/fsck")"; return 0; }
	rm -rf "$L"
}
SWEEP_EVERY=60 SWEEP_STEP=40
sweep sync
done_testing
