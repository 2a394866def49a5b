#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# demo.sh: start volunteer on an embedded default, with no server: a demo folder holding a
# config, a database and a local bare shared repository.  Usage: sh tui/demo.sh ./volunteer
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
demo=${VOLUNTEER_DEMO_DIR:-$(pwd)/demo}
mkdir -p "$demo"
if [ ! -f "$demo/volunteer.ini" ]; then
	git init -q --bare --initial-branch=main "$demo/shared.git" 2>/dev/null ||
		git init -q --bare "$demo/shared.git"
	"$bin" --config "$demo/volunteer.ini" init --id demo --name "María García" \
		--email maria@example.org --municipality Almazán \
		--remote "$demo/shared.git" --data-dir "$demo/data"
	"$bin" --config "$demo/volunteer.ini" add visit business="Panadería Las Eras" \
		municipality=Almazán topics=website,social_media \
		recommendations="Crear un perfil de empresa y publicar el horario." >/dev/null
	"$bin" --config "$demo/volunteer.ini" add workshop title="Videollamadas con la familia" \
		municipality=Almazán venue="Centro social" attendees=12 attendees_65plus=10 \
		women=8 men=4 >/dev/null
	echo "demo: config, database and shared repository in $demo"
fi
exec "$bin" --config "$demo/volunteer.ini"
