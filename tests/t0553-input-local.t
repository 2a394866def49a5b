#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Inputs in the local forms: a time typed 17.00, a decimal 4,5, a date 2026/12/03 (the
# Basque style) or 03/12/2026 are accepted and stored as 17:00, 4.5 and 2026-12-03 (files
# keep one form); a time 17,00 is refused, naming the field.
. "${0%/*}/lib.sh"

mkvol iker
json_field() { vol show "$1" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['fields']['$2'])"; }

id=$(vol add workshop title="Bideo-deiak" municipality=Tolosa date=2026/12/03 start=17.00 \
	duration_min=90 attendees=10 satisfaction=4,5 2>&1)
like "$id" '^[0-9a-f-]{36}$' "a workshop typed with 17.00, 4,5 and 2026/12/03 is saved"
is "$(json_field "$id" start)" "17:00" "the time is stored 17:00"
is "$(json_field "$id" satisfaction)" "4.5" "the decimal is stored 4.5"
is "$(json_field "$id" date)" "2026-12-03" "the date is stored 2026-12-03"
id2=$(vol add workshop title="Bestea" municipality=Tolosa date=03/12/2026 start=9.30 \
	attendees=5 satisfaction=4.5)
is "$(json_field "$id2" start)" "09:30" "9.30 is stored 09:30"
is "$(json_field "$id2" date)" "2026-12-03" "03/12/2026 is stored 2026-12-03"
out=$(vol add workshop title="Txarra" municipality=Tolosa attendees=5 start=17,00 2>&1)
ok $(( $? == 2 ? 0 : 1 )) "17,00 is refused, exit 2"
like "$out" "start" "naming the field"
vol export --json >"$T/all.json" || give_up "export"
grep -q '17\.00\|4,5\|2026/12/03' "$T/all.json"
ok $(( $? == 0 ? 1 : 0 )) "no local form reaches the stored record"
done_testing
