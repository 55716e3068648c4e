/*
 * Opening the cache: check the file before SQLite may write to it, set up
 * the connection (WAL, busy timeout, foreign keys), migrate the schema; and
 * the helpers every other file of the store uses (statement cache, errors,
 * transactions).
 *
 * The rule for a file that is not ours (garbage, another program's SQLite
 * database, a cache from a newer newsreader, a damaged one): report it and
 * leave every byte as it was. So nothing that writes (journal_mode, a
 * migration) runs before the header, the schema and user_version have been
 * read and found acceptable.
 *
 * Nothing here opens the database file itself: closing any descriptor of it
 * would drop the fcntl locks of this process's other connections (POSIX),
 * so the header is read through SQLite's own descriptor.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/fileio.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* PRAGMA application_id of our caches ("NRDR"), set by migration 1. */
#define STORE_APPLICATION_ID 0x4e524452

const char *
store_errmsg(const struct store *s)
{
	return s->err != NULL ? s->err : "no error";
}

const char *
store_errreason(const struct store *s)
{
	if (s->reason != NULL)
		return s->reason;
	return s->err != NULL ? s->err : "no error";
}

static int
store_set_err(struct store *s, char *msg)
{
	free(s->err);
	s->err = msg;
	xfree(&s->reason);
	return -1;
}

/* SQLite's error code and the system's errno, in a user's words. */
static char *
reason_words(const struct store *s, int code, int sys)
{
	if (code == SQLITE_FULL || sys == ENOSPC)
		return xstrdup("cache is full (no space left on device)");
	if (sys == EDQUOT)
		return xstrdup("cache is full (disk quota exceeded)");
	if (code == SQLITE_READONLY || sys == EROFS) {
		if (sys == EROFS)
			return xstrdup("cache is read-only (read-only file system)");
		if (sys == EACCES || sys == EPERM)
			return xasprintf("cache is read-only (%s)", strerror(sys));
		return xstrdup("cache is read-only");
	}
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return xasprintf("cache is busy (its write lock was held for over %d s)",
		    STORE_BUSY_MS / 1000);
	if (code == SQLITE_CORRUPT)
		return xasprintf("the cache is corrupt (%s)", sqlite3_errmsg(s->db));
	if (code == SQLITE_NOTADB)
		return xasprintf("cache is damaged (%s)", sqlite3_errmsg(s->db));
	if (code == SQLITE_IOERR || code == SQLITE_CANTOPEN)
		return xasprintf("cache cannot be written (%s)",
		    sys != 0 ? strerror(sys) : sqlite3_errmsg(s->db));
	return xasprintf("cache error (%s)", sqlite3_errmsg(s->db));
}

int
store_failf(struct store *s, const char *fmt, ...)
{
	va_list ap;
	char *reason;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	store_set_err(s, xasprintf("%s: %s", s->path, reason));
	free(reason);
	return -1;
}

int
store_fail(struct store *s)
{
	int code = sqlite3_errcode(s->db);
	int sys = sqlite3_system_errno(s->db);

	if (s->gone) {
		/* query_only refused the write: say why it was set. */
		store_failf(s, "the cache was removed while newsreader was running");
		s->reason = xstrdup("the cache was removed");
		return -1;
	}
	char *words = reason_words(s, code, sys);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		store_failf(s, "database is locked by another connection");
	else if (code == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
		/* SQLite says "disk I/O error" for a full disk: say what to do. */
		store_failf(s, "cache is full (%s); what was being stored was not: free "
		    "some space and try again", strerror(sys != 0 ? sys : ENOSPC));
	else if (code == SQLITE_CORRUPT) {
		/* Writing on would spread the damage: every caller stops, and
		 * the user is told how to keep what the file still holds. */
		s->corrupt = true;
		store_failf(s, "the cache is corrupt (%s); it was left as it is: move it "
		    "aside (its likes and drafts may be rescued with sqlite3's .recover) "
		    "and newsreader starts a new one", sqlite3_errmsg(s->db));
	} else if ((code == SQLITE_CANTOPEN || code == SQLITE_IOERR) && sys != 0)
		store_failf(s, "%s (%s)", sqlite3_errmsg(s->db), strerror(sys));
	else
		store_failf(s, "%s", sqlite3_errmsg(s->db));
	s->reason = words;
	return -1;
}

bool
store_corrupt(const struct store *s)
{
	return s->corrupt;
}

void
store_set_busy_timeout(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms);
}

sqlite3_stmt *
store_stmt(struct store *s, enum stmt_id id, const char *sql)
{
	sqlite3_stmt *st = s->stmts[id];

	if (st != NULL)
		return st;	/* reset and cleared by whoever used it last */
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
	    SQLITE_OK) {
		store_fail(s);
		return NULL;
	}
	s->stmts[id] = st;
	return st;
}

int
store_step_done(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return -1;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return 0;
}

sqlite3_stmt *
store_prep_once(struct store *s, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s);
		return NULL;
	}
	return st;
}

int
store_finish_once(struct store *s, sqlite3_stmt *st, int rc)
{
	/* The error is read before finalize, which may replace it. */
	if (rc != SQLITE_DONE)
		store_fail(s);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_run_once(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	return store_finish_once(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

int
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

char *
store_column_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);

	return v != NULL ? xstrdup((const char *)v) : NULL;
}

/* Run one row-less statement by text; for set-up only (not cached). */
static int
store_exec(struct store *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s);
	return 0;
}

/* The first column of the one-row query sql as an integer. */
static int
store_query_int(struct store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE) {
		store_fail(s);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * Before SQLite opens the file: exists (unless creating), a regular file,
 * readable. Only stat() and access(), which open nothing: closing any
 * descriptor of the database would drop every fcntl lock this process
 * holds on it, those of its other connections included (POSIX), and another
 * process could then delete the WAL under them. Gives the errno reason
 * SQLite's "unable to open database file" hides.
 */
/*
 * A cache still to be created: the nearest existing directory above it must
 * be writable. Otherwise SQLite (or the data directory that could not be
 * made) only says "No such file or directory", which sends the user looking
 * for a missing file instead of at a read-only directory.
 */
static int
store_check_creatable(struct store *s)
{
	char *dir;
	int e = fileio_unwritable_dir(s->path, &dir);

	if (e == 0)
		return 0;
	store_failf(s, "cannot be created: %s is read-only (%s)", dir, strerror(e));
	free(dir);
	return -1;
}

static int
store_preflight(struct store *s)
{
	struct stat sb;

	if (stat(s->path, &sb) != 0) {
		if (errno == ENOENT && !s->readonly)
			return store_check_creatable(s);
		return store_failf(s, "%s", strerror(errno));
	}
	if (S_ISDIR(sb.st_mode))
		return store_failf(s, "%s", strerror(EISDIR));
	if (!S_ISREG(sb.st_mode))
		return store_failf(s, "not a regular file");
	if (faccessat(AT_FDCWD, s->path, R_OK, AT_EACCESS) != 0)
		return store_failf(s, "%s", strerror(errno));
	return 0;
}

/*
 * The file SQLite just opened: empty, or starting with the SQLite header.
 * Read through SQLite's own descriptor (no open or close of ours), before
 * any query, so SQLite has not yet acted on a foreign file (say, rolled a
 * stray journal back into it).
 */
static int
store_check_header(struct store *s)
{
	static const char magic[16] = "SQLite format 3";
	char head[sizeof magic];
	sqlite3_file *file = NULL;
	sqlite3_int64 size = 0;
	int rc;

	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
	    SQLITE_OK || file == NULL || file->pMethods == NULL)
		return store_failf(s, "cannot read the file header");
	if (file->pMethods->xFileSize(file, &size) != SQLITE_OK)
		return store_failf(s, "%s", strerror(errno));
	if (size == 0)
		return 0;	/* new or empty: SQLite makes it a database */
	if (size < (sqlite3_int64)sizeof head)
		return store_failf(s, "file is not a database");
	errno = 0;
	rc = file->pMethods->xRead(file, head, (int)sizeof head, 0);
	if (rc != SQLITE_OK)
		return store_failf(s, "%s", errno != 0 ? strerror(errno) : "read error");
	if (memcmp(head, magic, sizeof head) != 0)
		return store_failf(s, "file is not a database");
	return 0;
}

/* Apply the migrations the file lacks, in one write transaction. */
static int
store_migrate(struct store *s)
{
	int64_t version = 0;

	if (store_exec(s, "BEGIN IMMEDIATE") == -1)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (store_query_int(s, "PRAGMA user_version", &version) == -1)
		goto fail;
	for (int64_t v = version; v < STORE_SCHEMA_VERSION; v++) {
		if (store_exec(s, store_migrations[v]) == -1)
			goto fail;
	}
	if (version < STORE_SCHEMA_VERSION) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
		    STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
		if (store_exec(s, sql) == -1)
			goto fail;
	}
	if (store_exec(s, "COMMIT") == -1)
		goto fail;
	return 0;
fail:
	/* Keep the migration's error, not the rollback's. */
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Read-only checks: is this our database, and one we understand? */
static int
store_check(struct store *s, int64_t *version)
{
	int64_t objects = 0, app_id = 0;

	/* Reading the schema reads the header and page 1: this is where a
	 * damaged or foreign file shows. */
	if (store_query_int(s, "SELECT count(*) FROM sqlite_master", &objects) == -1 ||
	    store_query_int(s, "PRAGMA user_version", version) == -1 ||
	    store_query_int(s, "PRAGMA application_id", &app_id) == -1)
		return -1;
	if (*version == 0 && objects != 0)
		return store_failf(s, "not a newsreader cache (a database of another program)");
	if (*version != 0 && app_id != STORE_APPLICATION_ID)
		return store_failf(s, "not a newsreader cache (application id %#llx)",
		    (unsigned long long)app_id);
	if (*version > STORE_SCHEMA_VERSION)
		return store_failf(s, "written by a newer newsreader (schema %lld; this one "
		    "knows up to %d)", (long long)*version, STORE_SCHEMA_VERSION);
	if (s->readonly && *version < STORE_SCHEMA_VERSION)
		return store_failf(s, "cache schema %lld is older than %d; open it once "
		    "without read-only access to upgrade it", (long long)*version,
		    STORE_SCHEMA_VERSION);
	return 0;
}

/* "file:PATH?immutable=1", PATH percent-encoded where a URI needs it. */
static char *
immutable_uri(const char *path)
{
	struct buf b = BUF_INIT;
	char hex[4];

	buf_append_str(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= 0x20 || *p >= 0x7f) {
			snprintf(hex, sizeof hex, "%%%02X", *p);
			buf_append_str(&b, hex);
		} else
			buf_append(&b, (const char *)p, 1);
	}
	buf_append_str(&b, "?immutable=1");
	return buf_detach(&b);
}

static int
store_setup(struct store *s)
{
	int64_t version = 0;
	int oflags;

	if (store_preflight(s) == -1)
		return -1;
	/* The cache holds drafts and the outbox: create it for its owner only
	 * (SQLite would use 0644 less the umask), and SQLite gives the -wal
	 * and -shm files the database's own mode. Only a file that does not
	 * exist yet: closing a descriptor of a file that another connection of
	 * this process has open would drop that connection's POSIX locks.
	 * No O_EXCL, so a dangling symlink's target is created. When this
	 * fails, SQLite's own open below says why. */
	struct stat sb;
	if (!s->readonly && stat(s->path, &sb) == -1 && errno == ENOENT) {
		int fd = open(s->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd != -1)
			close(fd);
	}
	oflags = (s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
	char *uri = NULL;
	if (s->immutable) {
		uri = immutable_uri(s->path);
		oflags |= SQLITE_OPEN_URI;
	}
	int orc = sqlite3_open_v2(uri != NULL ? uri : s->path, &s->db, oflags, NULL);
	free(uri);
	if (orc != SQLITE_OK) {
		if (s->db == NULL)
			return store_failf(s, "out of memory");
		return store_fail(s);
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (store_check_header(s) == -1 || store_check(s, &version) == -1 ||
	    store_search_register(s) == -1 || store_filter_register(s) == -1)
		return -1;
	/* From here on the file is ours to write. */
	if (!s->readonly) {
		sqlite3_stmt *st;
		bool wal = false;
		if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) !=
		    SQLITE_OK)
			return store_fail(s);
		if (sqlite3_step(st) == SQLITE_ROW) {
			const char *mode = (const char *)sqlite3_column_text(st, 0);
			wal = mode != NULL && strcmp(mode, "wal") == 0;
		}
		sqlite3_finalize(st);
		if (!wal)
			return store_fail(s);
	}
	if (store_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
	    "PRAGMA temp_store = MEMORY") == -1)
		return -1;
	if (version < STORE_SCHEMA_VERSION && store_migrate(s) == -1)
		return -1;
	/* Which file we opened, for store_file_gone(). */
	if (stat(s->path, &sb) == 0) {
		s->have_file = true;
		s->dev = sb.st_dev;
		s->ino = sb.st_ino;
	}
	return 0;
}

bool
store_file_gone(struct store *s)
{
	struct stat sb;

	if (s->gone)
		return true;
	if (!s->have_file)
		return false;
	if (stat(s->path, &sb) == 0 && sb.st_dev == s->dev && sb.st_ino == s->ino)
		return false;
	if (stat(s->path, &sb) != 0 && errno != ENOENT && errno != ENOTDIR)
		return false;	/* cannot tell (EACCES...): not gone */
	/* Writes would go to a file nobody can open again: refuse them all. */
	s->gone = true;
	sqlite3_exec(s->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
	return true;
}

struct store *
store_open(const char *path, int flags, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);

	s->path = xstrdup(path);
	s->readonly = (flags & (STORE_READONLY | STORE_IMMUTABLE)) != 0;
	s->immutable = (flags & STORE_IMMUTABLE) != 0;
	if (store_setup(s) == -1) {
		*err = s->err;
		s->err = NULL;
		store_close(&s);
		return NULL;
	}
	*err = NULL;
	return s;
}

void
store_close(struct store **sp)
{
	struct store *s = *sp;

	if (s == NULL)
		return;
	for (size_t i = 0; i < STMT_COUNT_; i++)
		sqlite3_finalize(s->stmts[i]);
	sqlite3_close_v2(s->db);
	free(s->path);
	free(s->err);
	free(s->reason);
	free(s);
	*sp = NULL;
}

static int
store_run(struct store *s, enum stmt_id id, const char *sql)
{
	sqlite3_stmt *st = store_stmt(s, id, sql);

	if (st == NULL)
		return -1;
	return store_step_done(s, st);
}

int
store_run_int(struct store *s, enum stmt_id id, const char *sql, int64_t v)
{
	sqlite3_stmt *st = store_stmt(s, id, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, v);
	return store_step_done(s, st);
}

int
store_begin(struct store *s)
{
	return store_run(s, STMT_BEGIN, "BEGIN IMMEDIATE");
}

int
store_run_commit(struct store *s)
{
	if (store_run(s, STMT_COMMIT, "COMMIT") == -1)
		return -1;
	s->fts_pending = 0;
	return 0;
}

int
store_commit(struct store *s)
{
	/* On failure the transaction stays open for the caller's rollback. */
	if (store_fts_flush(s) == -1)
		return -1;
	return store_run_commit(s);
}

int
store_rollback(struct store *s)
{
	s->fts_pending = 0;	/* the temp table rolls back with the rest */
	if (sqlite3_get_autocommit(s->db))
		return 0;	/* nothing open (SQLite may have rolled back itself) */
	return store_run(s, STMT_ROLLBACK, "ROLLBACK");
}

void
store_rollback_keep_err(struct store *s)
{
	char *err = s->err;

	s->err = NULL;
	store_rollback(s);
	free(s->err);
	s->err = err;
}
