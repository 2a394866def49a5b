#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-summary: one visit summary as PDF (target < 200 ms, DESIGN.md), at BENCH_SUMMARY_N
# records (default 100,000, from bench/cli_gen). Timed twice: the command as a volunteer
# runs it (a new process: config, store, forms, fontconfig), and the function
# summary_render alone, in a process that has already made one (what the terminal UI's
# `p` would pay the second time). Also the text format, a 5,000-word visit, and a visit
# whose business name shares a word with thousands of tasks (the FTS prefix search).
set -eu
V=${VOLUNTEER:-./volunteer}
B=${BENCH_BUILD:-build}
N=${BENCH_SUMMARY_N:-100000}
RUNS=${BENCH_SUMMARY_RUNS:-30}
top=$(cd "${0%/*}/.." && pwd)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
export HOME="$w" LANG=C.UTF-8 LC_ALL=C.UTF-8
cfg="$w/v.ini"
"$V" --config "$cfg" init --id maria --name "María García" --email maria@example.org \
	--municipality Almazán --data-dir "$w/data" >/dev/null
"$B/bench/cli_gen" "$w/data" "$N"
vol() { "$V" --config "$cfg" "$@"; }

visit=$(vol add visit business="Panadería Las Eras" municipality=Almazán province=Soria \
	date=2026-11-20 sector=food_drink duration_min=90 \
	topics=website,social_media,online_shop consent=yes contact_name="Iñaki Muñoz" \
	contact_phone="+34 600 111 222" findings="Sin web; pedidos por WhatsApp y teléfono. \
La dueña quiere vender magdalenas y pan de pueblo a las casas rurales de la comarca." \
	recommendations="Crear la ficha de empresa en los mapas con horario y fotos. \
Abrir Instagram y publicar dos veces por semana. Estudiar una tienda online sencilla." \
	next_steps="Volver con fotos del obrador; dar de alta la ficha." follow_up=2026-12-01)
for t in "Web nueva" "Perfil de Instagram" "Ficha en mapas"; do
	vol add task business="Panadería Las Eras" title="$t" municipality=Almazán \
		date=2026-11-21 status=in_progress >/dev/null
done
awk 'BEGIN { split("la web da más luz al pan y sí de ñu red app", w, " ");
	for (i = 0; i < 5000; i++) printf "%s%s", (i ? " " : ""), w[i % 13 + 1]; print "" }' \
	>"$w/long.txt"
long=$(vol add visit business="Bar Ñandú" municipality=Almazán date=2026-11-20 \
	recommendations@="$w/long.txt")
# cli_gen names its businesses "Negocio <i>": this name prefix-matches a third of them.
common=$(vol add visit business="Negocio 5" municipality=Almazán date=2026-11-20)

. "${0%/*}/lib.sh"
median() { bench_hyperfine "$RUNS" 1 "$@"; }	# command...: median wall time in ms

pdf=$(median "$V" --config "$cfg" summary "$visit" --lang es -o "$w/s.pdf")
txt=$(median "$V" --config "$cfg" summary "$visit" --lang es --format txt -o "$w/s.txt")
lpdf=$(median "$V" --config "$cfg" summary "$long" --lang es -o "$w/l.pdf")
cpdf=$(median "$V" --config "$cfg" summary "$common" --lang es -o "$w/c.pdf")
show=$(median "$V" --config "$cfg" show "$visit")
pages=$(pdfinfo "$w/l.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
ok=$(python3 -c 'import sys; print("yes" if float(sys.argv[1]) < 200 else "NO")' "$pdf")
echo "command at $N records: summary PDF ${pdf} ms (target < 200: $ok), text ${txt} ms,"
echo "  5,000-word visit (${pages:-?} pages) ${lpdf} ms, a name shared by many tasks ${cpdf} ms;"
echo "  for scale, \`volunteer show\` of the same visit: ${show} ms"

# The function alone: a small program against the library, built here.
cat >"$w/fn.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/i18n.h"
#include "forms/form.h"
#include "report/summary.h"

static double
ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct config *cfg = NULL;
	struct store *st = NULL;
	struct error err = { 0 };
	double t[200], first = 0, t0;
	int i, runs = atoi(argv[4]);
	enum summary_format fmt = argv[3][0] == 't' ? SUMMARY_TXT : SUMMARY_PDF;

	if (argc != 5 || runs < 1 || runs > 200)
		return 2;
	i18n_init("es");
	if (config_load(&cfg, argv[1], &err) != 0 || store_open(&st, cfg->data_dir, &err) != 0 ||
	    forms_init(NULL, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	for (i = -1; i < runs; i++) {
		char *data = NULL;
		size_t len;
		t0 = ms();
		if (summary_render(st, cfg, argv[2], fmt, "es", &data, &len, NULL, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		if (i < 0)
			first = ms() - t0;
		else
			t[i] = ms() - t0;
		free(data);
	}
	qsort(t, runs, sizeof t[0], cmp);
	printf("%.1f %.1f\n", first, t[runs / 2]);
	store_close(st);
	forms_shutdown();
	config_free(cfg);
	return 0;
}
EOF
pkgs="ncursesw sqlite3 libgit2 jansson glib-2.0 pangocairo cairo-pdf"
# shellcheck disable=SC2046
cc -std=c11 -D_GNU_SOURCE -O2 -I"$top" $(pkg-config --cflags $pkgs) -o "$w/fn" "$w/fn.c" \
	-Wl,--start-group "$B/libvolunteer.a" "$B/libvolunteer-modules.a" -Wl,--end-group \
	$(pkg-config --libs $pkgs) -liniparser -lm -ldl
set -- $("$w/fn" "$cfg" "$visit" pdf "$RUNS")
echo "function summary_render: PDF first in the process ${1} ms, then ${2} ms (median)"
set -- $("$w/fn" "$cfg" "$long" pdf "$RUNS")
echo "  5,000-word visit: first ${1} ms, then ${2} ms"
set -- $("$w/fn" "$cfg" "$visit" txt "$RUNS")
echo "  text: first ${1} ms, then ${2} ms"
