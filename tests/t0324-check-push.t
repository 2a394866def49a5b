#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `volunteer check-push` as the shared repository's pre-receive hook, behind git daemon:
# the laptops' syncs go through; a plain git user's force-push, branch deletion, removed
# file, file outside the layout and broken record are refused with one clear line; with
# gitolite's $GL_USER, a new record of another volunteer and a review are refused unless
# the pusher is a listed coordinator.
. "${0%/*}/lib.sh"

serve_shared_repo
MODS=${TEST_BUILD:-$TOP/build}/modules
hook() {	# hook [GL_USER]: install the guard, run as that gitolite user
	cat >"$R/hooks/pre-receive" <<HOOK
#!/bin/sh
${1:+GL_USER=$1 export GL_USER}
VOLUNTEER_MODULEDIR='$MODS' exec '$VOLUNTEER' check-push
HOOK
	chmod +x "$R/hooks/pre-receive"
}
hook
mkvol ana ana --remote "$URL"
ANA=$VCONF
x=$(vol add visit business="Bar Plaza" municipality=Almazán)
vol sync >/dev/null 2>"$T/err"
is $? 0 "a laptop's sync goes through the guard"
vol edit "$x" findings="Más clientes" >/dev/null
vol add workshop title="Videollamadas" municipality=Almazán attendees=8 >/dev/null
vol sync >/dev/null 2>&1
is $? 0 "and so do its next ones"

git clone -q -b main "$URL" "$T/plain"
push() { git -C "$T/plain" push "$@" origin HEAD:main 2>"$T/perr"; }
head=$(git -C "$T/plain" rev-parse HEAD)
git -C "$T/plain" reset -q --hard HEAD~1
push --force
ok "$([ $? -ne 0 ]; echo $?)" "a force-push of an older commit is refused"
like "$(cat "$T/perr")" "volunteer check-push: refs/heads/main: the push rewrites the branch" \
	"with one line that says why"
git -C "$T/plain" reset -q --hard "$head"
git -C "$T/plain" push origin :main 2>"$T/perr"
ok "$([ $? -ne 0 ]; echo $?)" "deleting the branch is refused"
like "$(cat "$T/perr")" "deleting the branch is refused" "with its line"
git -C "$T/plain" rm -q "$(git -C "$T/plain" ls-files records | head -n 1)"
git -C "$T/plain" commit -q -m "remove"
push
ok "$([ $? -ne 0 ]; echo $?)" "a commit that removes a record file is refused"
like "$(cat "$T/perr")" "records/.*: a file is removed" "naming the file"
git -C "$T/plain" reset -q --hard "$head"
mkdir -p "$T/plain/records/visit/notes"
echo "hola" >"$T/plain/records/visit/notes/readme.txt"
git -C "$T/plain" add -A && git -C "$T/plain" commit -q -m "stray"
push
ok "$([ $? -ne 0 ]; echo $?)" "a file outside the layout is refused"
like "$(cat "$T/perr")" "records/visit/notes.*outside the repository layout" "naming it"
git -C "$T/plain" reset -q --hard "$head"
p=$(git -C "$T/plain" ls-files records | head -n 1)
echo "{ not json" >"$T/plain/$p"
git -C "$T/plain" commit -q -am "broken"
push
ok "$([ $? -ne 0 ]; echo $?)" "a record file that is not JSON is refused"
like "$(cat "$T/perr")" "not JSON" "and says so"
git -C "$T/plain" reset -q --hard "$head"
echo "# Registro" >"$T/plain/README"
git -C "$T/plain" add README && git -C "$T/plain" commit -q -m "readme"
push
is $? 0 "a README beside the layout is the git users' business: accepted"

# gitolite's user: bea may push her own records; ana's, or a review, only as a coordinator
mkvol bea bea --remote "$URL"
BEA=$VCONF
vol sync >/dev/null 2>&1
hook bea
VCONF=$ANA
vol add visit business="Ferretería" municipality=Almazán >/dev/null
vol sync --remote "$T/stick.git" >/dev/null 2>&1
VCONF=$BEA
vol sync --remote "$T/stick.git" >/dev/null 2>&1
vol sync >"$T/out" 2>"$T/err"
is $? 1 "bea carrying ana's new record as a volunteer: refused"
like "$(cat "$T/err")" "a new record of another volunteer" "the laptop shows the guard's line"
vol add task business="Bar Plaza" title="Web" municipality=Almazán date=2026-11-20 >/dev/null
git --git-dir="$R" config volunteer.coordinators "carla, bea"
vol sync >"$T/out" 2>"$T/err"
is $? 0 "as a listed coordinator, bea may carry them"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/visit records/task records/workshop | grep -c /)" \
	"$(vol list --all --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
	"every record is on the remote"
done_testing
