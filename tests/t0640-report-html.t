#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `volunteer report --format html -o FILE`: the programme report as one HTML file, from a
# fixture whose figures are computed by hand: every headline figure, every municipality's
# figures and every cell of the table equal the expected ones and those of
# `report --csv --by municipality`; the charts' bars and labels read from the SVG; no
# script, nothing outside the file, no personal data; tidy finds no error; an empty
# period gives a page that says so; headless Chromium draws it (not a blank page).
. "${0%/*}/lib.sh"

for tool in tidy chromium python3; do
	command -v "$tool" >/dev/null || {
		echo "1..1"; echo "not ok 1 - $tool is installed (Debian package $tool, .ci/packages)"
		exit 1; }
done

mkvol ana ana
vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-10-05 \
	duration_min=60 sector=food_drink topics=website,social_media \
	contact_name="Lucía Secreta" contact_phone=600111222 contact_email=lucia@example.org \
	consent=yes >/dev/null || give_up "a visit"
vol add workshop title="Videollamadas" municipality=Almazán date=2026-11-10 attendees=20 \
	attendees_65plus=15 women=12 men=6 duration_min=120 satisfaction=4.4 >/dev/null ||
	give_up "a workshop"
vol add task business="Bar Plaza" title=Web municipality="Berlanga de Duero" \
	date=2026-11-03 status=done hours=2.5 >/dev/null || give_up "a task"
vol add visit business=" bar  PLAZA" municipality="Berlanga de Duero" date=2026-11-04 \
	duration_min=45 sector=hospitality topics=website >/dev/null || give_up "a visit"
vol add task business="Bar Plaza" title=Redes municipality="Berlanga de Duero" \
	date=2026-11-06 status=in_progress hours=1 >/dev/null || give_up "a task"
vol add workshop title="Banca" municipality='<b>Medina</b> & "Co"' date=2026-11-20 \
	attendees=5 attendees_65plus=2 women=3 men=2 duration_min=90 satisfaction=3 \
	>/dev/null || give_up "a workshop with markup in its municipality"
gone=$(vol add visit business="Ghost" municipality="Fantasma" date=2026-11-05 duration_min=600)
vol delete "$gone" >/dev/null
ok $? "the fixture (a deleted visit too)"

RANGE="--from 2026-10-01 --to 2026-11-30"
# shellcheck disable=SC2086
vol report --format html --lang es $RANGE -o "$T/f.html" >"$T/out" 2>"$T/err"
ok $? "report --format html -o f.html"
ok "$(test -s "$T/f.html"; echo $?)" "  the file is written"
# shellcheck disable=SC2086
vol report --csv --by municipality $RANGE >"$T/f.csv"
ok $? "report --csv --by municipality, to compare"

cat >"$T/check.py" <<'EOF'
# Reads the report (argv[1]) and the CSV (argv[2]); prints "PASS<tab>name" or
# "FAIL<tab>name<tab>why" for each check.
import csv, html.parser, re, sys

class Doc(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.cover, self.munis, self.muni = [], {}, [], None
        self.heads, self.rows, self.row, self.cell = [], [], None, None
        self.charts, self.svg, self.text, self.textbuf = [], None, None, ""
        self.h1 = self.period = self.nothing = None
        self.grab, self.buf = None, ""
        self.scripts, self.refs, self.in_header = 0, [], False
        self.figure = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            if k in ("src", "href", "action", "srcset", "poster", "data") or \
               (v and re.search(r"(?i)(https?:|file:|//|url\((?!#))", v)):
                self.refs.append((tag, k, v))
        if tag == "script": self.scripts += 1
        if tag == "header": self.in_header = True
        if tag == "section" and "municipality" in a.get("class", ""):
            self.muni = {"id": a.get("id"), "name": None, "fig": {}, "svg": None}
            self.munis.append(self.muni)
        if tag == "span" and "data-figure" in a:
            self.figure, self.buf = a["data-figure"], ""
        if tag in ("h1", "h3") or (tag == "p" and a.get("id") == "period"):
            self.grab, self.buf = a.get("id") or tag, ""
        if tag == "th" and a.get("scope") == "col": self.heads.append(a.get("data-csv"))
        if tag == "tr" and self.heads and self.svg is None: self.row = []
        if tag in ("th", "td") and self.row is not None and a.get("scope") != "col":
            self.cell = ""
        if tag == "svg":
            self.svg = {"id": a.get("data-chart"), "bars": [], "texts": {}}
            if self.muni is not None and self.muni["svg"] is None: self.muni["svg"] = self.svg
            else: self.charts.append(self.svg)
        if tag == "rect" and self.svg is not None and a.get("class") == "bar":
            self.svg["bars"].append((int(a["data-cat"]), int(a["data-series"]),
                float(a["data-value"]), float(a["width"]), float(a["height"])))
        if tag == "text" and self.svg is not None: self.text, self.textbuf = a.get("class"), ""
    def handle_endtag(self, tag):
        if tag == "header": self.in_header = False
        if tag == "span" and self.figure is not None:
            (self.cover if self.in_header else self.muni["fig"])[self.figure] = self.buf
            self.figure = None
        if self.grab is not None and tag in ("h1", "h3", "p"):
            if self.grab == "h3": self.muni["name"] = self.buf
            else: setattr(self, self.grab, self.buf)
            self.grab = None
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell); self.cell = None
        if tag == "tr" and self.row is not None:
            if self.row: self.rows.append(self.row)
            self.row = None
        if tag == "text" and self.text is not None:
            self.svg["texts"].setdefault(self.text, []).append(self.textbuf); self.text = None
        if tag == "svg": self.svg = None
        if tag == "section":
            self.muni = None
    def handle_data(self, d):
        if self.figure is not None or self.grab is not None: self.buf += d
        if self.cell is not None: self.cell += d
        if self.text is not None: self.textbuf += d

raw = open(sys.argv[1], encoding="utf-8").read()
doc = Doc(); doc.feed(raw); doc.close()
def check(name, cond, why=""):
    print("PASS\t%s" % name if cond else "FAIL\t%s\t%s" % (name, str(why)[:600]))
mode = sys.argv[3] if len(sys.argv) > 3 else "full"

check("no script", doc.scripts == 0 and "<script" not in raw.lower(), doc.scripts)
check("no reference outside the file", not doc.refs and "http:" not in raw and
      "https:" not in raw and "@import" not in raw, doc.refs[:3])
check("lang and charset", raw.startswith('<!DOCTYPE html>\n<html lang="es">') and
      '<meta charset="utf-8">' in raw)
check("the programme's name", doc.h1 == "Rural Digital", doc.h1)
if mode == "empty":
    check("the empty period's page says so", 'id="nothing"' in raw and
          "No hay registros en este periodo." in raw)
    check("no chart, no table", not doc.charts and not doc.rows, (len(doc.charts), len(doc.rows)))
    check("its period", doc.period == "1 de enero de 2030 – 31 de enero de 2030", doc.period)
    sys.exit(0)

check("the period in words", doc.period ==
      "1 de octubre de 2026 – 30 de noviembre de 2026", doc.period)
want_cover = {"municipalities": "3", "workshops": "2", "attendances": "25",
    "share_65plus": "68,0 %", "share_women": "60,0 %", "businesses": "2",
    "visits": "2", "tasks_done": "1", "hours": "8,75"}
for k, v in want_cover.items():
    check("cover: %s is %s" % (k, v), doc.cover.get(k) == v, doc.cover.get(k))

# Every municipality: its section's figures (hand-computed), in report's order.
want_munis = [
    ('<b>Medina</b> & "Co"', {"visits": "0", "businesses": "0", "tasks_done": "0",
        "workshops": "1", "attendances": "5", "share_65plus": "40,0 %",
        "share_women": "60,0 %", "hours": "1,50"}),
    ("Almazán", {"visits": "1", "businesses": "1", "tasks_done": "0", "workshops": "1",
        "attendances": "20", "share_65plus": "75,0 %", "share_women": "60,0 %",
        "hours": "3,00"}),
    ("Berlanga de Duero", {"visits": "1", "businesses": "1", "tasks_done": "1",
        "workshops": "0", "attendances": "0", "share_65plus": "-", "share_women": "-",
        "hours": "4,25"}),
]
check("a section per municipality", [m["name"] for m in doc.munis] == [n for n, _ in want_munis],
      [m["name"] for m in doc.munis])
for (name, fig), m in zip(want_munis, doc.munis):
    check("%s: its figures" % name, m["fig"] == fig, m["fig"])
    bars = m["svg"]["bars"] if m["svg"] else []
    vals = [b[2] for b in bars]
    want = [float(fig["visits"]), float(fig["workshops"]), float(fig["attendances"]),
            float(fig["businesses"]), float(fig["tasks_done"])]
    check("%s: its small chart, 5 bars" % name, vals == want, vals)
    check("%s: each bar with its number" % name, m["svg"] is not None and
          m["svg"]["texts"].get("value") == [str(int(v)) for v in want],
          m["svg"] and m["svg"]["texts"].get("value"))

# The table: the CSV's numbers, column by column (decimal comma back to the point).
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
head, body = rows[0], rows[1:]
check("the table's columns are the CSV's", sorted(h for h in doc.heads[1:]) ==
      sorted(head[1:]), (doc.heads, head))
check("a row per municipality and the total", len(doc.rows) == len(body), (doc.rows, body))
for r, c in zip(doc.rows, body):
    name = "total" if r[0] == "Total" else r[0]
    got = {doc.heads[i]: r[i].replace(",", ".").replace("-", "") for i in range(1, len(r))}
    want = {head[i]: c[i] for i in range(1, len(c))}
    check("table row %s equals the CSV" % name, name == c[0] and got == want,
          (r, c))
check("the table's total row", doc.rows and doc.rows[-1] ==
      ["Total", "2", "2", "2", "1", "1", "1", "2", "25", "17", "68,0", "15", "60,0", "8,75", "0"],
      doc.rows[-1:])

# The charts: ids in the report's order, bars and labels.
ids = [c["id"] for c in doc.charts]
check("the charts, in order", ids == ["month_workshops", "month_attendances", "age", "gender",
      "sector", "topic", "status", "satisfaction"], ids)
ch = {c["id"]: c for c in doc.charts}
def values(cid): return [b[2] for b in ch.get(cid, {"bars": []})["bars"]]
def cats(cid): return ch.get(cid, {"texts": {}})["texts"].get("cat")
check("workshops per month: two bars 0, 2", values("month_workshops") == [0, 2],
      values("month_workshops"))
check("  labelled with the months", cats("month_workshops") == ["oct 2026", "nov 2026"],
      cats("month_workshops"))
check("attendances per month: 0, 25", values("month_attendances") == [0, 25],
      values("month_attendances"))
check("age: stacked under 65 and 65+ of the municipalities with attendees",
      values("age") == [3, 2, 5, 15], values("age"))
check("  labelled with those municipalities", cats("age") == ['<b>Medina</b> & "Co"', "Almazán"],
      cats("age"))
check("  each bar's parts and sum", ch.get("age") and ch["age"]["texts"].get("value") ==
      ["3 + 2 = 5", "5 + 15 = 20"], ch.get("age") and ch["age"]["texts"].get("value"))
check("gender: women, men, not stated", values("gender") == [3, 2, 0, 12, 6, 2], values("gender"))
# By the records' sector, as `report --by sector` counts: Bar Plaza's task names none, so
# Bar Plaza counts under "no sector" as well as under its visit's hospitality.
check("sector: a business each", sorted(values("sector")) == [1, 1, 1], values("sector"))
check("  labelled in Spanish", sorted(cats("sector") or []) == ["Alimentación y bebidas",
      "Hostelería", "Sin sector"], cats("sector"))
check("topic: website 2, social media 1", values("topic") == [2, 1], values("topic"))
check("status: todo, in progress, done, blocked", values("status") == [0, 1, 1, 0],
      values("status"))
check("satisfaction: a 3 and a 4 (4.4 rounded)", values("satisfaction") == [0, 0, 1, 1, 0],
      values("satisfaction"))
for c in doc.charts:
    zero = [b for b in c["bars"] if b[2] == 0 and (b[3] > 0.05 if c["id"] not in
            ("month_workshops", "month_attendances", "satisfaction") else b[4] > 0.05)]
    nvals = len(c["texts"].get("value", []))
    per = 1 if c["id"] in ("age", "gender") else None
    check("%s: a number per bar, zero bars empty" % c["id"], not zero and
          (nvals == len(c["bars"]) if per is None else nvals == len({b[0] for b in c["bars"]})),
          (nvals, len(c["bars"]), zero))
# Lengths proportional to values within each chart, from zero.
for c in doc.charts:
    if c["id"] in ("age", "gender"): continue
    size = [(b[2], b[4] if c["id"] in ("month_workshops", "month_attendances", "satisfaction")
             else b[3]) for b in c["bars"] if b[2] > 0]
    if len(size) >= 1:
        k = size[0][1] / size[0][0]
        check("%s: bars proportional from zero" % c["id"],
              all(abs(s - v * k) < 0.3 for v, s in size), size)

for secret in ("Lucía Secreta", "600111222", "lucia@example.org", "Ghost", "Fantasma"):
    check("nothing of %s" % secret, secret not in raw)
EOF

# shellcheck disable=SC2086
check_report() {
	python3 "$T/check.py" "$@" >"$T/checks" 2>"$T/pyerr"
	ok $? "  the report can be read"
	[ -s "$T/pyerr" ] && diag "$(cat "$T/pyerr")"
	tab=$(printf '\t')
	while IFS="$tab" read -r verdict name why; do
		case $verdict in
		PASS) ok 0 "$name" ;;
		*) ok 1 "$name"; diag "  got: $why" ;;
		esac
	done <"$T/checks"
}
check_report "$T/f.html" "$T/f.csv"

tidy -e -q "$T/f.html" >"$T/tidy" 2>&1
st=$?
is "$st" 0 "tidy -e: no error and no warning"
[ "$st" -ne 0 ] && diag "$(head -20 "$T/tidy")"

# Chromium draws it: the screenshot is not a blank page.
rm -f "$T/shot.png"
HOME=$T timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--user-data-dir="$T/chromium" --screenshot="$T/shot.png" --window-size=1200,2000 \
	"file://$T/f.html" >"$T/chromium.log" 2>&1
ok "$(test -s "$T/shot.png"; echo $?)" "headless Chromium takes a screenshot"
cat >"$T/png.py" <<'EOF'
# The share of pixels that are not white in a PNG (8-bit RGB or RGBA), decoded by hand.
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, color = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
assert depth == 8 and color in (2, 6), "colour type %d depth %d" % (color, depth)
bpp = 3 if color == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, out, dark, i = bytearray(stride), 0, 0, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        if line[x] < 200 or line[x + 1] < 200 or line[x + 2] < 200: dark += 1
    prev = line
print(w, h, dark)
EOF
set -- $(python3 "$T/png.py" "$T/shot.png" 2>"$T/pngerr")
[ -s "$T/pngerr" ] && diag "$(cat "$T/pngerr")"
is "${1:-0}x${2:-0}" "1200x2000" "  of the window's size"
ok "$([ "${3:-0}" -gt 40000 ]; echo $?)" "  with text and bars drawn (${3:-0} dark pixels)"

# In English: the language, the words and the decimal point.
# shellcheck disable=SC2086
vol report --format html --lang en $RANGE -o "$T/en.html" >/dev/null 2>&1
ok $? "--lang en"
like "$(head -c 200 "$T/en.html")" '<html lang="en">' "  the document says its language"
like "$(cat "$T/en.html")" 'id="period">1 October 2026 – 30 November 2026<' "  the period in English"
like "$(cat "$T/en.html")" 'data-figure="share_65plus">68\.0[^<0-9]*%<' "  decimals with a point"
like "$(cat "$T/en.html")" '<h1>Rural Digital</h1>' "  the programme's name"

# An empty period: a page that says so, valid as well.
vol report --format html --lang es --from 2030-01-01 --to 2030-01-31 -o "$T/empty.html" \
	>/dev/null 2>"$T/err"
ok $? "an empty period: exit 0"
ok "$(! grep -q "runtime error" "$T/err"; echo $?)" "  and no undefined behaviour"
check_report "$T/empty.html" "$T/f.csv" empty
tidy -e -q "$T/empty.html" >"$T/tidy" 2>&1
is $? 0 "  tidy: no error and no warning"

done_testing
