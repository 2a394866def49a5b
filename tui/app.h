/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * app.h: what every front-end command works with: the config, the open store, the
 * language, and the arguments left after the global options.
 */
#ifndef VOLUNTEER_APP_H
#define VOLUNTEER_APP_H

#include "core/config.h"
#include "core/error.h"
#include "core/store.h"

struct app {
	char *config_path;	/* resolved path (may not exist yet) */
	struct config *cfg;	/* NULL until app_load_config */
	struct store *st;	/* NULL until app_open_store */
	int argc;		/* the command's arguments, argv[0] = command name */
	char **argv;
};

/* Read the config (once). */
int app_load_config(struct app *app, struct error *err);
/* Read the config, open the store and load the forms (with the overrides kept in the
 * data folder). */
int app_open(struct app *app, struct error *err);
/* The same for a command that only reads: beside a running program too
 * (store_open_reading). */
int app_open_reading(struct app *app, struct error *err);
void app_close(struct app *app);
/* The folder where forms from the shared repository are kept between runs. */
char *app_forms_dir(const struct app *app);

#endif
