/* SPDX-License-Identifier: GPL-3.0-or-later */
/* init.c: `volunteer init`, the config written and the database created. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"

#define V(key) v[(key) - OPT_FIRST_FREE]
enum { INIT_ID = OPT_FIRST_FREE, INIT_NAME, INIT_EMAIL, INIT_REMOTE, INIT_MUNICIPALITY,
    INIT_ROLE, INIT_DATA_DIR, INIT_FORCE, INIT_END };

const struct cli_option cli_init_options[] = {
	{ "id", INIT_ID, "ID", N_("your volunteer id: letters, digits, - and _"), 1 },
	{ "name", INIT_NAME, "NAME", N_("your name as summaries show it"), 1 },
	{ "email", INIT_EMAIL, "E", N_("your e-mail, the author of your commits"), 0 },
	{ "remote", INIT_REMOTE, "URL", N_("the shared repository: a folder, git://, ssh://, "
	  "https://"), 0 },
	{ "municipality", INIT_MUNICIPALITY, "M", N_("where you work: the default of new "
	  "records"), 0 },
	{ "role", INIT_ROLE, "volunteer|coordinator", N_("a coordinator reviews everyone's "
	  "records"), 0 },
	{ "data-dir", INIT_DATA_DIR, "DIR", N_("where the database lives"), 0 },
	{ "force", INIT_FORCE, NULL, N_("replace an existing config"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_init(struct app *app)
{
	static const struct { int opt; const char *section, *key; } map[] = {
		{ INIT_ID, "volunteer", "id" }, { INIT_NAME, "volunteer", "name" },
		{ INIT_EMAIL, "volunteer", "email" },
		{ INIT_MUNICIPALITY, "volunteer", "municipality" },
		{ INIT_ROLE, "volunteer", "role" }, { INIT_REMOTE, "sync", "remote" },
		{ INIT_DATA_DIR, "storage", "data_dir" },
	};
	struct config *cfg = config_new();
	struct store *st = NULL;
	struct error err = { 0 };
	const char *v[INIT_END - OPT_FIRST_FREE] = { 0 }, *arg;
	int opt, force = 0, status = 2;
	size_t i;

	while ((opt = cli_next_option(app, &arg)) > 0) {
		if (opt == INIT_FORCE)
			force = 1;
		else
			v[opt - OPT_FIRST_FREE] = arg;
	}
	if (opt < 0)
		goto out;
	if (optind < app->argc) {
		status = cli_usage("init", _("unexpected argument '%s'"), app->argv[optind]);
		goto out;
	}
	if (V(INIT_ID) == NULL || V(INIT_NAME) == NULL) {
		status = cli_usage("init", _("--id and --name are required"));
		goto out;
	}
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		const char *value = V(map[i].opt);
		if (value != NULL && config_set(cfg, map[i].section, map[i].key, value,
		    &err) != 0) {
			status = cli_fail(&err);
			goto out;
		}
	}
	if (V(INIT_DATA_DIR) == NULL) {
		free(cfg->data_dir);
		cfg->data_dir = config_default_data_dir();
	} else if (cfg->data_dir[0] != '/') {
		/* The config is read from anywhere: a folder relative to here is made whole. */
		char cwd[4096];
		if (getcwd(cwd, sizeof cwd) != NULL) {
			char *whole = xasprintf("%s/%s", cwd, cfg->data_dir);
			free(cfg->data_dir);
			cfg->data_dir = whole;
		}
	}
	if (!force && access(app->config_path, F_OK) == 0) {
		fprintf(stderr, _("volunteer init: %s exists already; use --force to replace it\n"),
		    app->config_path);
		status = 1;
		goto out;
	}
	if (store_open(&st, cfg->data_dir, &err) != 0 ||
	    config_write(cfg, app->config_path, &err) != 0) {
		status = cli_fail(&err);
		goto out;
	}
	printf("config: %s\ndata: %s\n", app->config_path, cfg->data_dir);
	status = 0;
out:
	store_close(st);
	config_free(cfg);
	return status;
}
#undef V
