#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A business picked in the form is remembered by the draft: picked from the list (two
# businesses of one name, in two municipalities; one of another municipality only), the
# form killed with -9, the draft resumed and saved, the visit points at the business that
# was picked, not at the one its name finds in the form's municipality, and no business
# is made for it. A picked business merged away meanwhile: the draft's visit goes to the
# survivor.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }

mkvol ana
here=$(vol add business name='Bar Plaza' municipality=Almazán)
there=$(vol add business name='Bar Plaza' municipality=Berlanga)
soria=$(vol add business name='Quesería La Vega' municipality=Soria)
[ -n "$here" ] && [ -n "$there" ] && [ -n "$soria" ] || give_up "the businesses are added"
visits() { vol list --kind visit --json | json '"\n".join(r["id"] for r in d)'; }
business_of() { vol show "$1" --json | json 'd["fields"].get("business_id", "")'; }
businesses() { vol list --kind business --count; }

# pick_and_kill TYPED ROW-PATTERN DOWNS: a new visit, TYPED in Business, Down DOWNS
# times, Enter; then kill -9 once the draft holds it; the next start resumes it.
pick_and_kill() {
	tui_start 80 24
	tui_ready || give_up "the program starts"
	keys n v && wait_for 'New visit' || give_up "n v opens the visit form"
	typein "$1" && wait_for "$2" || give_up "typing '$1' offers '$2'"
	_i=0
	while [ $_i -lt "$3" ]; do keys Down; _i=$((_i + 1)); done
	keys Enter
	# the form's idle step writes the draft; a Tab later the pick is surely in it
	keys Tab && wait_for '^▸Sector'
	tui_kill9 || give_up "the program is killed with -9"
	tui_start 80 24
	wait_for 'Resume the unsaved visit' || give_up "the next start offers the draft"
	keys y && wait_for 'New visit' || give_up "y resumes the draft"
}

# -- two of one name: the one of the other municipality is picked
pick_and_kill 'bar pla' 'Bar Plaza +Berlanga' 1
like "$(screen)" 'Business \* +Bar Plaza' "the resumed form shows the business's name"
keys F2 && wait_for 'Saved: Visit “Bar Plaza”'
ok $? "the resumed draft is saved"
keys q && tui_wait_exit
v1=$(visits)
is "$(business_of "$v1")" "$there" "the visit points at the Bar Plaza picked, of Berlanga"
is "$(vol show "$v1" --json | json 'd["fields"]["municipality"]')" "Almazán" \
	"although the form's municipality has a Bar Plaza of its own"
is "$(businesses)" 3 "no business is made"

# -- one of another municipality only: its name would make a new one here
pick_and_kill 'queseria' 'Quesería La Vega +Soria' 0
keys F2 && wait_for 'Saved: Visit “Quesería La Vega”'
ok $? "the second resumed draft is saved, with no question about a new business"
keys q && tui_wait_exit
v2=$(visits | grep -vx "$v1")
is "$(business_of "$v2")" "$soria" "the visit points at the cheese shop of Soria"
is "$(businesses)" 3 "still no business made"

# -- merged away while the draft waited: the survivor
pick_and_kill 'bar pla' 'Bar Plaza +Berlanga' 1
tui_kill9
vol business merge "$there" "$here" >/dev/null || give_up "the picked business is merged"
tui_start 80 24
wait_for 'Resume the unsaved visit' && keys y && wait_for 'New visit' ||
	give_up "the draft is resumed after the merge"
keys F2 && wait_for 'Saved: Visit “Bar Plaza”'
ok $? "the third resumed draft is saved"
keys q && tui_wait_exit
v3=$(visits | grep -vx "$v1" | grep -vx "$v2")
is "$(business_of "$v3")" "$here" "the visit points at the survivor of the merge"

tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
