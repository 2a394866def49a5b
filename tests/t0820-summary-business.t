#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `volunteer summary BUSINESS`: one document with the programme's whole work with a
# business: its data (contact only with consent), every visit with date, volunteer,
# topics and recommendations, every task with status, due date and description, the
# follow-ups no later visit has met; in the business's own language unless --lang says
# otherwise, and so is a linked visit's summary.
. "${0%/*}/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
command -v pdftotext >/dev/null || skip_all "pdftotext not installed (poppler-utils)"
json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }

cd "$T" || exit 1
mkvol ana ana --municipality Almazán
v1=$(vol add visit business="Panadería Hermanos Ruiz" date=2026-10-01 topics=website \
	recommendations="Abrir una ficha en mapas" follow_up=2026-10-20)
v2=$(vol add visit business="PANADERÍA HERMANOS, RUIZ" date=2026-11-02 topics=social_media \
	follow_up=2026-12-20)
vol add task business="PANADERÍA HERMANOS RUIZ" title="Web nueva" due=2026-12-10 \
	description="La carta y el horario" >/dev/null
vol add task business="Panadería Hermanos Ruiz" title="Ficha en mapas" status=done >/dev/null
vol add task business="Bar Plaza" title="Perfil del bar" >/dev/null
b=$(vol show "$v1" --json | json 'd["fields"]["business_id"]')
vol edit "$b" contact_name="Luisa Ruiz" contact_phone=600123456 consent=no >/dev/null

s=$(vol summary "$b" --format txt --lang en -o -)
is $? 0 "summary BUSINESS --format txt"
like "$s" 'Our work with your business' "titled as the business's history"
like "$s" 'Panadería Hermanos Ruiz' "with the business's name"
like "$s" '1 October 2026 · Volunteer: ana' "the first visit, its date and volunteer"
like "$s" 'Topics: Website' "its topics"
like "$s" 'Recommendations: Abrir una ficha en mapas' "its recommendations"
like "$s" '2 November 2026 · Volunteer: ana' "the second visit, spelt otherwise"
like "$s" '- Web nueva: To do · due 10 December 2026' "an open task with status and due date"
like "$s" 'La carta y el horario' "with its description"
like "$s" '- Ficha en mapas: Done' "the done task"
like "$s" 'Open follow-ups' "a section of open follow-ups"
like "$s" 'Next contact: 20 December 2026' "the follow-up still to come"
if printf '%s' "$s" | grep -q 'Next contact: 20 October'; then r=1; else r=0; fi
ok $r "not the follow-up a later visit met"
if printf '%s' "$s" | grep -q 'Perfil del bar'; then r=1; else r=0; fi
ok $r "nothing of another business"
if printf '%s' "$s" | grep -q 'Luisa\|600123456'; then r=1; else r=0; fi
ok $r "no contact without consent"

vol edit "$b" consent=yes language=ca >/dev/null
s=$(vol summary "$b" --format txt -o -)
like "$s" 'Luisa Ruiz' "the contact with consent"
like "$s" "Visites d.assessorament" "in the business's language (Catalan) when --lang is not given"
s=$(vol summary "$v2" --format txt -o -)
like "$s" 'Resum de la visita' "a linked visit's summary takes its business's language too"
s=$(vol summary "$v2" --format txt --lang es -o -)
like "$s" 'Resumen de la visita' "--lang still wins"

vol summary "$b" --lang es -o hist.pdf >/dev/null
is $? 0 "the PDF is written"
text=$(pdftotext hist.pdf - 2>&1)
like "$text" 'Nuestro trabajo con su negocio' "the PDF's title, in Spanish"
like "$text" 'Web nueva' "the PDF lists the task"
like "$text" 'Visitas de asesoramiento' "and the visits"

vol business merge "$b" "$(vol show "$(vol add visit business='Otra panadería' \
	date=2026-11-03)" --json | json 'd["fields"]["business_id"]')" >/dev/null
vol summary "$b" --format txt -o - >/dev/null 2>err.txt
is $? 2 "a merged-away business has no summary (exit 2)"
like "$(cat err.txt)" 'deleted' "and the message says why"

done_testing
