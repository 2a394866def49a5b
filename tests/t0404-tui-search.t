#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `/` searches every field (accents ignored); tabs and filters narrow the list; Esc clears.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
vol add visit business='Panadería Las Eras' date=2026-11-20 findings='Quiere vender online' >/dev/null
vol add visit business='Ferretería Gómez' municipality=Berlanga date=2026-11-18 >/dev/null
vol add task business='Bar Plaza' title='Web nueva' date=2026-11-17 >/dev/null
vol add workshop title='Banca online' attendees=9 date=2026-11-16 >/dev/null
tui_start 80 24
wait_for 'Banca online' || exit 1

keys / && wait_for 'Search:' && typein 'panaderia' && keys Enter
wait_for '/panaderia'
s=$(screen)
like "$s" 'Panadería Las Eras' "a search without accents finds the record with them"
if printf '%s' "$s" | grep -q 'Ferretería'; then r=1; else r=0; fi
ok $r "records that do not match are not shown"

keys / && wait_for 'Search:' && keys C-u && typein 'vender' && keys Enter
wait_for '/vender'
like "$(screen)" 'Panadería Las Eras' "a word of a long text field finds its record"

keys / && wait_for 'Search:' && keys C-u && typein 'online' && keys Enter
wait_for '/online'
s=$(screen)
like "$s" 'Banca online' "a word finds the workshop"
like "$s" 'Panadería Las Eras' "and the visit whose findings hold it"
keys 3 && wait_for '\[3 Workshops\]'
if screen | grep -q 'Panadería'; then r=1; else r=0; fi
ok $r "the Workshops tab keeps only workshops"
keys Escape && wait_for 'Search and filters cleared'
keys 4 && wait_for '\[4 All\]' && wait_for 'Ferretería Gómez'
ok $? "Esc clears the search; the All tab shows everything"

# Filters: municipality.
keys f && wait_for 'Filters' && typein 'berlanga' && keys F2
wait_for 'berlanga ·'
s=$(screen)
like "$s" 'Ferretería Gómez' "the municipality filter keeps Berlanga's records"
if printf '%s' "$s" | grep -q 'Panadería'; then r=1; else r=0; fi
ok $r "and hides the others"
keys Escape && wait_for 'Panadería'
keys f && wait_for 'Filters' && keys Tab && typein '18/11/2026' && keys Tab && typein '2026-11-17' && keys F2
wait_for 'the end date is before the start date'
ok $? "a date range that ends before it starts is refused with a message"
keys Escape && wait_for '^n new'
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
