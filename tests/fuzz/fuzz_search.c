/*
 * libFuzzer target for search (src/store/search.c, tokenize.c, stem.c):
 * the input is a query and a text separated by the first NUL byte (else
 * the query alone is also the text; a second NUL ends the text). The rules:
 * - store_search_normalize gives valid UTF-8 and is idempotent, and its
 *   map sends every byte to a character start of the input, in order;
 * - the FTS5 query built from any typed text is either NULL or a query
 *   FTS5 accepts (nothing typed is read as FTS5 syntax), run against an
 *   index made with the real tokenizer (nr_stem) in an in-memory database;
 *   normalising the typed text first changes nothing;
 * - store_search_find gives ordered, disjoint, non-empty ranges on
 *   character boundaries of the text, and whenever the index says the text
 *   matches, it finds at least one range to highlight.
 */
#include "config.h"

#include <sqlite3.h>
#include <utf8proc.h>

#include "store/store.h"
#include "store/store-int.h"

#include "fuzz.h"

static bool
valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
		    c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		if (k == 0 || i + k > n)
			return false;
		for (size_t j = 1; j < k; j++)
			if ((p[i + j] & 0xc0) != 0x80)
				return false;
		if ((c == 0xe0 && p[i + 1] < 0xa0) || (c == 0xed && p[i + 1] > 0x9f) ||
		    (c == 0xf0 && p[i + 1] < 0x90) || (c == 0xf4 && p[i + 1] > 0x8f))
			return false;
		i += k;
	}
	return true;
}

/* Start of a character (or the end) of valid UTF-8; in invalid text, where
 * a broken sequence ends is the decoder's to say, so anything goes. */
static bool
char_start(const char *s, size_t n, size_t off)
{
	return off == n || ((unsigned char)s[off] & 0xc0) != 0x80 || !valid_utf8(s, n);
}

/*
 * ASCII and Arabic letters with harakat: beyond them unicode61's
 * remove_diacritics folds marks the normal form keeps (U+06EC, Syriac
 * U+0741, say), and the index then matches words the highlighter does not
 * show. Known (nothing is lost, a highlight is missing); the highlight rule
 * is checked on queries and texts made of these.
 */
static bool
plain_query(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	for (; *s != '\0'; s += k) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		if (k <= 0 || (cp >= 0x80 && !(cp >= 0x621 && cp <= 0x65f) && cp != 0x670))
			return false;
	}
	return true;
}

static sqlite3 *db;
static sqlite3_stmt *ins, *match, *del;

static void
db_open(void)
{
	if (db != NULL)
		return;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || store_tokenizer_register_db(db) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5 (title, body, "
	    "tokenize = 'nr_stem unicode61 remove_diacritics 2')", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t (rowid, title, body) VALUES (1, ?1, '')", -1,
	    &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &match,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM t", -1, &del, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_search: %s\n", db ? sqlite3_errmsg(db) : "no database");
		abort();
	}
}

static void
check_normalize(const char *s, size_t n)
{
	size_t *map = NULL, *map2 = NULL;
	char *a = store_search_normalize(s, n, &map), *b;
	size_t al = strlen(a);

	if (!valid_utf8(a, al))
		fuzz_fail("normal form is not valid UTF-8");
	for (size_t i = 0; i <= al; i++) {
		if (map[i] > n || (i > 0 && map[i] < map[i - 1]))
			fuzz_fail("map[%zu] = %zu out of order or past %zu", i, map[i], n);
		if (!char_start(s, n, map[i]))
			fuzz_fail("map[%zu] = %zu inside a character", i, map[i]);
	}
	if (map[al] != n)
		fuzz_fail("map ends at %zu, not %zu", map[al], n);
	b = store_search_normalize(a, al, &map2);
	if (strcmp(a, b) != 0)
		fuzz_fail("normalize is not idempotent: \"%s\" -> \"%s\"", a, b);
	free(map);
	free(map2);
	free(a);
	free(b);
}

/* 1 match, 0 none; a refused query is a broken rule. */
static int
fts_matches(const char *fts, const char *text, size_t n)
{
	char *norm = store_search_normalize(text, n, NULL);
	int rc, found = 0;

	sqlite3_bind_text(ins, 1, norm, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(ins) != SQLITE_DONE)
		fuzz_fail("insert: %s", sqlite3_errmsg(db));
	sqlite3_reset(ins);
	sqlite3_bind_text(match, 1, fts, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(match)) == SQLITE_ROW)
		found = 1;
	if (rc != SQLITE_DONE)
		fuzz_fail("FTS5 refused the query %s: %s", fts, sqlite3_errmsg(db));
	sqlite3_reset(match);
	sqlite3_step(del);
	sqlite3_reset(del);
	free(norm);
	return found;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_strndup(data, size), *query = buf, *text = buf;
	size_t tn = size, ql = strlen(buf);
	struct store_range r[64];
	size_t nr;
	char *fts, *fts2, *nq;

	db_open();
	/* A C string each: the text ends at the next NUL, as in the cache. */
	if (ql < size) {
		text = buf + ql + 1;
		tn = strlen(text);
	}
	check_normalize(text, tn);
	check_normalize(query, ql);

	fts = store_search_fts_query(query);
	nq = store_search_normalize(query, ql, NULL);
	fts2 = store_search_fts_query(nq);
	if ((fts == NULL) != (fts2 == NULL) || (fts != NULL && strcmp(fts, fts2) != 0))
		fuzz_fail("query and its normal form differ: %s / %s", fts ? fts : "NULL",
		    fts2 ? fts2 : "NULL");
	free(fts2);
	free(nq);

	nr = store_search_find(query, text, tn, r, 64);
	if (nr > 64)
		fuzz_fail("%zu ranges for 64 slots", nr);
	for (size_t i = 0; i < nr; i++) {
		if (r[i].start >= r[i].end || r[i].end > tn)
			fuzz_fail("range %zu [%zu,%zu) of %zu", i, r[i].start, r[i].end, tn);
		if (i > 0 && r[i].start < r[i - 1].end)
			fuzz_fail("range %zu overlaps the one before", i);
		if (!char_start(text, tn, r[i].start) || !char_start(text, tn, r[i].end))
			fuzz_fail("range %zu [%zu,%zu) cuts a character", i, r[i].start, r[i].end);
	}
	if (fts != NULL) {
		if (!valid_utf8(fts, strlen(fts)))
			fuzz_fail("FTS query is not valid UTF-8");
		if (fts_matches(fts, text, tn) && nr == 0 && plain_query(query) &&
		    plain_query(text))
			fuzz_fail("the index matches \"%s\" for %s but find shows nothing", text, fts);
	}
	free(fts);
	free(buf);
	return 0;
}
