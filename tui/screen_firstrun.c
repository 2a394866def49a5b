/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen_firstrun.c: the first start, when there is no config file: ask who the
 * volunteer is, check each value as `volunteer init` does, write the config, and go on.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/screens.h"

enum { L_ID, L_NAME, L_MUNI, L_EMAIL, L_REMOTE, NLINES };

static const struct { const char *section, *key; } keys[NLINES] = {
	{ "volunteer", "id" }, { "volunteer", "name" }, { "volunteer", "municipality" },
	{ "volunteer", "email" }, { "sync", "remote" },
};

static int
check(struct ui_form_line *lines, int n, int *bad, char *msg, size_t size, void *payload)
{
	struct error err = { 0 };
	int i;

	for (i = 0; i < n; i++) {
		if (lines[i].value[0] == '\0')
			continue;
		if (config_check_value(keys[i].section, keys[i].key, lines[i].value, &err) != 0) {
			*bad = i;
			snprintf(msg, size, "%s", err.msg);
			return -1;
		}
	}
	return 0;
}

static void
welcome_draw(struct screen *s, struct ui *ui)
{
	ui_draw_bars(ui, _("Tab next  Enter on the last line or F2: save  Esc: leave"));
}

static const struct screen_ops welcome_ops = {
	.name = "first-run",
	.draw = welcome_draw,
};

int
screen_firstrun(struct ui *ui, char *msg, size_t msgsize)
{
	struct ui_form_line lines[NLINES] = {
		[L_ID] = { .label = _("Your id"), .required = 1, .help = _("Short and unique "
		    "in the programme: letters, digits, '-', '_' or '.' (e.g. maria.garcia)") },
		[L_NAME] = { .label = _("Your name"), .required = 1, .help = _("As it appears "
		    "on the summaries given to businesses") },
		[L_MUNI] = { .label = _("Municipality"), .help = _("Where you work; new records "
		    "start with it") },
		[L_EMAIL] = { .label = _("Email"), .help = _("Printed on visit summaries "
		    "(optional)") },
		[L_REMOTE] = { .label = _("Shared repository"), .help = _("The git repository "
		    "your coordinator gave you (optional; you can add it later)") },
	};
	struct config *cfg = NULL;
	struct error err = { 0 };
	char *intro;
	int i, rc = -1;

	for (i = 0; i < NLINES; i++)
		lines[i].value = xstrdup("");
	intro = xasprintf(_("Welcome. There are no settings yet (%s). Tell the program who "
	    "you are; everything can be changed later in that file."), ui->app->config_path);
	ui_push(ui, &welcome_ops, NULL);
	for (;;) {
		if (ui_simple_form(ui, _("First start"), intro, lines, NLINES, check, NULL) != 1)
			break;
		cfg = config_new();
		/* check() accepted every value: config_set cannot refuse one now. */
		for (i = 0; i < NLINES; i++)
			if (lines[i].value[0] != '\0')
				config_set(cfg, keys[i].section, keys[i].key, lines[i].value, NULL);
		free(cfg->data_dir);
		cfg->data_dir = config_default_data_dir();
		if (config_write(cfg, ui->app->config_path, &err) == 0) {
			rc = 0;
			break;
		}
		/* Could not write (a read-only folder): say so and let them try again. */
		ui_message(ui, UR_ERROR, "%s", err.msg);
		config_free(cfg);
		cfg = NULL;
	}
	if (rc != 0 && err.msg[0])
		snprintf(msg, msgsize, "%s", err.msg);
	ui_pop(ui);
	if (rc == 0)
		ui_message(ui, UR_OK, _("Settings written to %s."), ui->app->config_path);
	else
		ui_message(ui, UR_NORMAL, NULL);
	config_free(cfg);
	for (i = 0; i < NLINES; i++)
		free(lines[i].value);
	free(intro);
	return rc;
}
