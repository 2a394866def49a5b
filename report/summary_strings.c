/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary_strings.c: the summary's fixed words, as msgids of context "print" translated
 * in the catalogues (po/<lang>.po) and looked up in the language of the summary, not the
 * session's (core/catalog.h says why).
 */
#include <string.h>

#include "core/catalog.h"
#include "core/i18n.h"
#include "report/summary.h"

static const char *const strings[SS__COUNT] = {
	[SS_VISIT_TITLE] = NC_("print", "Visit summary"),
	[SS_WORKSHOP_TITLE] = NC_("print", "Workshop attendance sheet"),
	[SS_VOLUNTEER] = NC_("print", "Volunteer"),
	[SS_CONTACT] = NC_("print", "Contact"),
	[SS_ATTENDANCE] = NC_("print", "Attendance"),
	[SS_TASKS] = NC_("print", "Website and social-media tasks"),
	[SS_NO_TASKS] = NC_("print", "No tasks recorded yet."),
	/* TRANSLATORS: the foot of each page; keep both %d: this page, then the count. */
	[SS_PAGE_OF] = NC_("print", "Page %d of %d"),
	[SS_FOLLOW_UP_ON] = NC_("print", "Next contact"),
	/* TRANSLATORS: before a task's deadline: "due 20 November 2026". */
	[SS_DUE] = NC_("print", "due"),
	[SS_NEXT_STEPS] = NC_("print", "Next steps"),
	[SS_QUESTIONS] = NC_("print", "Questions? Contact the programme:"),
	[SS_NOTES] = NC_("print", "Notes"),
	[SS_SHEET_TITLE] = NC_("print", "Attendance sheet"),
	/* TRANSLATORS: heading of the column of row numbers on the sheet to sign. */
	[SS_COL_NUMBER] = NC_("print", "No."),
	[SS_COL_NAME] = NC_("print", "Name and surname"),
	/* TRANSLATORS: heading of the column where attendees aged 65 or over tick. */
	[SS_COL_AGE] = NC_("print", "65+"),
	[SS_COL_SIGNATURE] = NC_("print", "Signature"),
	[SS_PROGRAMME] = NC_("print", "Programme"),
	[SS_YES] = NC_("print", "Yes"),
	[SS_NO] = NC_("print", "No"),
	[SS_BUSINESS_TITLE] = NC_("print", "Our work with your business"),
	[SS_VISITS] = NC_("print", "Advisory visits"),
	[SS_NO_VISITS] = NC_("print", "No visits recorded yet."),
	/* TRANSLATORS: the dates agreed for the next contact that have not come yet. */
	[SS_OPEN_FOLLOW_UPS] = NC_("print", "Open follow-ups"),
	/* TRANSLATORS: after a visit summary's task list, which shows every open task but
	 * only the latest done ones: the count of the done ones left out. */
	[SS_EARLIER_DONE] = NC_("print", "Earlier tasks already done: %d"),
};

const char *
summary_str(enum summary_string id, const char *lang)
{
	if ((unsigned)id >= SS__COUNT || strings[id] == NULL)
		return "";
	return catalog_text(lang, "print", strings[id]);
}
