/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_config.c: any file loads or is refused with a message; one that loads is written
 * back and loads again. */
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/util.h"
#include "tests/fuzz/fuzz.h"

static char config_dir[] = "/tmp/volunteer-fuzz-config-XXXXXX";

FUZZ_TARGET(config)
{
	struct config *c1 = NULL, *c2 = NULL;
	struct error err = { 0 };
	char *path = NULL, *again = NULL;
	FILE *fp;

	if (config_dir[sizeof config_dir - 2] == 'X' && mkdtemp(config_dir) == NULL)
		return 0;
	path = xasprintf("%s/volunteer.ini", config_dir);
	again = xasprintf("%s/again.ini", config_dir);
	if ((fp = fopen(path, "wb")) == NULL)
		goto out;
	fwrite(data, 1, size, fp);
	fclose(fp);
	if (config_load(&c1, path, &err) != 0) {
		FUZZ_CHECK(err.kind != ERR_NONE && err.msg[0] != '\0');
		goto out;
	}
	if (config_write(c1, again, &err) == 0)
		FUZZ_CHECK(config_load(&c2, again, &err) == 0);
out:
	config_free(c1);
	config_free(c2);
	if (path != NULL)
		unlink(path);
	if (again != NULL)
		unlink(again);
	free(path);
	free(again);
	return 0;
}
