#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `volunteer report --format pdf`: the programme report of two volunteers who share one
# database, read back with pdftotext and from its drawing operators: every headline figure
# of the cover, each municipality's page, the final table equal to `report --csv`, the
# bars of each chart and their numbers, the numbered pages; no personal data; Spanish and
# Basque; an empty period; the options refused in the user's language.
. "${0%/*}/lib.sh"

command -v pdftotext >/dev/null || skip_all "pdftotext is not installed (poppler-utils)"
command -v python3 >/dev/null || skip_all "python3 is not installed"
BARS="$TOP/tests/pdf-bars.py"
export VOLUNTEER_LOCALEDIR="${VOLUNTEER_LOCALEDIR:-$TOP/build/locale}"

mkvol coord coord --role coordinator --data-dir "$T/shared"
COORD=$VCONF
sed -i 's/^programme = .*/programme = Programa Soria Conecta/' "$COORD"
mkvol ben ben --data-dir "$T/shared"
BEN=$VCONF
mkvol ana ana --data-dir "$T/shared"

vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-09-10 \
	duration_min=60 topics=website,social_media sector=food_drink contact_name="Rosa Gil" \
	contact_phone=600111222 contact_email=rosa@example.org consent=yes >/dev/null
vol add visit business="panadería las eras" municipality=ALMAZÁN date=2026-11-02 \
	duration_min=30 topics=website >/dev/null
vol add workshop title=Videollamadas municipality=Almazán date=2026-09-15 attendees=20 \
	attendees_65plus=15 women=12 men=6 duration_min=120 satisfaction=4.5 >/dev/null
vol add task business="Bar Plaza" title=Web municipality=Almazán date=2026-11-06 \
	status=done hours=2.5 >/dev/null
VCONF=$BEN
vol add visit business="Bar Plaza" municipality="Berlanga de Duero" date=2026-11-05 \
	duration_min=45 topics=social_media,online_shop >/dev/null
vol add task business="Ferretería Soto" title=Perfil municipality="Berlanga de Duero" \
	date=2026-11-08 status=blocked hours=1 >/dev/null
vol add workshop title=Banca municipality="Berlanga de Duero" date=2026-11-12 attendees=10 \
	attendees_65plus=4 women=7 duration_min=90 satisfaction=3.4 >/dev/null
vol add workshop title=Móvil municipality=Medinaceli date=2026-11-20 attendees=8 \
	attendees_65plus=8 women=3 men=5 duration_min=60 >/dev/null
gone=$(vol add visit business="Ghost" municipality=Gómara date=2026-11-21 duration_min=600)
vol delete "$gone" >/dev/null
ok $? "the fixture: eight records and a deleted one"

VCONF=$COORD
vol report --format pdf --lang es -o "$T/r.pdf" >"$T/out" 2>"$T/err"
ok $? "report --format pdf --lang es -o FILE"
like "$(cat "$T/out")" "programme report written to .*r\.pdf" "it says where"
is "$(head -c 5 "$T/r.pdf")" "%PDF-" "a PDF"
# Pages: the cover, two of charts, one per municipality (3), the table.
is "$(pdfinfo "$T/r.pdf" | sed -n 's/^Pages: *//p')" 7 "seven pages"
pdftotext -layout "$T/r.pdf" "$T/r.txt"
is "$(grep -o 'Página [0-9] de 7' "$T/r.txt" | tr '\n' ' ')" \
	"Página 1 de 7 Página 2 de 7 Página 3 de 7 Página 4 de 7 Página 5 de 7 Página 6 de 7 Página 7 de 7 " \
	"every page numbered, in Spanish"
page() { pdftotext -layout -f "$1" -l "$1" "$2" -; }

# The cover. By hand: Almazán, Berlanga de Duero, Medinaceli; 3 workshops of 20 + 10 + 8
# = 38 attendances, 15 + 4 + 8 = 27 aged 65+ (71.1 %), 12 + 7 + 3 = 22 women (57.9 %);
# 4 businesses (the bakery, the hardware shop, and each laptop's Bar Plaza, two business
# records until someone merges them), 3 visits (not the deleted one), 1 task done;
# hours (60 + 30 + 120 + 45 + 90 + 60) / 60 + 2.5 + 1 = 10.25.
page 1 "$T/r.pdf" >"$T/cover"
tiles() { # the cover's tiles as "label=value" lines, from pdftotext's layout
	python3 -c '
import re, sys
lines = open(sys.argv[1]).read().split("\n")
def cells(l):
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", l)]
i = 0
while i < len(lines):
    c = cells(lines[i])
    if c and all(re.fullmatch(r"[0-9]+(,[0-9]+)?( %)?", t) for _, t in c):
        labels = {}
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        while j < len(lines) and lines[j].strip():
            for pos, t in cells(lines[j]):
                k = min(range(len(c)), key=lambda k: abs(c[k][0] - pos))
                labels[k] = (labels.get(k, "") + " " + t).strip()
            j += 1
        for k, (_, v) in enumerate(c):
            print("%s=%s" % (labels.get(k, "?"), v))
        i = j
    else:
        i += 1' "$1"
}
tiles "$T/cover" >"$T/tiles"
want_tiles="Municipios alcanzados=3
Talleres=3
Asistencias=38
Porcentaje de 65 años o más=71,1 %
Mujeres entre las asistencias=57,9 %
Negocios atendidos=4
Visitas de asesoramiento=3
Tareas hechas=1
Horas de voluntariado=10,25"
is "$(cat "$T/tiles")" "$want_tiles" "the cover: the nine headline figures, each under its label"
like "$(head -n 3 "$T/cover")" "Programa Soria Conecta" "the cover: the programme's name"
like "$(cat "$T/cover")" "Informe del programa" "the cover: its title"
like "$(cat "$T/cover")" "10 de septiembre de 2026 – 20 de noviembre de 2026" \
	"the cover: the period, from the first record to the last"
like "$(tail -n 3 "$T/cover")" "Programa Soria Conecta · 10 de septiembre de 2026" \
	"the foot: the programme and the period"

# The bars of each page, from the PDF's drawing operators (each bar is stroked 0.8 wide).
python3 "$BARS" "$T/r.pdf" >"$T/bars"
ok $? "the drawing operators read"
# Page 2: workshops per month (sep 1, oct 0, nov 2: two bars), attendances per month
# (20, 0, 18: two), by age (Almazán 5 + 15, Berlanga 6 + 4, Medinaceli 0 + 8: five
# segments), by gender (12 + 6 + 2, 7 + 0 + 3, 3 + 5 + 0: seven). Page 3: by sector (the
# bakery's food_drink, the three without one: two), by topic (website 1, social media
# 2, online shop 1: three), by status (done 1, blocked 1: two), by satisfaction (4.5
# rounds to 5, 3.4 to 3: two). The municipalities' pages: Almazán visits 2, workshops 1,
# attendances 20, businesses 2, tasks done 1 (five bars); Berlanga 1, 1, 10, 2, 0 (four);
# Medinaceli 0, 1, 8, 0, 0 (two).
is "$(tr '\n' ' ' <"$T/bars")" "0 16 9 5 4 2 0 " "every bar drawn, none for a zero"
page 2 "$T/r.pdf" >"$T/p2"
page 3 "$T/r.pdf" >"$T/p3"
for t in "Talleres por mes" "Asistencias por mes" "Asistencia por grupo de edad" \
	"Asistencia por sexo"; do
	grep -q "^ *$t" "$T/p2"
	ok $? "page 2: the chart '$t'"
done
for t in "Negocios atendidos por sector" "Negocios atendidos por tema" "Tareas por estado" \
	"Talleres por satisfacción (1–5)"; do
	grep -q "^ *$t" "$T/p3"
	ok $? "page 3: the chart '$t'"
done
like "$(cat "$T/p2")" "sept 2026 +oct 2026 +nov 2026" "the months, gaps included, in short Spanish"
like "$(cat "$T/p2")" "Menores de 65 +65 o más" "the age chart's legend"
like "$(cat "$T/p2")" "Mujeres +Hombres +Sin indicar" "the gender chart's legend"
# Each bar's number beside or on it: the stacked bars' segments, in order.
like "$(grep 'Almazán' "$T/p2" | head -n 1)" "Almazán +5 +15" "Almazán by age: 5 under 65, 15 aged 65+"
like "$(grep 'Almazán' "$T/p2" | sed -n 2p)" "Almazán +12 +6 +2" "Almazán by gender: 12, 6, 2"
like "$(grep 'Medinaceli' "$T/p2" | sed -n 2p)" "Medinaceli +3 +5$" "Medinaceli by gender: no third segment"
like "$(grep 'Redes sociales' "$T/p3")" "Redes sociales +2" "social media: two businesses"
like "$(grep 'Bloqueada' "$T/p3")" "Bloqueada +1" "the statuses by the task form's labels"
like "$(grep 'Pendiente' "$T/p3")" "Pendiente +0" "a status of none says 0"
like "$(grep 'Alimentación y bebidas' "$T/p3")" "Alimentación y bebidas +1" "the bakery's sector"

# A page per municipality, each with its figures.
fig() { # page file, label: the value beside it
	sed -n "s/^ *$2  *\([0-9][0-9,]*\( %\)\{0,1\}\)\$/\1/p" "$1" | head -n 1
}
page 4 "$T/r.pdf" >"$T/p4"
page 5 "$T/r.pdf" >"$T/p5"
page 6 "$T/r.pdf" >"$T/p6"
like "$(head -n 2 "$T/p4")" "Almazán" "page 4: Almazán"
is "$(for l in 'Visitas de asesoramiento' 'Negocios atendidos' 'Tareas hechas' Talleres \
	Asistencias 'Asistentes de 65 años o más' 'Porcentaje de 65 años o más' Mujeres \
	'Porcentaje de mujeres' Hombres 'Sin indicar' 'Horas de voluntariado'; do
	printf '%s;' "$(fig "$T/p4" "$l")"; done)" "2;2;1;1;20;15;75,0 %;12;60,0 %;6;2;6,00;" \
	"Almazán: visits, businesses, tasks done, workshops, attendances, 65+, women, men, not stated, hours"
like "$(head -n 2 "$T/p5")" "Berlanga de Duero" "page 5: Berlanga de Duero"
is "$(for l in 'Visitas de asesoramiento' 'Negocios atendidos' 'Tareas abiertas' \
	Asistencias Hombres 'Sin indicar' 'Horas de voluntariado'; do
	printf '%s;' "$(fig "$T/p5" "$l")"; done)" "1;2;1;10;0;3;3,25;" \
	"Berlanga: no men given, so 3 not stated; 45 + 90 min and 1 h"
like "$(head -n 2 "$T/p6")" "Medinaceli" "page 6: Medinaceli"
is "$(for l in 'Asistencias' 'Porcentaje de 65 años o más' 'Porcentaje de mujeres'; do
	printf '%s;' "$(fig "$T/p6" "$l")"; done)" "8;100,0 %;37,5 %;" "Medinaceli: 8, all 65+"

# The final table: the numbers of `report --csv` for the same filter.
vol report --csv >"$T/csv"
page 7 "$T/r.pdf" >"$T/p7"
python3 - "$T/csv" "$T/p7" >"$T/cmp" <<'PY'
import csv, re, sys
cols = ["visits", "businesses", "businesses_visited", "businesses_web", "tasks_done",
        "tasks_open", "workshops", "attendees", "attendees_65plus", "attendees_65plus_pct",
        "women", "women_pct", "hours", "follow_ups_due"]
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
want = {("Total" if r["municipality"] == "total" else r["municipality"]):
        [r[c] if r[c] != "" else "-" for c in cols] for r in rows}
got = {}
for line in open(sys.argv[2]):
    t = line.split()
    if len(t) > 14 and all(re.fullmatch(r"[0-9]+(,[0-9]+)?|-", x) for x in t[-14:]):
        got[" ".join(t[:-14])] = [x.replace(",", ".") for x in t[-14:]]
for k in want:
    print(k, "same" if got.get(k) == want[k] else "differs: %s vs %s" % (got.get(k), want[k]))
print("rows", len(got), len(want))
PY
is "$(cat "$T/cmp")" "Almazán same
Berlanga de Duero same
Medinaceli same
Total same
rows 4 4" "the table's every figure equals report --csv, row by row"

# Nothing personal, whatever the consent.
! grep -q -e 'Rosa' -e '600111222' -e 'rosa@example' "$T/r.txt"
ok $? "no contact name, phone or e-mail"
! grep -q -e Ghost -e Gómara "$T/r.txt"
ok $? "nothing of the deleted visit"

# The same in Basque: its dates, months and the forms' labels; its pages numbered.
vol report --format pdf --lang eu -o "$T/eu.pdf" >/dev/null
ok $? "--lang eu"
pdftotext -layout "$T/eu.pdf" "$T/eu.txt"
like "$(cat "$T/eu.txt")" "2026ko irailaren 10a – 2026ko azaroaren 20a" "Basque: the period"
like "$(cat "$T/eu.txt")" "2026 ira\. +2026 urr\. +2026 aza\." "Basque: the months, the year first"
like "$(cat "$T/eu.txt")" "Blokeatua +1" "Basque: the statuses"
is "$(grep -c '[0-9]/7 orria' "$T/eu.txt")" 7 "Basque: 'N/7 orria' on every page"
is "$(tr '\n' ' ' <"$T/bars")" "$(python3 "$BARS" "$T/eu.pdf" | tr '\n' ' ')" \
	"Basque: the same bars"

# English by --lang whatever the session's language; a file replaced atomically.
echo old >"$T/en.pdf"
LANG=es_ES.UTF-8 LANGUAGE=es vol report --format pdf --lang en -o "$T/en.pdf" >/dev/null
ok $? "--lang en over an existing file"
is "$(head -c 5 "$T/en.pdf")" "%PDF-" "the old file replaced"
is "$(ls "$T" | grep -c '^en\.pdf')" 1 "no temporary file left beside it"
pdftotext -layout "$T/en.pdf" "$T/en.txt"
like "$(cat "$T/en.txt")" "Programme report" "English: its title"
like "$(cat "$T/en.txt")" "Sep 2026 +Oct 2026 +Nov 2026" "English: the months"
like "$(cat "$T/en.txt")" "71\.1%" "English: the decimal point"

# A filter: one municipality.
vol report --format pdf --municipality berlanga\ de\ duero -o "$T/b.pdf" >/dev/null
ok $? "--municipality"
is "$(pdfinfo "$T/b.pdf" | sed -n 's/^Pages: *//p')" 5 \
	"one municipality: the cover, two of charts, its page, the table"
pdftotext -layout -f 1 -l 1 "$T/b.pdf" "$T/bcover"
like "$(cat "$T/bcover")" "5 November 2026 – 12 November 2026" \
	"the session's language (English here) when no --lang"

# An empty period: a cover that says so, nothing else.
vol report --format pdf --lang es --from 2030-01-01 --to 2030-01-31 -o "$T/e.pdf" \
	>/dev/null 2>"$T/err"
ok $? "an empty period: no error"
is "$(pdfinfo "$T/e.pdf" | sed -n 's/^Pages: *//p')" 1 "an empty period: one page"
pdftotext -layout "$T/e.pdf" "$T/e.txt"
like "$(cat "$T/e.txt")" "No hay registros en este periodo\." "it says there are no records"
like "$(cat "$T/e.txt")" "1 de enero de 2030 – 31 de enero de 2030" "for the period asked"
is "$(python3 "$BARS" "$T/e.pdf")" 0 "and draws no bar"

# Bad usage: exit 2, the option named, in the user's language.
vol report --format pdf --lang fr -o "$T/x.pdf" >/dev/null 2>"$T/err"
is $? 2 "--lang fr: exit 2"
like "$(cat "$T/err")" "--lang: 'fr' is not a language of reports" "the message names --lang"
LANGUAGE=es vol report --format pdf --lang fr -o "$T/x.pdf" >/dev/null 2>"$T/err"
like "$(cat "$T/err")" "--lang: «fr» no es un idioma de los informes" "in Spanish for a Spanish user"
vol report --format pdf >/dev/null 2>"$T/err"
is $? 2 "no -o: exit 2"
like "$(cat "$T/err")" "-o: --format pdf needs a file" "the message names -o"
vol report --format svg -o "$T/x" >/dev/null 2>"$T/err"
is $? 2 "--format svg: exit 2"
like "$(cat "$T/err")" "--format: 'svg' is not pdf or html" "the message names --format"
vol report --format pdf --csv -o "$T/x.pdf" >/dev/null 2>"$T/err"
is $? 2 "--csv with --format: exit 2"
vol report --lang es >/dev/null 2>"$T/err"
is $? 2 "--lang without --format: exit 2"
ok "$(test ! -e "$T/x.pdf"; echo $?)" "no file written by a refused command"
done_testing
