/*
 * screen_review.c: `r`, a coordinator's quick review of one record (ok, or a flag with a
 * comment), stored with store_review_add as `volunteer review` does. The review screen of
 * all volunteers' records (issue 6) replaces this hook.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "tui/ui.h"

#define COMMENT_MAX 4000

void
ui_review_record(struct ui *ui, const char *id)
{
	struct review rv;
	struct error err = { 0 };
	const char *items[2];
	char *comment = NULL, *clean;
	int pick;

	if (ui->app->cfg->role != ROLE_COORDINATOR) {
		ui_message(ui, UR_WARN, "%s", _("Only coordinators review records (role = "
		    "coordinator in the config)."));
		return;
	}
	items[0] = _("Ok: checked, nothing to fix");
	items[1] = _("Flag: the author should check or fix something");
	pick = ui_pick(ui, _("Review"), items, 2, 0, NULL, 0);
	if (pick < 0)
		return;
	comment = xstrdup("");
	if (pick == 1) {
		if (!ui_prompt(ui, _("What should be checked?"), &comment)) {
			free(comment);
			return;
		}
		clean = text_sanitize(comment, COMMENT_MAX, 0);
		free(comment);
		comment = clean;
		if (comment[strspn(comment, " ")] == '\0') {
			ui_message(ui, UR_ERROR, "%s", _("Not flagged: the comment is empty; say "
			    "what the volunteer should check or fix."));
			free(comment);
			return;
		}
	}
	memset(&rv, 0, sizeof rv);
	snprintf(rv.record_id, sizeof rv.record_id, "%s", id);
	snprintf(rv.status, sizeof rv.status, "%s", pick == 0 ? "ok" : "flagged");
	rv.by = xstrdup(ui->app->cfg->id);
	rv.comment = comment;
	if (store_review_add(ui->app->st, &rv, &err) != 0)
		ui_message(ui, UR_ERROR, "%s", err.msg);
	else {
		ui_message(ui, UR_OK, "%s", pick == 0 ? _("Reviewed: ok.") : _("Flagged."));
		ui_records_changed(ui);
	}
	free(rv.by);
	free(rv.comment);
}
