#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Who and what, for a coordinator: list --all says whose each record is; show prints the
# choices' labels; the CSV keeps the codes and, with --labels, has the labels; the latest
# flag's comment is a column; phone numbers come back identical from a spreadsheet
# (gnumeric's ssconvert reads the CSV and writes it again).
. "${0%/*}/lib.sh"
command -v ssconvert >/dev/null || skip_all "ssconvert is not installed (Debian package gnumeric)"

mkvol coord coord --role coordinator --data-dir "$T/shared"
COORD=$VCONF
mkvol ana ana --data-dir "$T/shared"
v1=$(vol add visit business="Bar Plaza" municipality=Almazán date=2026-11-02 sector=food_drink \
	topics=website,social_media consent=yes contact_phone="0034 612 345 678")
v2=$(vol add visit business="Tienda" municipality=Almazán date=2026-11-03 consent=yes \
	contact_phone="+34 612 345 678")
t1=$(vol add task business="Bar Plaza" title=Web municipality=Almazán date=2026-11-04 \
	status=in_progress)
VCONF=$COORD
vol review "$v1" --flag "Falta, la \"fecha\"" >/dev/null
vol review "$v2" --flag "Primero" >/dev/null
vol review "$v2" --ok >/dev/null

like "$(vol list --all | grep 'Tienda')" 'Tienda +ana +Almazán' "list --all has a volunteer column"
like "$(LC_ALL=es_ES.UTF-8 vol show "$v1")" 'Sector +Alimentación y bebidas' "show prints a choice's label"
like "$(vol show "$v1")" 'Topics +Website, Social media' "and a multiple choice's labels"
like "$(LC_ALL=es_ES.UTF-8 vol list --all | grep ' task ')" 'En curso' "list prints a task's status by its label"

vol export --csv -o "$T/codes.csv" >/dev/null
LC_ALL=es_ES.UTF-8 vol export --csv --labels -o "$T/labels.csv" >/dev/null
cols() { python3 -c 'import csv,sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
r = {x["id"]: x for x in rows}[sys.argv[2]]
print("|".join(r[k] for k in sys.argv[3:]))' "$@"; }
is "$(cols "$T/codes.csv" "$v1" sector topics)" "food_drink|website;social_media" "the CSV keeps the codes"
is "$(cols "$T/codes.csv" "$t1" status)" "in_progress" "a task's status too"
is "$(cols "$T/labels.csv" "$v1" sector topics)" "Alimentación y bebidas|Página web;Redes sociales" \
	"--labels writes the labels"
is "$(cols "$T/labels.csv" "$t1" status)" "En curso" "a status's label"
is "$(cols "$T/codes.csv" "$v1" flagged flag_comment)" 'yes|Falta, la "fecha"' \
	"the coordinator's flag comment is a column"
is "$(cols "$T/codes.csv" "$v2" flagged flag_comment)" 'no|' "a flag cleared by a later ok is not"

# Through a spreadsheet and back: the phone numbers are the same characters.
ssconvert "$T/codes.csv" "$T/sheet.csv" >/dev/null 2>&1
ok $? "ssconvert reads the export"
is "$(cols "$T/sheet.csv" "$v1" contact_phone)" "0034 612 345 678" "0034… keeps its zeros"
is "$(cols "$T/sheet.csv" "$v2" contact_phone)" "+34 612 345 678" "+34… gains no apostrophe"
vol export --csv --no-safe-formulas -o "$T/exact.csv" >/dev/null
is "$(cols "$T/exact.csv" "$v2" contact_phone)" "+34 612 345 678" "--no-safe-formulas writes the number exactly"
done_testing
