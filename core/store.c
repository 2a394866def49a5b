/* store.c: see store.h. All SQL of the program lives here, prepared and bound. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/schema.sql.h"
#include "core/store.h"
#include "core/store_internal.h"
#include "core/text.h"
#include "core/util.h"


int
db_error(struct store *st, struct error *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);

	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		return error_set(err, ERR_LOCKED, "", "%s: the database is busy", what);
	if ((code & 0xff) == SQLITE_FULL)
		return error_set(err, ERR_FAILED, "", "%s: the disk is full; nothing was changed",
		    what);
	if ((code & 0xff) == SQLITE_READONLY)
		return error_set(err, ERR_FAILED, "", "%s: the database is read-only (%s)", what,
		    st->dir);
	return error_set(err, ERR_FAILED, "", "%s: %s", what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *
db_prepare(struct store *st, const char *sql, struct error *err)
{
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		db_error(st, err, "database");
		return NULL;
	}
	return stmt;
}

/* Run a statement that returns no rows, with text parameters (NULL binds NULL). */
int
db_exec(struct store *st, struct error *err, const char *sql, int n, ...)
{
	sqlite3_stmt *stmt = db_prepare(st, sql, err);
	va_list ap;
	int i, rc;

	if (stmt == NULL)
		return -1;
	va_start(ap, n);
	for (i = 1; i <= n; i++)
		sqlite3_bind_text(stmt, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
	va_end(ap);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_error(st, err, "database");
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

/* One integer from a query with text parameters; def when there is no row. */
int64_t
db_int(struct store *st, int64_t def, const char *sql, int n, ...)
{
	sqlite3_stmt *stmt = db_prepare(st, sql, NULL);
	va_list ap;
	int64_t v = def;
	int i;

	if (stmt == NULL)
		return def;
	va_start(ap, n);
	for (i = 1; i <= n; i++)
		sqlite3_bind_text(stmt, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
	va_end(ap);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/* A malloc'd copy of a text column, or NULL. */
char *
column_malloc(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s ? xstrdup((const char *)s) : NULL;
}

int
store_begin(struct store *st, struct error *err)
{
	if (st->tx_depth++ > 0)
		return 0;
	st->tx_failed = 0;
	if (db_exec(st, err, "BEGIN IMMEDIATE", 0) != 0) {
		st->tx_depth = 0;
		return -1;
	}
	return 0;
}

int
store_commit(struct store *st, struct error *err)
{
	if (st->tx_depth <= 0)
		return 0;
	if (--st->tx_depth > 0)
		return 0;
	if (st->tx_failed) {
		db_exec(st, NULL, "ROLLBACK", 0);
		return error_set(err, ERR_FAILED, "", "the change was rolled back");
	}
	if (db_exec(st, err, "COMMIT", 0) != 0) {
		db_exec(st, NULL, "ROLLBACK", 0);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	if (st->tx_depth <= 0)
		return;
	st->tx_failed = 1;
	if (--st->tx_depth > 0)
		return;
	db_exec(st, NULL, "ROLLBACK", 0);
}

/* The text of the first column of the first row of sql with one text parameter; NULL
 * when there is no row or it is NULL. Caller frees. */
static char *
db_text(struct store *st, const char *sql, const char *param)
{
	sqlite3_stmt *stmt = db_prepare(st, sql, NULL);
	char *v = NULL;

	if (stmt == NULL)
		return NULL;
	sqlite3_bind_text(stmt, 1, param, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = column_malloc(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

char *
store_meta_get(struct store *st, const char *key)
{
	return db_text(st, "SELECT value FROM meta WHERE key = ?", key);
}

int
store_meta_set(struct store *st, const char *key, const char *value, struct error *err)
{
	if (value == NULL)
		return db_exec(st, err, "DELETE FROM meta WHERE key = ?", 1, key);
	return db_exec(st, err, "INSERT INTO meta(key, value) VALUES (?, ?)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value", 2, key, value);
}

/* flock, not SQLite locking: a second instance must learn at once that another holds the
 * data, rather than wait or, worse, interleave its writes with a live screen's. */
static int
take_lock(struct store *st, struct error *err)
{
	char *path = xasprintf("%s/volunteer.lock", st->dir), pid[32], held[32] = "";
	int fd, n;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		error_set(err, ERR_FAILED, "data_dir", "data_dir: cannot create %s: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		n = (int)pread(fd, held, sizeof held - 1, 0);
		held[n > 0 ? n : 0] = '\0';
		held[strcspn(held, "\n")] = '\0';
		error_set(err, ERR_LOCKED, "", "the data in %s is in use by another volunteer "
		    "program (pid %s); close it and try again", st->dir, *held ? held : "?");
		close(fd);
		free(path);
		return -1;
	}
	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) < 0) {
		/* The pid is only a courtesy for the message above. */
	}
	st->lock_fd = fd;
	free(path);
	return 0;
}

static int
migrate(struct store *st, struct error *err)
{
	int64_t version = db_int(st, 0, "PRAGMA user_version", 0);
	size_t n = sizeof store_migrations / sizeof store_migrations[0];
	char pragma[64];

	if (version > (int64_t)n)
		return error_set(err, ERR_FAILED, "", "the database in %s was written by a newer "
		    "version of volunteer (schema %lld; this one knows %zu)", st->dir,
		    (long long)version, n);
	for (; version < (int64_t)n; version++) {
		if (store_begin(st, err) != 0)
			return -1;
		if (sqlite3_exec(st->db, store_migrations[version], NULL, NULL, NULL) !=
		    SQLITE_OK) {
			db_error(st, err, "database migration");
			store_rollback(st);
			return -1;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %lld",
		    (long long)version + 1);
		if (db_exec(st, err, pragma, 0) != 0) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st, err) != 0)
			return -1;
	}
	return 0;
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

static int
open_store(struct store **out, const char *data_dir, int take, struct error *err)
{
	struct store *st = xcalloc(1, sizeof *st);
	char *path = NULL, device[64];
	struct stat sb;

	st->lock_fd = -1;
	st->dir = xstrdup(data_dir);
	if (mkdir_p(data_dir, 0700) != 0) {
		error_set(err, ERR_FAILED, "data_dir", "data_dir: cannot create %s: %s", data_dir,
		    strerror(errno));
		goto fail;
	}
	if (stat(data_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		error_set(err, ERR_FAILED, "data_dir", "data_dir: %s is not a folder", data_dir);
		goto fail;
	}
	if (access(data_dir, W_OK) != 0) {
		error_set(err, ERR_FAILED, "data_dir", "data_dir: %s is read-only; the records "
		    "cannot be saved there", data_dir);
		goto fail;
	}
	if (take && take_lock(st, err) != 0)
		goto fail;
	path = xasprintf("%s/volunteer.db", data_dir);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		error_set(err, ERR_FAILED, "", "cannot open %s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* A command is one short process: checkpointing and deleting the WAL at every close
	 * would cost more than the command. The WAL is durable (synchronous=FULL) and SQLite
	 * checkpoints it every 1000 pages. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (db_exec(st, err, "PRAGMA journal_mode = WAL", 0) != 0 ||
	    db_exec(st, err, "PRAGMA synchronous = FULL", 0) != 0 ||
	    db_exec(st, err, "PRAGMA foreign_keys = ON", 0) != 0 ||
	    /* Pages read through a map, not one pread each: the list stays instant. */
	    db_exec(st, err, "PRAGMA mmap_size = 268435456", 0) != 0)
		goto fail;
	if (migrate(st, err) != 0)
		goto fail;
	st->device = store_meta_get(st, "device");
	if (st->device == NULL) {
		make_device_id(device, sizeof device);
		if (store_meta_set(st, "device", device, err) != 0)
			goto fail;
		st->device = xstrdup(device);
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
	return open_store(out, data_dir, 1, err);
}

int
store_open_in_child(struct store **out, const char *data_dir, struct error *err)
{
	return open_store(out, data_dir, 0, err);
}

/* The WAL is not checkpointed at every close (see open_store); but the next open reads
 * the whole WAL to rebuild its index, so one that has grown is folded into the database
 * here, and truncated. */
#define WAL_FOLD_BYTES (1024 * 1024)

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

/* ---- records ---- */

#define RECORD_COLUMNS "r.body, r.dirty, r.conflict, " \
	"coalesce((SELECT v.status = 'flagged' FROM review v WHERE v.record_id = r.id" \
	" ORDER BY v.at DESC, v.id DESC LIMIT 1), 0)"

/* Decode a row of RECORD_COLUMNS starting at column col. */
static int
row_record(sqlite3_stmt *stmt, int col, struct record **out, struct error *err)
{
	const char *body = (const char *)sqlite3_column_text(stmt, col);
	struct record *r = NULL;

	if (body == NULL ||
	    record_from_json(&r, body, (size_t)sqlite3_column_bytes(stmt, col), err) != 0) {
		error_prefix(err, "a stored record is damaged");
		return -1;
	}
	r->synced = sqlite3_column_int(stmt, col + 1) == 0;
	r->conflict = sqlite3_column_int(stmt, col + 2);
	r->flagged = sqlite3_column_int(stmt, col + 3);
	*out = r;
	return 0;
}

int
store_record_get(struct store *st, const char *id, struct record **out, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = -1;

	stmt = db_prepare(st, "SELECT " RECORD_COLUMNS " FROM record r WHERE r.id = ?", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		rc = row_record(stmt, 0, out, err);
		break;
	case SQLITE_DONE:
		error_set(err, ERR_NOTFOUND, "id", "no record with id %s", id);
		break;
	default:
		db_error(st, err, "reading a record");
	}
	sqlite3_finalize(stmt);
	return rc;
}

int
store_record_resolve(struct store *st, const char *prefix, char *out, struct error *err)
{
	sqlite3_stmt *stmt;
	char *hi;
	int n = 0, rc;

	if (strlen(prefix) < 4 || strlen(prefix) > UUID_LEN || strspn(prefix,
	    "0123456789abcdef-") != strlen(prefix))
		return error_set(err, ERR_INVALID, "id", "id: '%.40s' is not a record id "
		    "(give at least its first 4 characters)", prefix);
	stmt = db_prepare(st, "SELECT id FROM record WHERE id >= ? AND id < ? ORDER BY id"
	    " LIMIT 2", err);
	if (stmt == NULL)
		return -1;
	hi = xasprintf("%s~", prefix);	/* '~' sorts after every id character */
	sqlite3_bind_text(stmt, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, hi, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n++ == 0)
			snprintf(out, UUID_LEN + 1, "%s", sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	free(hi);
	if (rc != SQLITE_DONE)
		return db_error(st, err, "finding a record");
	if (n == 0)
		return error_set(err, ERR_NOTFOUND, "id", "id: no record %s", prefix);
	if (n > 1)
		return error_set(err, ERR_INVALID, "id", "id: %s matches more than one record; "
		    "give more characters", prefix);
	return 0;
}

char *
record_search_text(const struct record *r)
{
	const char *key;
	json_t *v, *e;
	size_t cap = 256, len = 0, i;
	char *buf = xmalloc(cap);

	buf[0] = '\0';
	json_object_foreach(r->fields, key, v) {
		json_t *one = json_is_array(v) ? v : NULL;
		size_t n = one ? json_array_size(one) : 1;
		for (i = 0; i < n; i++) {
			e = one ? json_array_get(one, i) : v;
			if (!json_is_string(e))
				continue;
			size_t add = json_string_length(e) + 1;
			if (len + add + 1 > cap) {
				while (len + add + 1 > cap)
					cap *= 2;
				buf = xrealloc(buf, cap);
			}
			memcpy(buf + len, json_string_value(e), add - 1);
			len += add - 1;
			buf[len++] = '\n';
			buf[len] = '\0';
		}
	}
	return buf;
}

void
record_row_bind(sqlite3_stmt *stmt, const struct record *r, const char *body,
    const char *base, int dirty, const char *oid)
{
	const char *muni = record_field_str(r, "municipality");
	char date[DATE_LEN + 1];

	record_sort_date(r, date);
	sqlite3_bind_text(stmt, 1, r->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, r->volunteer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, r->rev);
	sqlite3_bind_text(stmt, 5, r->updated, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 6, r->deleted);
	sqlite3_bind_text(stmt, 7, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 8, muni ? muni : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, record_label(r), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, body, -1, SQLITE_STATIC);
	if (base != NULL)
		sqlite3_bind_text(stmt, 11, base, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 11);
	sqlite3_bind_int(stmt, 12, dirty);
	if (oid != NULL)
		sqlite3_bind_text(stmt, 13, oid, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 13);
}

/* Insert or replace the row of r; body is r's file. */
static int
write_row(struct store *st, const struct record *r, const char *body, const char *base,
    int dirty, struct error *err)
{
	sqlite3_stmt *stmt;
	char *text;
	int64_t rowid;
	int rc;

	stmt = db_prepare(st, RECORD_UPSERT_SQL, err);
	if (stmt == NULL)
		return -1;
	record_row_bind(stmt, r, body, base, dirty, NULL);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		db_error(st, err, "saving the record");
		sqlite3_finalize(stmt);
		return -1;
	}
	rowid = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);

	stmt = db_prepare(st, "DELETE FROM record_fts WHERE rowid = ?", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, rowid);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, err, "indexing the record");
	if (r->deleted)
		return 0;
	stmt = db_prepare(st, "INSERT INTO record_fts(rowid, text) VALUES (?, ?)", err);
	if (stmt == NULL)
		return -1;
	text = record_search_text(r);
	sqlite3_bind_int64(stmt, 1, rowid);
	sqlite3_bind_text(stmt, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	free(text);
	if (rc != SQLITE_DONE)
		return db_error(st, err, "indexing the record");
	return 0;
}

/*
 * A laptop whose battery died wakes up in 1970 or 2000: what it saved then would sort
 * before everything else and could not be placed in the repository's day folders. Its
 * clock must not be earlier than the build of the program, nor (by more than a few
 * minutes of adjustment) than the newest record or review this laptop wrote.
 */
#define CLOCK_SLACK_SECONDS 600

static int
clock_is_plausible(struct store *st, struct error *err)
{
	char *newest = store_meta_get(st, "newest_own_write");
	int rc = clock_check_now(newest, CLOCK_SLACK_SECONDS, err);

	free(newest);
	return rc;
}

static int
note_own_write(struct store *st, const char *at, struct error *err)
{
	char *newest = store_meta_get(st, "newest_own_write");
	int rc = 0;

	if (newest == NULL || strcmp(at, newest) > 0)
		rc = store_meta_set(st, "newest_own_write", at, err);
	free(newest);
	return rc;
}

/* The Lamport clock: the highest rev this laptop has seen. */
static int
clock_see(struct store *st, int64_t rev, struct error *err)
{
	char buf[32];

	if (rev <= db_int(st, 0, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'clock'",
	    0))
		return 0;
	snprintf(buf, sizeof buf, "%lld", (long long)rev);
	return store_meta_set(st, "clock", buf, err);
}

int
store_record_save(struct store *st, struct record *r, const char *author, struct error *err)
{
	char *body = NULL;
	int64_t clock;
	int rc = -1;

	if (!record_kind_valid(r->kind))
		return error_set(err, ERR_INVALID, "kind", "kind: unknown kind '%s'", r->kind);
	if (clock_is_plausible(st, err) != 0)
		return -1;
	if (store_begin(st, err) != 0)
		return -1;
	if (r->id[0] == '\0')
		uuid_v7(r->id);
	clock_now_iso(r->updated);
	if (r->created[0] == '\0')
		memcpy(r->created, r->updated, sizeof r->created);
	if (r->volunteer[0] == '\0') {
		free(r->volunteer);
		r->volunteer = xstrdup(author);
	}
	free(r->device);
	r->device = xstrdup(st->device);
	clock = db_int(st, 0, "SELECT max(coalesce((SELECT CAST(value AS INTEGER) FROM meta"
	    " WHERE key = 'clock'), 0), coalesce((SELECT rev FROM record WHERE id = ?), 0))",
	    1, r->id);
	r->rev = record_rev_next(clock);
	body = record_to_json(r);
	if (write_row(st, r, body, NULL, 1, err) != 0 || clock_see(st, r->rev, err) != 0 ||
	    note_own_write(st, r->updated, err) != 0)
		goto out;
	r->synced = 0;
	rc = 0;
out:
	free(body);
	if (rc == 0)
		return store_commit(st, err);
	store_rollback(st);
	return -1;
}

int
store_record_put(struct store *st, const struct record *r, const char *base, int dirty,
    struct error *err)
{
	char *body = record_to_json(r);
	int rc;

	if (store_begin(st, err) != 0) {
		free(body);
		return -1;
	}
	rc = write_row(st, r, body, base, dirty, err);
	if (rc == 0)
		rc = clock_see(st, r->rev, err);
	free(body);
	if (rc != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

char *
store_record_base(struct store *st, const char *id)
{
	return db_text(st, "SELECT base FROM record WHERE id = ?", id);
}

int
store_record_mark_synced(struct store *st, const char *id, int64_t rev, const char *oid,
    struct error *err)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)rev);
	return db_exec(st, err, "UPDATE record SET dirty = 0, base = body,"
	    " synced_oid = coalesce(?, synced_oid) WHERE id = ? AND rev = CAST(? AS INTEGER)",
	    3, oid, id, buf);
}

int
store_record_set_conflict(struct store *st, const char *id, int conflict, struct error *err)
{
	return db_exec(st, err, "UPDATE record SET conflict = ? WHERE id = ?", 2,
	    conflict ? "1" : "0", id);
}

/* FTS5 query from words a person typed: each word quoted (no FTS syntax gets through) and
 * taken as a prefix; all words must match. */
static char *
fts_query(const char *text)
{
	size_t len = strlen(text), o = 0;
	char *q = xmalloc(len * 2 + 8 * (len + 1) + 1);
	const char *p = text;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (o > 0)
			q[o++] = ' ';
		q[o++] = '"';
		for (; *p && *p != ' ' && *p != '\t' && *p != '\n'; p++) {
			if (*p == '"')
				q[o++] = '"';
			q[o++] = *p;
		}
		q[o++] = '"';
		q[o++] = '*';
	}
	q[o] = '\0';
	return q;
}

void
where_add(struct where *w, const char *cond, const char *value)
{
	strcat(w->sql, w->sql[0] == '\0' ? " WHERE " : " AND ");
	strcat(w->sql, cond);
	if (value != NULL)
		w->text[w->ntext++] = value;
}

void
where_free(struct where *w)
{
	free(w->fts);
	w->fts = NULL;
}

int
where_build(struct where *w, const struct record_filter *f, int deleted_too,
    struct error *err)
{
	memset(w, 0, sizeof *w);
	if (!deleted_too)
		where_add(w, "r.deleted = 0", NULL);
	if (f->kind != NULL) {
		if (!record_kind_valid(f->kind))
			return error_set(err, ERR_INVALID, "kind", "kind: unknown kind '%s' "
			    "(visit, task or workshop)", f->kind);
		where_add(w, "r.kind = ?", f->kind);
	}
	if (f->volunteer != NULL)
		where_add(w, "r.volunteer = ?", f->volunteer);
	if (f->municipality != NULL)
		where_add(w, "r.municipality = ?", f->municipality);
	if (f->from != NULL)
		where_add(w, "r.date >= ?", f->from);
	if (f->to != NULL)
		where_add(w, "r.date <= ?", f->to);
	if (f->only_unsynced)
		where_add(w, "r.dirty = 1", NULL);
	if (f->only_conflict)
		where_add(w, "r.conflict = 1", NULL);
	if (f->only_flagged || f->flagged_for)
		where_add(w, "(SELECT v.status FROM review v WHERE v.record_id = r.id"
		    " ORDER BY v.at DESC, v.id DESC LIMIT 1) = 'flagged'", NULL);
	if (f->flagged_for)
		where_add(w, "r.volunteer = ?", f->flagged_for);
	if (f->only_unreviewed)
		where_add(w, "NOT EXISTS (SELECT 1 FROM review v WHERE v.record_id = r.id)", NULL);
	if (f->search != NULL && *f->search) {
		w->fts = fts_query(f->search);
		where_add(w, "r.rowid IN (SELECT rowid FROM record_fts WHERE record_fts MATCH ?)",
		    w->fts);
	}
	return 0;
}

sqlite3_stmt *
where_prepare(struct store *st, const char *head, const struct where *w, const char *tail,
    struct error *err)
{
	char *sql = xasprintf("%s%s%s", head, w->sql, tail ? tail : "");
	sqlite3_stmt *stmt = db_prepare(st, sql, err);
	int i;

	free(sql);
	if (stmt == NULL)
		return NULL;
	for (i = 0; i < w->ntext; i++)
		sqlite3_bind_text(stmt, i + 1, w->text[i], -1, SQLITE_STATIC);
	return stmt;
}

/* The page of a list: keyset (after_*) in either direction, or limit and offset. */
static sqlite3_stmt *
prepare_page(struct store *st, struct where *w, const struct record_filter *f,
    struct error *err)
{
	sqlite3_stmt *stmt;

	if (f->after_date != NULL && f->after_id != NULL) {
		where_add(w, f->oldest_first ? "(r.date, r.id) > (?, ?)" :
		    "(r.date, r.id) < (?, ?)", f->after_date);
		w->text[w->ntext++] = f->after_id;
	}
	stmt = where_prepare(st, "SELECT " RECORD_COLUMNS " FROM record r", w,
	    f->oldest_first ? " ORDER BY r.date, r.id LIMIT ?9998 OFFSET ?9999" :
	    " ORDER BY r.date DESC, r.id DESC LIMIT ?9998 OFFSET ?9999", err);
	if (stmt != NULL) {
		sqlite3_bind_int64(stmt, 9998, f->limit > 0 ? f->limit : -1);
		sqlite3_bind_int64(stmt, 9999, f->offset);
	}
	return stmt;
}

int
store_list(struct store *st, const struct record_filter *f, record_cb cb, void *payload,
    struct error *err)
{
	struct where w;
	sqlite3_stmt *stmt = NULL;
	struct record *r;
	int rc = -1, step;

	if (where_build(&w, f, f->include_deleted, err) != 0)
		goto out;
	if ((stmt = prepare_page(st, &w, f, err)) == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (row_record(stmt, 0, &r, err) != 0)
			goto out;
		int stop = cb(r, payload);
		record_free(r);
		if (stop)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_error(st, err, "listing records");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	where_free(&w);
	return rc;
}

int
store_count(struct store *st, const struct record_filter *f, long *out, struct error *err)
{
	struct where w;
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	if (where_build(&w, f, f->include_deleted, err) != 0)
		goto out;
	if ((stmt = where_prepare(st, "SELECT count(*) FROM record r", &w, NULL, err)) == NULL)
		goto out;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_error(st, err, "counting records");
		goto out;
	}
	*out = (long)sqlite3_column_int64(stmt, 0);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	where_free(&w);
	return rc;
}

int
store_list_unsynced(struct store *st, record_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	struct record *r;
	int rc = -1, step;

	stmt = db_prepare(st, "SELECT " RECORD_COLUMNS " FROM record r WHERE r.dirty = 1"
	    " ORDER BY r.updated, r.id", err);
	if (stmt == NULL)
		return -1;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (row_record(stmt, 0, &r, err) != 0)
			goto out;
		int stop = cb(r, payload);
		record_free(r);
		if (stop)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_error(st, err, "listing unsynced records");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

/* ---- reviews ---- */

void
review_free(struct review *rv)
{
	if (rv == NULL)
		return;
	free(rv->by);
	free(rv->comment);
	free(rv);
}

json_t *
review_to_object(const struct review *rv)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(rv->id));
	json_object_set_new(o, "record", json_string(rv->record_id));
	json_object_set_new(o, "by", json_string(rv->by));
	json_object_set_new(o, "status", json_string(rv->status));
	json_object_set_new(o, "comment", json_string(rv->comment ? rv->comment : ""));
	json_object_set_new(o, "at", json_string(rv->at));
	return o;
}

char *
review_to_json(const struct review *rv)
{
	json_t *o = review_to_object(rv);
	char *text = json_dumps(o, JSON_SORT_KEYS | JSON_INDENT(2)), *out;

	json_decref(o);
	if (text == NULL)
		util_out_of_memory();	/* only on allocation failure */
	out = xasprintf("%s\n", text);
	free(text);
	return out;
}

int
review_from_json(struct review **out, const char *text, size_t len, struct error *err)
{
	json_error_t jerr;
	json_t *o;
	const char *id, *rec, *by, *status, *comment, *at;
	struct review *rv;
	int rc = -1;

	if (len > 64 * 1024)
		return error_set(err, ERR_INVALID, "", "review file over 64 KB");
	if (!utf8_valid(text, len))
		return error_set(err, ERR_INVALID, "", "not valid UTF-8");
	if ((o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return error_set(err, ERR_INVALID, "", "not JSON (line %d: %s)", jerr.line,
		    jerr.text);
	if (json_unpack(o, "{s:s, s:s, s:s, s:s, s:s, s:s}", "id", &id, "record", &rec,
	    "by", &by, "status", &status, "comment", &comment, "at", &at) != 0) {
		error_set(err, ERR_INVALID, "", "a review needs id, record, by, status, comment"
		    " and at");
		goto out;
	}
	if (!uuid_valid(id) || !uuid_valid(rec)) {
		error_set(err, ERR_INVALID, "id", "review id or record id is not a UUID");
		goto out;
	}
	if (strcmp(status, "ok") != 0 && strcmp(status, "flagged") != 0) {
		error_set(err, ERR_INVALID, "status", "status: '%.20s' is not ok or flagged",
		    status);
		goto out;
	}
	if (!iso_time_valid(at) || *by == '\0' || strlen(by) > VOLUNTEER_ID_MAX ||
	    text_needs_sanitize(by, 0)) {
		error_set(err, ERR_INVALID, "at", "review author or time is not valid");
		goto out;
	}
	rv = xcalloc(1, sizeof *rv);
	snprintf(rv->id, sizeof rv->id, "%s", id);
	snprintf(rv->record_id, sizeof rv->record_id, "%s", rec);
	snprintf(rv->status, sizeof rv->status, "%s", status);
	snprintf(rv->at, sizeof rv->at, "%s", at);
	rv->by = xstrdup(by);
	rv->comment = xstrdup(comment);
	*out = rv;
	rc = 0;
out:
	json_decref(o);
	return rc;
}

int
store_review_put(struct store *st, const struct review *rv, int synced, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = db_prepare(st, "INSERT INTO review(id, record_id, by, status, comment, at, dirty)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
	    " dirty = min(dirty, excluded.dirty)", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, rv->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, rv->record_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, rv->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, rv->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, rv->comment ? rv->comment : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, rv->at, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 7, !synced);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, err, "saving the review");
	return 0;
}

int
store_review_add(struct store *st, struct review *rv, struct error *err)
{
	if (clock_is_plausible(st, err) != 0)
		return -1;
	uuid_v7(rv->id);
	clock_now_iso(rv->at);
	rv->synced = 0;
	if (store_begin(st, err) != 0)
		return -1;
	if (store_review_put(st, rv, 0, err) != 0 || note_own_write(st, rv->at, err) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

static int
list_reviews(struct store *st, sqlite3_stmt *stmt, review_cb cb, void *payload,
    struct error *err)
{
	struct review rv;
	int step, stop = 0;

	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		memset(&rv, 0, sizeof rv);
		snprintf(rv.id, sizeof rv.id, "%s", sqlite3_column_text(stmt, 0));
		snprintf(rv.record_id, sizeof rv.record_id, "%s", sqlite3_column_text(stmt, 1));
		rv.by = (char *)sqlite3_column_text(stmt, 2);
		snprintf(rv.status, sizeof rv.status, "%s", sqlite3_column_text(stmt, 3));
		rv.comment = (char *)sqlite3_column_text(stmt, 4);
		snprintf(rv.at, sizeof rv.at, "%s", sqlite3_column_text(stmt, 5));
		rv.synced = sqlite3_column_int(stmt, 6) == 0;
		stop = cb(&rv, payload);
	}
	if (!stop && step != SQLITE_DONE) {
		db_error(st, err, "listing reviews");
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

int
store_reviews_of(struct store *st, const char *record_id, review_cb cb, void *payload,
    struct error *err)
{
	sqlite3_stmt *stmt = db_prepare(st, "SELECT id, record_id, by, status, comment, at,"
	    " dirty FROM review WHERE record_id = ? ORDER BY at, id", err);

	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, record_id, -1, SQLITE_TRANSIENT);
	return list_reviews(st, stmt, cb, payload, err);
}

int
store_reviews_unsynced(struct store *st, review_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt = db_prepare(st, "SELECT id, record_id, by, status, comment, at,"
	    " dirty FROM review WHERE dirty = 1 ORDER BY at, id", err);

	if (stmt == NULL)
		return -1;
	return list_reviews(st, stmt, cb, payload, err);
}

int
store_review_mark_synced(struct store *st, const char *id, struct error *err)
{
	return db_exec(st, err, "UPDATE review SET dirty = 0 WHERE id = ?", 1, id);
}

/* ---- drafts ---- */

void
draft_free(struct draft *d)
{
	if (d == NULL)
		return;
	json_decref(d->fields);
	free(d->field);
	free(d);
}

int
store_draft_save(struct store *st, struct draft *d, struct error *err)
{
	sqlite3_stmt *stmt;
	char *fields = json_dumps(d->fields ? d->fields : json_object(), JSON_COMPACT);
	int rc;

	clock_now_iso(d->updated);
	stmt = db_prepare(st, "INSERT INTO draft(id, kind, record_id, fields, field, updated)"
	    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET kind = excluded.kind,"
	    " record_id = excluded.record_id, fields = excluded.fields,"
	    " field = excluded.field, updated = excluded.updated RETURNING id", err);
	if (stmt == NULL) {
		free(fields);
		return -1;
	}
	if (d->id > 0)
		sqlite3_bind_int64(stmt, 1, d->id);
	sqlite3_bind_text(stmt, 2, d->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, d->record_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, fields, -1, SQLITE_STATIC);
	if (d->field != NULL)
		sqlite3_bind_text(stmt, 5, d->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, d->updated, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		d->id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	free(fields);
	if (rc != SQLITE_ROW)
		return db_error(st, err, "saving the draft");
	return 0;
}

int
store_draft_latest(struct store *st, struct draft **out, struct error *err)
{
	sqlite3_stmt *stmt;
	struct draft *d;
	const char *fields;
	int rc;

	*out = NULL;
	stmt = db_prepare(st, "SELECT id, kind, record_id, fields, field, updated FROM draft"
	    " ORDER BY updated DESC, id DESC LIMIT 1", err);
	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		d = xcalloc(1, sizeof *d);
		d->id = sqlite3_column_int64(stmt, 0);
		snprintf(d->kind, sizeof d->kind, "%s", sqlite3_column_text(stmt, 1));
		snprintf(d->record_id, sizeof d->record_id, "%s", sqlite3_column_text(stmt, 2));
		fields = (const char *)sqlite3_column_text(stmt, 3);
		d->fields = json_loads(fields ? fields : "{}", 0, NULL);
		if (!json_is_object(d->fields)) {
			json_decref(d->fields);
			d->fields = json_object();
		}
		d->field = column_malloc(stmt, 4);
		snprintf(d->updated, sizeof d->updated, "%s", sqlite3_column_text(stmt, 5));
		*out = d;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, "reading drafts");
	return 0;
}

int
store_draft_delete(struct store *st, int64_t id, struct error *err)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	return db_exec(st, err, "DELETE FROM draft WHERE id = CAST(? AS INTEGER)", 1, buf);
}

/* ---- sync state ---- */

int
store_unsynced_count(struct store *st, long *out, struct error *err)
{
	int64_t n = db_int(st, -1, "SELECT (SELECT count(*) FROM record WHERE dirty = 1) +"
	    " (SELECT count(*) FROM review WHERE dirty = 1) + (SELECT count(*) FROM pending)", 0);

	if (n < 0)
		return db_error(st, err, "counting unsynced records");
	*out = (long)n;
	return 0;
}

int
store_unsynced_each(struct store *st, unsynced_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt;
	int step, stop = 0;

	stmt = db_prepare(st, "SELECT 0, id FROM record WHERE dirty = 1"
	    " UNION ALL SELECT 1, id FROM review WHERE dirty = 1"
	    " UNION ALL SELECT 2, path FROM pending ORDER BY 1, 2", err);
	if (stmt == NULL)
		return -1;
	while (!stop && (step = sqlite3_step(stmt)) == SQLITE_ROW)
		stop = cb((enum unsynced_what)sqlite3_column_int(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1), payload);
	sqlite3_finalize(stmt);
	if (!stop && step != SQLITE_DONE)
		return db_error(st, err, "listing what is not on the remote");
	return 0;
}

int
store_quarantine_add(struct store *st, const char *path, const char *reason,
    const char *commit, struct error *err)
{
	char at[ISO_TIME_LEN + 1];

	clock_now_iso(at);
	return db_exec(st, err, "INSERT INTO quarantine(path, reason, commit_id, at)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET reason = excluded.reason,"
	    " commit_id = excluded.commit_id, at = excluded.at", 4, path, reason,
	    commit ? commit : "", at);
}

int
store_quarantine_list(struct store *st, quarantine_cb cb, void *payload, struct error *err)
{
	sqlite3_stmt *stmt = db_prepare(st, "SELECT path, reason, commit_id, at FROM quarantine"
	    " ORDER BY at, path", err);
	int step;

	if (stmt == NULL)
		return -1;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (cb((const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2),
		    (const char *)sqlite3_column_text(stmt, 3), payload))
			break;
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(st, err, "listing quarantined files");
	return 0;
}

static int
collect_review(const struct review *rv, void *payload)
{
	json_t *o = json_object();

	json_object_set_new(o, "by", json_string(rv->by));
	json_object_set_new(o, "status", json_string(rv->status));
	json_object_set_new(o, "comment", json_string(rv->comment ? rv->comment : ""));
	json_object_set_new(o, "at", json_string(rv->at));
	json_array_append_new(payload, o);
	return 0;
}

json_t *
store_record_json(struct store *st, const struct record *r)
{
	json_t *o = record_to_object(r), *reviews = json_array();

	json_object_set_new(o, "synced", json_boolean(r->synced));
	json_object_set_new(o, "conflict", json_boolean(r->conflict));
	json_object_set_new(o, "flagged", json_boolean(r->flagged));
	store_reviews_of(st, r->id, collect_review, reviews, NULL);
	json_object_set_new(o, "reviews", reviews);
	return o;
}
