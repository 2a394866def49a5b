/* SPDX-License-Identifier: GPL-3.0-or-later */
/* t0641-chart-svg.c: charts drawn as inline SVG (report/chart_svg.h) from hand-built
 * struct chart values: one bar per value, heights and lengths proportional from a zero
 * axis, every number written in the language's decimal style, the four patterns and the
 * legend, stacked bars with their parts and sum, the empty chart's sentence, and record
 * text (a municipality) escaped and cleaned of hostile bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/text.h"
#include "core/util.h"
#include "report/chart_svg.h"
#include "tests/tap.h"

/* A chart of ncats categories and nseries series, values given row by row. */
static struct chart
make_chart(enum chart_kind kind, const char *title, size_t ncats, const char *const *cats,
    size_t nseries, const char *const *series, const double *values)
{
	struct chart c = { 0 };
	size_t i;

	c.kind = kind;
	c.id = xstrdup("test");
	c.title = xstrdup(title);
	c.ncats = ncats;
	c.nseries = nseries;
	c.cats = xcalloc(ncats + 1, sizeof *c.cats);
	for (i = 0; i < ncats; i++)
		c.cats[i] = xstrdup(cats[i]);
	for (i = 0; nseries > 1 && i < nseries; i++)
		c.series[i] = xstrdup(series[i]);
	c.values = xcalloc(ncats * nseries + 1, sizeof *c.values);
	memcpy(c.values, values, ncats * nseries * sizeof *values);
	return c;
}

static char *
draw(const struct chart *c, const char *lang, const char *uid)
{
	struct strbuf *out = strbuf_new(0);

	chart_svg_append(out, c, lang, uid);
	return strbuf_finish(out);
}

static int
count(const char *s, const char *needle)
{
	int n = 0;

	for (; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

/* The attribute attr of the k-th element that starts with start (0 from the first);
 * NAN when there is none. */
static double
attr_of(const char *svg, const char *start, int k, const char *attr)
{
	const char *p = svg, *end, *a;
	char key[64];

	while ((p = strstr(p, start)) != NULL && k-- > 0)
		p += strlen(start);
	if (p == NULL)
		return NAN;
	end = strchr(p, '>');
	snprintf(key, sizeof key, " %s=\"", attr);
	if ((a = strstr(p, key)) == NULL || a > end)
		return NAN;
	return strtod(a + strlen(key), NULL);
}

/* The text of the k-th <text class="cls">, copied into buf. */
static const char *
text_of(const char *svg, const char *cls, int k, char *buf, size_t size)
{
	char start[64];
	const char *p = svg, *q, *e;

	snprintf(start, sizeof start, "<text class=\"%s\"", cls);
	while ((p = strstr(p, start)) != NULL && k-- > 0)
		p += strlen(start);
	if (p == NULL || (q = strchr(p, '>')) == NULL || (e = strstr(q, "</text>")) == NULL)
		return "(none)";
	snprintf(buf, size, "%.*s", (int)(e - q - 1), q + 1);
	return buf;
}

static int
near(double a, double b)
{
	return fabs(a - b) < 0.25;
}

static void
test_columns(void)
{
	static const char *const cats[] = { "oct 2026", "nov 2026", "dic 2026" };
	static const double v[] = { 2, 4, 0 };
	struct chart c = make_chart(CHART_COLUMNS, "Talleres por mes", 3, cats, 1, NULL, v);
	char *svg = draw(&c, "es", "chart-1");
	char buf[128];
	double h0 = attr_of(svg, "<rect class=\"bar\"", 0, "height"),
	    h1 = attr_of(svg, "<rect class=\"bar\"", 1, "height"),
	    h2 = attr_of(svg, "<rect class=\"bar\"", 2, "height");

	ok(strncmp(svg, "<svg ", 5) == 0 && strstr(svg, "</svg>") != NULL, "columns: one <svg>");
	is_int(count(svg, "<rect class=\"bar\""), 3, "columns: a bar per month");
	ok(h0 > 0 && near(h1, 2 * h0) && h2 == 0, "columns: heights proportional (%g, %g, %g)",
	    h0, h1, h2);
	ok(near(attr_of(svg, "<rect class=\"bar\"", 0, "y") + h0,
	    attr_of(svg, "<rect class=\"bar\"", 1, "y") + h1), "columns: bars stand on one base");
	ok(near(attr_of(svg, "<line class=\"axis\"", 0, "y1"),
	    attr_of(svg, "<rect class=\"bar\"", 0, "y") + h0), "columns: the base is the zero line");
	is_str(text_of(svg, "tick", 0, buf, sizeof buf), "0", "columns: the axis starts at 0");
	is_str(text_of(svg, "value", 0, buf, sizeof buf), "2", "columns: first bar's number");
	is_str(text_of(svg, "value", 1, buf, sizeof buf), "4", "columns: second bar's number");
	is_str(text_of(svg, "value", 2, buf, sizeof buf), "0", "columns: an empty month says 0");
	is_str(text_of(svg, "cat", 1, buf, sizeof buf), "nov 2026", "columns: month labels");
	ok(strstr(svg, "<title>Talleres por mes</title>") != NULL, "columns: the title");
	ok(strstr(svg, "<desc>oct 2026: 2; nov 2026: 4; dic 2026: 0</desc>") != NULL,
	    "columns: every value in the description");
	ok(strstr(svg, "role=\"img\" aria-label=\"Talleres por mes\"") != NULL,
	    "columns: the accessible name");
	ok(strstr(svg, "http") == NULL && strstr(svg, "<script") == NULL && strstr(svg,
	    "href") == NULL, "columns: no script and no reference outside");
	free(svg);
	chart_free(&c);
}

/* Three years of months: a bar and a number each, labels turned, none off the drawing. */
static void
test_many_months(void)
{
	const char *cats[36];
	double v[36];
	struct chart c;
	char *svg, buf[64];
	size_t i;

	for (i = 0; i < 36; i++) {
		cats[i] = "sept. 2026";
		v[i] = (double)(i * 37 % 140);
	}
	c = make_chart(CHART_COLUMNS, "Asistencias por mes", 36, cats, 1, NULL, v);
	svg = draw(&c, "es", "m");
	is_int(count(svg, "<rect class=\"bar\""), 36, "36 months: 36 bars");
	is_int(count(svg, "<text class=\"value\""), 36, "36 months: a number each");
	is_str(text_of(svg, "value", 35, buf, sizeof buf), "35", "36 months: the last number");
	ok(strstr(svg, "rotate(-90") != NULL, "36 months: numbers upright over narrow bars");
	ok(attr_of(svg, "<text class=\"cat\"", 0, "x") >= 0.72 * 10 * 7 - 1,
	    "36 months: the first turned label stays inside the drawing (x %g)",
	    attr_of(svg, "<text class=\"cat\"", 0, "x"));
	free(svg);
	chart_free(&c);
}

static void
test_decimals(void)
{
	static const char *const cats[] = { "Almazán", "Soria" };
	static const double v[] = { 2.5, 10.25 };
	struct chart c = make_chart(CHART_BARS, "Horas", 2, cats, 1, NULL, v);
	char *es, *en;
	char buf[128];
	double w0, w1;

	c.decimals = 2;
	es = draw(&c, "es", "h");
	en = draw(&c, "en", "h");
	w0 = attr_of(es, "<rect class=\"bar\"", 0, "width");
	w1 = attr_of(es, "<rect class=\"bar\"", 1, "width");
	is_str(text_of(es, "value", 0, buf, sizeof buf), "2,50", "es: decimal comma");
	is_str(text_of(es, "value", 1, buf, sizeof buf), "10,25", "es: 10,25");
	is_str(text_of(en, "value", 1, buf, sizeof buf), "10.25", "en: decimal point");
	ok(w0 > 0 && near(w1 / w0 * 2.5, 10.25) , "bars: lengths proportional (%g, %g)", w0, w1);
	ok(near(attr_of(es, "<rect class=\"bar\"", 0, "x"), attr_of(es, "<line class=\"axis\"",
	    0, "x1")), "bars: start at the zero line");
	is_str(text_of(es, "cat", 0, buf, sizeof buf), "Almazán", "bars: category labels");
	is_int(count(es, "class=\"swatch\""), 0, "one series: no legend");
	free(es);
	free(en);
	chart_free(&c);
}

static void
test_series(void)
{
	static const char *const cats[] = { "A", "B" };
	static const char *const series[] = { "uno", "dos", "tres", "cuatro" };
	static const double v[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct chart c = make_chart(CHART_BARS, "Cuatro", 2, cats, 4, series, v);
	char *svg = draw(&c, "es", "s");

	is_int(count(svg, "<rect class=\"bar\""), 8, "four series: a bar per value");
	is_int(count(svg, "class=\"swatch\""), 4, "four series: a legend swatch each");
	is_int(count(svg, "<text class=\"legend\""), 4, "four series: named in the legend");
	ok(strstr(svg, ">cuatro</text>") != NULL, "the legend names the series");
	ok(strstr(svg, "data-series=\"0\" x=\"") != NULL && strstr(svg, "fill=\"#555\"") != NULL,
	    "series 1: solid");
	ok(strstr(svg, "<pattern id=\"s-p1\"") != NULL && strstr(svg, "<line") != NULL &&
	    strstr(svg, "fill=\"url(#s-p1)\"") != NULL, "series 2: hatched");
	ok(strstr(svg, "<pattern id=\"s-p2\"") != NULL && strstr(svg, "<circle") != NULL &&
	    strstr(svg, "fill=\"url(#s-p2)\"") != NULL, "series 3: dotted");
	ok(strstr(svg, "fill=\"#fff\" stroke=\"#222\"") != NULL, "series 4: outline");
	ok(fabs(attr_of(svg, "<rect class=\"bar\"", 7, "width") /
	    attr_of(svg, "<rect class=\"bar\"", 0, "width") - 8) < 0.02,
	    "lengths proportional across series");
	free(svg);
	chart_free(&c);
}

static void
test_stacked(void)
{
	static const char *const cats[] = { "Almazán", "Berlanga de Duero" };
	static const char *const series[] = { "Menos de 65", "65 o más" };
	static const double v[] = { 5, 15, 0, 0 };
	struct chart c = make_chart(CHART_STACKED, "Edad", 2, cats, 2, series, v);
	char *svg = draw(&c, "es", "age");
	char buf[128];
	double x0 = attr_of(svg, "<rect class=\"bar\"", 0, "x"),
	    w0 = attr_of(svg, "<rect class=\"bar\"", 0, "width"),
	    x1 = attr_of(svg, "<rect class=\"bar\"", 1, "x"),
	    w1 = attr_of(svg, "<rect class=\"bar\"", 1, "width");

	is_int(count(svg, "<rect class=\"bar\""), 4, "stacked: a segment per value");
	ok(near(x0 + w0, x1) && near(w1, 3 * w0), "stacked: segments follow, proportional");
	is_str(text_of(svg, "value", 0, buf, sizeof buf), "5 + 15 = 20",
	    "stacked: parts in legend order and their sum");
	is_str(text_of(svg, "value", 1, buf, sizeof buf), "0 + 0 = 0", "stacked: a zero row");
	free(svg);
	chart_free(&c);
}

static void
test_empty(void)
{
	static const char *const cats[] = { "A" };
	static const double zero[] = { 0 };
	struct chart none = make_chart(CHART_COLUMNS, "Nada", 0, cats, 1, NULL, zero);
	struct chart zeros = make_chart(CHART_BARS, "Ceros", 1, cats, 1, NULL, zero);
	char *a = draw(&none, "en", "a"), *b = draw(&zeros, "en", "b");

	is_int(count(a, "<rect"), 0, "no categories: no bar");
	ok(strstr(a, ">Nada</text>") != NULL, "no categories: the title");
	ok(strstr(a, "Nothing to show for this period.") != NULL, "no categories: says so");
	is_int(count(b, "<rect"), 0, "only zeros: no bar, no empty frame");
	ok(strstr(b, "<text class=\"empty\"") != NULL, "only zeros: says there is nothing");
	free(a);
	free(b);
	chart_free(&none);
	chart_free(&zeros);
}

static void
test_hostile(void)
{
	static const char *const cats[] = { "<b>&\"x'</b>",
		"Alm\x1b[31maz\xc3\xa1n\xe2\x80\xae\xff" "fin\r\n" };
	static const double v[] = { 1, 2 };
	struct chart c = make_chart(CHART_BARS, "T<i>", 2, cats, 1, NULL, v);
	char *svg = draw(&c, "es", "bad id\"<");
	char buf[256];

	is_str(text_of(svg, "cat", 0, buf, sizeof buf), "&lt;b&gt;&amp;&quot;x&#39;&lt;/b&gt;",
	    "markup in a municipality is escaped");
	is_str(text_of(svg, "cat", 1, buf, sizeof buf), "Alm[31maz\xc3\xa1n\xef\xbf\xbd" "fin ",
	    "hostile bytes removed, an invalid one as U+FFFD");
	ok(strchr(svg, '\x1b') == NULL && strstr(svg, "\xe2\x80\xae") == NULL &&
	    strchr(svg, '\r') == NULL, "no escape, override or carriage return in the SVG");
	ok(utf8_valid(svg, strlen(svg)), "the SVG is valid UTF-8");
	ok(strstr(svg, "<b>") == NULL && strstr(svg, "<i>") == NULL, "no markup from the text");
	ok(strstr(svg, "id=\"bad_id__\"") != NULL, "an id keeps to letters, digits, - and _");
	free(svg);
	chart_free(&c);
}

int
main(void)
{
	char *dir;

	if (getenv("VOLUNTEER_LOCALEDIR") == NULL) {
		dir = xasprintf("%s/locale", getenv("TEST_BUILD") ? getenv("TEST_BUILD") : "build");
		catalog_use_dir(dir);
		free(dir);
	}
	test_columns();
	test_many_months();
	test_decimals();
	test_series();
	test_stacked();
	test_empty();
	test_hostile();
	return done_testing();
}
