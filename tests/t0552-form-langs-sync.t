#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A coordinator's form in the shared repository with labels in Catalan (label.ca) and in a
# language the program does not know (label.xx) is accepted on sync, loaded after a
# restart, and shows its Catalan labels to a Catalan session.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || give_up "cannot create a bare repository"
export GIT_AUTHOR_NAME=Coord GIT_AUTHOR_EMAIL=coord@example.org \
	GIT_COMMITTER_NAME=Coord GIT_COMMITTER_EMAIL=coord@example.org

mkvol montse montse --remote "$R"
vol add visit business="Primera" municipality=Reus >/dev/null
vol sync >/dev/null || give_up "the first sync"
git clone -q "$R" "$T/work" 2>/dev/null
git -C "$T/work" checkout -q main 2>/dev/null
mkdir -p "$T/work/forms"
cp "$TOP/forms/visit.ini" "$T/work/forms/visit.ini"
printf '\n[parking]\ntype = choice\nlabel = Parking\nlabel.es = Aparcamiento\nlabel.ca = Aparcament\nlabel.xx = Xarking\nhelp.ca = Hi ha lloc per aparcar?\nhelp.xx = Xelp\nchoices = yes_free, none\nchoice.yes_free.ca = Sí, gratuït\nchoice.yes_free.xx = Xes\nchoice.none = None\n' \
	>>"$T/work/forms/visit.ini"
sed -i 's/^title.es = Visita$/title.es = Visita\ntitle.xx = Xisit\ntitle.ast = Visita (ast)/' \
	"$T/work/forms/visit.ini"
git -C "$T/work" add forms && git -C "$T/work" commit -q -m "parking, in Catalan" &&
	git -C "$T/work" push -q origin HEAD:main 2>/dev/null || give_up "the coordinator's push"

out=$(vol sync 2>&1)
is "$out" "sent 0, received 1, conflicts 0" "the form with label.ca and label.xx arrives"
if vol status | grep -q "forms/visit.ini"; then r=1; else r=0; fi
is "$r" 0 "and is not reported as a problem"
like "$(vol forms visit)" "parking +choice" "it replaces the default"
id=$(vol add visit business="Amb aparcament" municipality=Reus parking="Sí, gratuït")
ok $? "a value typed as its Catalan choice label is taken"
is "$(vol show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["fields"]["parking"])')" \
	yes_free "and stored as the choice's value"
like "$(LANGUAGE=ca:es vol show "$id")" "Aparcament" "a Catalan session shows the Catalan label"
like "$(LANGUAGE=ca:es vol show "$id")" "Sí, gratuït" "and the Catalan choice label"
like "$(LANGUAGE=gl vol show "$id")" "Aparcamiento" "a Galician session: the Spanish label"
like "$(vol show "$id")" "Parking" "English: the plain label"
test -f "$T/montse/data/forms/visit.ini"
ok $? "the form is kept for the next start"
like "$(LANGUAGE=ca vol forms visit 2>&1)" "parking" "and loads again after a restart"
done_testing
