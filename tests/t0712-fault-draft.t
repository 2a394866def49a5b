#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A failing disk or a full memory while the form saves its draft (the terminal UI writes one
# at every change): for each N along the typing, the Nth write, fsync or allocation under
# the data folder fails (tests/fault/fault.c). The screen stays up (or, when an allocation
# of the program's own fails, it ends saying "out of memory" with the draft whole), a
# failed draft save is said on the screen, the next change saves the draft again, and after
# kill -9 (a dead battery) the database is whole and the draft holds everything typed.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
. "${0%/*}/fault/lib.sh"

points() {
	case $1 in
	write) echo ${FAULT_POINTS:-1 2 3 5 8 13 20 30} ;;
	fsync) echo 1 2 3 4 6 ;;
	malloc) echo 1 20 150 1000 3000 8000 ;;
	esac
	[ "${FAULT_SWEEP:-sample}" = all ] && seq 31 200
}

runs=0 fired=0 said=0 oom=0

# ended_by_oom DATADIR SHOWN [TYPED]: the program ended on an allocation of its own that
# failed (util.c: exit 1, "out of memory", the terminal given back), the database is whole
# and the draft's business holds SHOWN, all that the screen had shown, and perhaps some of
# TYPED, the keys sent after it (taken and saved, then the end came before the screen was
# drawn); 1 when it did not end that way, and 2 (the reason in $why) when it lost something
ended_by_oom() {
	[ "$($TM display -p -t 0 '#{pane_dead}' 2>/dev/null)" = 1 ] &&
	    grep -q '^volunteer: out of memory' "$T/tui-stderr" || return 1
	oom=$((oom + 1))
	db_intact "$1" || { why="integrity_check fails after the exit"; return 2; }
	got=$(sqlite3 "$1/volunteer.db" "SELECT json_extract(fields, '\$.business') FROM draft")
	case $got in
	"$2"*) case "$2${3:-}" in "$got"*) return 0 ;; esac ;;
	esac
	why="out of memory, and the draft holds '$got', not '$2' (and some of '${3:-}')"
	return 2
}
for call in write fsync malloc; do
	bad=""
	for n in $(points $call); do
		mkvol "d-$call-$n"
		D="$T/d-$call-$n/data"
		rm -f "$T/mark"
		tui_start 80 24 LD_PRELOAD="$FAULT_SHIM" FAULT_CALL=$call FAULT_N=$n FAULT_DIR="$D" \
			FAULT_MARK="$T/mark"
		runs=$((runs + 1))
		if ! wait_for 'n new' 5 >/dev/null; then
			# a fault before the first screen: the program must have said why and left
			tui_wait_exit >/dev/null
			grep -q '^volunteer: .' "$T/tui-stderr" ||
				bad="$bad [N=$n: no first screen and no message: $(tail -2 "$T/tui-stderr")]"
			[ -f "$T/mark" ] && fired=$((fired + 1))
			continue
		fi
		keys n && wait_for 'v visit' >/dev/null && keys v && wait_for 'New visit' >/dev/null ||
			{ bad="$bad [N=$n: the form does not open: $(screen | head -3 | tr '\n' ' ')]"; tui_kill9; continue; }
		# word by word, each on the screen before the next: a draft save is done and drawn
		shown="" unsaid="" ended=""
		for w in Ferretería ' Peña' ' e' 'hijos'; do
			had_mark=0
			[ -f "$T/mark" ] && had_mark=1
			typein "$w"
			wait_for "$shown$w" >/dev/null || {
				# an allocation that fails while a key is taken ends the program
				# there; the draft has what the screen had shown before that key
				ended_by_oom "$D" "$shown" "$w"
				case $? in 0) ended=1 ;; 2) ended=1 bad="$bad [N=$n: $why]" ;; esac
				break
			}
			shown="$shown$w"
			# the fault hit this save's commit: the screen must say the draft was not saved
			if [ $had_mark = 0 ] && grep -q 'volunteer.db-wal' "$T/mark" 2>/dev/null; then
				if screen | grep -q 'draft could not be saved'; then said=$((said + 1))
				else unsaid="$(cat "$T/mark")"; fi
			fi
		done
		[ -n "$ended" ] && { [ -f "$T/mark" ] && fired=$((fired + 1)); continue; }
		[ "$shown" = 'Ferretería Peña ehijos' ] && screen | grep -q "$shown" ||
			{ bad="$bad [N=$n: the typing does not show]"; tui_kill9; continue; }
		[ -f "$T/mark" ] && fired=$((fired + 1))
		[ -z "$unsaid" ] ||
			bad="$bad [N=$n: a draft save failed ($unsaid) and the screen did not say so]"
		[ -n "${FAULT_VERBOSE:-}" ] && diag "N=$n: $(cat "$T/mark" 2>/dev/null) $(screen | tail -2)"
		# the next change (another field) saves the draft again, whole
		keys Tab Tab Tab
		typein 'Soria'
		if ! wait_for 'Province +Soria' >/dev/null; then
			ended_by_oom "$D" "$shown"
			case $? in
			0) continue ;;
			2) bad="$bad [N=$n: $why]"; continue ;;
			esac
			bad="$bad [N=$n: the next field does not take text]"; tui_kill9; continue
		fi
		# a save that failed is tried again at the next key (End: the cursor only)
		if screen | grep -q 'draft could not be saved'; then
			said=$((said + 1))
			keys End
		fi
		# what the screen shows is in the draft: wait for the draft to hold it, then cut
		wait_until sh -c "sqlite3 '$D/volunteer.db' \"SELECT json_extract(fields, '\\\$.province') FROM draft\" 2>/dev/null | grep -qx Soria" ||
			{ bad="$bad [N=$n: the draft never holds the province]"; tui_kill9; continue; }
		tui_kill9
		db_intact "$D" || { bad="$bad [N=$n: integrity_check fails]"; continue; }
		got=$(sqlite3 "$D/volunteer.db" "SELECT json_extract(fields, '\$.business') || '/' || json_extract(fields, '\$.province') FROM draft")
		[ "$got" = "Ferretería Peña ehijos/Soria" ] || bad="$bad [N=$n: the draft holds '$got']"
	done
	is "$bad" "" "draft saves under $call faults: the screen stays up and the draft comes back whole"
done
diag "$runs runs, $fired faults injected, $said said on the screen, $oom ended by an allocation of the program's own (the draft whole)"
[ "$fired" -gt 0 ]
ok $? "faults were injected into draft saves ($fired)"

# The last laptop, without a fault: the draft is offered back and saves as a record.
tui_start 80 24
wait_for 'Resume the unsaved visit'
ok $? "the next start without a fault offers the draft back"
keys y && wait_for 'New visit' && keys F2 && wait_for 'Saved: Visit'
ok $? "and it saves"
keys q && tui_wait_exit
[ -n "${FAULT_FIGURES:-}" ] && echo "draft $runs $fired $said" >"$FAULT_FIGURES"
done_testing
