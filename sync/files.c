/* SPDX-License-Identifier: GPL-3.0-or-later */
/* files.c: the files of the shared repository. See internal.h. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
#include "forms/personal.h"
#include "sync/internal.h"

char *
file_of_record(const struct record *r)
{
	struct record *copy;
	const char *key;
	json_t *v;
	void *tmp;
	char *text;

	if (record_has_consent(r))
		return record_to_json(r);
	copy = record_dup(r);
	json_object_foreach_safe(copy->fields, tmp, key, v)
		if (form_field_is_personal(copy->kind, key))
			json_object_del(copy->fields, key);
	text = record_to_json(copy);
	record_free(copy);
	return text;
}

void
fill_personal(struct record *remote, const struct record *local)
{
	const char *key;
	json_t *v;

	if (local == NULL || record_has_consent(remote))
		return;
	json_object_foreach(local->fields, key, v)
		if (form_field_is_personal(local->kind, key) &&
		    json_object_get(remote->fields, key) == NULL)
			json_object_set_new(remote->fields, key, json_deep_copy(v));
}

char *
conflict_path(const struct record *r)
{
	char *dev = text_safe_filename(r->device ? r->device : "", 64), *path;

	path = xasprintf("conflicts/%s/%lld-%s.json", r->id, (long long)r->rev, dev);
	free(dev);
	return path;
}

int
name_is_plain(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max || s[0] == '.' || s[0] == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == n
	    && strstr(s, "..") == NULL;
}
