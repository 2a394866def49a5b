#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A business's name and municipality come from the shared repository: someone pushes a
# business whose name carries a screen-clearing escape, a bell and a right-to-left
# override. After a sync it is offered under the Business field and shown on its page,
# drawn clean: no control character or override reaches the terminal, the rows stay in
# place.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"

R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository"
mkvol ana ana --remote "$R"
vol add business name='Bar Plaza' municipality=Almazán >/dev/null
vol sync >/dev/null || give_up "the first sync"

# Another laptop's file, written by hand and pushed with git.
git clone -q -b main "$R" "$T/w" 2>/dev/null || give_up "a clone of the shared repository"
python3 - "$T/w" <<'PY' || give_up "the hostile business is written"
import json, os, sys
h = "%012x" % 1795168800000          # 2026-11-20T10:00:00Z: the id's time is the path's
rid = "%s-%s-7000-8000-00000000beef" % (h[:8], h[8:12])
d = os.path.join(sys.argv[1], "records/business/2026/11/20")
os.makedirs(d, exist_ok=True)
r = {"id": rid, "kind": "business", "volunteer": "mallory", "device": "evil-1", "rev": 1,
     "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:00:00Z",
     "deleted": False, "fields": {
         "name": "Panadería \x1b[2J\u202eEvil\x07 Ruiz",
         "municipality": "Alma\x1b]0;pwned\x07zán"}}
with open(os.path.join(d, rid + ".json"), "w", encoding="utf-8") as f:
    f.write(json.dumps(r, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
PY
(cd "$T/w" && git add -A && git -c user.name=Mallory -c user.email=m@example.org \
	commit -qm hostile && git push -q origin main) || give_up "the hostile push"
vol sync >/dev/null 2>&1 || { vol status >&2; give_up "the sync that brings it"; }
vol list --all --kind business | grep -q Evil || { vol status >&2; give_up "the business arrived"; }

override=$(printf '\342\200\256')
clean() {
	if printf '%s' "$1" | grep -q "$override"; then return 1; fi
	if printf '%s' "$1" | grep -q "$(printf '\033')"; then return 1; fi
	if printf '%s' "$1" | grep -q "$(printf '\007')"; then return 1; fi
	return 0
}

no_list() { ! screen | grep -q 'Businesses ─'; }
tui_start 80 24
tui_ready || give_up "the program starts"
keys n v && wait_for 'New visit' || give_up "n v opens the visit form"
typein panad && wait_for 'Businesses ─'
ok $? "the business from the repository is offered"
s=$(screen)
like "$(printf '%s\n' "$s" | sed -n 6p)" 'Panadería \[2JEvil Ruiz +Alma\]0;pwnedzán' \
	"its name and municipality are drawn without their control characters"
clean "$s"
ok $? "no escape, bell or override reaches the screen"
like "$(printf '%s\n' "$s" | sed -n 1p)" '^ Rural Digital' "the status bar is in its place"
like "$(printf '%s\n' "$s" | sed -n 4p)" '^▸Business \* +panad' "and so is the field"
keys Escape && wait_until no_list && keys Escape && wait_for 'Leave without saving' &&
	keys y && wait_for '^n new' || give_up "back to the list"
keys 5 && wait_for '\[5 Businesses\]' || give_up "the Businesses tab"
keys a && wait_for 'Evil' || give_up "the tab lists everyone's: the business from the repository"
# Newest first: Bar Plaza (made today), then the one of 2026-11-20.
keys g Down && wait_until rows_are 5 'Evil'
keys Enter && wait_for 'History'
ok $? "its page opens"
s=$(screen)
like "$(printf '%s\n' "$s" | sed -n 2p)" 'Business · Panadería \[2JEvil Ruiz' "the page's title is clean"
clean "$s"
ok $? "and nothing hostile reaches the page"
keys Escape && wait_for '^n new'
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
