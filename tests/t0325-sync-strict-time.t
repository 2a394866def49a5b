#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A record file whose times are not strict ISO 8601 ("20-11-2026T10:00:00Z", day first)
# was taken in, then dropped out of `list --from/--to` and the reports, which compare the
# text. Only "YYYY-MM-DDTHH:MM:SSZ" with a real date and time is taken from a file; another
# form is set aside (quarantined) with its reason, and the good file next to it comes in.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"

mkvol ana ana --remote "$R"
vol add visit business="Mía" municipality=Almazán >/dev/null
vol sync >/dev/null || give_up "the first sync"

git clone -q -b main "$R" "$T/work" 2>/dev/null || give_up "a plain clone"
python3 - "$T/work" <<'EOF' || give_up "the files are written"
import json, os, sys
work = sys.argv[1]
def uuid7(ms, tail):
    h = "%012x" % ms
    return "%s-%s-7%s-8%s-%s" % (h[:8], h[8:12], tail[:3], tail[3:6], tail[6:18])
ms = 1795168800000          # 2026-11-20T10:00:00Z
day = os.path.join(work, "records", "visit", "2026", "11", "20")
os.makedirs(day, exist_ok=True)
cases = [("Buena", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z"),
         ("DiaPrimero", "2026-11-20T10:00:00Z", "20-11-2026T10:00:00Z"),
         ("BarraFecha", "20/11/2026T10:00:00Z", "2026-11-20T10:00:00Z"),
         ("Febrero30", "2026-11-20T10:00:00Z", "2026-02-30T10:00:00Z"),
         ("Segundo60", "2026-11-20T10:00:00Z", "2026-11-20T10:00:60Z")]
for i, (name, created, updated) in enumerate(cases):
    rid = uuid7(ms + i, "%018x" % (i * 7919 + 1))
    r = {"id": rid, "kind": "visit", "volunteer": "bea", "device": "bea-1", "rev": 1,
         "created": created, "updated": updated, "deleted": False,
         "fields": {"business": name, "municipality": "Almazán", "date": "2026-11-20"}}
    with open(os.path.join(day, rid + ".json"), "w") as f:
        f.write(json.dumps(r, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
EOF
(cd "$T/work" && git add -A && git -c user.name=Bea -c user.email=b@example.org \
	commit -qm "by hand" && git push -q origin HEAD:main) 2>/dev/null || give_up "the push"

vol sync >"$T/out" 2>"$T/err"
is "$?" 0 "the sync goes on"
is "$(cat "$T/out")" "sent 1, received 1, conflicts 0" \
	"only the strict file is taken in (and the business made for it is sent)"
vol status >"$T/status"
is "$(grep -c quarantined "$T/status")" 4 "the four other files are set aside"
is "$(grep -c 'updated: not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)' "$T/status")" 3 \
	"day first, 30 February and second 60 are named in updated"
is "$(grep -c 'created: not an ISO 8601 UTC time' "$T/status")" 1 "a slashed date in created"
vol list --all --from 2026-11-01 --to 2026-11-30 >"$T/list"
like "$(cat "$T/list")" "Buena" "the good record is in the month's list"
if grep -q "DiaPrimero" "$T/list"; then r=1; else r=0; fi
is "$r" 0 "the day-first record is not taken in"
done_testing
