/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.h: the one error type carried from the depths up to the front.
 *
 * A function that can fail takes a trailing `struct error *err`, returns -1 and fills it.
 * Nothing below tui/ prints: the front (command line or screen) shows err->msg.
 * The kind maps to the exit status of the command line: ERR_INVALID is bad usage or input
 * (exit 2), everything else could not be done (exit 1).
 */
#ifndef VOLUNTEER_ERROR_H
#define VOLUNTEER_ERROR_H

enum error_kind {
	ERR_NONE = 0,
	ERR_FAILED,	/* could not be done: I/O, database, network, remote refused */
	ERR_INVALID,	/* bad usage or invalid input: names the field and why */
	ERR_NOTFOUND,	/* no such record (exit 1) */
	ERR_LOCKED,	/* the database is held by another running instance (exit 1) */
};

struct error {
	enum error_kind kind;
	char field[64];		/* the field or argument at fault, "" when none */
	char msg[512];		/* a full sentence for a person, already naming the field */
};

/* Fill err (if not NULL) and return -1, so that callers can `return error_set(...)`. */
int error_set(struct error *err, enum error_kind kind, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void error_clear(struct error *err);
/* Put "context: " before the message already in err. */
void error_prefix(struct error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The exit status for the command line: 0, 1 or 2. */
int error_exit_status(const struct error *err);

#endif
