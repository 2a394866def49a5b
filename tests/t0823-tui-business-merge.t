#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Merge from the screen: `m` on a business in the Negocios tab picks the business it is
# merged into (letters jump) and merges as `volunteer business merge` does; into itself
# or into a business merged away meanwhile is refused with a clear message. The review
# screen's `D` lists likely duplicates (same name and municipality, two laptops that
# made "the same" business offline) and merges one pair.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
biz() { vol show "$1" --json | json 'd["fields"]["business_id"]'; }

mkvol ana ana --role coordinator
v=$(vol add visit business="Panadería Hermanos Ruiz" date=2026-11-01)
a=$(biz "$v")
t=$(vol add task business="Bar Plaza" title="Web del bar" date=2026-11-02)
bar=$(biz "$t")
q=$(vol add business name="Quesería La Vega" municipality=Almazán)
dup=$(vol add business name="PANADERIA HERMANOS RUIZ" municipality=almazán)
ok $? "a second record of the same bakery (another laptop's, offline)"

tui_start 100 30
wait_for 'Panadería Hermanos Ruiz' || exit 1
keys 5 && wait_for '\[5 Businesses\]' || exit 1
# The row of Bar Plaza: the cursor starts on the first row, line 4 of the screen.
row=$(screen | grep -n ' Bar Plaza ' | head -n 1 | cut -d: -f1)
[ -n "$row" ] || give_up "Bar Plaza is in the Businesses tab"
keys g
i=4
while [ "$i" -lt "$row" ]; do keys Down; i=$((i + 1)); done
keys m && wait_for 'Merge into which business' || exit 1
ok 0 "m opens the picker of businesses"
keys Enter && wait_for 'cannot be merged into itself'
ok $? "into itself: refused, with a clear message"

keys m && wait_for 'Merge into which business' || exit 1
keys p Enter && wait_for 'Merge “Bar Plaza · Almazán” into “Panadería Hermanos Ruiz' && keys y
wait_for 'Merged into “Panadería Hermanos Ruiz · Almazán”: 1 record moved'
ok $? "m, p, Enter, y: merged, the count of records moved said"
is "$(biz "$t")" "$a" "the task now points at the bakery"
is "$(vol show "$bar" --json | json 'd["deleted"], d["fields"]["merged_into"]')" "True $a" \
	"the bar is a tombstone that points at the survivor"

keys R && wait_for 'Review' || exit 1
keys D && wait_for 'Likely duplicates' || exit 1
s=$(screen)
like "$s" 'Panadería Hermanos Ruiz · Almazán  ←  PANADERIA HERMANOS RUIZ · almazán' \
	"D lists the two records of the bakery, the older on the left"
if printf '%s' "$s" | grep -q 'Bar Plaza · Almazán  ←\|Quesería La Vega · Almazán  ←'; then r=1; else r=0; fi
ok $r "and no pair of different businesses"
keys Enter && wait_for 'Merge “PANADERIA HERMANOS RUIZ · almazán” into “Panadería Hermanos Ruiz' && keys y
wait_for 'Merged into “Panadería Hermanos Ruiz · Almazán”: 0 records moved'
ok $? "Enter, y merges the pair"
is "$(vol show "$dup" --json | json 'd["fields"]["merged_into"]')" "$a" "the newer points at the older"
keys D && wait_for 'No likely duplicate businesses'
ok $? "no duplicates are left"
keys Escape q && tui_wait_exit
tui_stderr_clean

# The same function as the command line: into a business merged away, refused.
vol business merge "$q" "$bar" >/dev/null 2>"$T/err"
is $? 2 "into a tombstone: exit 2"
like "$(cat "$T/err")" 'was merged into another' "the message says why"
done_testing
