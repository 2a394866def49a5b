#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The session's language from the environment and the config, in gettext's order, and the
# chain that ends in Spanish: a user's LANGUAGE=ca:es is honoured, LANG=eu_ES gives Basque
# with Spanish for what Basque lacks, [ui] language = gl wins, a bad value names the key.
. "${0%/*}/lib.sh"

mkvol jordi
# Catalogues of our own for the chain: Catalan and Basque hold one message each, Spanish
# is the build's, so "lacks" stays true whatever the real catalogues come to hold.
LOC="$T/locale"
mkdir -p "$LOC/ca/LC_MESSAGES" "$LOC/eu/LC_MESSAGES" "$LOC/es/LC_MESSAGES"
cp "${VOLUNTEER_LOCALEDIR:-$TOP/build/locale}/es/LC_MESSAGES/volunteer.mo" "$LOC/es/LC_MESSAGES/"
head='msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"
'
printf '%s\nmsgid "%s"\nmsgstr "%s"\n' "$head" \
	"--lang: '%s' is not a language of summaries (es, en, ca, eu or gl)" \
	"--lang: '%s' no és una llengua dels resums (es, en, ca, eu o gl)" >"$T/ca.po"
printf '%s\nmsgid "%s"\nmsgstr "%s"\n' "$head" \
	"--lang: '%s' is not a language of summaries (es, en, ca, eu or gl)" \
	"--lang: '%s' ez da laburpenen hizkuntza bat (es, en, ca, eu edo gl)" >"$T/eu.po"
msgfmt -o "$LOC/ca/LC_MESSAGES/volunteer.mo" "$T/ca.po" &&
	msgfmt -o "$LOC/eu/LC_MESSAGES/volunteer.mo" "$T/eu.po" || give_up "msgfmt"

bad_lang() { VOLUNTEER_LOCALEDIR=$LOC "$@" "$VOLUNTEER" --config "$VCONF" summary x --lang fr 2>&1; }
rows() { VOLUNTEER_LOCALEDIR=$LOC "$@" "$VOLUNTEER" --config "$VCONF" summary x --rows 3 2>&1; }

like "$(bad_lang env LANGUAGE=ca:es)" "no és una llengua dels resums" \
	"LANGUAGE=ca:es: Catalan"
like "$(rows env LANGUAGE=ca:es)" "--rows solo vale con --attendance" \
	"LANGUAGE=ca:es: what Catalan lacks comes in Spanish, the user's second choice"
like "$(bad_lang env LANGUAGE=fr:ca:es)" "no és una llengua dels resums" \
	"LANGUAGE=fr:ca:es: the first known language"
like "$(bad_lang env LANG=ca_ES.UTF-8 LC_ALL=)" "no és una llengua dels resums" \
	"LANG=ca_ES.UTF-8: Catalan"
like "$(bad_lang env LANG=eu_ES.UTF-8 LC_ALL=)" "ez da laburpenen hizkuntza bat" \
	"LANG=eu_ES.UTF-8: Basque"
like "$(rows env LANG=eu_ES.UTF-8 LC_ALL=)" "--rows solo vale con --attendance" \
	"LANG=eu_ES.UTF-8: what Basque lacks comes in Spanish, not English"
like "$(rows env LC_ALL=gl_ES.UTF-8)" "--rows solo vale con --attendance" \
	"LC_ALL=gl_ES.UTF-8, no Galician catalogue: Spanish"
like "$(bad_lang env LC_ALL=eu_ES.UTF-8 LANG=ca_ES.UTF-8)" "ez da laburpenen" \
	"LC_ALL before LANG"
like "$(rows env LANG=en_US.UTF-8 LC_ALL=)" "--rows goes with --attendance" "en_US: English"

printf '\n[ui]\nlanguage = eu\n' >>"$VCONF"
like "$(bad_lang env LANGUAGE=ca:es)" "ez da laburpenen hizkuntza bat" \
	"[ui] language = eu wins over LANGUAGE"
sed -i 's/^language = eu$/language = fr/' "$VCONF"
out=$(bad_lang env LANG=C.UTF-8)
like "$out" "ui.language: 'fr' is not auto, es, en, ca, eu or gl" "[ui] language = fr: refused, named"
done_testing
