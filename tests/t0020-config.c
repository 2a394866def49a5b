/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The config file: defaults, bad values named by section and key, unknown keys warned,
 * and the traps of iniparser 4.1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static char dir[] = "/tmp/t0020-XXXXXX";

static char *
write_ini(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

static int
load(const char *text, struct config **cfg, struct error *err)
{
	char *path = write_ini("c.ini", text);
	int rc = config_load(cfg, path, err);

	free(path);
	return rc;
}

int
main(void)
{
	struct config *cfg = NULL, *back = NULL;
	struct error err = { 0 };
	char *path, *long_line;
	struct stat sb;
	int i;

	if (mkdtemp(dir) == NULL)
		return 1;
	setenv("HOME", dir, 1);
	unsetenv("XDG_DATA_HOME");

	ok(load("[volunteer]\nid = maria\nname = María García\nmunicipality = Almazán\n"
	    "[sync]\ntimeout = 30\nauto = yes\n", &cfg, &err) == 0, "a good config loads");
	is_str(cfg->name, "María García", "name");
	is_int(cfg->timeout, 30, "timeout");
	is_int(cfg->auto_sync, 1, "auto");
	is_str(cfg->branch, "main", "branch defaults to main");
	ok(strstr(cfg->data_dir, "/.local/share/volunteer") != NULL, "data_dir defaults to XDG");
	is_int(cfg->nwarnings, 0, "no warnings");
	config_free(cfg);
	cfg = NULL;

	path = xasprintf("%s/missing.ini", dir);
	ok(config_load(&cfg, path, &err) != 0 && err.kind == ERR_FAILED, "a missing file fails");
	ok(strstr(err.msg, "volunteer init") != NULL, "and says how to create one");
	free(path);

	ok(load("[volunteer]\nid = maria\n[sync]\ntimeout = abc\n", &cfg, &err) != 0 &&
	    err.kind == ERR_INVALID, "timeout = abc is refused");
	is_str(err.field, "sync.timeout", "naming sync.timeout");
	ok(load("[volunteer]\nid = maria\nrole = boss\n", &cfg, &err) != 0 &&
	    strstr(err.msg, "volunteer.role") != NULL, "an unknown role is refused");
	ok(load("[volunteer]\nid = ma ria\n", &cfg, &err) != 0 &&
	    strcmp(err.field, "volunteer.id") == 0, "an id with a space is refused");
	ok(load("[volunteer]\nname = x\n", &cfg, &err) != 0 &&
	    strcmp(err.field, "volunteer.id") == 0, "a config without an id is refused");
	ok(load("[ui]\ncolor = purple\n[volunteer]\nid = m\n", &cfg, &err) != 0 &&
	    strcmp(err.field, "ui.color") == 0, "color = purple is refused");

	ok(load("[volunteer]\nid = maria\nnickname = mari\n[extra]\nx = 1\n", &cfg, &err) == 0,
	    "unknown keys do not stop the program");
	ok(cfg->nwarnings == 2 && strstr(cfg->warnings[0], "volunteer.nickname") != NULL,
	    "they are warned about");
	config_free(cfg);
	cfg = NULL;

	/* CVE-2023-33461: a key that names a section made the getters read NULL. */
	ok(load("[volunteer]\nid = maria\n[sync:timeout]\n[ui:color]\n", &cfg, &err) == 0,
	    "sections named like keys do not crash the loader");
	config_free(cfg);
	cfg = NULL;

	long_line = xmalloc(2000);
	memset(long_line, 'a', 1999);
	long_line[1999] = '\0';
	path = xasprintf("[volunteer]\nid = maria\nname = %s\n", long_line);
	ok(load(path, &cfg, &err) != 0 && err.kind == ERR_INVALID,
	    "a line over 1024 bytes is refused, with a message");
	free(path);
	free(long_line);

	/* Values with ';' survive a write and a read (iniparser cuts unquoted ones). */
	cfg = config_new();
	free(cfg->id);
	cfg->id = xstrdup("ana");
	free(cfg->name);
	cfg->name = xstrdup("Ana; coordinadora #1");
	path = xasprintf("%s/sub/volunteer.ini", dir);
	ok(config_write(cfg, path, &err) == 0, "write a config");
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "mode 0600");
	ok(config_load(&back, path, &err) == 0, "read it back");
	is_str(back ? back->name : NULL, "Ana; coordinadora #1", "';' and '#' kept");
	config_free(back);
	free(cfg->name);
	cfg->name = xstrdup("Ana \"la jefa\"");
	ok(config_write(cfg, path, &err) != 0 && strcmp(err.field, "volunteer.name") == 0,
	    "a value INI cannot carry is refused");
	/* A value ending in '\\' is not a continuation: the next key stays a key. */
	free(cfg->name);
	cfg->name = xstrdup("Ana\\");
	free(cfg->municipality);
	cfg->municipality = xstrdup("C:\\Almaz\xc3\xa1n\\");
	free(cfg->print_address);
	cfg->print_address = xstrdup("\\");
	ok(config_write(cfg, path, &err) == 0, "write values ending in a backslash");
	ok(config_load(&back, path, &err) == 0, "read them back");
	is_str(back ? back->name : NULL, "Ana\\", "name ends in its backslash");
	is_str(back ? back->email : NULL, "", "and the next key (email) is its own");
	is_str(back ? back->municipality : NULL, "C:\\Almaz\xc3\xa1n\\",
	    "a backslash inside and at the end");
	is_str(back ? back->print_address : NULL, "\\", "a lone backslash");
	is_str(back ? back->print_phone : NULL, "", "the key after it is its own");
	is_int(back ? back->nwarnings : -1, 0, "no warning on reading back");
	config_free(back);
	back = NULL;
	config_free(cfg);
	free(path);

	/* Warnings quote the file's section and key names: never ESC or invalid UTF-8. */
	ok(load("[volunteer]\nid = ana\n[\x1b[31mpwned\x07]\na = 1\n[ui]\nna\xff\x1b[2Jme = x\n",
	    &cfg, &err) == 0 && cfg->nwarnings == 2, "a section and a key of hostile bytes: "
	    "two warnings");
	for (i = 0; cfg != NULL && i < cfg->nwarnings; i++)
		ok(strchr(cfg->warnings[i], '\x1b') == NULL && strchr(cfg->warnings[i], '\x07') ==
		    NULL && strstr(cfg->warnings[i], "\xff") == NULL && strstr(cfg->warnings[i],
		    i == 0 ? "pwned" : "me") != NULL, "warning %d holds the name without control "
		    "bytes or bad UTF-8", i + 1);
	config_free(cfg);
	cfg = NULL;

	setenv("VOLUNTEER_CONFIG", "/x/v.ini", 1);
	path = config_default_path(NULL);
	is_str(path, "/x/v.ini", "$VOLUNTEER_CONFIG");
	free(path);
	path = config_default_path("/y.ini");
	is_str(path, "/y.ini", "--config wins");
	free(path);
	unsetenv("VOLUNTEER_CONFIG");
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	path = config_default_path(NULL);
	is_str(path, "/xdg/volunteer/volunteer.ini", "XDG_CONFIG_HOME");
	free(path);

	test_remove_dir(dir);
	return done_testing();
}
