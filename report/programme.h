/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * programme.h: the programme report's figures, for `volunteer report --format pdf|html`
 * and the figures screen's chart view: the headline figures of a period, the same figures
 * per municipality and per month, and the counts the charts draw.
 *
 * Every figure is counted as report/stats.h says (records that match the filter;
 * tombstones never; businesses by business_id), so that each number of the PDF and the
 * HTML equals the one `report --csv` prints for the same filter. What this adds:
 * - men (workshops' `men`) and not_stated (attendees - women - men, never below 0);
 * - under_65 (attendees - attendees_65plus, never below 0);
 * - businesses helped per sector (distinct businesses of visits and tasks, by the
 *   business's sector code; "" for none) and per visit topic (distinct businesses of
 *   the visits that name that topic; a business counts once per topic);
 * - tasks per status (todo, in_progress, done, blocked; a task without status is todo);
 * - workshops per satisfaction (the workshop's `satisfaction` rounded half up to 1..5;
 *   none: no satisfaction given).
 * Nothing personal is ever read: no contact names, phones or e-mails. The businesses' own
 * records are never counted (f is taken as work only), and not_stated and under_65 are
 * worked out on each group's sums.
 */
#ifndef VOLUNTEER_PROGRAMME_H
#define VOLUNTEER_PROGRAMME_H

#include <stddef.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/store.h"
#include "report/stats.h"

/* A category and its count: a sector, topic or status code ("" for none). */
struct programme_count {
	char *code;
	long n;
};

/* The figures of one municipality (or of the whole programme, or of one month). */
struct programme_figures {
	struct report_group fig;	/* fig.key: the municipality / "YYYY-MM" / "" */
	long men, not_stated, under_65;
	long tasks_status[4];		/* todo, in_progress, done, blocked */
	long satisfaction[6];		/* [0]: none given; [1..5]: rounded mean */
};

struct programme {
	/* The period: the filter's --from/--to, else the first and last record date of the
	 * matching records ("" when there are none). */
	char from[DATE_LEN + 1], to[DATE_LEN + 1];
	long municipalities;		/* municipalities reached: distinct, case folded */
	struct programme_figures total;
	struct programme_figures *munis;	/* sorted as report_by sorts them */
	size_t nmunis;
	struct programme_figures *months;	/* every month from `from` to `to`, gaps
						 * included (a month with nothing is 0s) */
	size_t nmonths;
	struct programme_count *sectors;	/* businesses helped per sector, most first,
						 * then by code */
	size_t nsectors;
	struct programme_count *topics;		/* businesses per visit topic, the same order */
	size_t ntopics;
};

/*
 * The programme's figures for the records that match f (paging and include_deleted
 * ignored). A period with no records gives a programme with zero counts, no groups and
 * empty from/to (unless f gives them): not an error. Free with programme_free.
 */
int programme_build(struct store *st, const struct record_filter *f, struct programme **out,
    struct error *err);
void programme_free(struct programme *p);

/* Status codes in tasks_status order, and their labels from the task form in lang
 * ("Hecha"; the code itself when no form knows it; "" for i > 3). */
extern const char *const programme_status_codes[4];
const char *programme_status_label(size_t i, const char *lang);

/*
 * How both reports (PDF and HTML) write what they share, so that they say the same:
 * - the period: "1 de octubre de 2026 – 30 de noviembre de 2026", one day alone when both
 *   ends are that day, "desde el ..." / "hasta el ..." with one end open, "" with none;
 *   caller frees;
 * - a share: "68,0 %" ("68.0%" in English), "-" when there is no share;
 * - the headline figures of a group, in the order they are shown: the municipalities
 *   reached first when municipalities >= 0 (the cover), then workshops, attendances, share
 *   65+, share of women, businesses helped, visits, tasks done, hours. Returns how many.
 */
char *programme_period_text(const struct programme *p, const char *lang);
void programme_format_share(double share, const char *lang, char *buf, size_t size);

#define PROGRAMME_NHEADLINE 9
struct programme_headline {
	const char *key;	/* a stable name: "municipalities", "workshops", "attendances",
				 * "share_65plus", "share_women", "businesses", "visits",
				 * "tasks_done", "hours" */
	const char *label;	/* in lang (context "report") */
	char value[48];		/* in lang's style */
};
size_t programme_headline(const struct report_group *g, long municipalities, const char *lang,
    struct programme_headline out[PROGRAMME_NHEADLINE]);

#endif
