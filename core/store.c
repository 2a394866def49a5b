/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.c: see store.h. Opening the store (the flock, the pragmas, the migrations of
 * core/schema.sql.h), closing it, the meta table and the clocks kept there. The SQL
 * wrappers are in db.c; records, reviews, drafts and sync state in store_*.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/schema.sql.h"
#include "core/store_business.h"
#include "core/store.h"
#include "core/store_internal.h"
#include "core/store_report.h"
#include "core/text.h"
#include "core/util.h"

char *
store_meta_get(struct store *st, const char *key)
{
	return db_text(st, "SELECT value FROM meta WHERE key = ?", "t", key);
}

int
store_meta_set(struct store *st, const char *key, const char *value, struct error *err)
{
	if (value == NULL)
		return db_exec(st, err, "DELETE FROM meta WHERE key = ?", "t", key);
	return db_exec(st, err, "INSERT INTO meta(key, value) VALUES (?, ?)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value", "tt", key, value);
}

/*
 * The pid holding the flock on fd's file, as text in out ("?" when unknown), from
 * /proc/locks (Linux: "1: FLOCK  ADVISORY  WRITE <pid> <maj>:<min>:<inode> 0 EOF").
 * Why not a pid written into the lock file: truncating and writing it at every open is a
 * metadata change that waits on the filesystem's journal, 0.2-5 ms of every `add` while
 * other programs sync (strace -T, BENCHMARKS.md); the holder's pid is only needed here,
 * on the rare path where the lock is refused.
 */
static void
lock_holder(int fd, char *out, size_t size)
{
	struct stat sb;
	char line[256], want[64];
	unsigned long pid;
	FILE *f;

	snprintf(out, size, "?");
	if (fstat(fd, &sb) != 0 || (f = fopen("/proc/locks", "re")) == NULL)
		return;
	snprintf(want, sizeof want, " %02x:%02x:%llu ", major(sb.st_dev), minor(sb.st_dev),
	    (unsigned long long)sb.st_ino);
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = strstr(line, " FLOCK "), *dev = strstr(line, want);
		/* "N: -> FLOCK ..." is a waiter, not the holder. */
		if (p == NULL || dev == NULL || strstr(line, "->") != NULL)
			continue;
		p = strstr(p, "WRITE ");
		if (p == NULL || sscanf(p, "WRITE %lu", &pid) != 1)
			continue;
		snprintf(out, size, "%lu", pid);
		break;
	}
	fclose(f);
}

/* flock, not SQLite locking: a second instance must learn at once that another holds the
 * data, rather than wait or, worse, interleave its writes with a live screen's. */
static int
take_lock(struct store *st, struct error *err)
{
	char *path = xasprintf("%s/volunteer.lock", st->dir), held[32];
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		error_set(err, ERR_FAILED, "data_dir", _("data_dir: cannot create %s: %s"), path,
		    strerror(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		lock_holder(fd, held, sizeof held);
		error_set(err, ERR_LOCKED, "", _("the data in %s is in use by another volunteer "
		    "program (pid %s); close it and try again"), st->dir, held);
		close(fd);
		free(path);
		return -1;
	}
	st->lock_fd = fd;
	free(path);
	return 0;
}

/*
 * The WAL's name is synced to the disk once per WAL file, not at every start.
 *
 * SQLite opens the WAL with O_CREAT at every connection, and so syncs the data folder at
 * the connection's first commit, in case the WAL was new (its name must be durable
 * before a commit in it is): a second fsync in every `add`, 0.06-4 ms while other
 * programs write (strace -T), and a second wait for the CPU after it. Once a sync of the
 * folder has completed after a WAL file was made, that file's name is on the disk for as
 * long as the file lives; this program truncates its WAL and never deletes it.
 *
 * So: after a sync of the folder, volunteer.db-wal.synced notes the identity of the WAL
 * it covered (device, inode and birth time, which a new file never shares with a
 * deleted one). A connection whose WAL is still that file opens it without O_CREAT, and
 * SQLite has no new name to sync; any other WAL (new, or made by another program) is
 * opened as SQLite does, and its name synced and noted by open_store. The note needs no
 * fsync: it is written after the sync it reports, so a note that survived a power cut
 * is true, and a lost or torn one only costs the next start a sync.
 */
struct wal_id {
	unsigned long long dev, ino, btime_sec;
	unsigned btime_nsec;
};

/* The identity of the file at path; -1 when it has none to give (no birth time). */
static int
wal_id_of(const char *path, struct wal_id *out)
{
	struct statx sx;

	/* A birth time of 0 is a filesystem that keeps none, whatever it says. */
	if (statx(AT_FDCWD, path, 0, STATX_INO | STATX_BTIME, &sx) != 0 ||
	    !(sx.stx_mask & STATX_BTIME) || (sx.stx_btime.tv_sec == 0 &&
	    sx.stx_btime.tv_nsec == 0))
		return -1;
	out->dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
	out->ino = sx.stx_ino;
	out->btime_sec = (unsigned long long)sx.stx_btime.tv_sec;
	out->btime_nsec = sx.stx_btime.tv_nsec;
	return 0;
}

/* 1 when the note beside the WAL at wal names the file there now. */
static int
wal_name_synced(const char *wal)
{
	char *note = xasprintf("%s.synced", wal), buf[128];
	struct wal_id now, noted;
	ssize_t n = -1;
	int fd, same = 0;

	if ((fd = open(note, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
	}
	if (n > 0) {
		buf[n] = '\0';
		same = sscanf(buf, "%llx %llx %llx %x\n", &noted.dev, &noted.ino,
		    &noted.btime_sec, &noted.btime_nsec) == 4 && wal_id_of(wal, &now) == 0 &&
		    now.dev == noted.dev && now.ino == noted.ino &&
		    now.btime_sec == noted.btime_sec && now.btime_nsec == noted.btime_nsec;
	}
	free(note);
	return same;
}

/* Sync the folder of the WAL at wal, then note which WAL file that made durable. Quiet on
 * failure: SQLite syncs the folder itself at the first commit, and the next start tries
 * again. */
static void
wal_name_sync(const char *dir, const char *wal)
{
	char *note = NULL, buf[128];
	struct wal_id id;
	int fd, n;

	if (wal_name_synced(wal) || wal_id_of(wal, &id) != 0)
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	n = fsync(fd);
	close(fd);
	if (n != 0)
		return;
	note = xasprintf("%s.synced", wal);
	n = snprintf(buf, sizeof buf, "%llx %llx %llx %x\n", id.dev, id.ino, id.btime_sec,
	    id.btime_nsec);
	if ((fd = open(note, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) >= 0) {
		if (write(fd, buf, (size_t)n) != n) {
			/* A short note does not parse: the next start syncs again. */
		}
		close(fd);
	}
	free(note);
}

static sqlite3_vfs *unix_vfs;
static sqlite3_vfs wal_vfs;

/* The unix VFS's xOpen, but a WAL whose name is known durable opens without O_CREAT. It
 * is looked at again once open: a file put in its place meanwhile is opened anew, as
 * SQLite would. */
static int
wal_vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
    int *out_flags)
{
	int rc;

	(void)vfs;
	if (name != NULL && (flags & SQLITE_OPEN_WAL) && (flags & SQLITE_OPEN_CREATE) &&
	    wal_name_synced(name)) {
		rc = unix_vfs->xOpen(unix_vfs, name, file, flags & ~SQLITE_OPEN_CREATE,
		    out_flags);
		if (rc == SQLITE_OK && wal_name_synced(name))
			return SQLITE_OK;
		if (file->pMethods != NULL)
			file->pMethods->xClose(file);
		file->pMethods = NULL;
	}
	return unix_vfs->xOpen(unix_vfs, name, file, flags, out_flags);
}

/* The name of the VFS the store opens its database with (registered at the first call,
 * which also sets SQLite up); NULL, SQLite's default, if there is no unix VFS to build it
 * on. */
static const char *
store_vfs(void)
{
	if (unix_vfs == NULL) {
		/*
		 * Before SQLite starts (the VFS look-up starts it): no statistics of its
		 * memory, which nothing here reads. With them every allocation and free
		 * took a global mutex and counted (3,800 each at an `add`, reading the
		 * schema and preparing): 0.36 M instructions of 5.36 M (callgrind). Too late,
		 * once SQLite has started, this is refused and changes nothing.
		 */
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		if ((unix_vfs = sqlite3_vfs_find("unix")) == NULL)
			return NULL;
		wal_vfs = *unix_vfs;
		wal_vfs.zName = "volunteer";
		wal_vfs.pNext = NULL;
		wal_vfs.xOpen = wal_vfs_open;
		if (sqlite3_vfs_register(&wal_vfs, 0) != SQLITE_OK) {
			unix_vfs = NULL;
			return NULL;
		}
	}
	return wal_vfs.zName;
}

/* A reader cannot migrate: the holder of the lock does, at its own open. */
static int
reader_schema_ok(struct store *st, struct error *err)
{
	int64_t version = db_int(st, -1, "PRAGMA user_version", "");

	if (version != (int64_t)(sizeof store_migrations / sizeof store_migrations[0]))
		return error_set(err, ERR_LOCKED, "", _("the data in %s is in use by another "
		    "volunteer program and has another schema (%lld); close it and try again"),
		    st->dir, (long long)version);
	return 0;
}

/* What a migration needs beyond SQL, run after the SQL of version -> version + 1 in the
 * same transaction. */
static int
migration_step(struct store *st, int64_t version, struct error *err)
{
	if (version == 8)
		return store_agenda_migrate(st, err);
	if (version == 9)
		return store_report_migrate(st, err);
	if (version != 6)
		return 0;
	/* A store with no device yet is a new database: no record to link. */
	if (st->device == NULL)
		st->device = store_meta_get(st, "device");
	if (st->device == NULL)
		return 0;	/* a new database: no record to link */
	return store_business_migrate(st, err);
}

static int
migrate(struct store *st, struct error *err)
{
	int64_t version = db_int(st, 0, "PRAGMA user_version", ""), v;
	size_t n = sizeof store_migrations / sizeof store_migrations[0];
	char pragma[64];

	/* A first import killed while its indexes were set aside: they come back first, as
	 * the migrations left them (one indexed read of meta when there is nothing to do,
	 * without count(*)'s subquery: 31 k instructions to prepare against 51 k). */
	if (version > 0 && db_int(st, 0, "SELECT 1 FROM meta WHERE key >= 'index:' AND"
	    " key < 'index;' LIMIT 1", "") > 0) {
		if (store_begin(st, err) != 0)
			return -1;
		if (store_indexes_restore(st, err) != 0) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st, err) != 0)
			return -1;
	}

	if (version > (int64_t)n)
		return error_set(err, ERR_FAILED, "", _("the database in %s was written by a newer "
		    "version of volunteer (schema %lld; this one knows %zu)"), st->dir,
		    (long long)version, n);
	if (version == (int64_t)n)
		return 0;
	/*
	 * Every step in one transaction, the schema's SQL first and then the steps written in
	 * C in their order: those write rows with the record writer of today, which needs
	 * every column of today (a database of schema 6 gets the agenda column of 8 -> 9
	 * before its businesses are made). A kill leaves the old version whole.
	 */
	if (store_begin(st, err) != 0)
		return -1;
	for (v = version; v < (int64_t)n; v++)
		if (sqlite3_exec(st->db, store_migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
			db_error(st, err, _("database migration"));
			store_rollback(st);
			return -1;
		}
	for (v = version; v < (int64_t)n; v++)
		if (migration_step(st, v, err) != 0) {
			error_prefix(err, _("database migration"));
			store_rollback(st);
			return -1;
		}
	/* A PRAGMA takes no bound value; this one is a number of ours. */
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %zu", n);
	if (sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
		db_error(st, err, _("database migration"));
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

static void
make_device_id(char *out, size_t size)
{
	char host[64] = "laptop", id[UUID_LEN + 1], *safe;

	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = '\0';
	safe = text_safe_filename(host, 24);
	uuid_v7(id);
	/* The random tail of a UUIDv7 tells two laptops with the same host name apart. */
	snprintf(out, size, "%s-%.8s", safe, id + 28);
	free(safe);
}

enum open_mode { OPEN_HOLDER, OPEN_CHILD, OPEN_READER };

static int
open_store(struct store **out, const char *data_dir, enum open_mode mode, struct error *err)
{
	struct store *st = xcalloc(1, sizeof *st);
	char *path = NULL, *wal, device[64];
	struct stat sb;

	st->lock_fd = -1;
	st->dir = xstrdup(data_dir);
	if (mkdir_p(data_dir, 0700) != 0) {
		error_set(err, ERR_FAILED, "data_dir", _("data_dir: cannot create %s: %s"), data_dir,
		    strerror(errno));
		goto fail;
	}
	if (stat(data_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		error_set(err, ERR_FAILED, "data_dir", _("data_dir: %s is not a folder"), data_dir);
		goto fail;
	}
	if (access(data_dir, W_OK) != 0) {
		error_set(err, ERR_FAILED, "data_dir", _("data_dir: %s is read-only; the records "
		    "cannot be saved there"), data_dir);
		goto fail;
	}
	if (mode == OPEN_HOLDER && take_lock(st, err) != 0)
		goto fail;
	st->reader = mode == OPEN_READER;
	path = xasprintf("%s/volunteer.db", data_dir);
	if (sqlite3_open_v2(path, &st->db, (st->reader ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX, store_vfs()) !=
	    SQLITE_OK) {
		error_set(err, ERR_FAILED, "", _("cannot open %s: %s"), path,
		    st->db ? sqlite3_errmsg(st->db) : _("out of memory"));
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* A command is one short process: checkpointing and deleting the WAL at every close
	 * would cost more than the command. The WAL is durable (synchronous=FULL) and SQLite
	 * checkpoints it every 1000 pages. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	/* PRAGMA foreign_keys = ON, without a statement to prepare. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	if ((!st->reader && db_exec(st, err, "PRAGMA journal_mode = WAL", "") != 0) ||
	    db_exec(st, err, "PRAGMA synchronous = FULL", "") != 0 ||
	    /* Sorts and temporary b-trees in memory: a file made and unlinked in /var/tmp
	     * for each save cost more than the sort (strace of `add`). */
	    db_exec(st, err, "PRAGMA temp_store = MEMORY", "") != 0 ||
	    /* Pages read through a map, not one pread each: the list stays instant, and a
	     * report over 1,000,000 records (1.7 GB) took 13.9 s with a 256 MB map, 5.9 s
	     * with the whole file mapped (SQLite's largest, just under 2 GB). Only the
	     * pages touched are resident; where the map cannot be made (a 32-bit
	     * netbook's address space), SQLite reads as before. */
	    db_exec(st, err, "PRAGMA mmap_size = 2147418112", "") != 0)
		goto fail;
	if (db_functions_register(st, err) != 0 ||
	    (st->reader ? reader_schema_ok(st, err) != 0 : migrate(st, err) != 0))
		goto fail;
	if (st->device == NULL)
		st->device = store_meta_get(st, "device");
	if (st->device == NULL && st->reader) {
		error_set(err, ERR_LOCKED, "", _("the data in %s is being set up by another "
		    "volunteer program; try again in a moment"), data_dir);
		goto fail;
	}
	if (st->device == NULL) {
		make_device_id(device, sizeof device);
		if (store_meta_set(st, "device", device, err) != 0)
			goto fail;
		st->device = xstrdup(device);
	}
	if (!st->reader) {
		/* Opened by the statements above (made by the first write of a new store). */
		wal = xasprintf("%s-wal", path);
		wal_name_sync(data_dir, wal);
		free(wal);
	}
	free(path);
	*out = st;
	return 0;
fail:
	free(path);
	store_close(st);
	return -1;
}

int
store_open(struct store **out, const char *data_dir, struct error *err)
{
	return open_store(out, data_dir, OPEN_HOLDER, err);
}

int
store_open_in_child(struct store **out, const char *data_dir, struct error *err)
{
	return open_store(out, data_dir, OPEN_CHILD, err);
}

int
store_open_reading(struct store **out, const char *data_dir, struct error *err)
{
	if (open_store(out, data_dir, OPEN_HOLDER, err) == 0)
		return 0;
	if (err->kind != ERR_LOCKED)
		return -1;
	/* Held by a running program (the screens): read beside it. WAL gives this
	 * connection a consistent snapshot while the holder writes. */
	error_clear(err);
	return open_store(out, data_dir, OPEN_READER, err);
}

int
store_is_reader(const struct store *st)
{
	return st->reader;
}

/* The WAL is not checkpointed at every close (see open_store); but the next open reads
 * the whole WAL to rebuild its index (its checksums: 0.85 M instructions at 750 KB, a
 * fifth of an add), so one that has grown is folded into the database here, and
 * truncated. At 512 KB an add at 10,000 records averages 3.84 M instructions against
 * 4.15 M at 1 MB; folding at every close (3.57 M) costs a second fdatasync, 2 ms of wall
 * time, per add (BENCHMARKS.md, "2 December, afternoon"). */
#define WAL_FOLD_BYTES (512 * 1024)

static void
fold_large_wal(struct store *st)
{
	char *wal = xasprintf("%s/volunteer.db-wal", st->dir);
	struct stat sb;

	if (st->tx_depth == 0 && stat(wal, &sb) == 0 && sb.st_size > WAL_FOLD_BYTES)
		sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	free(wal);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->db != NULL) {
		db_cache_free(st);
		if (!st->reader)
			fold_large_wal(st);
		sqlite3_close_v2(st->db);
	}
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	free(st->device);
	free(st->dir);
	free(st);
}

const char *
store_data_dir(const struct store *st)
{
	return st->dir;
}

const char *
store_device(const struct store *st)
{
	return st->device;
}

/* ---- the clocks ---- */

/*
 * A laptop whose battery died wakes up in 1970 or 2000: what it saved then would sort
 * before everything else and could not be placed in the repository's day folders. Its
 * clock must not be earlier than the build of the program, nor (by more than a few
 * minutes of adjustment) than the newest record or review this laptop wrote.
 */
#define CLOCK_SLACK_SECONDS 600

int
store_clock_plausible(struct store *st, struct error *err)
{
	char *newest = store_meta_get(st, "newest_own_write");
	int rc = clock_check_now(newest, CLOCK_SLACK_SECONDS, err);

	free(newest);
	return rc;
}

/*
 * Both clocks of meta only move forward: the Lamport clock as a number, the newest own
 * write as ISO 8601 text (which sorts as time does). Each write is one statement whose
 * DO UPDATE keeps the larger value, instead of a read and then a write.
 */
#define CLOCKS_FORWARD " ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE" \
	" CASE key WHEN 'clock' THEN CAST(excluded.value AS INTEGER) > CAST(value AS INTEGER)" \
	" ELSE excluded.value > value END"

int
store_note_own_write(struct store *st, const char *at, struct error *err)
{
	return db_exec(st, err, "INSERT INTO meta(key, value) VALUES ('newest_own_write', ?)"
	    CLOCKS_FORWARD, "t", at);
}

/* The Lamport clock: the highest rev this laptop has seen, in meta as a number (read
 * by store_meta_get's statement, which every open prepares for the device). */
int64_t
store_clock(struct store *st)
{
	char *v = store_meta_get(st, "clock");
	int64_t clock = v != NULL ? strtoll(v, NULL, 10) : 0;

	free(v);
	return clock;
}

int
store_clock_see(struct store *st, int64_t rev, struct error *err)
{
	return db_exec(st, err, "INSERT INTO meta(key, value) VALUES ('clock', ?)"
	    CLOCKS_FORWARD, "i", rev);
}

/*
 * A local write reads both clocks once, in its transaction (BEGIN IMMEDIATE holds the
 * write lock from its start, so nothing moves them between the read and the write), and
 * writes both forward by one REPLACE: SQLite prepares it in a third of the time of the
 * upsert of both rows with CLOCKS_FORWARD (callgrind: 30 k instructions against 89 k,
 * once per `add`), and the reads are store_meta_get's statement, which every open has
 * prepared for the device.
 */
int
store_clocks_read(struct store *st, struct store_clocks *out, struct error *err)
{
	char *newest = store_meta_get(st, "newest_own_write");

	if (clock_check_now(newest, CLOCK_SLACK_SECONDS, err) != 0) {
		free(newest);
		return -1;
	}
	snprintf(out->newest, sizeof out->newest, "%s", newest != NULL ? newest : "");
	free(newest);
	out->clock = store_clock(st);
	return 0;
}

int
store_clocks_write_own(struct store *st, const struct store_clocks *was, int64_t rev,
    const char *at, struct error *err)
{
	if (was->clock > rev)
		rev = was->clock;
	if (strcmp(was->newest, at) > 0)
		at = was->newest;
	return db_exec(st, err, "INSERT OR REPLACE INTO meta(key, value) VALUES ('clock', ?),"
	    " ('newest_own_write', ?)", "it", rev, at);
}
