#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The summary as a letter from the programme (its contact, its logo, durations, tasks and a
# next-steps box), file names that never overwrite each other, and the attendance sheet.
. "${0%/*}/lib.sh"

command -v pdftotext >/dev/null || skip_all "pdftotext not installed (poppler-utils)"
command -v pdfinfo >/dev/null || skip_all "pdfinfo not installed (poppler-utils)"

mkvol maria maria --email maria@example.org
# init wrote every key of [print], the last section, empty: these come after and win.
cat >>"$VCONF" <<'INI'
phone = +34 975 000 000
web = https://ruraldigital.example.org
email = info@ruraldigital.example.org
address = Calle Mayor 1, 42002 Soria
privacy_notice = "Sus datos se tratan conforme al RGPD; responsable: Diputación de Soria."
INI
printf 'logo = %s/logo.svg\n' "$T" >>"$VCONF"
cat >"$T/logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#2a7"/></svg>
SVG
mkdir -p "$T/work" && cd "$T/work" || exit 1

visit=$(vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-12-01 \
	duration_min=75 next_steps="Traer las fotos del obrador." follow_up=2026-12-15)
vol add task business="Panadería Las Eras" title="Web nueva" municipality=Almazán \
	date=2026-12-01 due=2026-12-20 description="Una página con horario y teléfono" >/dev/null

out=$(vol summary "$visit" --lang es)
is "$out" "Panaderia_Las_Eras_2026-12-01_es.pdf" "the file name carries the language"
text=$(pdftotext "$out" - 2>&1)
for want in "+34 975 000 000" "info@ruraldigital.example.org" \
	"https://ruraldigital.example.org" "42002 Soria" "1 h 15 min" \
	"Web nueva" "fecha límite 20 de diciembre de 2026" "Una página con horario y teléfono" \
	"Próximos pasos" "Traer las fotos del obrador" "Próximo contacto: 15 de diciembre de 2026" \
	"¿Dudas? Contacte con el programa"; do
	case $text in *"$want"*) ok 0 "the summary holds '$want'" ;;
	*) ok 1 "the summary holds '$want'"; diag "$text" ;; esac
done
case $text in *"(min)"*) ok 1 "no '(min)' beside 1 h 15 min" ;; *) ok 0 "no '(min)' beside 1 h 15 min" ;; esac
is "$(printf '%s\n' "$text" | grep -c 'Próximos pasos')" 1 "next steps once, in the box"
# The box reaches the foot: the contact line sits in the last third of the page (842 pt).
ymax=$(pdftotext -bbox "$out" - | grep -F '¿Dudas?' | sed 's/.*yMax="\([0-9.]*\)".*/\1/' | cut -d. -f1)
[ "${ymax:-0}" -gt 561 ]
ok $? "the page ends in the box, not in a blank third (contact at y=$ymax)"
# The logo: an SVG drawn as vectors (no image in the PDF), a PNG kept as an image.
top=$(pdftotext -bbox "$out" - | grep -m1 '>Rural<' | sed 's/.*yMin="\([0-9.]*\)".*/\1/' | cut -d. -f1)
[ "${top:-0}" -gt 100 ]
ok $? "the SVG logo sits above the programme's name (which starts at y=$top)"
is "$(pdfimages -list "$out" | tail -n +3 | wc -l | tr -d ' ')" 0 "an SVG logo is drawn as vectors"
pdftoppm -png -r 10 -singlefile "$out" "$T/logo"
sed -i "s|^logo = .*|logo = $T/logo.png|" "$VCONF"
png=$(vol summary "$visit" --lang es -o "$T/png.pdf")
is "$(pdfimages -list "$png" | tail -n +3 | wc -l | tr -d ' ')" 1 "a PNG logo is in the PDF"
sed -i "s|^logo = .*|logo = $T/missing.png|" "$VCONF"
vol summary "$visit" --lang es -o "$T/nologo.pdf" >/dev/null
ok $? "a logo that cannot be read is left out, the summary is still made"
en=$(vol summary "$visit" --lang en --format txt -o -)
like "$en" "Duration: 1 h 15 min" "the same duration in English"
like "$en" "Questions\\? Contact the programme: \\+34 975 000 000" "the text has the contact too"

# Never replaced in silence: a number is added; --force replaces.
out2=$(vol summary "$visit" --lang es)
is "$out2" "Panaderia_Las_Eras_2026-12-01_es-2.pdf" "a second summary gets a number"
out3=$(vol summary "$visit" --lang es)
is "$out3" "Panaderia_Las_Eras_2026-12-01_es-3.pdf" "a third, the next number"
echo keep >mine.pdf
out4=$(vol summary "$visit" -o mine.pdf)
is "$out4" "mine-2.pdf" "-o onto an existing file: a number too"
is "$(cat mine.pdf)" "keep" "and the file is untouched"
out5=$(vol summary "$visit" --lang es --force)
is "$out5" "Panaderia_Las_Eras_2026-12-01_es.pdf" "--force replaces"
is "$(ls | wc -l | tr -d ' ')" 5 "no other file appeared"

# The attendance sheet.
ws=$(vol add workshop title="Videollamadas con la familia" municipality=Berlanga \
	venue="Hogar del Jubilado" date=2026-12-03 start=17:00 attendees=60)
out=$(vol summary "$ws" --attendance --lang es)
is "$out" "Videollamadas_con_la_familia_2026-12-03_sheet_es.pdf" "the sheet's own name"
sheet=$(pdftotext -layout "$out" -)
for want in "Hoja de firmas" "Videollamadas con la familia" "3 de diciembre de 2026" \
	"Hogar del Jubilado" "Rural Digital" "Nombre y apellidos" "65+" "Firma" \
	"Diputación de Soria"; do
	case $sheet in *"$want"*) ok 0 "the sheet holds '$want'" ;;
	*) ok 1 "the sheet holds '$want'"; diag "$sheet" ;; esac
done
nums=$(printf '%s\n' "$sheet" | grep -E '^ *[0-9]+ *$' | tr -d ' ')
is "$(printf '%s\n' "$nums" | wc -l | tr -d ' ')" 60 "60 numbered rows for 60 attendees"
is "$(printf '%s\n' "$nums" | head -1)-$(printf '%s\n' "$nums" | tail -1)" "1-60" "numbered 1 to 60"
is "$(pdfinfo "$out" | sed -n 's/^Pages: *//p')" 3 "60 rows take three pages"
is "$(printf '%s\n' "$sheet" | grep -c 'Diputación de Soria')" 3 "the privacy line on every page"
out=$(vol summary "$ws" --attendance --rows 8 --format txt -o -)
like "$out" "   8  ___" "--rows 8: eight rows"
case $out in *"   9  ___"*) ok 1 "and not nine" ;; *) ok 0 "and not nine" ;; esac
vol summary "$ws" --rows 8 >/dev/null 2>&1
is $? 2 "--rows without --attendance is bad usage"
vol summary "$ws" --attendance --rows 0 >/dev/null 2>&1
is $? 2 "--rows 0 is bad usage"
vol summary "$visit" --attendance >/dev/null 2>"$T/err"
is $? 2 "a visit has no attendance sheet"
like "$(cat "$T/err")" "workshops only" "and the message says so"
# The totals page stays as it was.
like "$(vol summary "$ws" --lang es --format txt -o -)" "Hoja de asistencia del taller" \
	"the totals page is still there"

done_testing
