#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A failing disk or a full memory in the middle of a save, an edit, a delete and a first
# sync's import (tests/fault/fault.c fails the Nth write, fsync or allocation, for N along
# the whole command): each time the command ends 0, or 1 with a message (never a crash),
# PRAGMA integrity_check says ok, the record is wholly there or wholly absent (an edit
# wholly old or wholly new), and the same command without a fault then succeeds. A failing
# disk is said in the volunteer's language, with SQLite's own words beside it.
# N is every one of the first 16 calls and ever sparser after; FAULT_SWEEP=all tries every
# N (make stress: tests/stress/t0710-fault-sweep.t). Figures go to $FAULT_FIGURES if set.
. "${0%/*}/lib.sh"
. "${0%/*}/fault/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
mkvol ana
D="$T/ana/data"
ANA=$VCONF
q() { sqlite3 "$D/volunteer.db" "$1"; }
: >"$T/figures"

# figure OP CALL RUNS FIRED EXIT1 SAVED_ANYWAY: one line of the figures
figure() { echo "$*" >>"$T/figures"; }

# ---- add ----
for call in write fsync malloc; do
	runs=0 fired=0 failed=0 anyway=0 bad=""
	for n in $(fault_points "$call"); do
		b="Add $call $n"
		fault_run "$call" "$n" "$D" "$VOLUNTEER" --config "$ANA" add visit business="$b" \
			municipality=Almazán findings="whole $call $n" duration_min=45
		runs=$((runs + 1))
		[ "$FAULT_FIRED" = 1 ] || break
		fired=$((fired + 1))
		fault_outcome_ok || { bad="$bad [N=$n: $FAULT_WHY]"; break; }
		db_intact "$D" || { bad="$bad [N=$n: integrity_check fails]"; break; }
		has=$(q "SELECT count(*) FROM record WHERE json_extract(body, '\$.fields.business') = '$b'")
		whole=$(q "SELECT count(*) FROM record WHERE json_extract(body, '\$.fields.business') = '$b'
			AND json_extract(body, '\$.fields.findings') = 'whole $call $n'
			AND json_extract(body, '\$.fields.duration_min') = 45")
		if [ "$FAULT_RC" = 0 ]; then
			[ "$has" = 1 ] && [ "$whole" = 1 ] ||
				{ bad="$bad [N=$n: exit 0 but the record is not there whole]"; break; }
		else
			failed=$((failed + 1))
			[ "$has" = "$whole" ] && [ "$has" -le 1 ] ||
				{ bad="$bad [N=$n: exit 1 and the record is there in part]"; break; }
			if [ "$has" = 1 ]; then
				anyway=$((anyway + 1))
				grep -q "may or may not have been kept" "$T/fault.err" ||
					{ bad="$bad [N=$n: exit 1, the record saved, and the message does not say it may be: $(cat "$T/fault.err")]"; break; }
			fi
		fi
		vol add visit business="After $call $n" municipality=Almazán >/dev/null 2>"$T/err" ||
			{ bad="$bad [N=$n: the next add fails: $(cat "$T/err")]"; break; }
	done
	is "$bad" "" "add under $call faults: $fired faults in $runs runs, $failed refused, none torn"
	[ "$fired" -gt 0 ] && [ "$FAULT_FIRED" = 0 ] || [ -n "$bad" ]
	ok $? "add under $call faults: the sweep reached the end of the command"
	figure add "$call" "$runs" "$fired" "$failed" "$anyway"
done

# ---- edit: two fields change together or not at all ----
E=$(vol add visit business="Edited" municipality=Almazán findings=old duration_min=30)
for call in write fsync malloc; do
	runs=0 fired=0 failed=0 anyway=0 bad=""
	for n in $(fault_points "$call"); do
		before=$(q "SELECT json_extract(body, '\$.fields.findings') || '/' ||
			json_extract(body, '\$.fields.duration_min') FROM record WHERE id = '$E'")
		want="edit $call $n/$((n % 400 + 60))"
		fault_run "$call" "$n" "$D" "$VOLUNTEER" --config "$ANA" edit "$E" \
			findings="edit $call $n" duration_min=$((n % 400 + 60))
		runs=$((runs + 1))
		[ "$FAULT_FIRED" = 1 ] || break
		fired=$((fired + 1))
		fault_outcome_ok || { bad="$bad [N=$n: $FAULT_WHY]"; break; }
		db_intact "$D" || { bad="$bad [N=$n: integrity_check fails]"; break; }
		now=$(q "SELECT json_extract(body, '\$.fields.findings') || '/' ||
			json_extract(body, '\$.fields.duration_min') FROM record WHERE id = '$E'")
		if [ "$FAULT_RC" = 0 ]; then
			[ "$now" = "$want" ] || { bad="$bad [N=$n: exit 0 but the record holds '$now']"; break; }
		else
			failed=$((failed + 1))
			[ "$now" = "$before" ] || [ "$now" = "$want" ] ||
				{ bad="$bad [N=$n: exit 1 and the record holds '$now']"; break; }
			if [ "$now" = "$want" ]; then
				anyway=$((anyway + 1))
				grep -q "may or may not have been kept" "$T/fault.err" ||
					{ bad="$bad [N=$n: exit 1, the edit saved, and the message does not say it may be: $(cat "$T/fault.err")]"; break; }
			fi
		fi
		vol edit "$E" findings="after $call $n" duration_min=31 >/dev/null 2>"$T/err" ||
			{ bad="$bad [N=$n: the next edit fails: $(cat "$T/err")]"; break; }
	done
	is "$bad" "" "edit under $call faults: $fired faults in $runs runs, $failed refused, none torn"
	[ "$fired" -gt 0 ] && [ "$FAULT_FIRED" = 0 ] || [ -n "$bad" ]
	ok $? "edit under $call faults: the sweep reached the end of the command"
	figure edit "$call" "$runs" "$fired" "$failed" "$anyway"
done

# ---- delete: a tombstone, or the record as it was ----
for call in write fsync malloc; do
	runs=0 fired=0 failed=0 anyway=0 bad=""
	for n in $(fault_points "$call"); do
		X=$(vol add visit business="Doomed $call $n" municipality=Almazán)
		fault_run "$call" "$n" "$D" "$VOLUNTEER" --config "$ANA" delete "$X"
		runs=$((runs + 1))
		[ "$FAULT_FIRED" = 1 ] || break
		fired=$((fired + 1))
		fault_outcome_ok || { bad="$bad [N=$n: $FAULT_WHY]"; break; }
		db_intact "$D" || { bad="$bad [N=$n: integrity_check fails]"; break; }
		st=$(q "SELECT deleted || '/' || json_extract(body, '\$.deleted') || '/' ||
			json_extract(body, '\$.fields.business') FROM record WHERE id = '$X'")
		if [ "$FAULT_RC" = 0 ]; then
			[ "$st" = "1/1/Doomed $call $n" ] ||
				{ bad="$bad [N=$n: exit 0 but the record is '$st']"; break; }
		else
			failed=$((failed + 1))
			[ "$st" = "1/1/Doomed $call $n" ] || [ "$st" = "0/0/Doomed $call $n" ] ||
				{ bad="$bad [N=$n: exit 1 and the record is '$st']"; break; }
			if [ "$st" = "1/1/Doomed $call $n" ]; then
				anyway=$((anyway + 1))
				grep -q "may or may not have been kept" "$T/fault.err" ||
					{ bad="$bad [N=$n: exit 1, the delete saved, and the message does not say it may be: $(cat "$T/fault.err")]"; break; }
			fi
		fi
		if [ "${st%%/*}" = 0 ]; then
			vol delete "$X" 2>"$T/err" ||
				{ bad="$bad [N=$n: the next delete fails: $(cat "$T/err")]"; break; }
		fi
	done
	is "$bad" "" "delete under $call faults: $fired faults in $runs runs, $failed refused, none torn"
	[ "$fired" -gt 0 ] && [ "$FAULT_FIRED" = 0 ] || [ -n "$bad" ]
	ok $? "delete under $call faults: the sweep reached the end of the command"
	figure delete "$call" "$runs" "$fired" "$failed" "$anyway"
done

# ---- a first sync's import: another volunteer's records from a local bare repository ----
remote_of_twelve

for call in write fsync malloc; do
	runs=0 fired=0 failed=0 anyway=0 bad=""
	for n in $(fault_points "$call"); do
		L="$T/imp-$call-$n"
		"$VOLUNTEER" --config "$L/volunteer.ini" init --id carla --name Carla \
			--municipality Almazán --data-dir "$L/data" --remote "$R" >/dev/null 2>&1 ||
			{ bad="$bad [N=$n: init fails]"; break; }
		fault_run "$call" "$n" "$L/data" "$VOLUNTEER" --config "$L/volunteer.ini" sync
		runs=$((runs + 1))
		[ "$FAULT_FIRED" = 1 ] || { rm -rf "$L"; break; }
		fired=$((fired + 1))
		fault_outcome_ok || { bad="$bad [N=$n: $FAULT_WHY]"; break; }
		db_intact "$L/data" || { bad="$bad [N=$n: integrity_check fails]"; break; }
		held "$L/data" >"$T/held"
		if [ "$FAULT_RC" = 0 ]; then
			# Whole, or a file it could not read (jansson tells an allocation failure
			# as a bad token) set aside, said so, and read again by the next sync.
			cmp -s "$T/held" "$T/bea.records" || grep -q 'set aside' "$T/fault.err" ||
				{ bad="$bad [N=$n: exit 0 but $(wc -l <"$T/held") records, or not whole]"; break; }
		else
			failed=$((failed + 1))
			# each record held is bea's, whole (some may be there, not all)
			[ -z "$(grep -vxF -f "$T/bea.records" "$T/held")" ] ||
				{ bad="$bad [N=$n: exit 1 and a record in part: $(grep -vxF -f "$T/bea.records" "$T/held" | head -1)]"; break; }
			[ -s "$T/held" ] && anyway=$((anyway + 1))
		fi
		"$VOLUNTEER" --config "$L/volunteer.ini" sync >/dev/null 2>"$T/err" ||
			{ bad="$bad [N=$n: the next sync fails: $(cat "$T/err")]"; break; }
		held "$L/data" >"$T/held"
		cmp -s "$T/held" "$T/bea.records" ||
			{ bad="$bad [N=$n: after the next sync $(wc -l <"$T/held") records, not bea's 12]"; break; }
		git --git-dir="$L/data/repo.git" fsck >"$T/fsck" 2>&1 ||
			{ bad="$bad [N=$n: git fsck of the local copy: $(head -2 "$T/fsck")]"; break; }
		rm -rf "$L"
	done
	is "$bad" "" "first sync under $call faults: $fired faults in $runs runs, $failed refused, none torn"
	[ "$fired" -gt 0 ] && [ "$FAULT_FIRED" = 0 ] || [ -n "$bad" ]
	ok $? "first sync under $call faults: the sweep reached the end of the command"
	figure sync "$call" "$runs" "$fired" "$failed" "$anyway"
done

# ---- a failing disk is said in the volunteer's language, SQLite's words beside it ----
bad=""
for said in "es:el disco ha dado un error" "ca:el disc ha donat un error" \
    "eu:diskoak errore bat eman du" "gl:o disco deu un erro" "en:the disk reported an error"; do
	l=${said%%:*}
	loc=${l}_ES.UTF-8
	[ "$l" = en ] && loc=C.UTF-8
	# in a subshell of that locale (the shim counts the first program only: no env(1))
	FAULT_FIRED=$( export LC_ALL="$loc" LANG="$loc"
		fault_run write 1 "$D" "$VOLUNTEER" --config "$ANA" add visit \
			business="Disco $l" municipality=Almazán
		echo "$FAULT_FIRED $FAULT_RC" )
	FAULT_RC=${FAULT_FIRED#* } FAULT_FIRED=${FAULT_FIRED% *}
	[ "$FAULT_FIRED" = 1 ] && [ "$FAULT_RC" = 1 ] ||
		{ bad="$bad [$l: the fault did not end the add ($FAULT_FIRED, $FAULT_RC)]"; continue; }
	grep -q "^volunteer: .*${said#*:} (.*)" "$T/fault.err" ||
		bad="$bad [$l: $(cat "$T/fault.err")]"
done
is "$bad" "" "a failing disk is said in the volunteer's language (es, ca, eu, gl, en)"

while read -r op call runs fired failed anyway; do
	diag "$op $call: $runs runs, $fired faults injected, $failed exit 1 ($anyway of them had saved it whole)"
done <"$T/figures"
[ -n "${FAULT_FIGURES:-}" ] && cp "$T/figures" "$FAULT_FIGURES"
done_testing
