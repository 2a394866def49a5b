#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A save never freezes the screen: a coordinator publishes a workshop form of the largest
# size a form may have (FORM_MAX_FIELDS fields, FORM_MAX_RULES rules, rules of
# FORM_MAX_RULE_OPERANDS names), it arrives by sync, and a save in the terminal UI comes
# back to the list within the wait every other screen test uses.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
limit() { sed -n "s/^#define $1[[:space:]]*\([0-9]*\).*/\1/p" "$TOP/forms/form.h"; }
MAXF=$(limit FORM_MAX_FIELDS) MAXR=$(limit FORM_MAX_RULES) MAXO=$(limit FORM_MAX_RULE_OPERANDS)
[ -n "$MAXF" ] && [ -n "$MAXR" ] && [ -n "$MAXO" ] || give_up "the bounds are read from forms/form.h"

R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository can be created"
export GIT_AUTHOR_NAME=Coord GIT_AUTHOR_EMAIL=coord@example.org \
	GIT_COMMITTER_NAME=Coord GIT_COMMITTER_EMAIL=coord@example.org
mkvol ana ana --remote "$R"
vol add visit business="Primera" municipality=Almazán >/dev/null
vol sync >/dev/null || give_up "the first sync"
git clone -q "$R" "$T/work" 2>/dev/null
git -C "$T/work" checkout -q main 2>/dev/null
mkdir -p "$T/work/forms"

# The default workshop form, then extra int fields up to the bound, each with a rule, and
# [rules] filled to the bound with rules of the most names a rule may have.
python3 - "$TOP/forms/workshop.ini" "$MAXF" "$MAXR" "$MAXO" >"$T/work/forms/workshop.ini" <<'PY'
import re, sys
base, maxf, maxr, maxo = open(sys.argv[1]).read(), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
head, rules = base.split("[rules]\n")
nf = len(re.findall(r"^\[(?!form\]|rules\])", head, re.M))
nr = len(re.findall(r"^rule\s*=", base, re.M))
extra = maxf - nf
out = [head]
for i in range(extra):
    out.append("[x%03d]\ntype = int\nmin = 0\nmax = 1000\nlabel = Extra %d\nrule = <= attendees\n\n" % (i, i))
out.append("[rules]\n" + rules)
names = ["x%03d" % i for i in range(extra)]
k = maxo - 1
for j in range(maxr - nr - extra):
    ops = [names[(j + m) % extra] for m in range(k)]
    out.append("rule = %s <= attendees\n" % " + ".join(ops))
sys.stdout.write("".join(out))
PY
[ $? = 0 ] || give_up "the big form is written"
git -C "$T/work" add forms && git -C "$T/work" commit -q -m "the biggest workshop form" &&
	git -C "$T/work" push -q origin HEAD:main 2>/dev/null || give_up "the coordinator publishes it"
vol sync >/dev/null 2>"$T/err"
rc=$?
[ -s "$T/err" ] && diag "$(cat "$T/err")" "$(vol status 2>&1 | grep -i form)"
ok $rc "the sync takes the form in"
n=$(vol forms workshop | grep -c 'x[0-9][0-9][0-9]')
is "$n" "$(grep -c '^\[x' "$T/work/forms/workshop.ini")" "the form in use has every field of the biggest form ($MAXF)"

tui_start 80 24
wait_for 'n new' || give_up "the program starts"
keys n && wait_for 'w workshop' && keys w && wait_for 'New workshop'
ok $? "the form opens"
typein 'Taller grande'
# to Attendees (the fourth field: title, topic, municipality, venue, date, start, ...)
i=0
while [ $i -lt 20 ] && ! screen | grep -q '▸Attendees '; do keys Tab; i=$((i + 1)); sleep 0.05; done
typein '30'
keys F2
wait_for 'Saved: Workshop'
ok $? "the save comes back to the list within ${TUI_WAIT} s"
keys q && tui_wait_exit
like "$(vol list --kind workshop)" 'Taller grande' "the workshop is saved"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
