#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The cursor follows the record: after a save (new or edited, wherever its date puts it),
# a delete (the neighbour), a sync and a tab change, `d` offers to delete the record the
# user means, not whatever now sits in the same row.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v git >/dev/null 2>&1 || skip_all "git is not installed"

# The same volunteer on another laptop, to send a record through a sync.
git init -q --bare "$T/shared.git"
mkvol laptop2 ana --remote "$T/shared.git"
OTHER=$VCONF
mkvol ana ana --remote "$T/shared.git"
ANA=$VCONF
# 40 visits on 40 days of 2026 (Negocio 40 the newest) and one task among them: more than
# a page (19 rows at 80x24).
i=1
while [ $i -le 40 ]; do
	n=$(printf '%02d' $i)
	d=$(date -u -d "2026-01-01 + $((i - 1)) days" +%Y-%m-%d)
	vol add visit business="Negocio $n" date="$d" >/dev/null || break
	i=$((i + 1))
done
vol add task title="Subir fotos" business="Bar Central" due=2026-02-04 date=2026-02-04 \
    >/dev/null
is "$(vol list --count)" 41 "forty visits and a task"

# What `d` offers to delete (answered no): the record under the cursor.
selected() {
	keys d && wait_for 'Delete (Visit|Task)' >/dev/null || return
	screen | grep -o 'Delete [A-Za-z]* “[^”]*”' | head -1 | sed 's/^Delete //' 
	keys n && wait_for '^n new' >/dev/null
}

tui_start 80 24
wait_for 'Negocio 40' || exit 1
tui_ready

keys Down Down Down
is "$(selected)" "Visit “Negocio 37”" "the cursor is on the fourth row (the task is in February)"

# A new record: its place in the order is its date (today), not the row of the cursor.
keys n && wait_for 'v visit' && keys v && wait_for 'New visit'
typein 'Tienda Nueva'
keys F2 && wait_for 'Saved: Visit'
ok $? "a new visit is saved"
is "$(selected)" "Visit “Tienda Nueva”" "after the save the cursor is on the new record"

# An edit that moves a record to the other end of the list (off the page).
keys Home
keys Down
is "$(selected)" "Visit “Negocio 40”" "the cursor is on Negocio 40"
keys e && wait_for 'Edit visit'
keys Tab Tab Tab Tab C-u
typein '2025-06-01'
keys F2 && wait_for 'Saved: Visit'
ok $? "its date moves it to the end of the list"
wait_for 'Negocio 01'
ok $? "the list shows the end, where the record went"
is "$(selected)" "Visit “Negocio 40”" "and the cursor is still on it"

# An edit that moves it into the middle: the page is read around it; paging still works.
keys e && wait_for 'Edit visit'
keys Tab Tab Tab Tab C-u
typein '2026-01-15'
keys F2 && wait_for 'Saved: Visit'
ok $? "its date moves it into the middle"
is "$(selected)" "Visit “Negocio 40”" "the cursor followed it"
keys Down
is "$(selected)" "Visit “Negocio 15”" "the row below it is the next older record"
keys Up Up
is "$(selected)" "Visit “Negocio 16”" "the row above it the next newer one"
keys PPage PPage PPage && wait_for 'Tienda Nueva'
ok $? "PgUp still reaches the top"

# A delete: the cursor goes to the neighbour.
keys Home Down Down
is "$(selected)" "Visit “Negocio 38”" "the cursor is on Negocio 38"
keys d && wait_for 'Delete Visit “Negocio 38”' && keys y && wait_for 'Deleted'
ok $? "Negocio 38 is deleted"
is "$(selected)" "Visit “Negocio 37”" "the cursor is on its neighbour"

# A sync that brings a record from the other laptop, newer than the cursor's: the rows
# shift, the cursor stays on its record.
keys Down Down Down Down
is "$(selected)" "Visit “Negocio 34”" "the cursor is on Negocio 34"
VCONF=$OTHER
vol add visit business="Otra Tienda" date=2026-02-06 >/dev/null && vol sync >/dev/null 2>&1
ok $? "the other laptop sends a visit"
VCONF=$ANA
keys s && wait_for 'Sync done: .*received 2'
ok $? "the sync brings it"
keys Escape && wait_for 'Otra Tienda'
is "$(selected)" "Visit “Negocio 34”" "the cursor is still on Negocio 34"

# A tab change: the same record when the tab lists it, else the nearest.
keys 1
is "$(selected)" "Visit “Negocio 34”" "Visits still lists it: the cursor stays on it"
keys 2
is "$(selected)" "Task “Bar Central”" "Tasks does not: the cursor is on the nearest, the task"
keys 4
is "$(selected)" "Task “Bar Central”" "All lists the task: it stays on it"

keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
