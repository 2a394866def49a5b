/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.h: the volunteer's settings, read from an INI file with iniparser.
 *
 * Where: --config FILE, else $VOLUNTEER_CONFIG, else $XDG_CONFIG_HOME/volunteer/volunteer.ini
 * (~/.config when XDG_CONFIG_HOME is unset). One table (config.c) both loads the keys and
 * documents them; volunteer.ini.example is its reading for people.
 */
#ifndef VOLUNTEER_CONFIG_H
#define VOLUNTEER_CONFIG_H

#include "core/error.h"

enum role { ROLE_VOLUNTEER, ROLE_COORDINATOR };
enum tristate { TRI_AUTO = -1, TRI_NO = 0, TRI_YES = 1 };

struct config {
	char *path;		/* the file it came from */
	/* [volunteer] */
	char *id, *name, *email, *municipality;
	enum role role;
	/* [storage] */
	char *data_dir;
	/* [sync] */
	char *remote, *branch;
	int auto_sync;
	int timeout;		/* seconds */
	char *ssh_key, *known_hosts, *username, *token_env, *ca_file;
	/* The value of the variable token_env names, taken at load and wiped from this
	 * process's environment, so that no child inherits it and /proc/PID/environ does not
	 * show it (tests/t0714); NULL when unset. Never written anywhere. */
	char *token;
	/* [ui] */
	char *language;		/* "auto", "es", "en", "ca", "eu", "gl" */
	enum tristate color;
	/* [print] */
	char *printer, *programme, *summary_dir;
	char *print_phone, *print_web, *print_email, *print_address, *print_logo;
	char *privacy_notice;
	char *print_language;	/* "auto" or one of the five: summaries' default language */

	char **warnings;	/* unknown keys and the like; NULL-terminated */
	int nwarnings;
};

/* The path to use: explicit (may be NULL), else the environment, else XDG. Caller frees. */
char *config_default_path(const char *explicit_path);
/* The default data folder: $XDG_DATA_HOME/volunteer or ~/.local/share/volunteer. */
char *config_default_data_dir(void);

/* A config with every default set and no volunteer. */
struct config *config_new(void);
/*
 * Read path. ERR_FAILED when the file is missing or unreadable (the message says how to
 * create it: `volunteer init`), ERR_INVALID for a bad value (naming section, key and why).
 * Unknown keys are not errors: they land in cfg->warnings.
 */
int config_load(struct config **out, const char *path, struct error *err);
/* Write cfg to path (mode 0600, atomically). Refuses values that INI cannot carry. */
int config_write(const struct config *cfg, const char *path, struct error *err);
void config_free(struct config *cfg);

/* Check value for [section] key as config_load does and, when valid, set it in cfg (the
 * one mapping of keys to fields, for `volunteer init` and the first-run screen).
 * ERR_INVALID naming "section.key" and the reason; cfg unchanged then. */
int config_set(struct config *cfg, const char *section, const char *key, const char *value,
    struct error *err);
/* The same check without setting anything. */
int config_check_value(const char *section, const char *key, const char *value,
    struct error *err);

/* Visit each documented key: section, key, default, what it is for. */
typedef void (*config_key_cb)(const char *section, const char *key, const char *def,
    const char *doc, void *payload);
void config_each_key(config_key_cb cb, void *payload);

#endif
