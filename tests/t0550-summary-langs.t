#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A visit's summary in each of the five languages, read back from the PDF with pdftotext:
# the translated title and the long date; the language chosen per business (the visit's
# language field, then [print] language, then the session's), and --lang refused for a
# language the program does not print.
. "${0%/*}/lib.sh"
command -v pdftotext >/dev/null 2>&1 || skip_all "pdftotext (poppler-utils) is not installed"

mkvol ane
mkdir -p "$T/work"
cd "$T/work" || exit 1
visit=$(vol add visit business="Okindegia Zubia" municipality=Tolosa province=Gipuzkoa \
	date=2026-11-20 follow_up=2027-04-01 next_steps="Argazkiak ekarri")
like "$visit" '^[0-9a-f-]{36}$' "a visit to summarise"

check() { # LANG TITLE DATE FOLLOW-UP
	out=$(vol summary "$visit" --lang "$1" --force -o "$T/work/s_$1.pdf" 2>&1)
	ok $? "summary --lang $1 writes the PDF"
	text=$(pdftotext "$T/work/s_$1.pdf" - 2>&1)
	like "$text" "$2" "$1: the title '$2'"
	like "$text" "$3" "$1: the visit's date '$3'"
	like "$text" "$4" "$1: the follow-up's date '$4'"
}
check es "Resumen de la visita" "20 de noviembre de 2026" "1 de abril de 2027"
check en "Visit summary" "20 November 2026" "1 April 2027"
check ca "Resum de la visita" "20 de novembre de 2026" "1 d'abril de 2027"
check eu "Bisitaren laburpena" "2026ko azaroaren 20a" "2027ko apirilaren 1a"
check gl "Resumo da visita" "20 de novembro de 2026" "1 de abril de 2027"
like "$(pdftotext "$T/work/s_eu.pdf" - 2>&1)" "Hurrengo urratsak" "eu: the next-steps box"

basque=$(vol add visit business="Harategia" municipality=Azpeitia province=Gipuzkoa \
	date=2026-11-21 language=eu)
out=$(vol summary "$basque")
is "$out" "Harategia_2026-11-21_eu.pdf" "without --lang, a visit with language=eu: a Basque file"
like "$(pdftotext "$out" - 2>&1)" "Bisitaren laburpena" "and its summary is in Basque"
like "$(pdftotext "$out" - 2>&1)" "2026ko azaroaren 21a" "with a Basque date"
out=$(vol summary "$basque" --lang gl)
like "$(pdftotext "$out" - 2>&1)" "Resumo da visita" "--lang gl wins over the visit's language"

plain=$(vol add visit business="Forn" municipality=Reus province=Tarragona date=2026-11-22)
out=$(vol summary "$plain")
is "$out" "Forn_2026-11-22_en.pdf" "no language anywhere: the session's (English here)"
printf '\n[print]\nlanguage = ca\n' >>"$VCONF"
out=$(vol summary "$plain")
is "$out" "Forn_2026-11-22_ca.pdf" "[print] language = ca: a Catalan file"
like "$(pdftotext "$out" - 2>&1)" "Resum de la visita" "in Catalan"
out=$(vol summary "$basque" --force)
is "$out" "Harategia_2026-11-21_eu.pdf" "the visit's own language wins over [print] language"

sed -i 's/^language = ca$/language = fr/' "$VCONF"
out=$(vol summary "$plain" 2>&1)
ok $(( $? == 2 ? 0 : 1 )) "[print] language = fr: refused, exit 2"
like "$out" "print.language: 'fr' is not auto, es, en, ca, eu or gl" "naming the key"
sed -i 's/^language = fr$/language = auto/' "$VCONF"

out=$(vol summary "$plain" --lang fr 2>&1)
ok $(( $? == 2 ? 0 : 1 )) "--lang fr: refused, exit 2"
like "$out" "--lang: 'fr' is not a language of summaries \(es, en, ca, eu or gl\)" "naming --lang"
out=$(vol add visit business=X municipality=Y date=2026-11-22 language=fr 2>&1)
ok $(( $? == 2 ? 0 : 1 )) "a visit with language=fr is refused"
like "$out" "language" "naming the field"

workshop=$(vol add workshop title="Bideo-deiak" municipality=Tolosa date=2026-12-03 \
	attendees=3 language=eu)
out=$(vol summary "$workshop" --attendance)
is "$out" "Bideo-deiak_2026-12-03_sheet_eu.pdf" "a workshop with language=eu: a Basque sheet"
like "$(pdftotext -layout "$out" - 2>&1)" "Sinadura-orria" "titled in Basque"
out=$(vol summary "$workshop" --attendance --lang ca --format txt)
like "$(cat "$out")" "Full de signatures" "the sheet in Catalan as text"
done_testing
