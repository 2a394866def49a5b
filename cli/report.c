/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli_report.c: `volunteer export` (records as CSV or JSON) and `volunteer report` (the
 * programme's figures, as a table, CSV, or the programme report in PDF or HTML). The work
 * is in report/export.h, report/stats.h and report/programme*.h; this file reads options
 * and prints.
 *
 * Both default to everyone's records (a volunteer's database holds the whole programme
 * after a sync); --volunteer V narrows them, the other filters are those of `list`.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "report/export.h"
#include "report/programme.h"
#include "report/programme_html.h"
#include "report/programme_pdf.h"
#include "report/stats.h"
#include "cli/cli.h"

enum {
	OPT_CSV = OPT_FIRST_FREE, OPT_EXPORT_JSON, OPT_BOM, OPT_SAFE, OPT_UNSAFE, OPT_BY,
	OPT_LABELS, OPT_FORMAT, OPT_LANG,
	OPT_OUTPUT = 'o',
};

const struct cli_option cli_export_options[] = {
	{ "csv", OPT_CSV, NULL, N_("RFC 4180 CSV, one row per record"), 0 },
	{ "json", OPT_EXPORT_JSON, NULL, N_("a JSON array of records"), 0 },
	{ "bom", OPT_BOM, NULL, N_("CSV with the byte-order mark that spreadsheets want"), 0 },
	{ "output", OPT_OUTPUT, "FILE", N_("write to FILE (- for standard output)"), 0 },
	{ "safe-formulas", OPT_SAFE, NULL, N_("a cell that starts a formula gets an apostrophe "
	  "(the default)"), 0 },
	{ "no-safe-formulas", OPT_UNSAFE, NULL, N_("write the data exactly"), 0 },
	{ "labels", OPT_LABELS, NULL, N_("CSV with the choices' labels (\"Comida y bebida\"), "
	  "not their codes"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

const struct cli_option cli_report_options[] = {
	{ "by", OPT_BY, "municipality|volunteer|month|sector", N_("one row per municipality "
	  "(the default), volunteer, month or business sector"), 0 },
	{ "csv", OPT_CSV, NULL, N_("the table as CSV"), 0 },
	{ "safe-formulas", OPT_SAFE, NULL, N_("a cell that starts a formula gets an apostrophe "
	  "(the default)"), 0 },
	{ "no-safe-formulas", OPT_UNSAFE, NULL, N_("write the data exactly"), 0 },
	{ "format", OPT_FORMAT, "pdf|html", N_("the programme report with its charts, as a PDF "
	  "or one HTML file (with -o)"), 0 },
	{ "lang", OPT_LANG, "LANG", N_("the language of the PDF or HTML report (es, en, ca, eu, "
	  "gl; default: the program's)"), 0 },
	{ "output", OPT_OUTPUT, "FILE", N_("write the PDF or HTML report to FILE, replacing it "
	  "(- for standard output)"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

/* Everyone's records unless --volunteer (or --all) said otherwise. */
static void
default_to_everyone(struct cli_filter *cf)
{
	if (!cf->all)
		cf->f.volunteer = NULL;
}

/* ---- export ---- */

static int
write_stdout(const char *data, size_t len, void *payload)
{
	(void)payload;
	return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

struct membuf {
	char *data;
	size_t len, cap;
};

static int
write_memory(const char *data, size_t len, void *payload)
{
	struct membuf *m = payload;

	if (m->len + len > m->cap) {
		while (m->len + len > m->cap)
			m->cap = m->cap ? m->cap * 2 : 1 << 16;
		m->data = xrealloc(m->data, m->cap);
	}
	memcpy(m->data + m->len, data, len);
	m->len += len;
	return 0;
}

int
cmd_export(struct app *app)
{
	struct export_options eo = { .format = EXPORT_CSV, .safe_formulas = 1 };
	struct membuf mem = { 0 };
	struct cli_filter cf;
	struct error err = { 0 };
	const char *output = NULL;
	char *shown;
	long count = 0;
	const char *optval;
	int opt, csv = 0, json = 0, status = 1;

	cli_filter_init(app, &cf);
	while ((opt = cli_next_filtered(app, &cf, &optval)) > 0) {
		switch (opt) {
		case OPT_CSV:
			csv = 1;
			break;
		case OPT_EXPORT_JSON:
			json = 1;
			break;
		case OPT_BOM:
			eo.bom = 1;
			break;
		case OPT_OUTPUT:
			output = optval;
			break;
		case OPT_SAFE:
			eo.safe_formulas = 1;
			break;
		case OPT_UNSAFE:
			eo.safe_formulas = 0;
			break;
		case OPT_LABELS:
			eo.labels = 1;
			eo.labels_lang = i18n_lang();
			break;
		}
	}
	if (opt < 0)
		return 2;
	if (optind < app->argc)
		return cli_usage("export", _("unexpected argument '%s'"), app->argv[optind]);
	if (csv + json != 1)
		return cli_usage("export", _("give one of --csv or --json"));
	if (json && eo.bom)
		return cli_usage("export", _("--bom: only with --csv (JSON has no byte-order mark)"));
	if (output != NULL && *output == '\0')
		return cli_usage("export", _("-o: the file name is empty"));
	if (output != NULL && strcmp(output, "-") == 0)
		output = NULL;
	default_to_everyone(&cf);
	if (cli_filter_finish(app, &cf, &err) != 0)
		return cli_fail(&err);
	eo.format = json ? EXPORT_JSON : EXPORT_CSV;
	eo.for_terminal = output == NULL && isatty(STDOUT_FILENO);

	if (output == NULL) {
		if (export_records(app->st, &cf.f, &eo, write_stdout, NULL, &count, &err) != 0)
			return cli_fail(&err);
		if (fflush(stdout) != 0) {
			fprintf(stderr, "volunteer export: %s: %s\n",
			    _("cannot write to standard output"), strerror(errno));
			return 1;
		}
		return 0;
	}
	if (export_records(app->st, &cf.f, &eo, write_memory, &mem, &count, &err) != 0) {
		status = cli_fail(&err);
		goto out;
	}
	/* 0600: an export may hold contact data (consented, but still personal). */
	shown = text_sanitize(output, 0, 0);
	if (write_file_atomic(output, mem.data ? mem.data : "", mem.len, 0600) != 0) {
		fprintf(stderr, "volunteer export: -o: %s %s: %s\n", _("cannot write"), shown,
		    strerror(errno));
		free(shown);
		goto out;
	}
	printf(ngettext("%ld record written to %s\n", "%ld records written to %s\n",
	    (unsigned long)count), count, shown);
	free(shown);
	status = fflush(stdout) == 0 ? 0 : 1;
out:
	free(mem.data);
	return status;
}

/* ---- report ---- */

/* Display columns of UTF-8 text (sanitised already). */
static int
text_width(const char *s)
{
	return text_display_width(s, strlen(s));
}

/* s padded to width columns, on the left (right-aligned) or on the right. */
static void
put_padded(const char *s, int width, int right)
{
	int pad = width - text_width(s);

	if (right)
		printf("%*s", pad > 0 ? pad : 0, "");
	fputs(s, stdout);
	if (!right)
		printf("%*s", pad > 0 ? pad : 0, "");
}

#define NCOLS REPORT_NCELLS
#define MAX_GROUP_WIDTH 32

/* A group's name for the terminal: sanitised, cut to MAX_GROUP_WIDTH columns. */
static char *
group_label(const char *key)
{
	char *clean = text_sanitize(*key ? key : _("(none)"), 0, 0), *p = clean;
	size_t len = strlen(clean), n;
	unsigned cp;
	int w = 0, cw;

	while (*p) {
		if ((n = utf8_decode(p, len - (size_t)(p - clean), &cp)) == 0)
			n = 1, cp = 0xfffd;
		if (w + (cw = text_char_width(cp)) > MAX_GROUP_WIDTH)
			break;
		p += n;
		w += cw;
	}
	*p = '\0';
	return clean;
}

static void
print_table(const struct report *rep)
{
	const char *headers[NCOLS] = {
		rep->by == REPORT_BY_MUNICIPALITY ? _("Municipality") :
		rep->by == REPORT_BY_VOLUNTEER ? _("Volunteer") :
		rep->by == REPORT_BY_MONTH ? _("Month") :
		rep->by == REPORT_BY_SECTOR ? _("Sector") : "",
		_("Visits"), _("Businesses"), _("Visited"), _("With web work"), _("Tasks done"), _("Tasks open"), _("Workshops"),
		_("Attendees"), _("65+"), _("65+ %"), _("Women"), _("Women %"), _("Hours"),
		_("Follow-ups due"),
	};
	size_t nrows = (rep->by == REPORT_BY_NONE ? 0 : rep->ngroups) + 1, i;
	char (*cells)[NCOLS][REPORT_CELL] = xcalloc(nrows, sizeof *cells);
	char **labels = xcalloc(nrows, sizeof *labels);
	int widths[NCOLS], c, total_width = 0;
	char due_by[I18N_DATE_SHORT_LEN + 1];

	for (c = 0; c < NCOLS; c++)
		widths[c] = text_width(headers[c]);
	for (i = 0; i < nrows; i++) {
		const struct report_group *g = i + 1 < nrows ? &rep->groups[i] : &rep->total;
		labels[i] = i + 1 < nrows ? group_label(report_group_label(rep->by, g->key)) :
		    xstrdup(_("Total"));
		report_group_cells(g, i18n_lang(), cells[i]);
		if (text_width(labels[i]) > widths[0])
			widths[0] = text_width(labels[i]);
		for (c = 1; c < NCOLS; c++)
			if ((int)strlen(cells[i][c]) > widths[c])
				widths[c] = (int)strlen(cells[i][c]);
	}
	for (c = 0; c < NCOLS; c++) {
		if (c > 0)
			fputs("  ", stdout);
		put_padded(headers[c], widths[c], c > 0);
		total_width += widths[c] + (c > 0 ? 2 : 0);
	}
	putchar('\n');
	for (i = 0; i < nrows; i++) {
		if (i + 1 == nrows) {
			for (c = 0; c < total_width; c++)
				putchar('-');
			putchar('\n');
		}
		put_padded(labels[i], widths[0], 0);
		for (c = 1; c < NCOLS; c++) {
			fputs("  ", stdout);
			put_padded(cells[i][c], widths[c], 1);
		}
		putchar('\n');
		free(labels[i]);
	}
	i18n_date_short(rep->due_by, i18n_lang(), due_by, sizeof due_by);
	printf(_("Hours: visits, workshops and tasks. Follow-ups due by %s. Shares are per cent "
	    "of attendees.\n"), due_by);
	free(labels);
	free(cells);
}

/* The programme report of the records that match f, rendered as fmt ("pdf" or "html")
 * into *out. */
static int
render_programme(struct app *app, const struct record_filter *f, const char *fmt,
    const char *lang, char **out, size_t *len, struct error *err)
{
	const struct programme_pdf_module *pdf = NULL;
	struct programme *p = NULL;
	const char *name = app->cfg != NULL ? app->cfg->programme : NULL;
	int rc = -1;

	/* The module first: a missing one is said before any work. */
	if (strcmp(fmt, "pdf") == 0 && (pdf = programme_pdf_module(err)) == NULL)
		return -1;
	if (programme_build(app->st, f, &p, err) != 0)
		goto out;
	if (pdf != NULL)
		rc = pdf->render(p, name, lang, out, len, NULL, err);
	else
		rc = programme_render_html(p, name, lang, out, len, err);
out:
	programme_free(p);
	return rc;
}

/* `report --format pdf|html`: the checks of its options, the report, the file. */
static int
report_programme(struct app *app, struct cli_filter *cf, const char *fmt,
    const char *lang, const char *output)
{
	struct error err = { 0 };
	char *data = NULL, *shown = NULL;
	size_t len = 0;
	int status = 1;

	if (output == NULL)
		return cli_usage("report", _("-o: --format %s needs a file to write the report "
		    "to (-o FILE)"), fmt);
	if (*output == '\0')
		return cli_usage("report", _("-o: the file name is empty"));
	default_to_everyone(cf);
	if (cli_filter_finish(app, cf, &err) != 0)
		return cli_fail(&err);
	if (render_programme(app, &cf->f, fmt, lang, &data, &len, &err) != 0)
		return cli_fail(&err);
	if (strcmp(output, "-") == 0) {
		status = fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 1;
		if (status != 0)
			fprintf(stderr, "volunteer report: %s\n",
			    _("cannot write to standard output"));
		goto out;
	}
	/* Figures only, nothing personal: readable by the group like any document. */
	shown = text_sanitize(output, 0, 0);
	if (write_file_atomic(output, data, len, 0644) != 0) {
		fprintf(stderr, "volunteer report: -o: %s %s: %s\n", _("cannot write"), shown,
		    strerror(errno));
		goto out;
	}
	printf(_("programme report written to %s\n"), shown);
	status = fflush(stdout) == 0 ? 0 : 1;
out:
	free(shown);
	free(data);
	return status;
}

int
cmd_report(struct app *app)
{
	enum report_by by = REPORT_BY_MUNICIPALITY;
	struct report *rep = NULL;
	struct cli_filter cf;
	struct error err = { 0 };
	char *csv_text;
	size_t len;
	const char *optval, *fmt = NULL, *lang = NULL, *output = NULL;
	int opt, csv = 0, safe = 1, status = 0, by_given = 0;

	cli_filter_init(app, &cf);
	while ((opt = cli_next_filtered(app, &cf, &optval)) > 0) {
		switch (opt) {
		case OPT_BY:
			if (report_by_parse(optval, &by) != 0)
				return cli_usage("report", _("--by: '%s' is not municipality, "
				    "volunteer, month or sector"), optval);
			by_given = 1;
			break;
		case OPT_CSV:
			csv = 1;
			break;
		case OPT_FORMAT:
			if (strcmp(optval, "pdf") != 0 && strcmp(optval, "html") != 0)
				return cli_usage("report", _("--format: '%s' is not pdf or html"),
				    optval);
			fmt = optval;
			break;
		case OPT_LANG:
			if (!i18n_lang_known(optval))
				return cli_usage("report", _("--lang: '%s' is not a language of "
				    "reports (es, en, ca, eu or gl)"), optval);
			lang = optval;
			break;
		case OPT_OUTPUT:
			output = optval;
			break;
		case OPT_SAFE:
			safe = 1;
			break;
		case OPT_UNSAFE:
			safe = 0;
			break;
		}
	}
	if (opt < 0)
		return 2;
	if (optind < app->argc)
		return cli_usage("report", _("unexpected argument '%s'"), app->argv[optind]);
	if (fmt != NULL && csv)
		return cli_usage("report", "%s", _("--csv: not with --format (the CSV is the "
		    "table; --format makes the programme report)"));
	if (fmt != NULL && by_given)
		return cli_usage("report", "%s", _("--by: not with --format (the programme "
		    "report is by municipality and by month)"));
	if (fmt == NULL && (lang != NULL || output != NULL))
		return cli_usage("report", "%s", lang != NULL ?
		    _("--lang: only with --format pdf or html") :
		    _("-o: only with --format pdf or html"));
	if (fmt != NULL)
		return report_programme(app, &cf, fmt, lang != NULL ? lang : i18n_lang(),
		    output);
	default_to_everyone(&cf);
	if (cli_filter_finish(app, &cf, &err) != 0)
		return cli_fail(&err);
	if (report_by(app->st, &cf.f, by, NULL, &rep, &err) != 0)
		return cli_fail(&err);
	if (csv) {
		/* Names come from other laptops: no controls reach a terminal. */
		csv_text = report_to_csv(rep, safe, isatty(STDOUT_FILENO), &len);
		if (fwrite(csv_text, 1, len, stdout) != len)
			status = 1;
		free(csv_text);
	} else
		print_table(rep);
	report_free(rep);
	if (fflush(stdout) != 0 || status != 0) {
		fprintf(stderr, "volunteer report: %s\n", _("cannot write to standard output"));
		status = 1;
	}
	return status;
}
