#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A first import large enough to be read and decoded ahead of the store's writes (a
# second and third thread, sync/import.c, each reading every other file) meets the bad files another volunteer's laptop can push:
# one that is not JSON, one over the size limit, one not UTF-8, one whose id is not its
# path's, one with terminal controls in a field. Each is set aside (the last imported and
# listed) in its place of the walk, the import goes on, every good record is taken once,
# and the older program's visits get their businesses, made once each.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
N=600
R="$T/remote.git"
git init -q --bare "$R" || give_up "cannot create a bare repository"

# N visits of an older program (no business_id), in 3 commits, five businesses among
# them; the bad files are at records 100 (not JSON), 201 (2 MB), 300 (not UTF-8), 401
# (another id inside) and 500 (an escape sequence in its business): both readers meet some.
python3 - "$N" >"$T/fi" <<'PY' || give_up "cannot write the records"
import sys, time
n = int(sys.argv[1])
base = int(time.time() * 1000) - n * 60000
out = sys.stdout.buffer
def data(b):
    out.write(b"data %d\n" % len(b)); out.write(b)
def rid_of(i, ms):
    return "%08x-%04x-7%03x-8%03x-%012x" % (ms >> 16, ms & 0xffff, i % 4096, i // 4096, i)
for c in range(3):
    out.write(b"commit refs/heads/main\ncommitter T <t@example.org> %d +0000\n"
              % (1700000000 + c))
    data(b"visits %d\n" % c)
    for i in range(c * n // 3, (c + 1) * n // 3):
        ms = base + i * 60000
        rid = rid_of(i, ms)
        day = time.strftime("%Y/%m/%d", time.gmtime(ms / 1000))
        iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ms / 1000))
        business = "Bar Uno Dos Tres Cuatro Cinco".split()[i % 5]
        if i == 500:
            business = "Bar \\u001b[2J"
        file_id = rid_of(i + 1, ms + 1) if i == 401 else rid
        body = ('{\n  "created": "%s",\n  "deleted": false,\n  "device": "git",\n'
                '  "fields": {\n    "business": "%s",\n'
                '    "municipality": "Almaz\u00e1n"\n  },\n  "id": "%s",\n  "kind": "visit",\n'
                '  "rev": 1,\n  "updated": "%s",\n  "volunteer": "peer"\n}\n'
                % (iso, business, file_id, iso)).encode()
        if i == 100:
            body = b"{ not json"
        elif i == 201:
            body = body[:-2] + b" " * (2 * 1024 * 1024) + b"}\n"
        elif i == 300:
            body = body.replace(b"Almaz\xc3\xa1n", b"Almaz\xe1n")
        out.write(b"M 100644 inline records/visit/%s/%s.json\n" % (day.encode(), rid.encode()))
        data(body)
PY
git --git-dir="$R" fast-import --quiet <"$T/fi" || give_up "git fast-import failed"
is "$(git --git-dir="$R" ls-tree -r --name-only main | wc -l | tr -d ' ')" "$N" \
	"the repository holds $N record files"

mkvol ana ana --remote "$R"
db=$T/ana/data/volunteer.db
vol sync >"$T/out" 2>"$T/err"
is "$?" 0 "the first import goes on past the bad files (exit 0)"
like "$(cat "$T/err")" "set aside" "the sync says files were set aside"
is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "the database is whole"
is "$(sqlite3 "$db" "SELECT count(*) FROM record WHERE kind = 'visit'")" "$((N - 4))" \
	"every good visit is taken, and the one with escapes (listed)"
is "$(sqlite3 "$db" "SELECT count(DISTINCT id) FROM record WHERE kind = 'visit'")" \
	"$((N - 4))" "each once"
is "$(sqlite3 "$db" "SELECT count(*) FROM record WHERE kind = 'business'")" 5 \
	"the five businesses of the older visits are made, once each"
is "$(sqlite3 "$db" "SELECT count(*) FROM record WHERE kind = 'visit' AND
	business_id IN (SELECT id FROM record WHERE kind = 'business')")" "$((N - 5))" \
	"every visit but the one with escapes is linked to its business"
is "$(fts_docs "$db")" "$((N + 1))" "every record is in the search index"
is "$(search_astray "${db%/*}")" 0 "which holds their text, no other"
vol status >"$T/status"
is "$(grep -c quarantined "$T/status")" 5 "status lists the five bad files"
like "$(cat "$T/status")" "not JSON" "the file that is not JSON is set aside"
is "$(grep -c 'over the limit' "$T/status")" 1 "the 2 MB file is refused by its size"
like "$(cat "$T/status")" "not valid UTF-8" "invalid UTF-8 is refused"
like "$(cat "$T/status")" "does not match its path" "an id that does not match its path"
like "$(cat "$T/status")" "terminal control" "the file with escapes is imported and listed"
# Each bad file is listed by its own path (the last 12 digits of an id are its number).
for i in 100 201 300 401 500; do
	like "$(cat "$T/status")" "-$(printf '%012x' "$i")\.json: " \
		"record file $i is the one listed"
done

vol sync >"$T/out2" 2>"$T/err2"
is "$?" 0 "a second sync succeeds"
like "$(cat "$T/out2")" "received 0," "and takes nothing again"
is "$(sqlite3 "$db" "SELECT count(*) FROM record")" "$((N + 1))" "nor doubles anything"
done_testing
