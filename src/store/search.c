/*
 * Full-text search, Arabic-aware. SQLite's unicode61 tokenizer folds Latin
 * case and diacritics but treats Arabic harakat as letters and alef forms
 * as distinct, so a word typed without vowel marks would not find the same
 * word written with them. Both sides therefore go through one normal form
 * (store_search_normalize) before FTS5 sees them: the index holds the
 * normalized title and body text, and every query is normalized the same
 * way. The index follows the items table through triggers (schema.c) that
 * call the two SQL functions defined here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* 0 drops the character; otherwise what it becomes. */
static inline uint32_t
search_fold(uint32_t cp)
{
	if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640)
		return 0;	/* harakat, superscript alef, tatweel */
	switch (cp) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671:
		return 0x0627;	/* alef with madda / hamza above / below, wasla */
	case 0x0629:
		return 0x0647;	/* ta marbuta -> ha */
	case 0x0649:
		return 0x064A;	/* alef maqsura -> ya */
	}
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	/* Bidi marks and isolates (kept in feed text since issue 11) are not
	 * part of any word; no indexed row held one before, so the index
	 * needs no rebuild. */
	if (cp >= 0x0600 && cp <= 0x06FF)
		return cp == 0x061C ? 0 : cp;	/* Arabic has no case; ALM is a mark */
	if (utf8_is_bidi_control(cp))
		return ' ';
	return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

/*
 * The output of the normalizer. Invariant between steps: cap leaves room
 * for the rest of the input byte for byte plus the NUL, so the two common
 * cases (ASCII and two-byte Arabic, which never grow) append without a
 * check; only other characters, which may grow (a bad byte becomes a 3-byte
 * U+FFFD), reserve first.
 */
struct norm {
	char *out;
	size_t *map;	/* NULL unless the caller wants the offsets */
	size_t o, cap;
};

static void
norm_init(struct norm *n, size_t len, bool map)
{
	n->cap = len + 16;
	n->o = 0;
	n->out = xmalloc(n->cap);
	n->map = map ? xreallocarray(NULL, n->cap, sizeof *n->map) : NULL;
}

/* Room for need more bytes after o, and still the rest (left bytes) of the
 * input after those. */
static void
norm_reserve(struct norm *n, size_t need, size_t left)
{
	if (n->o + need + left + 1 <= n->cap)
		return;
	n->cap = (n->o + need + left + 1) * 2;
	n->out = xrealloc(n->out, n->cap);
	if (n->map != NULL)
		n->map = xreallocarray(n->map, n->cap, sizeof *n->map);
}

/* One character that is neither ASCII nor two-byte Arabic (or an invalid
 * byte): decoded, folded, encoded. Returns the input bytes it took. */
static size_t
norm_other(struct norm *n, const char *s, size_t len, size_t at)
{
	uint32_t cp;
	size_t k, used = utf8_decode(s, len, &cp);

	if ((cp = search_fold(cp)) == 0)
		return used;
	norm_reserve(n, 4, len - used);
	k = utf8_encode(cp, n->out + n->o);
	for (size_t j = 0; n->map != NULL && j < k; j++)
		n->map[n->o + j] = at;
	n->o += k;
	return used;
}

/*
 * Normalize s[0..len) onto n. base is the offset of s in the caller's text
 * (for the map). With stop, end early at the first '<', '&' or NUL (the
 * HTML walker's cue) and return how far it got.
 */
static size_t
norm_run(struct norm *n, const char *str, size_t len, size_t base, bool stop)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char *out = (unsigned char *)n->out;
	size_t i = 0, o = n->o;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			if (stop && (c == '<' || c == '&' || c == '\0'))
				break;
			if (n->map != NULL)
				n->map[o] = base + i;
			out[o++] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		/* U+0600-U+06FF: folds to nothing or to itself or another
		 * letter of the block, so two bytes at most. */
		if (c >= 0xD8 && c <= 0xDB && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
			uint32_t cp = search_fold(((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F));
			if (cp != 0) {
				if (n->map != NULL)
					n->map[o] = n->map[o + 1] = base + i;
				out[o] = (unsigned char)(0xC0 | (cp >> 6));
				out[o + 1] = (unsigned char)(0x80 | (cp & 0x3F));
				o += 2;
			}
			i += 2;
			continue;
		}
		n->o = o;
		i += norm_other(n, str + i, len - i, base + i);
		out = (unsigned char *)n->out;
		o = n->o;
	}
	n->o = o;
	return i;
}

/* Terminate and hand over the string (and the map, ending with end). */
static char *
norm_finish(struct norm *n, size_t **map, size_t end)
{
	n->out[n->o] = '\0';
	if (map != NULL) {
		n->map[n->o] = end;
		*map = n->map;
	} else
		free(n->map);
	return n->out;
}

/*
 * This runs over every byte of every stored body when it is indexed, so it
 * is one pass into one buffer sized up front: the normal form is rarely
 * longer than the input (the buffer grows for the rare characters that are).
 */
char *
store_search_normalize(const char *s, size_t len, size_t **map)
{
	struct norm n;

	norm_init(&n, len, map != NULL);
	norm_run(&n, s, len, 0, false);
	return norm_finish(&n, map, len);
}

/* Characters of named entities common in feeds; the rest stay as written. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
	{ "nbsp", ' ' }, { "zwnj", 0x200C }, { "zwj", 0x200D },
	{ "laquo", 0x00AB }, { "raquo", 0x00BB }, { "hellip", 0x2026 },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 },
};

/* Decode the entity at p (just after '&'); returns its length up to and
 * including ';', or 0 when it is not one we know. */
static size_t
html_entity(const char *p, uint32_t *cp)
{
	size_t n = 0;

	while (n <= 10 && p[n] != '\0' && p[n] != ';')
		n++;
	if (p[n] != ';')
		return 0;
	if (n >= 2 && p[0] == '#') {
		char *end;
		unsigned long v = (p[1] == 'x' || p[1] == 'X') ?
		    strtoul(p + 2, &end, 16) : strtoul(p + 1, &end, 10);
		if (end != p + n || v == 0 || v > 0x10FFFF)
			return 0;
		*cp = (uint32_t)v;
		return n + 1;
	}
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		if (strlen(entities[i].name) == n && memcmp(p, entities[i].name, n) == 0) {
			*cp = entities[i].cp;
			return n + 1;
		}
	}
	return 0;
}

/* Skip the element whose name follows "<" at p when it is script or style:
 * returns where its end tag ends, or NULL when p is not such an element. */
static const char *
html_skip_raw(const char *p)
{
	static const char *const raw[] = { "script", "style" };

	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(raw[i]);
		const char *q;
		if (strncasecmp(p + 1, raw[i], n) != 0 ||
		    (p[1 + n] != '>' && p[1 + n] != ' ' && p[1 + n] != '\t' && p[1 + n] != '\n'))
			continue;
		for (q = p + 1 + n; (q = strchr(q, '<')) != NULL; q++) {
			if (q[1] == '/' && strncasecmp(q + 2, raw[i], n) == 0) {
				const char *gt = strchr(q, '>');
				return gt != NULL ? gt + 1 : q + strlen(q);
			}
		}
		return p + strlen(p);
	}
	return NULL;
}

/*
 * The normal form of the plain text of HTML, appended to n in the same pass
 * that finds it: tags become spaces, script and style elements and comments
 * go, entities are decoded. The bytes are exactly those of normalizing the
 * extracted text afterwards (the index can only delete terms it is given
 * again, so they must never change): every piece starts on a character
 * boundary, so no sequence spans two of them.
 */
static void
html_norm(struct norm *n, const char *html, size_t len)
{
	const char *p = html, *end = html + len;

	norm_reserve(n, 0, len);
	while (p < end && *p != '\0') {
		if (*p == '<') {
			const char *q;
			if (strncmp(p, "<!--", 4) == 0) {
				q = strstr(p + 4, "-->");
				p = q != NULL ? q + 3 : p + strlen(p);
			} else if ((q = html_skip_raw(p)) != NULL) {
				p = q;
			} else {
				q = strchr(p, '>');
				p = q != NULL ? q + 1 : p + strlen(p);
			}
			/* A tag separates words (<p>a</p><p>b</p> is "a b"). */
			n->out[n->o++] = ' ';
		} else if (*p == '&') {
			uint32_t cp;
			size_t k = html_entity(p + 1, &cp);
			if (k != 0) {
				char enc[4];
				size_t m = utf8_encode(cp, enc);
				p += 1 + k;
				/* At most 4 characters of at most 4 bytes each. */
				norm_reserve(n, 16, (size_t)(end - p));
				norm_run(n, enc, m, 0, false);
			} else {
				n->out[n->o++] = '&';
				p++;
			}
		} else
			p += norm_run(n, p, (size_t)(end - p), 0, true);
	}
}

/* nr_fts_text(text): the indexed form of a plain-text column. */
static void
fts_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	/* -1: a NUL inside the value ends the indexed text. */
	sqlite3_result_text(ctx, store_search_normalize(text,
	    (size_t)sqlite3_value_bytes(argv[0]), NULL), -1, free);
}

/* nr_fts_html(summary, content): the indexed form of the body, the columns
 * separated by a newline. */
static void
fts_html(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct norm n;
	size_t total = 0;
	bool text = false;	/* some text extracted already (even if it folds to nothing) */

	for (int i = 0; i < argc; i++)
		total += (size_t)sqlite3_value_bytes(argv[i]) + 1;
	norm_init(&n, total, false);
	for (int i = 0; i < argc; i++) {
		const char *html = (const char *)sqlite3_value_text(argv[i]);
		if (html == NULL)
			continue;
		if (text) {
			norm_reserve(&n, 1, 0);
			n.out[n.o++] = '\n';
		}
		text = text || html[0] != '\0';
		html_norm(&n, html, (size_t)sqlite3_value_bytes(argv[i]));
	}
	norm_finish(&n, NULL, 0);
	sqlite3_result_text(ctx, n.out, (int)n.o, free);
}

int
store_search_register(struct store *s)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(s->db, "nr_fts_text", 1, flags, NULL, fts_text, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_create_function(s->db, "nr_fts_html", 2, flags, NULL, fts_html, NULL,
	    NULL) != SQLITE_OK)
		return store_fail(s);
	return store_tokenizer_register(s);
}

/*
 * Why new rows are indexed at commit, not one by one: any statement that
 * opens a statement journal (an item INSERT does: several indexes, a
 * foreign key) makes SQLite call xSavepoint on every virtual table already
 * written in the transaction, and FTS5 answers by flushing its in-memory
 * terms to a new segment. Interleaving item and index writes thus wrote one
 * tiny segment per item and merged them over and over (about 10x slower for
 * a 20,000-item feed). Queued in fts_pending and indexed by one INSERT ...
 * SELECT at commit, the terms are flushed once. The queue is a table, not
 * memory, so indexing can also be put off (store_set_deferred_index) and
 * done later by anyone.
 */
int
store_fts_queue(struct store *s, int64_t item_id, bool is_new)
{
	sqlite3_stmt *st;

	if (!is_new) {
		int rc;
		st = store_stmt(s, STMT_FTS_IS_PENDING,
		    "SELECT 1 FROM fts_pending WHERE id = ?1");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, item_id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return 0;	/* queued earlier in this transaction: not indexed yet */
		if (rc != SQLITE_DONE)
			return store_fail(s);
		if (store_run_int(s, STMT_FTS_DELETE_OLD,
		    "INSERT INTO items_fts (items_fts, rowid, title, body, author) "
		    "SELECT 'delete', id, nr_fts_text(title), nr_fts_html(summary, content), "
		    "nr_fts_text(author) "
		    "FROM items WHERE id = ?1", item_id) == -1)
			return -1;
	}
	if (store_run_int(s, STMT_FTS_ADD_PENDING,
	    "INSERT OR IGNORE INTO fts_pending (id) VALUES (?1)", item_id) == -1)
		return -1;
	s->fts_pending++;
	return 0;
}

/* Index up to max queued items (0: all); 0 or -1. */
static int
fts_index_pending(struct store *s, size_t max)
{
	int64_t lim = max == 0 || max > INT64_MAX ? -1 : (int64_t)max;

	/* Both statements take the same lowest ids: one transaction. */
	if (store_run_int(s, STMT_FTS_FLUSH,
	    "INSERT INTO items_fts (rowid, title, body, author) "
	    "SELECT i.id, nr_fts_text(i.title), nr_fts_html(i.summary, i.content), "
	    "nr_fts_text(i.author) "
	    "FROM fts_pending p JOIN items i ON i.id = p.id ORDER BY p.id LIMIT ?1", lim) == -1)
		return -1;
	return store_run_int(s, STMT_FTS_CLEAR_PENDING,
	    "DELETE FROM fts_pending WHERE id IN "
	    "(SELECT id FROM fts_pending ORDER BY id LIMIT ?1)", lim);
}

int
store_fts_flush(struct store *s)
{
	if (s->fts_pending == 0 || s->fts_deferred)
		return 0;
	if (fts_index_pending(s, 0) == -1)
		return -1;
	s->fts_pending = 0;
	return 0;
}

void
store_set_deferred_index(struct store *s, bool deferred)
{
	s->fts_deferred = deferred;
}

void
store_set_bulk_checkpoint(struct store *s, int pages)
{
	sqlite3_wal_autocheckpoint(s->db, pages > 0 ? pages : STORE_CHECKPOINT_PAGES);
}

int64_t
store_search_catch_up(struct store *s, size_t max)
{
	sqlite3_stmt *st;
	int64_t left = -1;

	if (store_begin(s) == -1)
		return -1;
	if (fts_index_pending(s, max) == -1)
		goto fail;
	st = store_stmt(s, STMT_FTS_COUNT_PENDING, "SELECT count(*) FROM fts_pending");
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		left = sqlite3_column_int64(st, 0);
	else
		store_fail(s);
	sqlite3_reset(st);
	if (left < 0)
		goto fail;
	s->fts_pending = 0;
	if (store_run_commit(s) == -1)
		goto fail;
	return left;
fail:
	store_rollback_keep_err(s);
	return -1;
}

/*
 * Before a search, index every item still waiting (written by a deferred
 * writer, this connection or another), so that a search finds everything
 * committed. Inside this connection's open transaction that happens in it
 * (its own uncommitted items included); otherwise in a transaction of its
 * own, taken only when something waits. When that cannot be had (a
 * read-only connection, another writer holding the lock past the busy
 * timeout), the search runs over what is indexed rather than failing.
 */
static int
search_catch_up_all(struct store *s)
{
	sqlite3_stmt *st;
	int64_t waiting = 0;

	if (!sqlite3_get_autocommit(s->db)) {
		if (fts_index_pending(s, 0) == -1)
			return -1;
		s->fts_pending = 0;
		return 0;
	}
	st = store_stmt(s, STMT_FTS_COUNT_PENDING, "SELECT count(*) FROM fts_pending");
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		waiting = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (waiting > 0 && !s->readonly)
		store_search_catch_up(s, 0);
	return 0;
}

/* Append w[0..n) to q as an FTS5 string (doubled quotes inside). */
static void
fts_string(struct buf *q, const char *w, size_t n)
{
	buf_append_char(q, '"');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			buf_append_char(q, '"');
		buf_append_char(q, w[i]);
	}
	buf_append_char(q, '"');
}

/*
 * One bare word: a word prefix as before, or for an Arabic word also any
 * word with the same light stem (the '~' terms of tokenize.c) and the stem
 * written bare: "تداول" finds "التداول", "المنصة" finds "منصة".
 */
static void
fts_word(struct buf *q, const char *w, size_t n)
{
	size_t st, k;

	while (n > 0 && *w == '~') {	/* never let the user name a stem term */
		w++;
		n--;
	}
	if (n == 0)
		return;
	if (q->len > 0)
		buf_append_str(q, " AND ");
	k = store_stem_ar(w, n, &st);
	if ((unsigned char)w[0] < 0xD8 || (unsigned char)w[0] > 0xDB || k == 0) {
		fts_string(q, w, n);
		buf_append_char(q, '*');
		return;
	}
	buf_append_char(q, '(');
	fts_string(q, w, n);
	buf_append_str(q, "* OR ");
	buf_append_char(q, '"');
	buf_append_char(q, '~');
	buf_append(q, w + st, k);
	buf_append_char(q, '"');
	if (k != n) {
		buf_append_str(q, " OR ");
		fts_string(q, w + st, k);
	}
	buf_append_char(q, ')');
}

/*
 * The FTS5 query for the user's text, all parts ANDed: each bare word
 * (fts_word), and each "quoted phrase" as an exact phrase of the written
 * words (no prefix, no stems). Everything is normalized first and goes in
 * as FTS5 strings, so nothing is read as FTS5 syntax. NULL when there is
 * no word.
 */
char *
store_search_fts_query(const char *query)
{
	char *norm = store_search_normalize(query, strlen(query), NULL);
	struct buf q = BUF_INIT;
	const char *p = norm;

	/* '~' marks stem terms (tokenize.c); typed, it only separates words,
	 * as unicode61 reads it anyway. */
	for (char *t = norm; (t = strchr(t, '~')) != NULL; )
		*t = ' ';
	for (;;) {
		size_t n;
		p += strspn(p, " \t\r\n");
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			n = end != NULL ? (size_t)(end - p - 1) : strlen(p + 1);
			if (n > 0 && (p + 1)[strspn(p + 1, " \t\r\n")] != '"') {
				char *ph = xstrndup(p + 1, n);
				/* A phrase made of separators only matches nothing
				 * useful: FTS5 would reject it, so drop it. */
				if (strspn(ph, " \t\r\n~") != n) {
					if (q.len > 0)
						buf_append_str(&q, " AND ");
					fts_string(&q, ph, n);
				}
				free(ph);
			}
			p += n + 1 + (end != NULL);
			continue;
		}
		if ((n = strcspn(p, " \t\r\n\"")) == 0)
			break;
		fts_word(&q, p, n);
		p += n;
	}
	free(norm);
	if (q.len == 0) {
		buf_free(&q);
		return NULL;
	}
	return buf_detach(&q);
}

void
store_search_hits_clear(struct store_search_hits *h)
{
	free(h->ids);
	h->ids = NULL;
	h->n = 0;
	h->complete = false;
}

/* Polled by SQLite every few thousand VM steps: non-zero interrupts. */
struct cancel_ctx {
	bool (*cancelled)(void *arg);
	void *arg;
};

static int
search_progress(void *p)
{
	const struct cancel_ctx *c = p;

	return c->cancelled(c->arg) ? 1 : 0;
}

int
store_search_ids(struct store *s, const char *query, size_t newest,
    bool (*cancelled)(void *arg), void *arg, struct store_search_hits *out)
{
	struct cancel_ctx cc = { cancelled, arg };
	sqlite3_stmt *st;
	size_t alloc = 0;
	char *fts;
	int rc;

	store_search_hits_clear(out);
	if ((fts = store_search_fts_query(query)) == NULL)
		return 0;
	/* bm25 weights: a word in the title counts four times one in the
	 * body, the author twice; a match in a comment half as much as one
	 * in the body. An item matched by itself and its comments is one
	 * row at its best rank. Ranked on the index alone: joining every
	 * match to items first cost most of the time on a big cache
	 * (bench/search_bench). Equal ranks: newer rows (higher ids) first.
	 * Each index is read newest rowid first, which FTS5 does without
	 * sorting: with a limit (?2), only the newest matches are ranked at
	 * all, and ranking (bm25 reads each match's column sizes) is what a
	 * common word costs (issue 18). */
	st = store_stmt(s, STMT_SEARCH_IDS,
	    "SELECT id, min(r) AS r FROM ("
	    " SELECT * FROM (SELECT rowid AS id, bm25(items_fts, 4.0, 1.0, 2.0) AS r"
	    "  FROM items_fts WHERE items_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
	    " UNION ALL SELECT * FROM (SELECT c.item_id, 0.5 * bm25(comments_fts)"
	    "  FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid"
	    "  WHERE comments_fts MATCH ?1 ORDER BY comments_fts.rowid DESC LIMIT ?2)"
	    ") GROUP BY id ORDER BY r, id DESC");
	if (st == NULL) {
		free(fts);
		return -1;
	}
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, newest == 0 || newest > INT64_MAX ? -1 : (int64_t)newest);
	if (cancelled != NULL)
		sqlite3_progress_handler(s->db, 1000, search_progress, &cc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == alloc) {
			alloc = alloc == 0 ? 256 : alloc * 2;
			out->ids = xreallocarray(out->ids, alloc, sizeof *out->ids);
		}
		out->ids[out->n++] = sqlite3_column_int64(st, 0);
	}
	if (cancelled != NULL)
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
	if (rc != SQLITE_DONE) {
		bool stopped = rc == SQLITE_INTERRUPT;
		if (!stopped)
			store_fail(s);
		store_search_hits_clear(out);
		sqlite3_reset(st);
		free(fts);
		return stopped ? 1 : -1;
	}
	sqlite3_reset(st);
	out->complete = newest == 0;
	/* Fewer ids than newest: the items index was not cut short (it
	 * alone would give that many distinct ids); the comments index may
	 * have been, when many comments of few items match. */
	if (!out->complete && out->n < newest) {
		st = store_stmt(s, STMT_SEARCH_COMMENTS_CUT,
		    "SELECT count(*) FROM (SELECT 1 FROM comments_fts"
		    " WHERE comments_fts MATCH ?1 LIMIT ?2)");
		if (st == NULL) {
			free(fts);
			return -1;
		}
		sqlite3_bind_text(st, 1, fts, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, newest > INT64_MAX ? INT64_MAX : (int64_t)newest);
		if (sqlite3_step(st) == SQLITE_ROW)
			out->complete = (uint64_t)sqlite3_column_int64(st, 0) < newest;
		sqlite3_reset(st);
	}
	free(fts);
	return 0;
}

int
store_items_by_ids(struct store *s, const int64_t *ids, size_t n,
    struct store_item_list *out)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *st;
	int ret;

	store_item_list_clear(out);
	if (n == 0)
		return 0;
	/* One statement for the page, in the order given (json_each's key). */
	buf_append_char(&json, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&json, "%s%lld", i > 0 ? "," : "", (long long)ids[i]);
	buf_append_char(&json, ']');
	st = store_stmt(s, STMT_ITEMS_BY_IDS,
	    "SELECT " SUMMARY_COLUMNS " FROM json_each(?1) j"
	    " JOIN items i ON i.id = j.value JOIN feeds f ON f.id = i.feed_id"
	    " ORDER BY j.key");
	if (st == NULL) {
		buf_free(&json);
		return -1;
	}
	sqlite3_bind_text(st, 1, buf_str(&json), (int)json.len, SQLITE_TRANSIENT);
	ret = store_summaries_collect(s, st, out);
	buf_free(&json);
	return ret;
}

int64_t
store_search_waiting(struct store *s)
{
	sqlite3_stmt *st;
	int64_t waiting = -1;

	st = store_stmt(s, STMT_FTS_COUNT_PENDING, "SELECT count(*) FROM fts_pending");
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		waiting = sqlite3_column_int64(st, 0);
	else
		store_fail(s);
	sqlite3_reset(st);
	return waiting;
}

/* The synchronous search: catch up, rank every match, join one page. */
int
store_search(struct store *s, const char *query, size_t limit, size_t offset,
    struct store_item_list *out)
{
	struct store_search_hits h = { 0 };
	int ret;

	store_item_list_clear(out);
	if (search_catch_up_all(s) == -1)
		return -1;
	if (store_search_ids(s, query, 0, NULL, NULL, &h) != 0)
		return -1;
	if (offset < h.n)
		ret = store_items_by_ids(s, h.ids + offset,
		    h.n - offset < limit ? h.n - offset : limit, out);
	else
		ret = 0;
	store_search_hits_clear(&h);
	return ret;
}

/* One part of a query for store_search_find: a bare word or a phrase. */
struct qpart {
	char **words;	/* normal form; a bare word has one */
	size_t n;
	bool phrase;
	char *stem;	/* bare Arabic word: its light stem; else NULL */
};

/* A word of the normal form: letters, marks and digits (UAX 29 would say
 * more; this is what unicode61 keeps as a term). */
static bool
word_char(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		    (cp >= 'A' && cp <= 'Z');
	c = utf8proc_category((utf8proc_int32_t)cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	    (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* The words of s: starts and ends (byte offsets), appended to *v. */
static size_t
split_words(const char *s, size_t len, size_t (**v)[2])
{
	size_t n = 0, a = 0, i = 0;

	*v = NULL;
	while (i < len) {
		uint32_t cp;
		size_t k, st = i;
		while (i < len) {
			k = utf8_decode(s + i, len - i, &cp);
			if (word_char(cp))
				break;
			i += k;
		}
		st = i;
		while (i < len) {
			k = utf8_decode(s + i, len - i, &cp);
			if (!word_char(cp))
				break;
			i += k;
		}
		if (i > st) {
			if (n == a) {
				a = a ? a * 2 : 16;
				*v = xreallocarray(*v, a, sizeof **v);
			}
			(*v)[n][0] = st;
			(*v)[n][1] = i;
			n++;
		}
	}
	return n;
}

static void
qparts_free(struct qpart *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < p[i].n; j++)
			free(p[i].words[j]);
		free(p[i].words);
		free(p[i].stem);
	}
	free(p);
}

/* The query as search reads it (store_search_fts_query): bare words and
 * quoted phrases, in the normal form, split into words as the index is. */
static size_t
qparts_parse(const char *query, struct qpart **out)
{
	char *norm = store_search_normalize(query, strlen(query), NULL);
	struct qpart *v = NULL;
	size_t n = 0;
	const char *p = norm;

	for (;;) {
		size_t len, (*w)[2], nw;
		bool phrase = false;
		p += strspn(p, " \t\r\n");
		if (*p == '\0')
			break;
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			p++;
			len = end != NULL ? (size_t)(end - p) : strlen(p);
			phrase = true;
		} else
			len = strcspn(p, " \t\r\n\"");
		nw = split_words(p, len, &w);
		if (!phrase) {
			/* A bare word unicode61 splits ("covid-19") is a phrase of
			 * its pieces, the last one a prefix: close enough here. */
			for (size_t i = 0; i < nw; i++) {
				struct qpart q = { .n = 1 };
				size_t st, k;
				q.words = xmalloc(sizeof *q.words);
				q.words[0] = xstrndup(p + w[i][0], w[i][1] - w[i][0]);
				k = store_stem_ar(q.words[0], strlen(q.words[0]), &st);
				if ((unsigned char)q.words[0][0] >= 0xD8 &&
				    (unsigned char)q.words[0][0] <= 0xDB)
					q.stem = xstrndup(q.words[0] + st, k);
				v = xreallocarray(v, n + 1, sizeof *v);
				v[n++] = q;
			}
		} else if (nw > 0) {
			struct qpart q = { .n = nw, .phrase = true };
			q.words = xreallocarray(NULL, nw, sizeof *q.words);
			for (size_t i = 0; i < nw; i++)
				q.words[i] = xstrndup(p + w[i][0], w[i][1] - w[i][0]);
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = q;
		}
		free(w);
		p += len + (phrase && p[len] == '"');
	}
	free(norm);
	*out = v;
	return n;
}

/* Does the text word t (normal form) match the bare query word q? */
static bool
bare_match(const struct qpart *q, const char *t, size_t tl)
{
	size_t wl = strlen(q->words[0]), st, k;

	if (tl >= wl && memcmp(t, q->words[0], wl) == 0)
		return true;	/* a word prefix */
	if (q->stem == NULL)
		return false;
	k = strlen(q->stem);
	if (tl == k && memcmp(t, q->stem, k) == 0)
		return true;
	size_t k1 = store_stem_ar(t, tl, &st);
	if (k1 == k && memcmp(t + st, q->stem, k) == 0)
		return true;
	k1 = store_stem_ar_particle(t, tl, &st);
	return k1 == k && memcmp(t + st, q->stem, k) == 0;
}

size_t
store_search_find(const char *query, const char *text, size_t len,
    struct store_range *out, size_t max)
{
	size_t *map, nparts, nw, found = 0, (*w)[2];
	struct qpart *q = NULL;
	char *norm;

	if (max == 0 || (nparts = qparts_parse(query, &q)) == 0) {
		free(q);
		return 0;
	}
	norm = store_search_normalize(text, len, &map);
	nw = split_words(norm, strlen(norm), &w);
	for (size_t i = 0; i < nw && found < max; i++) {
		for (size_t j = 0; j < nparts; j++) {
			size_t last = i;
			bool ok;
			if (!q[j].phrase)
				ok = bare_match(&q[j], norm + w[i][0], w[i][1] - w[i][0]);
			else {
				ok = i + q[j].n <= nw;
				for (size_t k = 0; ok && k < q[j].n; k++) {
					size_t a = w[i + k][0], b = w[i + k][1];
					ok = strlen(q[j].words[k]) == b - a &&
					    memcmp(norm + a, q[j].words[k], b - a) == 0;
				}
				last = i + q[j].n - 1;
			}
			if (ok) {
				out[found].start = map[w[i][0]];
				/* The end of the last word's last character. */
				out[found].end = map[w[last][1]];
				found++;
				i = last;
				break;
			}
		}
	}
	free(w);
	free(map);
	free(norm);
	qparts_free(q, nparts);
	return found;
}
