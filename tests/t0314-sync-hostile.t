#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Files in the shared repository are untrusted. Someone pushes, next to one good record:
# terminal escapes inside fields, a 50 MB file, invalid UTF-8, an id of "../../etc/passwd",
# an id that does not match its path, names with "..", escapes and odd characters, a file
# that is not JSON, a link. The sync must not crash, must take the good record, must set
# aside each bad file (listed, sanitised, by `volunteer status`), and must keep working.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || skip_all "cannot create a bare repository"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }

mkvol ana ana --remote "$R"
mine=$(vol add visit business="Mía" municipality=Almazán)
vol sync >/dev/null || give_up "the first sync"

# The hostile commit, made with git plumbing on top of ana's (trees git itself would not
# write: fsck is off on a plain bare repository, as it is by default).
python3 - "$R" <<'EOF' || give_up "the hostile commit is built"
import json, os, subprocess, sys
repo = sys.argv[1]
env = dict(os.environ, GIT_AUTHOR_NAME="Mallory", GIT_AUTHOR_EMAIL="m@example.org",
           GIT_COMMITTER_NAME="Mallory", GIT_COMMITTER_EMAIL="m@example.org")
def git(*args, data=None):
    return subprocess.run(["git", "--git-dir", repo] + list(args), input=data, env=env,
                          capture_output=True, check=True).stdout
def blob(data):
    return git("hash-object", "-w", "--stdin", data=data).decode().strip()
def tree(entries):  # entries: (mode, type, sha, name)
    text = b"".join(b"%s %s %s\t%s\n" % (m.encode(), t.encode(), s.encode(), n)
                    for m, t, s, n in entries)
    return git("mktree", "--missing", data=text).decode().strip()
def uuid7(ms, tail):
    h = "%012x" % ms
    return "%s-%s-7%s-8%s-%s" % (h[:8], h[8:12], tail[:3], tail[3:6], tail[6:18])
def record(rid, kind="visit", fields=None, **over):
    r = {"id": rid, "kind": kind, "volunteer": "mallory", "device": "evil-1", "rev": 1,
         "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:00:00Z",
         "deleted": False, "fields": fields or {"business": "X", "municipality": "Y"}}
    r.update(over)
    return (json.dumps(r, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()
ms = 1795168800000          # 2026-11-20T10:00:00Z
ids = [uuid7(ms + i, "%018x" % (i * 7919)) for i in range(12)]
good, esc, big, badutf, passwd, wrong, notjson, other = ids[:8]
day = [
    ("100644", "blob", blob(record(good, fields={"business": "Buena", "municipality": "Y"})),
     (good + ".json").encode()),
    ("100644", "blob", blob(record(esc, fields={
        "business": "Evil\x1b]0;pwned\x07\x1b[2J\u202eslab", "municipality": "Y",
        "findings": "line\r\x1b[31mred\x1b[0m\b\b"})), (esc + ".json").encode()),
    ("100644", "blob", blob(b'{"id": "' + big.encode() + b'", "pad": "' + b"x" * 50_000_000
                            + b'"}\n'), (big + ".json").encode()),
    ("100644", "blob", blob(record(badutf).replace(b'"X"', b'"\xff\xfe\xc3("')),
     (badutf + ".json").encode()),
    ("100644", "blob", blob(record("../../etc/passwd")), (passwd + ".json").encode()),
    ("100644", "blob", blob(record(other)), (wrong + ".json").encode()),
    ("100644", "blob", blob(b"this is not json\n"), (notjson + ".json").encode()),
    ("120000", "blob", blob(b"/etc/passwd"), (ids[8] + ".json").encode()),
    ("100644", "blob", blob(b"x"), b".."),
    ("100644", "blob", blob(b"x"), b"\x1b[2Jclear.json"),
    ("100644", "blob", blob(record(ids[9], kind="task")), (ids[9] + ".json").encode()),
]
base = git("rev-parse", "main").decode().strip()
def entries_of(t):
    out = []
    for line in git("ls-tree", "-z", t).split(b"\0"):
        if line:
            meta, name = line.split(b"\t", 1)
            m, ty, s = meta.decode().split()
            out.append((m, ty, s, name))
    return out
def put(t, path, entry):  # a copy of tree t with entry (mode, type, sha) at path
    es = entries_of(t) if t else []
    old = [e for e in es if e[3] == path[0]]
    es = [e for e in es if e[3] != path[0]]
    if len(path) == 1:
        es.append(entry + (path[0],))
    else:
        sub = old[0][2] if old and old[0][1] == "tree" else None
        es.append(("040000", "tree", put(sub, path[1:], entry), path[0]))
    return tree(es)
root = git("rev-parse", "main^{tree}").decode().strip()
root = put(root, [b"records", b"visit", b"2026", b"11", b"20"], ("040000", "tree", tree(day)))
root = put(root, [b"records", b"..x"],
           ("040000", "tree", tree([("100644", "blob", blob(b"x"), b"junk")])))
root = put(root, [b"README.md"], ("100644", "blob", blob(b"Notes for git users.\n")))
root = put(root, [b"forms"], ("040000", "tree", tree([
    ("100644", "blob", blob(b"[form\nbad"), b"visit.ini"),
    ("100644", "blob", blob(b"x"), b"..ini")])))
newroot = root
c = git("commit-tree", newroot, "-p", base, "-m", "hostile", data=b"").decode().strip()
git("update-ref", "refs/heads/main", c, base)
EOF

vol add task business="Nueva" title="Otra" municipality=Almazán >/dev/null
vol sync >"$T/out" 2>"$T/err"
st=$?
is "$st" 0 "the sync goes on (exit 0)"
like "$(cat "$T/out")" "^sent 3, received 2, conflicts 0$" \
	"two good records taken, ours sent (a task and its business), and the business of the good old-style visit (none for the one with escapes)"
like "$(cat "$T/err")" "set aside" "the sync says files were set aside"
vol status >"$T/status"
n=$(grep -c "quarantined" "$T/status")
ok "$([ "$n" -ge 10 ]; echo $?)" "status lists the bad files ($n)"
like "$(grep -c 'over the limit' "$T/status")" "^1$" "the 50 MB file is refused by its size"
like "$(cat "$T/status")" "not valid UTF-8" "invalid UTF-8 is refused"
like "$(cat "$T/status")" "id: '../../etc/passwd' is not a UUID" "a ../ id is refused"
like "$(cat "$T/status")" "does not match its path" "an id that does not match its path"
like "$(cat "$T/status")" "not JSON" "a file that is not JSON"
like "$(cat "$T/status")" "not a regular file" "a link"
like "$(cat "$T/status")" "records/\.\.x: a folder that is not in the repository layout" \
	"an odd folder is set aside whole"
like "$(cat "$T/status")" "forms/visit.ini: .*the previous form stays" "a bad form"
like "$(cat "$T/status")" "terminal control characters" "escapes inside fields are reported"
if grep -q "README" "$T/status"; then r=1; else r=0; fi
is "$r" 0 "files outside the layout (README.md) are none of our business"
if LC_ALL=C grep -q "$(printf '\033')" "$T/status"; then r=1; else r=0; fi
is "$r" 0 "no escape character reaches the terminal from status"
vol status --json >"$T/status.json"
ok $? "status --json"
ok "$(json 'len(d["warnings"]) >= 10' <"$T/status.json" | grep -q True; echo $?)" \
	"status --json lists them as warnings"

# The record with escapes is kept, and shown without them.
esc=$(python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if "slab" in r["fields"]["business"]][0])' <<EOF
$(vol list --all --json)
EOF
)
ok $? "the record with escapes inside fields is imported"
vol show "$esc" >"$T/show" 2>&1
vol list --all >"$T/list" 2>&1
if LC_ALL=C grep -q "$(printf '\033')" "$T/show" "$T/list"; then r=1; else r=0; fi
is "$r" 0 "show and list print it without the escapes"
like "$(cat "$T/show")" "Evil" "but with its text"
is "$(vol forms visit | head -1 | cut -d' ' -f1)" "visit" "the default visit form is still in use"

# Nothing is read again: a second sync is quiet and the list does not grow.
before=$(vol status | grep -c quarantined)
vol status | grep quarantined | sort >"$T/q.before"
vol sync >"$T/out" 2>"$T/err"
is "$?" 0 "a second sync"
is "$(cat "$T/out")" "sent 0, received 0, conflicts 0" "moves nothing"
is "$(vol status | grep -c quarantined)" "$before" "and quarantines nothing new"
vol status | grep quarantined | sort | diff "$T/q.before" - | sed "s/^/# /"
git --git-dir="$R" ls-tree -r --name-only main -- records/ | grep -q "$mine"
is $? 0 "ana's own record is still in the repository"

done_testing
