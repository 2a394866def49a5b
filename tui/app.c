/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.c: see app.h. */
#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "core/util.h"
#include "forms/form.h"
#include "tui/app.h"
#include "tui/tui.h"

int
app_load_config(struct app *app, struct error *err)
{
	if (app->cfg != NULL)
		return 0;
	if (config_load(&app->cfg, app->config_path, err) != 0)
		return -1;
	i18n_init(app->cfg->language);
	return 0;
}

char *
app_forms_dir(const struct app *app)
{
	return xasprintf("%s/forms", app->cfg->data_dir);
}

static int
open_with(struct app *app, int reading, struct error *err)
{
	char *dir = NULL;
	int rc;

	if (app_load_config(app, err) != 0)
		return -1;
	if (app->st == NULL && (reading ? store_open_reading(&app->st, app->cfg->data_dir,
	    err) : store_open(&app->st, app->cfg->data_dir, err)) != 0)
		return -1;
	dir = app_forms_dir(app);
	rc = forms_init(dir, err);
	free(dir);
	return rc;
}

int
app_open(struct app *app, struct error *err)
{
	return open_with(app, 0, err);
}

int
app_open_reading(struct app *app, struct error *err)
{
	return open_with(app, 1, err);
}

void
app_close(struct app *app)
{
	store_close(app->st);
	app->st = NULL;
	config_free(app->cfg);
	app->cfg = NULL;
	free(app->config_path);
	app->config_path = NULL;
	forms_shutdown();
}

/* Weak: defined only where the screens' code is linked into the binary (the tests). */
extern const struct screens_module volunteer_screens_module __attribute__((weak));

const struct screens_module *
screens_module(struct error *err)
{
	return module_entry("volunteer-screens", "volunteer_screens_module", SCREENS_MODULE_ABI,
	    &volunteer_screens_module ? &volunteer_screens_module.h : NULL, err);
}
