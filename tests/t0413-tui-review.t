#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The coordinator's review screen (R): every volunteer's records with their review state,
# status tabs, filters and search; x flags the selected record with a comment (the command
# line then sees it), o marks it ok; F shows the figures `volunteer report` prints.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v git >/dev/null || skip_all "git is not installed"
git init -q --bare "$T/shared.git" || skip_all "cannot create a bare repository"

mkvol bea bea --remote "$T/shared.git"
vol add visit business='Panadería Las Eras' municipality=Almazán date=2026-11-20 \
	duration_min=60 >/dev/null
vol add visit business='Ferretería Gómez' municipality=Berlanga date=2026-11-18 >/dev/null
vol add workshop title='Banca online' municipality=Berlanga attendees=9 date=2026-11-16 \
	>/dev/null
vol sync >/dev/null 2>"$T/err" || { diag "$(cat "$T/err")"; exit 1; }
mkvol ana ana --role coordinator --remote "$T/shared.git"
vol sync >/dev/null 2>"$T/err" || { diag "$(cat "$T/err")"; exit 1; }
vol add visit business='Bar Plaza' municipality=Almazán date=2026-11-10 >/dev/null
old=$(vol list --all --json | python3 -c '
import json, sys
print([r["id"] for r in json.load(sys.stdin) if r["fields"].get("business") == "Ferretería Gómez"][0])')
vol review "$old" --ok >/dev/null || diag "review of '$old' failed"
visits=$(vol report --by municipality | awk '/^Total/ { print $2 }')
is "$visits" 3 "volunteer report counts three visits"

tui_start 80 24
wait_for 'Panadería Las Eras' || exit 1
like "$(screen)" '\? help  R review' "the list's key hints name R for a coordinator"
keys R && wait_for '\[1 All\]'
ok $? "R opens the review screen"
s=$(screen)
like "$s" 'bea +Panadería Las Eras +Almazán +not reviewed' "bea's visit, not yet reviewed"
like "$s" 'Ferretería Gómez +Berlanga +ok' "a record reviewed ok says so"
like "$s" 'ana +Bar Plaza' "and the coordinator's own record"
like "$(printf '%s\n' "$s" | grep -n 'Panadería' | cut -d: -f1)" '^5$' "newest first"

keys x && wait_for 'what to check' && typein 'Falta el teléfono' && keys Enter
wait_for 'Flagged\.' && wait_for 'Panadería Las Eras +Almazán +flagged'
ok $? "x with a comment flags the selected record and the row says so"
keys 3 && wait_for '\[3 Flagged\]'
s=$(screen)
like "$s" 'Panadería Las Eras' "the Flagged tab shows the flagged record"
if printf '%s' "$s" | grep -Eq 'Ferretería|Bar Plaza|Banca'; then r=1; else r=0; fi
ok $r "and nothing else"
keys 2 && wait_for '\[2 Not reviewed\]' && wait_for 'Banca online'
s=$(screen)
if printf '%s' "$s" | grep -Eq 'Ferretería|Panadería'; then r=1; else r=0; fi
ok $r "the Not reviewed tab leaves out reviewed records"
keys o && wait_for 'Reviewed: ok'
if screen | grep -q 'Banca online'; then r=1; else r=0; fi
ok $r "o marks the record ok and it leaves the Not reviewed tab"
keys 1 && wait_for '\[1 All\]'

keys f && wait_for 'Filters' && keys Tab && typein 'berlanga' && keys F2
wait_for 'berlanga ·' && s=$(screen)
like "$s" 'Ferretería Gómez' "the municipality filter keeps Berlanga's records"
if printf '%s' "$s" | grep -q 'Panadería'; then r=1; else r=0; fi
ok $r "and hides the others"
keys Escape && wait_for 'Search and filters cleared'
keys / && wait_for 'Search:' && typein 'ferreteria' && keys Enter
wait_for '/ferreteria' && s=$(screen)
if printf '%s' "$s" | grep -q 'Panadería'; then r=1; else r=0; fi
ok $r "search narrows the review list"
keys Escape && wait_for 'Search and filters cleared'

# The filters' period, by the list's own rule: a date that is none, an end before the start.
keys f && wait_for 'Filters' && keys Tab Tab Tab && typein '2026-13-01' && keys F2
wait_for "'2026-13-01' is not a date"
ok $? "a filter's date that is not a date is refused, naming it"
keys Escape && wait_for '\[1 All\]'
keys f && wait_for 'Filters' && keys Tab Tab Tab && typein '18/11/2026' && keys Tab &&
	typein '2026-11-17' && keys F2
wait_for 'the end date is before the start date'
ok $? "a period that ends before it starts is refused with a message"
keys Escape && wait_for '\[1 All\]'

# Figures: the same visit count as the command line.
keys F && wait_for 'Figures by Municipality'
ok $? "F opens the figures"
like "$(screen)" "^ Total +$visits " "the total visits equal volunteer report's ($visits)"
like "$(screen)" '^ Berlanga +1 ' "one visit in Berlanga"
keys b && wait_for 'Figures by Volunteer' && wait_for '^ bea +2 '
ok $? "b groups by volunteer"
if screen | sed -n 4,5p | grep -q 'Follow-ups'; then r=1; else r=0; fi
ok $r "80 columns leave the last figures out at first"
keys Right Right Right Right Right Right Right Right Right Right && wait_for '^←Volunteer .* Hours +due$'
ok $? "the last columns scroll into view at 80 columns"
keys Escape && wait_for '\[1 All\]' && keys Escape && wait_for '^n new'
ok $? "Esc goes back to the review screen, then to the list"
keys F && wait_for 'Figures by Municipality' && wait_for "^ Total +$visits "
ok $? "F from the list shows the same figures"
keys Escape && wait_for '^n new'
keys q && tui_wait_exit

out=$(vol list --flagged --all)
like "$out" 'Panadería Las Eras' "volunteer list --flagged --all shows the flag"
is "$(vol list --flagged --all --json | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r[0]["reviews"][-1]["by"], r[0]["reviews"][-1]["comment"])')" \
	"ana Falta el teléfono" "with the coordinator's comment"

mkvol bea2 bea
tui_start 80 24
wait_for 'n new' || exit 1
keys R && wait_for 'The review screen is for coordinators'
ok $? "a volunteer gets a message instead of the review screen"
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
