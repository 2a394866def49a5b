/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The WAL's name is synced to the disk once per WAL file (core/store.c): the first save
 * into a new WAL syncs the data folder, the saves after it into the same file do not, and
 * a WAL made anew (another program deleted it) or a note that does not parse brings the
 * sync back. The folder's syncs are counted by this program's own fsync and fdatasync,
 * which SQLite's calls reach before libc's.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/store.h"
#include "core/util.h"
#include "tests/tap.h"
#include "tests/testlib.h"

static int folder_syncs;

static void
note_sync(int fd)
{
	struct stat sb;

	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		folder_syncs++;
}

int
fsync(int fd)
{
	note_sync(fd);
	return (int)syscall(SYS_fsync, fd);
}

int
fdatasync(int fd)
{
	note_sync(fd);
	return (int)syscall(SYS_fdatasync, fd);
}

static struct record *
visit(const char *business)
{
	struct record *r = record_new("visit");

	json_object_set_new(r->fields, "business", json_string(business));
	json_object_set_new(r->fields, "date", json_string("2026-12-01"));
	json_object_set_new(r->fields, "municipality", json_string("Soria"));
	return r;
}

/* Open the store, save one record, close; the folder's syncs meanwhile. */
static int
one_save(const char *path, const char *business)
{
	struct store *st = NULL;
	struct error err = { 0 };
	struct record *r = visit(business);
	int before = folder_syncs;

	if (store_open(&st, path, &err) != 0 || store_record_save(st, r, "maria", &err) != 0)
		diag("%s", err.msg);
	record_free(r);
	store_close(st);
	return folder_syncs - before;
}

int
main(void)
{
	char dir[] = "/tmp/t0014-XXXXXX", *path, *db, *wal, *note;
	struct store *st = NULL;
	struct error err = { 0 };
	struct record_filter f = { 0 };
	sqlite3 *raw = NULL;
	long n = 0;
	FILE *fp;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/data", dir);
	db = xasprintf("%s/volunteer.db", path);
	wal = xasprintf("%s-wal", db);
	note = xasprintf("%s.synced", wal);

	/* The store's one sync before it notes the WAL, and SQLite's own (the journal and
	 * the WAL it made): more than one shows that SQLite's calls are counted too. */
	ok(one_save(path, "Panadería Uno") >= 2, "a save into a new WAL syncs the folder");
	ok(access(note, F_OK) == 0, "and notes which WAL's name it made durable");
	is_int(one_save(path, "Panadería Dos"), 0, "the next save into that WAL does not");
	is_int(one_save(path, "Panadería Tres"), 0, "nor the one after");

	/* Another program folds the WAL and, closing last, deletes it. */
	ok(sqlite3_open(db, &raw) == SQLITE_OK && sqlite3_exec(raw,
	    "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) == SQLITE_OK,
	    "another program checkpoints");
	sqlite3_close(raw);
	ok(access(wal, F_OK) != 0, "and deletes the WAL");
	ok(one_save(path, "Panadería Cuatro") >= 1, "a save into the WAL made anew syncs");
	is_int(one_save(path, "Panadería Cinco"), 0, "once");

	fp = fopen(note, "w");
	ok(fp != NULL && fputs("not a note\n", fp) >= 0 && fclose(fp) == 0, "a torn note");
	ok(one_save(path, "Panadería Seis") >= 1, "is not trusted: the folder is synced");
	is_int(one_save(path, "Panadería Siete"), 0, "and noted again");

	ok(store_open(&st, path, &err) == 0 && store_count(st, &f, &n, &err) == 0, "reopened");
	is_int((int)n, 7, "every save is there");
	store_close(st);

	/* The next open reads the whole WAL to rebuild its index: a close that leaves more
	 * than 512 KB folds it into the database and truncates it, which keeps its name. */
	{
		struct stat sb;
		off_t largest = 0, before = 0;
		int folds = 0, syncs = 0, i;

		for (i = 0; i < 60; i++) {
			char name[1024];

			snprintf(name, sizeof name, "Taller de informática número %d %0900d", i, 0);
			syncs += one_save(path, name);
			if (stat(wal, &sb) != 0)
				break;
			if (sb.st_size > largest)
				largest = sb.st_size;
			if (sb.st_size < before)
				folds++;
			before = sb.st_size;
		}
		is_int(i, 60, "the WAL is there after each of 60 saves");
		ok(largest <= 512 * 1024, "no close leaves a WAL over 512 KB (largest %ld)",
		    (long)largest);
		ok(folds >= 1, "a grown WAL is folded (%d folds)", folds);
		is_int(syncs, 0, "and truncated, not made anew: the folder is not synced again");
	}
	ok(store_open(&st, path, &err) == 0 && store_count(st, &f, &n, &err) == 0, "reopened");
	is_int((int)n, 67, "every save is there after the folds");
	store_close(st);

	test_remove_dir(dir);
	free(note);
	free(wal);
	free(db);
	free(path);
	return done_testing();
}
