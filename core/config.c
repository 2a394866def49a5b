/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.c: see config.h. */
#include <errno.h>
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"

enum key_type { K_STRING, K_ID, K_BOOL, K_INT, K_ROLE, K_LANG, K_TRI, K_PATH };

/* Every key: loads the file and documents it (volunteer.ini.example follows this table). */
static const struct config_key {
	const char *section, *key;
	enum key_type type;
	size_t offset;
	const char *def;
	const char *doc;
} config_keys[] = {
	{ "volunteer", "id", K_ID, offsetof(struct config, id), "",
	  "your short id, unique in the programme: letters, digits, '-', '_', '.'" },
	{ "volunteer", "name", K_STRING, offsetof(struct config, name), "",
	  "your name as it appears on summaries" },
	{ "volunteer", "email", K_STRING, offsetof(struct config, email), "",
	  "your e-mail address, printed on visit summaries" },
	{ "volunteer", "municipality", K_STRING, offsetof(struct config, municipality), "",
	  "the municipality where you work; new records default to it" },
	{ "volunteer", "role", K_ROLE, offsetof(struct config, role), "volunteer",
	  "volunteer or coordinator (coordinators review everyone's records)" },
	{ "storage", "data_dir", K_PATH, offsetof(struct config, data_dir), "",
	  "where the database and the local copy of the shared repository live "
	  "(default $XDG_DATA_HOME/volunteer)" },
	{ "sync", "remote", K_STRING, offsetof(struct config, remote), "",
	  "the shared repository: a path, file://, git://, ssh:// or https:// URL" },
	{ "sync", "branch", K_STRING, offsetof(struct config, branch), "main",
	  "the branch of the shared repository" },
	{ "sync", "auto", K_BOOL, offsetof(struct config, auto_sync), "no",
	  "yes: sync when the program starts and after each save" },
	{ "sync", "timeout", K_INT, offsetof(struct config, timeout), "60",
	  "seconds a sync may take before it is stopped (nothing is lost)" },
	{ "sync", "ssh_key", K_PATH, offsetof(struct config, ssh_key), "",
	  "private key for ssh:// remotes, tried after a running ssh-agent's keys" },
	{ "sync", "known_hosts", K_PATH, offsetof(struct config, known_hosts), "",
	  "known_hosts file to check ssh:// servers against (default ~/.ssh/known_hosts)" },
	{ "sync", "username", K_STRING, offsetof(struct config, username), "",
	  "user name for https:// remotes" },
	{ "sync", "token_env", K_STRING, offsetof(struct config, token_env), "",
	  "name of the environment variable that holds the https:// token "
	  "(the token itself is never written to a file)" },
	{ "sync", "ca_file", K_PATH, offsetof(struct config, ca_file), "",
	  "certificate authority file for https:// remotes" },
	{ "ui", "language", K_LANG, offsetof(struct config, language), "auto",
	  "auto (from the environment: LANGUAGE, LC_ALL, LC_MESSAGES, LANG), es, en, ca, eu or gl" },
	{ "ui", "color", K_TRI, offsetof(struct config, color), "auto",
	  "auto, yes or no (NO_COLOR in the environment also turns colour off)" },
	{ "print", "printer", K_STRING, offsetof(struct config, printer), "",
	  "the printer for `volunteer print` (default: the system's default printer)" },
	{ "print", "programme", K_STRING, offsetof(struct config, programme), "Rural Digital",
	  "the programme's name, printed at the top of summaries" },
	{ "print", "summary_dir", K_PATH, offsetof(struct config, summary_dir), "",
	  "where summaries are written (default: the current folder)" },
	{ "print", "phone", K_STRING, offsetof(struct config, print_phone), "",
	  "the programme's phone, printed on summaries: a business must know whom to call" },
	{ "print", "web", K_STRING, offsetof(struct config, print_web), "",
	  "the programme's web address, printed on summaries" },
	{ "print", "email", K_STRING, offsetof(struct config, print_email), "",
	  "the programme's e-mail address, printed on summaries" },
	{ "print", "address", K_STRING, offsetof(struct config, print_address), "",
	  "the programme's postal address, printed on summaries" },
	{ "print", "logo", K_PATH, offsetof(struct config, print_logo), "",
	  "a PNG or SVG image printed at the top of PDF summaries" },
	{ "print", "language", K_LANG, offsetof(struct config, print_language), "auto",
	  "the language of summaries and attendance sheets when a record names none: auto "
	  "(the screens' language), es, en, ca, eu or gl" },
	{ "print", "privacy_notice", K_STRING, offsetof(struct config, privacy_notice), "",
	  "the data-protection line printed on attendance sheets" },
};
#define NKEYS (sizeof config_keys / sizeof config_keys[0])

void
config_each_key(config_key_cb cb, void *payload)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		cb(config_keys[i].section, config_keys[i].key, config_keys[i].def,
		    config_keys[i].doc, payload);
}

static char *
env_or_home(const char *var, const char *home_rel)
{
	const char *v = getenv(var), *home = getenv("HOME");

	if (v != NULL && *v == '/')
		return xstrdup(v);
	return xasprintf("%s/%s", home && *home ? home : ".", home_rel);
}

char *
config_default_path(const char *explicit_path)
{
	const char *env = getenv("VOLUNTEER_CONFIG");
	char *base, *path;

	if (explicit_path != NULL)
		return xstrdup(explicit_path);
	if (env != NULL && *env)
		return xstrdup(env);
	base = env_or_home("XDG_CONFIG_HOME", ".config");
	path = xasprintf("%s/volunteer/volunteer.ini", base);
	free(base);
	return path;
}

char *
config_default_data_dir(void)
{
	char *base = env_or_home("XDG_DATA_HOME", ".local/share"), *path;

	path = xasprintf("%s/volunteer", base);
	free(base);
	return path;
}

static const struct config_key *
find_key(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(config_keys[i].section, section) == 0 &&
		    strcmp(config_keys[i].key, key) == 0)
			return &config_keys[i];
	return NULL;
}

/* "a" sep "b" into out (size bytes), cut to fit: every key is named so at every start
 * (62 times: each default and each setting read), where snprintf cost 50 k instructions
 * of an `add` (callgrind). */
static void
join_name(char *out, size_t size, const char *a, char sep, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > size - 1)
		la = size - 1;
	memcpy(out, a, la);
	if (la + 1 < size)
		out[la++] = sep;
	if (lb > size - 1 - la)
		lb = size - 1 - la;
	memcpy(out + la, b, lb);
	out[la + lb] = '\0';
}

/* Check value for k and, when cfg is given, store it. */
static int
set_value(struct config *cfg, const struct config_key *k, const char *v, struct error *err)
{
	char field[64];
	long n;
	char *end;
	int b;

	join_name(field, sizeof field, k->section, '.', k->key);
	if (!utf8_valid(v, strlen(v)) || text_needs_sanitize(v, 0))
		return error_set(err, ERR_INVALID, field, _("%s: the value has control characters "
		    "or is not UTF-8"), field);
	if (strlen(v) > 1000)
		return error_set(err, ERR_INVALID, field, _("%s: the value is too long"), field);
	switch (k->type) {
	case K_ID:
		if (*v == '\0' || strlen(v) > 64 || strspn(v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != strlen(v) || *v == '.')
			return error_set(err, ERR_INVALID, field, _("%s: '%s' is not a valid id "
			    "(1-64 letters, digits, '-', '_' or '.')"), field, v);
		break;
	case K_BOOL:
		if (text_yes_no(v, &b) != 0)
			return error_set(err, ERR_INVALID, field, _("%s: '%s' is not yes or no"),
			    field, v);
		if (cfg)
			*(int *)((char *)cfg + k->offset) = b;
		return 0;
	case K_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < 1 || n > 86400)
			return error_set(err, ERR_INVALID, field, _("%s: '%s' is not a number of "
			    "seconds between 1 and 86400"), field, v);
		if (cfg)
			*(int *)((char *)cfg + k->offset) = (int)n;
		return 0;
	case K_ROLE:
		if (strcmp(v, "volunteer") != 0 && strcmp(v, "coordinator") != 0)
			return error_set(err, ERR_INVALID, field, _("%s: '%s' is not volunteer or "
			    "coordinator"), field, v);
		if (cfg)
			cfg->role = strcmp(v, "coordinator") == 0 ? ROLE_COORDINATOR :
			    ROLE_VOLUNTEER;
		return 0;
	case K_LANG:
		if (strcmp(v, "auto") != 0 && !i18n_lang_known(v))
			return error_set(err, ERR_INVALID, field, _("%s: '%s' is not auto, es, en, "
			    "ca, eu or gl"), field, v);
		break;
	case K_TRI:
		if (strcmp(v, "auto") == 0)
			b = TRI_AUTO;
		else if (text_yes_no(v, &b) != 0)
			return error_set(err, ERR_INVALID, field, _("%s: '%s' is not auto, yes or no"),
			    field, v);
		if (cfg)
			*(enum tristate *)((char *)cfg + k->offset) = (enum tristate)b;
		return 0;
	case K_STRING:
	case K_PATH:
		break;
	}
	if (cfg) {
		char **slot = (char **)((char *)cfg + k->offset);
		free(*slot);
		*slot = xstrdup(v);
	}
	return 0;
}

int
config_set(struct config *cfg, const char *section, const char *key, const char *value,
    struct error *err)
{
	const struct config_key *k = find_key(section, key);

	if (k == NULL)
		return error_set(err, ERR_INVALID, key, _("%s.%s: no such setting"), section, key);
	return set_value(cfg, k, value, err);
}

int
config_check_value(const char *section, const char *key, const char *value,
    struct error *err)
{
	return config_set(NULL, section, key, value, err);
}

struct config *
config_new(void)
{
	struct config *cfg = xcalloc(1, sizeof *cfg);
	size_t i;

	for (i = 0; i < NKEYS; i++)
		set_value(cfg, &config_keys[i], config_keys[i].def, NULL);
	/* An empty id is not valid as a value, but it is the default of a new config. */
	free(cfg->id);
	cfg->id = xstrdup("");
	cfg->warnings = xcalloc(1, sizeof *cfg->warnings);
	return cfg;
}

void
config_free(struct config *cfg)
{
	size_t i;
	int w;

	if (cfg == NULL)
		return;
	for (i = 0; i < NKEYS; i++) {
		enum key_type t = config_keys[i].type;
		if (t == K_STRING || t == K_PATH || t == K_ID || t == K_LANG)
			free(*(char **)((char *)cfg + config_keys[i].offset));
	}
	if (cfg->token != NULL) {
		explicit_bzero(cfg->token, strlen(cfg->token));
		free(cfg->token);
	}
	for (w = 0; w < cfg->nwarnings; w++)
		free(cfg->warnings[w]);
	free(cfg->warnings);
	free(cfg->path);
	free(cfg);
}

static void
add_warning(struct config *cfg, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL, *clean;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (s == NULL)
		return;
	/* Section and key names come from the file as they are: ESC, bidi, bad UTF-8. */
	clean = text_sanitize(s, 0, 0);
	free(s);
	s = clean;
	cfg->warnings = xrealloc(cfg->warnings, sizeof *cfg->warnings *
	    (size_t)(cfg->nwarnings + 2));
	cfg->warnings[cfg->nwarnings++] = s;
	cfg->warnings[cfg->nwarnings] = NULL;
}

/* iniparser prints its parse errors to stderr unless told otherwise; keep the first. */
static char ini_error[512];

static int
ini_error_cb(const char *fmt, ...)
{
	va_list ap;
	char raw[sizeof ini_error], *clean;

	if (ini_error[0] != '\0')
		return 0;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	raw[strcspn(raw, "\n")] = '\0';
	/* It quotes the file's line as it is. */
	clean = text_sanitize(raw, sizeof ini_error - 1, 0);
	snprintf(ini_error, sizeof ini_error, "%s", clean);
	free(clean);
	return 0;
}

/* Expand a leading "~/" in paths. */
static void
expand_home(char **slot)
{
	const char *home = getenv("HOME");
	char *p;

	if (*slot == NULL || strncmp(*slot, "~/", 2) != 0 || home == NULL)
		return;
	p = xasprintf("%s/%s", home, *slot + 2);
	free(*slot);
	*slot = p;
}

/* The token out of the environment: kept in memory, its bytes wiped where they were (the
 * initial environment block is what /proc/PID/environ shows and what a child inherits). */
static void
take_token(struct config *cfg)
{
	char *v;

	if (cfg->token_env == NULL || cfg->token_env[0] == '\0' ||
	    (v = getenv(cfg->token_env)) == NULL)
		return;
	cfg->token = xstrdup(v);
	explicit_bzero(v, strlen(v));
	unsetenv(cfg->token_env);
}

int
config_load(struct config **out, const char *path, struct error *err)
{
	struct config *cfg = NULL;
	dictionary *ini = NULL;
	const char *sec, *v;
	const char **keys = NULL;
	char full[256];
	struct stat sb;
	int nsec, s, nk, i, rc = -1;

	if (access(path, R_OK) != 0)
		return error_set(err, ERR_FAILED, "config", _("config: cannot read %s (%s); create "
		    "it with `volunteer init --id ID --name NAME`"), path, strerror(errno));
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return error_set(err, ERR_FAILED, "config", _("config: %s is not a file"), path);
	ini_error[0] = '\0';
	iniparser_set_error_callback(ini_error_cb);
	ini = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (ini == NULL || ini_error[0] != '\0') {
		error_set(err, ERR_INVALID, "config", _("config: %s cannot be read as INI: %s"), path,
		    ini_error[0] ? ini_error : _("syntax error"));
		goto out;
	}
	cfg = config_new();
	cfg->path = xstrdup(path);
	nsec = iniparser_getnsec(ini);
	for (s = 0; s < nsec; s++) {
		sec = iniparser_getsecname(ini, s);
		if (sec == NULL)
			continue;
		if (strcmp(sec, "volunteer") != 0 && strcmp(sec, "storage") != 0 &&
		    strcmp(sec, "sync") != 0 && strcmp(sec, "ui") != 0 &&
		    strcmp(sec, "print") != 0) {
			add_warning(cfg, _("config: unknown section [%s] in %s (ignored)"), sec, path);
			continue;
		}
		nk = iniparser_getsecnkeys(ini, sec);
		free(keys);
		keys = xcalloc((size_t)(nk > 0 ? nk : 1), sizeof *keys);
		if (nk > 0 && iniparser_getseckeys(ini, sec, keys) == NULL)
			continue;
		for (i = 0; i < nk; i++) {
			const char *name = strchr(keys[i], ':');
			const struct config_key *k;
			name = name ? name + 1 : keys[i];
			k = find_key(sec, name);
			if (k == NULL) {
				add_warning(cfg, _("config: unknown setting %s.%s in %s (ignored)"),
				    sec, name, path);
				continue;
			}
			join_name(full, sizeof full, sec, ':', name);
			/* getstring returns NULL for an entry that names a section. */
			v = iniparser_getstring(ini, full, NULL);
			if (v == NULL)
				continue;
			if (set_value(cfg, k, v, err) != 0) {
				error_prefix(err, _("config %s"), path);
				goto out;
			}
		}
	}
	if (cfg->id[0] == '\0') {
		error_set(err, ERR_INVALID, "volunteer.id", _("config %s: volunteer.id is missing; "
		    "every record needs its author"), path);
		goto out;
	}
	if (cfg->data_dir[0] == '\0') {
		free(cfg->data_dir);
		cfg->data_dir = config_default_data_dir();
	}
	expand_home(&cfg->data_dir);
	expand_home(&cfg->ssh_key);
	expand_home(&cfg->known_hosts);
	expand_home(&cfg->ca_file);
	expand_home(&cfg->summary_dir);
	expand_home(&cfg->print_logo);
	take_token(cfg);
	*out = cfg;
	cfg = NULL;
	rc = 0;
out:
	free(keys);
	if (ini != NULL)
		iniparser_freedict(ini);
	config_free(cfg);
	return rc;
}

/* iniparser 4.1 ends an unquoted value at ';' or '#', takes a line ending in '\\' as
 * continued on the next (the next key would become part of the value), and cannot carry a
 * '"' inside a quoted one: quote when needed, refuse what it cannot read back. */
static int
append_value(char **buf, const char *field, const char *v, struct error *err)
{
	char *line, *old = *buf;

	if (strchr(v, '"') || strchr(v, '\n') || strchr(v, '\r'))
		return error_set(err, ERR_INVALID, field, _("%s: a value cannot hold '\"' or a "
		    "line break"), field);
	if (strpbrk(v, ";#=") || v[0] == ' ' || (*v && (v[strlen(v) - 1] == ' ' ||
	    v[strlen(v) - 1] == '\\')))
		line = xasprintf("%s\"%s\"\n", old, v);
	else
		line = xasprintf("%s%s\n", old, v);
	free(old);
	*buf = line;
	return 0;
}

int
config_write(const struct config *cfg, const char *path, struct error *err)
{
	char *buf = xstrdup("# volunteer configuration; every key is described in "
	    "volunteer.ini.example\n"), *tmp, *dir, *slash, field[64];
	const char *section = "", *v;
	int rc = -1;
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		const struct config_key *k = &config_keys[i];
		char num[32];
		switch (k->type) {
		case K_BOOL:
			v = *(const int *)((const char *)cfg + k->offset) ? "yes" : "no";
			break;
		case K_INT:
			snprintf(num, sizeof num, "%d", *(const int *)((const char *)cfg + k->offset));
			v = num;
			break;
		case K_ROLE:
			v = cfg->role == ROLE_COORDINATOR ? "coordinator" : "volunteer";
			break;
		case K_TRI:
			v = cfg->color == TRI_AUTO ? "auto" : cfg->color ? "yes" : "no";
			break;
		default:
			v = *(char *const *)((const char *)cfg + k->offset);
			if (v == NULL)
				v = "";
		}
		if (strcmp(section, k->section) != 0) {
			tmp = xasprintf("%s\n[%s]\n", buf, k->section);
			free(buf);
			buf = tmp;
			section = k->section;
		}
		tmp = xasprintf("%s%s = ", buf, k->key);
		free(buf);
		buf = tmp;
		snprintf(field, sizeof field, "%s.%s", k->section, k->key);
		if (append_value(&buf, field, v, err) != 0)
			goto out;
	}
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if (*dir && mkdir_p(dir, 0700) != 0) {
			error_set(err, ERR_FAILED, "config", _("config: cannot create %s: %s"), dir,
			    strerror(errno));
			free(dir);
			goto out;
		}
	}
	free(dir);
	if (write_file_atomic(path, buf, strlen(buf), 0600) != 0) {
		error_set(err, ERR_FAILED, "config", _("config: cannot write %s: %s"), path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}
