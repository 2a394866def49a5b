#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `volunteer export`: CSV read back with Python's csv module equals the data (accents,
# commas, quotes and line breaks included), RFC 4180 line ends, the byte-order mark, the
# columns (metadata, every form field, then unknown fields sorted), personal data only with
# consent, the formula guard, JSON equal to `list --json`, and -o written whole.
. "${0%/*}/lib.sh"

mkvol coord coord --role coordinator --data-dir "$T/shared"
COORD=$VCONF
mkvol ana ana --data-dir "$T/shared"

printf 'Tiene web antigua.\nNo usa redes, ni "stories".\n\nÚltima línea: ñ, ç, €' >"$T/findings"
v1=$(vol add visit business='Panadería "La Espiga", S.L.' municipality=Almazán \
	date=2026-11-02 duration_min=60 contact_name="José Pérez" contact_phone="+34 600 111 222" \
	consent=yes topics=website,social_media findings@="$T/findings")
ok $? "a visit with accents, commas, quotes, line breaks and consent"
v2=$(vol add visit business="=HYPERLINK(\"http://x\")" municipality=Berlanga date=2026-11-03 \
	contact_name="Sin Permiso" contact_email=a@b.es consent=no)
ok $? "a visit without consent whose name looks like a formula"
t1=$(vol add task business="Bar Plaza" title="Web, nueva" municipality=Almazán \
	date=2026-11-04 hours=1.25 status=in_progress description="línea 1
línea 2")
ok $? "a task"
w1=$(vol add workshop title="Banca online" municipality=Medinaceli date=2026-11-05 \
	attendees=12 attendees_65plus=10 women=7 men=5 satisfaction=4.5 start=10:30)
ok $? "a workshop"
gone=$(vol add task business=Borrado title=x municipality=Almazán date=2026-11-06)
vol delete "$gone"
# Fields that no form knows arrive from newer laptops; they are exported too, after the
# form fields, sorted.
if command -v sqlite3 >/dev/null; then
	sqlite3 "$T/shared/volunteer.db" "UPDATE record SET body = json_set(body,
		'\$.fields.zeta_extra', 'z', '\$.fields.alpha_extra', 'a, \"b\"') WHERE id = '$w1'"
	have_sqlite=yes
else
	have_sqlite=no
fi

VCONF=$COORD
vol export --csv --no-safe-formulas -o "$T/all.csv" >"$T/out"
ok $? "export --csv -o FILE"
like "$(cat "$T/out")" "^4 records written to .*all\.csv$" "says how many records it wrote"
is "$(stat -c %a "$T/all.csv")" 600 "the file is private (mode 0600)"
is "$(ls "$T" | grep -c '\.tmp')" 0 "no temporary file left"
vol list --all --json >"$T/list.json"

# Every cell equals the data as list --json holds it.
python3 - "$T/all.csv" "$T/list.json" "$have_sqlite" >"$T/check" 2>&1 <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
recs = {r["id"]: r for r in json.load(open(sys.argv[2], encoding="utf-8"))}
header, body = rows[0], rows[1:]
meta = ["id", "kind", "volunteer", "device", "rev", "created", "updated", "deleted",
        "synced", "conflict", "flagged", "flag_comment"]
problems = []
if header[:12] != meta:
    problems.append("metadata columns: %r" % header[:12])
form = ["business", "sector", "municipality", "province", "date", "duration_min",
        "contact_name", "contact_phone", "contact_email", "consent", "topics", "findings",
        "recommendations", "next_steps", "follow_up", "language", "title", "type", "status", "due",
        "hours", "url", "description", "topic", "venue", "start", "attendees",
        "attendees_65plus", "women", "men", "satisfaction", "materials", "notes"]
# business_id: the link of visits and tasks to their business, which no form edits.
extra = ["alpha_extra", "business_id", "zeta_extra"] if sys.argv[3] == "yes" else ["business_id"]
if header[12:] != form + extra:
    problems.append("field columns: %r" % header[12:])
if len(set(header)) != len(header):
    problems.append("a column twice")
def text(v):
    if isinstance(v, bool): return "yes" if v else "no"
    if isinstance(v, list): return ";".join(text(e) for e in v)
    return str(v)
if len(body) != len(recs):
    problems.append("%d rows for %d records" % (len(body), len(recs)))
for row in body:
    if len(row) != len(header):
        problems.append("row of %d cells" % len(row)); continue
    cell = dict(zip(header, row))
    r = recs.get(cell["id"])
    if r is None:
        problems.append("unknown id " + cell["id"]); continue
    for k in ("kind", "volunteer", "device", "created", "updated"):
        if cell[k] != r[k]: problems.append("%s: %r != %r" % (k, cell[k], r[k]))
    if cell["rev"] != str(r["rev"]): problems.append("rev")
    if cell["synced"] != text(r["synced"]) or cell["deleted"] != "no": problems.append("flags")
    consent = r["fields"].get("consent") is True
    for k in header[12:]:
        want = r["fields"].get(k)
        want = "" if want is None or (k.startswith("contact_") and not consent) else text(want)
        if cell[k] != want:
            problems.append("%s %s: %r != %r" % (r["kind"], k, cell[k], want))
print("\n".join(problems) if problems else "same")
PY
is "$(cat "$T/check")" same "the CSV read back equals the data"

# Bytes: CRLF after every row, the line breaks inside values kept inside quotes.
python3 - "$T/all.csv" >"$T/bytes" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
rows = b.split(b"\r\n")
print(b.endswith(b"\r\n"), b.count(b"\r\n"), b"Tiene web antigua.\nNo usa redes" in b,
      b'"Panader\xc3\xada ""La Espiga"", S.L."' in b)
PY
is "$(cat "$T/bytes")" "True 5 True True" "RFC 4180: CRLF row ends, LF kept inside quoted values, quotes doubled"

# Personal data only with consent.
grep -q "José Pérez" "$T/all.csv"
ok $? "contact data with consent is exported"
ok "$(! grep -q "Sin Permiso\|a@b.es" "$T/all.csv"; echo $?)" "contact data without consent is not"

# The formula guard, on by default; numbers untouched.
vol export --csv >"$T/safe.csv"
python3 - "$T/safe.csv" "$v2" "$w1" >"$T/guard" <<'PY'
import csv, sys
rows = {r["id"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
print(rows[sys.argv[2]]["business"], rows[sys.argv[3]]["attendees"],
      rows[sys.argv[3]]["satisfaction"])
PY
is "$(cat "$T/guard")" "'=HYPERLINK(\"http://x\") 12 4.5" "a formula gets an apostrophe, numbers do not"
is "$(python3 -c 'import csv,sys; print([r["business"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")) if r["id"] == sys.argv[2]][0])' "$T/all.csv" "$v2")" \
	'=HYPERLINK("http://x")' "--no-safe-formulas writes it exactly"

# The byte-order mark.
vol export --csv --bom -o "$T/bom.csv" >/dev/null
is "$(head -c 3 "$T/bom.csv" | od -An -tx1 | tr -d ' ')" efbbbf "--bom starts with EF BB BF"
is "$(python3 -c 'import csv,sys; print(next(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))[0])' "$T/bom.csv")" \
	id "with the mark stripped, the header is the same"
is "$(head -c 2 "$T/all.csv")" id "no mark without --bom"

# Filters; deleted records only when asked.
is "$(vol export --csv --kind visit | python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(sys.stdin)))')" \
	2 "--kind visit"
is "$(vol export --csv --deleted | python3 -c 'import csv,sys; print(sorted(r["deleted"] for r in csv.DictReader(sys.stdin)))')" \
	"['no', 'no', 'no', 'no', 'yes']" "--deleted adds the tombstone"
is "$(vol export --csv --municipality almazán --from 2026-11-03 | python3 -c 'import csv,sys; print([r["title"] for r in csv.DictReader(sys.stdin)])')" \
	"['Web, nueva']" "--municipality and --from"

# JSON: the array of list --json, less the contact data given without consent.
vol export --json >"$T/export.json"
ok $? "export --json"
python3 - "$T/export.json" "$T/list.json" >"$T/jcheck" <<'PY'
import json, sys
exp = json.load(open(sys.argv[1], encoding="utf-8"))
lst = json.load(open(sys.argv[2], encoding="utf-8"))
for r in lst:
    if r["fields"].get("consent") is not True:
        for k in [k for k in r["fields"] if k.startswith("contact_")]:
            del r["fields"][k]
print("same" if exp == lst else "differs")
PY
is "$(cat "$T/jcheck")" same "the JSON is list --json without unconsented contacts"
is "$(vol export --json --kind visit --volunteer nobody)" "[]" "an empty export is []"
vol list --all --json --kind task >"$T/l2"
vol export --json --kind task >"$T/e2"
cmp -s "$T/l2" "$T/e2"
ok $? "byte for byte the same as list --json where nothing is withheld"

# Bad usage.
vol export >/dev/null 2>"$T/err"
is $? 2 "neither --csv nor --json: exit 2"
like "$(cat "$T/err")" "--csv or --json" "the message says which options"
vol export --json --bom >/dev/null 2>"$T/err"
is $? 2 "--bom with --json: exit 2"
like "$(cat "$T/err")" "--bom" "the message names --bom"
vol export --csv -o "$T/no/such/dir/x.csv" >/dev/null 2>"$T/err"
is $? 1 "an unwritable -o: exit 1"
like "$(cat "$T/err")" "x\.csv" "the message names the file"

done_testing
