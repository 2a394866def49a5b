#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# volunteer summary: the PDF a business keeps (read back with pdftotext), its pages, its
# file name, and the text format for an email.
. "${0%/*}/lib.sh"

command -v pdftotext >/dev/null || skip_all "pdftotext not installed (poppler-utils)"
command -v pdfinfo >/dev/null || skip_all "pdfinfo not installed (poppler-utils)"

mkvol maria maria --email maria@example.org
mkdir -p "$T/work"
cd "$T/work" || exit 1

visit=$(vol add visit business="Panadería Las Eras" municipality=Almazán province=Soria \
	date=2026-11-20 sector=food_drink duration_min=90 topics=website,social_media \
	findings="Sin web; pedidos por WhatsApp. La dueña quiere vender magdalenas con ñ y ç." \
	recommendations="Crear la ficha de empresa en los mapas." \
	next_steps="Volver con fotos del obrador." follow_up=2026-12-01 \
	contact_name="Iñaki Muñoz" contact_phone="+34 600 111 222" \
	contact_email=inaki@laseras.example)
like "$visit" '^[0-9a-f-]{36}$' "a visit to summarise"
task=$(vol add task business="PANADERÍA LAS ERAS" title="Web de la panadería" \
	type=website_new status=in_progress municipality=Almazán date=2026-11-21 \
	url=https://laseras.example)
vol add task business="Bar Plaza" title="Perfil del bar" municipality=Berlanga \
	date=2026-11-21 >/dev/null

out=$(vol summary "$visit" --lang es)
ok $? "summary writes the PDF"
is "$out" "Panaderia_Las_Eras_2026-11-20_es.pdf" "the default name: business and date, ASCII"
[ -s "$T/work/$out" ]
ok $? "the file is in the current folder"
text=$(pdftotext "$out" - 2>&1)
for want in "Rural Digital" "Resumen de la visita" "Panadería Las Eras" "Almazán (Soria)" \
	"20 de noviembre de 2026" "Alimentación y bebidas" "Volunteer maria" \
	"maria@example.org" "Página web" "Redes sociales" "Situación encontrada" \
	"pedidos por WhatsApp" "magdalenas con ñ y ç" "Recomendaciones" \
	"Crear la ficha de empresa" "Próximos pasos" "Volver con fotos del obrador" \
	"1 de diciembre de 2026" "Tareas de web y redes sociales" "Web de la panadería" \
	"En curso" "https://laseras.example" "Página 1 de 1"; do
	case $text in
	*"$want"*) ok 0 "the PDF holds '$want'" ;;
	*) ok 1 "the PDF holds '$want'"; diag "$text" ;;
	esac
done
case $text in *"Perfil del bar"*) ok 1 "another business's task is not listed" ;;
*) ok 0 "another business's task is not listed" ;; esac
case $text in *Iñaki*|*"600 111 222"*|*inaki@*) ok 1 "no contact details without consent" ;;
*) ok 0 "no contact details without consent" ;; esac

vol edit "$visit" consent=yes >/dev/null
vol summary "$visit" --lang es -o with-consent.pdf >/dev/null
text=$(pdftotext with-consent.pdf -)
like "$text" "Iñaki Muñoz" "with consent: the contact person"
like "$text" "\+34 600 111 222" "with consent: the phone"
like "$text" "inaki@laseras.example" "with consent: the email"

vol summary "$visit" --lang en -o en.pdf >/dev/null
text=$(pdftotext en.pdf -)
like "$text" "Visit summary" "English title"
like "$text" "20 November 2026" "English date"
like "$text" "In progress" "task status in English"
like "$text" "Page 1 of 1" "English page number"

# 5,000 words flow over numbered pages (short words: the form caps long text at 20,000
# characters).
awk 'BEGIN { split("la web da más luz al pan y sí de ñu red app", w, " ");
	for (i = 0; i < 5000; i++) printf "%s%s", (i ? " " : ""), w[i % 13 + 1]; print "" }' \
	>"$T/long.txt"
is "$(wc -w <"$T/long.txt" | tr -d ' ')" 5000 "5,000 words to write"
long=$(vol add visit business="Bar Ñandú" municipality=Almazán date=2026-11-20 \
	recommendations@="$T/long.txt")
ok $? "a visit with 5,000 words of recommendations"
vol summary "$long" --lang es -o long.pdf >/dev/null
pages=$(pdfinfo long.pdf | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" -ge 3 ]
ok $? "the recommendations take several pages ($pages)"
text=$(pdftotext long.pdf -)
like "$text" "Página 2 de $pages" "page 2 says 'Página 2 de $pages'"
like "$text" "Página $pages de $pages" "the last page is numbered too"
is "$(printf '%s\n' "$text" | grep -c 'Página [0-9]* de')" "$pages" "a footer on every page"
words=$(printf '%s\n' "$text" | grep -oE '(^| )(la|web|da|más|luz|al|pan|y|sí|de|ñu|red|app)( |$)' | wc -l)
[ "$words" -gt 2000 ]
ok $? "the words are there, not cut off ($words seen by a crude count)"
vol summary "$long" --lang en -o long-en.pdf >/dev/null
like "$(pdftotext long-en.pdf -)" "Page 2 of [0-9]+" "in English: 'Page 2 of'"

# A hostile business name: the file stays in this folder, with a safe name.
mkdir "$T/work/safe" && cd "$T/work/safe" || exit 1
odd=$(vol add visit business="../Peña/Ç" municipality=Almazán date=2026-11-20)
out=$(vol summary "$odd")
ok $? "a summary for '../Peña/Ç'"
is "$out" "Pena_C_2026-11-20_en.pdf" "its file name is safe"
is "$(ls -A "$T/work/safe")" "Pena_C_2026-11-20_en.pdf" "written here, and nothing else"
is "$(find "$T" -name '*Pe*a*' ! -name 'Pena_C_2026-11-20_en.pdf' | wc -l | tr -d ' ')" 0 \
	"nothing written outside the folder"
cd "$T/work" || exit 1

# [print] summary_dir: created when missing.
sed -i "s|^summary_dir *=.*|summary_dir = $T/summaries/2026|" "$VCONF"
out=$(vol summary "$visit")
is "$out" "$T/summaries/2026/Panaderia_Las_Eras_2026-11-20_en.pdf" "summary_dir is used"
[ -s "$out" ]
ok $? "and the file is there"
sed -i "s|^summary_dir *=.*|summary_dir = |" "$VCONF"

# The text format, for an email.
vol summary "$visit" --format txt --lang es >/dev/null
ok $? "--format txt"
[ -s Panaderia_Las_Eras_2026-11-20_es.txt ]
ok $? "a .txt file next to the PDF"
txt=$(cat Panaderia_Las_Eras_2026-11-20_es.txt)
like "$txt" "^Rural Digital" "the programme first"
like "$txt" "Resumen de la visita" "the title"
like "$(printf '%s\n' "$txt" | grep -A1 '^Recomendaciones$' | tr '\n' ' ')" \
	"^Recomendaciones -{15} $" \
	"a heading underlined"
like "$txt" "- Página web" "a list with '- '"
like "$txt" "Fecha: 20 de noviembre de 2026" "the date in words"
like "$txt" "Persona de contacto: Iñaki Muñoz" "contact details (consent given)"
widest=$(vol summary "$long" --format txt -o - | wc -L)
[ "$widest" -le 72 ] && [ "$widest" -ge 60 ]
ok $? "a long text wraps at 72 columns (widest line: $widest)"
is "$(vol summary "$visit" --format txt -o - --lang en | sed -n 2p)" "Visit summary" \
	"-o - writes to standard output"

# A FIFO given with -o is written into, never replaced by a file.
mkfifo "$T/fifo"
timeout 60 cat "$T/fifo" >"$T/from-fifo.pdf" &
reader=$!
vol summary "$visit" -o "$T/fifo" >/dev/null
status=$?
ok $status "-o a FIFO"
# When the program failed before opening the FIFO, open it here so that cat ends.
[ $status -eq 0 ] || { exec 3<>"$T/fifo"; exec 3>&-; }
wait $reader
[ -p "$T/fifo" ]
ok $? "the FIFO is still a FIFO"
like "$(head -c 5 "$T/from-fifo.pdf")" "^%PDF-" "the PDF went through it"

# A workshop: an attendance sheet in the same style.
w=$(vol add workshop title="Videollamadas con la familia" topic=video_calls \
	municipality=Berlanga venue="Hogar del Jubilado" date=2026-11-19 start=17:30 \
	duration_min=90 attendees=32 attendees_65plus=25 women=20 men=12 satisfaction=4.6 \
	materials="Fichas impresas" notes="Pidieron otra sesión en enero.")
vol summary "$w" --lang es -o sheet.pdf >/dev/null
ok $? "a workshop's summary"
text=$(pdftotext -layout sheet.pdf -)
for want in "Hoja de asistencia del taller" "Videollamadas con la familia" \
	"19 de noviembre de 2026" "Hogar del Jubilado" "Tema *Videollamadas" \
	"Hora de inicio *17:30" "Duración *1 h 30 min" "Asistentes *32" \
	"Mayores de 65 *25" "Mujeres *20" "Hombres *12" "Satisfacción \(1–5\) *4,6" \
	"Fichas impresas" "Pidieron otra sesión en enero"; do
	like "$text" "$want" "the attendance sheet holds '$want'"
done

# A task has no summary; bad options are refused.
vol summary "$task" 2>"$T/err" >/dev/null
is $? 2 "a task: exit 2"
like "$(cat "$T/err")" "is a task" "the message names the kind"
vol summary "$visit" --lang fr 2>"$T/err" >/dev/null
is $? 2 "--lang fr: exit 2"
like "$(cat "$T/err")" "--lang" "the message names --lang"
vol summary "$visit" --format docx 2>/dev/null >/dev/null
is $? 2 "--format docx: exit 2"
vol summary 0000ffff 2>/dev/null >/dev/null
is $? 1 "no such record: exit 1"

done_testing
