#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A first import (12,000 records, more than one transaction of the import) killed with
# kill -9 at several points of its run, from the fetch to the last transaction: after
# every kill the database is whole and every record in it is also in the search index;
# the sync run after the kills ends with every record of the repository once, found by
# search, the merge base kept, nothing to send back.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v setsid >/dev/null || skip_all "setsid is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
N=12000
R="$T/remote.git"
git init -q --bare "$R" || give_up "cannot create a bare repository"

# The repository: N workshop records in the layout of DESIGN.md, in 6 commits; record i
# is titled "Negocio i" and every seventh one holds the word "molino". Workshops: an old
# visit without business_id would bring a business of its own, pushed by the same sync,
# and the import would be a small part of what the kills cut.
python3 - "$N" >"$T/fi" <<'PY' || give_up "cannot write the records"
import sys, time
n = int(sys.argv[1])
base = int(time.time() * 1000) - n * 60000
out = sys.stdout.buffer
def data(b):
    out.write(b"data %d\n" % len(b)); out.write(b)
for c in range(6):
    out.write(b"commit refs/heads/main\ncommitter T <t@example.org> %d +0000\n"
              % (1700000000 + c))
    data(b"records %d\n" % c)
    for i in range(c * n // 6, (c + 1) * n // 6):
        ms = base + i * 60000
        rid = "%08x-%04x-7%03x-8%03x-%012x" % (ms >> 16, ms & 0xffff, i % 4096, i // 4096, i)
        day = time.strftime("%Y/%m/%d", time.gmtime(ms / 1000))
        iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ms / 1000))
        word = " molino" if i % 7 == 0 else ""
        body = ('{\n  "created": "%s",\n  "deleted": false,\n  "device": "git",\n'
                '  "fields": {\n    "title": "Negocio %d%s",\n'
                '    "municipality": "Almazán"\n  },\n  "id": "%s",\n  "kind": "workshop",\n'
                '  "rev": 1,\n  "updated": "%s",\n  "volunteer": "peer"\n}\n'
                % (iso, i, word, rid, iso)).encode()
        out.write(b"M 100644 inline records/workshop/%s/%s.json\n" % (day.encode(), rid.encode()))
        data(body)
PY
git --git-dir="$R" fast-import --quiet <"$T/fi" || give_up "git fast-import failed"
git --git-dir="$R" ls-tree -r --name-only main | sed 's|.*/||; s|\.json$||' | sort >"$T/want"
is "$(wc -l <"$T/want" | tr -d ' ')" "$N" "the repository holds $N records"

# How long a whole first import takes here (sanitizers make it slower): the kills are
# placed along it.
mkvol probe probe --remote "$R"
t0=$(date +%s%N)
vol sync >/dev/null 2>"$T/probe.err"
ok $? "a first import that nobody kills succeeds"
[ -s "$T/probe.err" ] && diag "$(head -3 "$T/probe.err")"
full_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
diag "a whole first import takes $full_ms ms here"
# The indexes of the records (a first import builds them after the rows): by name.
indexes() { sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'index' AND
	tbl_name = 'record' ORDER BY name"; }
# and those set aside, noted in meta until they are built again
noted() { sqlite3 "$1" "SELECT substr(key, 7) FROM meta WHERE key >= 'index:' AND
	key < 'index;'"; }
want_indexes=$(indexes "$T/probe/data/volunteer.db")
like "$want_indexes" "record_by_date" "the indexes are built after a first import"

mkvol ana ana --remote "$R"
db=$T/ana/data/volunteer.db
partial=0
for pct in 5 20 35 50 65 80 95; do
	setsid "$VOLUNTEER" --config "$VCONF" sync >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v ms="$full_ms" -v p="$pct" 'BEGIN { printf "%.3f", ms * p / 100000 }')"
	kill -9 -"$pid" 2>/dev/null	# the group: dash's kill takes no "--"
	wait "$pid" 2>/dev/null
	[ -f "$db" ] || continue
	is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "killed at $pct %: the database is whole"
	held=$(sqlite3 "$db" 'SELECT count(*) FROM record')
	is "$(fts_docs "$db")" "$held" \
		"killed at $pct %: each of the $held records held is in the search index"
	is "$( (indexes "$db"; noted "$db") | sort -u)" "$want_indexes" \
		"killed at $pct %: each index is there or noted to be built"
	is "$(search_astray "${db%/*}")" 0 \
		"killed at $pct %: the search index holds the records' text, no other"
	diag "killed at $pct %: $held records held"
	[ "$held" -gt 0 ] && [ "$held" -lt "$N" ] && partial=$((partial + 1))
done
diag "$partial kills left a part of the records"
ok "$([ "$partial" -gt 0 ] && echo 0 || echo 1)" \
	"at least one kill landed between two transactions of the import"

vol sync >"$T/out" 2>"$T/err"
ok $? "the sync after the kills succeeds"
vol list --all --json | python3 -c 'import json, sys
for r in json.load(sys.stdin): print(r["id"])' | sort >"$T/got"
is "$(wc -l <"$T/got" | tr -d ' ')" "$N" "every record is here once"
is "$(comm -3 "$T/want" "$T/got" | wc -l | tr -d ' ')" 0 "and they are the repository's records"
is "$(vol list --all --search molino --count)" "$(( (N + 6) / 7 ))" \
	"search finds every record with the word, none twice"
is "$(vol list --all --search 'negocio 11999' --count)" 1 "and the last one by its name"
is "$(sqlite3 "$db" 'SELECT count(*) FROM record WHERE dirty = 1 OR NOT base_is_body')" 0 \
	"every record is clean, its merge base its own body"
is "$(indexes "$db")" "$want_indexes" "every index is there"
is "$(noted "$db")" "" "and none is left noted"
vol sync >"$T/out2" 2>&1
like "$(cat "$T/out2")" "sent 0, received 0" "a further sync has nothing to send or take"
done_testing
