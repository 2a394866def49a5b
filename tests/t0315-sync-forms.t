#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A coordinator manages forms/<kind>.ini in the shared repository. A bad definition is
# reported by `volunteer status` (file, line, reason) and the form in use stays; a good
# one replaces the default once it parses, and keeps doing so after a restart.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"
export GIT_AUTHOR_NAME=Coord GIT_AUTHOR_EMAIL=coord@example.org \
	GIT_COMMITTER_NAME=Coord GIT_COMMITTER_EMAIL=coord@example.org

mkvol ana ana --remote "$R"
vol add visit business="Primera" municipality=Almazán >/dev/null
vol sync >/dev/null || give_up "the first sync"

# The coordinator works with plain git.
git clone -q "$R" "$T/work" 2>/dev/null
git -C "$T/work" checkout -q main 2>/dev/null
mkdir -p "$T/work/forms"
publish() {
	git -C "$T/work" add forms && git -C "$T/work" commit -q -m "$1" &&
		git -C "$T/work" push -q origin HEAD:main 2>/dev/null
}

# -- a bad definition
printf '[form]\nkind = visit\ntitle = Visit\n\n[business]\ntype = number\nlabel = Business\n' \
	>"$T/work/forms/visit.ini"
publish "a broken form" || give_up "git pushes to the repository the sync made"
vol sync >"$T/out" 2>"$T/err"
is $? 0 "a bad form does not stop the sync"
like "$(vol status)" "forms/visit.ini:6: .*number" "status names the file, the line and why"
like "$(vol forms visit)" "contact_name" "the default form stays in use"
if vol forms visit | grep -q parking; then r=1; else r=0; fi
is "$r" 0 "(it has no parking field)"

# -- a good one: the default plus a field
cp "$TOP/forms/visit.ini" "$T/work/forms/visit.ini"
printf '\n[parking]\ntype = bool\nlabel = Parking\nlabel.es = Aparcamiento\n' \
	>>"$T/work/forms/visit.ini"
publish "a parking field"
is "$(vol sync 2>&1)" "sent 0, received 1, conflicts 0" "the new form arrives"
like "$(vol forms visit)" "parking +bool" "it replaces the default"
if vol status | grep -q "forms/visit.ini"; then r=1; else r=0; fi
is "$r" 0 "the earlier warning about forms/visit.ini is gone"
id=$(vol add visit business="Con aparcamiento" municipality=Almazán parking=yes)
ok $? "a record uses the new field"
is "$(vol show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["fields"]["parking"])')" \
	True "and keeps its value"
test -f "$T/ana/data/forms/visit.ini"
ok $? "the form is kept in the data folder for the next start"

# -- bad again: the previous (good) one stays
cp "$TOP/forms/task.ini" "$T/work/forms/visit.ini"
publish "wrong kind"
vol sync >/dev/null 2>&1
is $? 0 "a form of the wrong kind does not stop the sync"
like "$(vol status)" "forms/visit.ini: .*does not match" "it is reported"
like "$(vol forms visit)" "parking" "the previous form stays in use"

# -- a new laptop, first sync of a repository that plain git pushes left partly unpacked
vol sync >/dev/null 2>&1
mkvol late late --remote "$R"
vol sync >/dev/null 2>"$T/err"
st=$?
[ $st -ne 0 ] && diag "$(cat "$T/err")"
is $st 0 "a first sync of a repository with loose objects"
is "$(vol list --all | wc -l)" 2 "takes every record"
like "$(vol status)" "forms/visit.ini" "and reports the bad form it finds"

done_testing
