/* SPDX-License-Identifier: GPL-3.0-or-later */
/* error.c: see error.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

int
error_set(struct error *err, enum error_kind kind, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->kind = kind;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void
error_clear(struct error *err)
{
	if (err == NULL)
		return;
	err->kind = ERR_NONE;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}

void
error_prefix(struct error *err, const char *fmt, ...)
{
	char head[256], old[sizeof err->msg];
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	if (snprintf(err->msg, sizeof err->msg, "%s: %s", head, old) >= (int)sizeof err->msg)
		memcpy(err->msg + sizeof err->msg - 4, "...", 4);	/* cut, and says so */
}

int
error_exit_status(const struct error *err)
{
	if (err == NULL || err->kind == ERR_NONE)
		return 0;
	return err->kind == ERR_INVALID ? 2 : 1;
}
