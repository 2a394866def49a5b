/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_suggest.c: see ui_suggest.h. */
#include <stdlib.h>
#include <string.h>

#include "core/business.h"
#include "core/i18n.h"
#include "core/util.h"
#include "tui/draw.h"
#include "tui/ui_suggest.h"

int
suggest_load(struct suggest *sg, struct store *st, const char *typed,
    const char *municipality, struct error *err)
{
	char *key = business_name_key(typed ? typed : "");
	int rc;

	suggest_clear(sg);
	rc = store_business_suggest(st, key, municipality, sg->hit, SUGGEST_MAX, &sg->n, err);
	free(key);
	sg->open = sg->n > 0;
	return rc;
}

void
suggest_clear(struct suggest *sg)
{
	business_hits_free(sg->hit, sg->n);
	sg->n = sg->sel = sg->open = 0;
}

void
suggest_move(struct suggest *sg, int step)
{
	if (!sg->open || sg->n == 0)
		return;
	sg->sel = (sg->sel + step + sg->n) % sg->n;
}

int
suggest_rows(const struct suggest *sg)
{
	return sg->open && sg->n > 0 ? sg->n + 2 : 0;
}

void
suggest_draw(struct ui *ui, const struct suggest *sg, int y, int x, int w)
{
	int i, mw, nw, attr;

	if (!sg->open || sg->n == 0 || w < 12)
		return;
	ui_box(ui, y, x, sg->n + 2, w, _("Businesses"));
	/* The municipality takes at most a third of the row; the name the rest. */
	mw = (w - 4) / 3;
	nw = w - 4 - mw - 1;
	for (i = 0; i < sg->n; i++) {
		attr = ui_attr(ui, i == sg->sel ? UR_SELECTED : UR_NORMAL);
		mvhline(y + 1 + i, x + 1, ' ', w - 2);
		if (i == sg->sel)
			ui_put(y + 1 + i, x + 1, w - 2, "", attr, PUT_PAD);
		ui_put(y + 1 + i, x + 2, nw, sg->hit[i].name, attr, 0);
		ui_put(y + 1 + i, x + 2 + nw + 1, mw, sg->hit[i].municipality,
		    i == sg->sel ? attr : ui_attr(ui, UR_DIM), PUT_RIGHT);
	}
}
