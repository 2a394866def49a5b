#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile bytes end to end: records written by hand into the shared repository carry, in
# every text field, CSI, OSC 0/8/52, DCS, C1 controls, \r \b \t, bidi overrides and
# isolates, zero-width characters, U+2028/9, overlong and invalid UTF-8, a 1 MB string;
# more is typed into the form. The bytes the terminal UI writes to its pty (captured from
# the pty, tests/fault/pty_capture.py, not from tmux's rendering) hold no escape but those
# curses writes itself, no C1 byte, no bidi or zero-width control; the output of list,
# show, status, report, the CSV and the PDF's text, each on a terminal, none at all.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
command -v pdftotext >/dev/null || skip_all "pdftotext is not installed (poppler-utils)"
PTY="$TOP/tests/fault/pty_capture.py"
R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository can be created"
export GIT_AUTHOR_NAME=Mallory GIT_AUTHOR_EMAIL=m@example.org \
	GIT_COMMITTER_NAME=Mallory GIT_COMMITTER_EMAIL=m@example.org
mkvol ana ana --remote "$R"
vol add visit business="Mía" municipality=Almazán >/dev/null
vol sync >/dev/null || give_up "the first sync"
git clone -q "$R" "$T/work" 2>/dev/null && git -C "$T/work" checkout -q main 2>/dev/null ||
	give_up "the shared repository is cloned"

python3 - "$T/work" <<'PY' || give_up "the hostile records are written"
import json, os, sys, time
work = sys.argv[1]
corpus = {
    "csi": "A\x1b[2J\x1b[6n\x1b[31mred\x1b[0m",
    "osc0": "B\x1b]0;pwned-title\x07",
    "osc8": "C\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    "osc52": "D\x1b]52;c;cHduZWQ=\x07",
    "dcs": "E\x1bP+q544e\x1b\\",
    "c1": "F\u009b31m\u009d0;pwned\u0007\u0085\u008e",
    "crbs": "G abc\rXYZ\b\b\tT",
    "bidi": "H\u202eevil\u202c \u2066iso\u2069 \u200f\u061c\u202a\u202d",
    "zw": "I a\u200bb\u200cc\u200dd\u2060e\ufeff",
    "seps": "J\u2028line\u2029para",
    "big": "K" + "ñ" * 524288,
}
fields_visit = ["business", "municipality", "province", "contact_name", "findings",
                "recommendations", "next_steps"]
fields_workshop = ["title", "municipality", "venue", "materials", "notes"]
ms = int(time.time() * 1000) - 86400000
def uuid7(ms, n):
    h = "%012x" % ms
    return "%s-%s-7%03x-8%03x-%012x" % (h[:8], h[8:12], n, n, n)
def write(rid, kind, fields, raw=None):
    day = time.strftime("%Y/%m/%d", time.gmtime(int(rid.replace("-", "")[:12], 16) / 1000))
    d = os.path.join(work, "records", kind, day)
    os.makedirs(d, exist_ok=True)
    r = {"id": rid, "kind": kind, "volunteer": "mallory", "device": "evil-1", "rev": 1,
         "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:00:00Z",
         "deleted": False, "fields": fields}
    data = raw if raw is not None else (json.dumps(r, sort_keys=True, indent=2) + "\n").encode()
    open(os.path.join(d, rid + ".json"), "wb").write(data)
n = 1
for name, s in corpus.items():
    f = {k: s for k in fields_visit}
    f.update(date="2026-11-20", consent="yes", contact_email="a@example.org")
    write(uuid7(ms + n, n), "visit", f); n += 1
    f = {k: s for k in fields_workshop}
    f.update(date="2026-11-20", attendees=10)
    write(uuid7(ms + n, n), "workshop", f); n += 1
# invalid and overlong UTF-8, raw in the file
for bad in (b"\xc0\xaf", b"\xff\xfe", b"\xe0\x80\xaf", b"\xed\xa0\x80"):
    rid = uuid7(ms + n, n)
    text = (json.dumps({"id": rid, "kind": "visit", "volunteer": "mallory", "device": "e",
        "rev": 1, "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:00:00Z",
        "deleted": False, "fields": {"business": "@@", "municipality": "L", "date": "2026-11-20"}},
        sort_keys=True, indent=2) + "\n").encode().replace(b"@@", b"L" + bad)
    write(rid, "visit", None, raw=text); n += 1
PY
git -C "$T/work" add records && git -C "$T/work" commit -q -m hostile &&
	git -C "$T/work" push -q origin HEAD:main 2>/dev/null || give_up "the hostile records are pushed"
vol sync >"$T/sync.out" 2>"$T/sync.err"
ok $? "the sync takes the hostile commit without failing"
held=$(vol list --all --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
diag "records held after the sync: $held (the rest quarantined)"
[ "$held" -gt 5 ]
ok $? "some hostile records were taken in (sanitised), not all refused"

# check NAME FILE [--tui]: one test; the problems found as its diagnostics
check() {
	python3 "$PTY" check "$2" ${3:-} >"$T/problems"
	r=$?
	ok $r "$1: no injected escape, C1, bidi or zero-width control ($(wc -c <"$2") bytes)"
	[ $r = 0 ] || diag "$(head -5 "$T/problems")"
}
P() { python3 "$PTY" run "$@"; }

# The terminal UI: the list of every kind, then each record's detail in turn, then typing
keys="4"
i=0
while [ $i -lt 8 ]; do keys="$keys,Enter,Escape,Down"; i=$((i + 1)); done
P "$T/tui.bytes" --keys "$keys,q" -- "$VOLUNTEER" --config "$VCONF"
ok $? "the terminal UI shows every hostile record and leaves"
check "the terminal UI's bytes (list and details)" "$T/tui.bytes" --tui
P "$T/form.bytes" --keys "n,v,Bar$(printf '\342\200\256')evil$(printf '\342\200\213\302\233')X,Tab,Tab,Tab,Pro$(printf '\342\201\246')v,F2,q" \
	-- "$VOLUNTEER" --config "$VCONF"
check "the terminal UI's bytes while hostile text is typed in the form" "$T/form.bytes" --tui
like "$(vol list --all --json)" 'BarevilX' "the typed record is saved with its controls removed"

# The command line, each command on a terminal
P "$T/list.bytes" -- "$VOLUNTEER" --config "$VCONF" list --all
check "list" "$T/list.bytes"
vol list --all --json | python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(sys.stdin)))' >"$T/ids"
# (one terminal for them all: a pty each would cost a second each on a loaded machine)
P "$T/show.bytes" -- sh -c 'while read -r id; do "$1" --config "$2" show "$id"; done <"$3"' \
	sh "$VOLUNTEER" "$VCONF" "$T/ids"
check "show of every record" "$T/show.bytes"
P "$T/status.bytes" -- "$VOLUNTEER" --config "$VCONF" status
check "status (with the quarantined files named)" "$T/status.bytes"
P "$T/report.bytes" -- "$VOLUNTEER" --config "$VCONF" report --by municipality
check "report" "$T/report.bytes"
P "$T/rcsv.bytes" -- "$VOLUNTEER" --config "$VCONF" report --csv
check "report --csv" "$T/rcsv.bytes"
P "$T/csv.bytes" -- "$VOLUNTEER" --config "$VCONF" export --csv
check "export --csv" "$T/csv.bytes"
first=$(grep -m1 . "$T/ids")
: >"$T/pdf.txt"
head -12 "$T/ids" | while read -r id; do
	# (pdftotext ends each page with a form feed: not the record's)
	vol summary "$id" --format pdf -o "$T/s.pdf" >/dev/null 2>&1 &&
		pdftotext "$T/s.pdf" - | tr -d '\f' >>"$T/pdf.txt"
done
[ -s "$T/pdf.txt" ]
ok $? "summaries of the hostile records are made (first: $first)"
check "the PDF summaries' text" "$T/pdf.txt"
done_testing
