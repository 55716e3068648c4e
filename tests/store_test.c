/*
 * Unit tests for src/store: schema and reopening, upserts, counts and
 * paging, Arabic-aware search, files that are not ours, two connections.
 * Each test works in its own temporary directory.
 */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/comments.h"
#include "store/pages.h"
#include "store/store-int.h"	/* store_migrations, for the upgrade test */
#include "store/store.h"
#include "util/xalloc.h"

#define STORE_FIXTURE_NAME "store_test"
#include "store_fixture.h"

/* An item with just an id and a title; the test sets what else it needs. */
static struct feed_item
item(const char *id, const char *title, time_t published)
{
	struct feed_item it = { 0 };

	it.id = id;
	it.title = title;
	it.published = published;
	it.comments_count = -1;
	return it;
}

static int64_t
upsert(struct store *s, int64_t feed, const struct feed_item *it, bool *changed)
{
	assert_int_equal(store_item_upsert(s, feed, it, changed), 0);
	return 0;
}

/* The id of the only item with this title (through the list API). */
static int64_t
find_id(struct store *s, const char *title)
{
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	struct store_item_list l = { 0 };
	int64_t id = -1;

	assert_int_equal(store_items_page(s, &all, STORE_KEY_TOP, STORE_OLDER, 1000, &l), 0);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].title != NULL && strcmp(l.v[i].title, title) == 0) {
			assert_int_equal(id, -1);
			id = l.v[i].id;
		}
	}
	store_item_list_clear(&l);
	assert_true(id > 0);
	return id;
}

static int64_t
sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	/* The tokenizer only: the index is read without the SQL functions. */
	assert_int_equal(store_tokenizer_register_db(db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Rows of items_fts matching an FTS5 query, read without our functions or
 * the join to items, so a stale index row would show. */
static int64_t
fts_rows(const char *path, const char *match)
{
	char *sql = xasprintf("SELECT count(*) FROM items_fts WHERE items_fts MATCH '%s'",
	    match);
	int64_t n = sql_int(path, sql);

	free(sql);
	return n;
}

static void
test_migrate_and_reopen(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	struct store_feed f;
	struct feed_meta meta = { .title = "مدونة التقنية", .link = "https://example.org/",
	    .language = "ar" };
	struct feed_item it = item("g1", "First", 1700000000);
	int64_t feed;

	feed = store_feed_ensure(s, "https://example.org/feed", NULL, "tech ar");
	assert_true(feed > 0);
	assert_int_equal(store_feed_ensure(s, "https://example.org/feed", "Mine", "tech"), feed);
	assert_int_equal(store_feed_set_meta(s, feed, &meta), 0);
	assert_int_equal(store_begin(s), 0);
	upsert(s, feed, &it, NULL);
	assert_int_equal(store_feed_fetched(s, feed, "\"e1\"", "Tue, 01 Oct 2024 10:00:00 GMT",
	    1700000100), 0);
	assert_int_equal(store_commit(s), 0);
	store_close(&s);
	assert_null(s);

	assert_int_equal(sql_int(fx->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM sqlite_master WHERE name IN "
	    "('feeds','items','items_fts','comments','drafts','outbox','tickers',"
	    "'ticker_history','ui_state')"), 9);

	s = open_ok(fx->db, 0);
	assert_int_equal(store_unread_count(s), 1);
	assert_int_equal(store_feed_get(s, "https://example.org/feed", &f), 0);
	assert_int_equal(f.id, feed);
	assert_string_equal(f.title, "Mine");	/* the user's title wins */
	assert_string_equal(f.tags, "tech");
	assert_string_equal(f.etag, "\"e1\"");
	assert_string_equal(f.link, "https://example.org/");
	assert_int_equal(f.last_success, 1700000100);
	assert_null(f.last_error);
	store_feed_clear(&f);

	/* A 304 keeps the validators; a failure keeps them too. */
	assert_int_equal(store_feed_fetched(s, feed, NULL, NULL, 1700000200), 0);
	assert_int_equal(store_feed_failed(s, feed, "HTTP 500", 1700000300, 1700000900), 0);
	assert_int_equal(store_feed_get(s, "https://example.org/feed", &f), 0);
	assert_string_equal(f.etag, "\"e1\"");
	assert_string_equal(f.last_error, "HTTP 500");
	assert_int_equal(f.last_success, 1700000200);
	assert_int_equal(f.last_attempt, 1700000300);
	assert_int_equal(f.retry_after, 1700000900);
	store_feed_clear(&f);
	assert_int_equal(store_feed_get(s, "https://nowhere.example/", &f), -1);
	store_close(&s);

	/* Read-only: opens an existing cache, never creates one. */
	s = open_ok(fx->db, STORE_READONLY);
	assert_int_equal(store_unread_count(s), 1);
	store_close(&s);
	char *err = NULL, *missing = xasprintf("%s/none.db", fx->dir);
	assert_null(store_open(missing, STORE_READONLY, &err));
	char *want = xasprintf("%s: No such file or directory", missing);
	assert_string_equal(err, want);
	assert_int_equal(access(missing, F_OK), -1);
	free(want);
	free(err);
	free(missing);
}

static void
test_upsert_no_duplicate(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://a.example/rss", NULL, NULL);
	const char *cats[] = { "news", "اقتصاد" };
	struct feed_enclosure enc = { "https://a.example/a.mp3", "audio/mpeg", 1234 };
	struct feed_item it = item("https://a.example/1", "Title", 1700000000);
	struct store_item got;
	bool changed;
	int64_t total;

	it.categories = cats;
	it.ncategories = 2;
	it.enclosures = &enc;
	it.nenclosures = 1;
	it.summary = "<p>Short</p>";
	it.comments_count = 3;
	upsert(s, feed, &it, &changed);
	assert_true(changed);
	upsert(s, feed, &it, &changed);
	assert_false(changed);
	/* The same guid in another feed is another item. */
	int64_t other = store_feed_ensure(s, "https://b.example/rss", NULL, NULL);
	upsert(s, other, &it, &changed);
	assert_true(changed);
	struct store_scope sc = { .kind = STORE_SCOPE_FEED, .feed_id = feed };
	assert_int_equal(store_items_count(s, &sc, &total, NULL), 0);
	assert_int_equal(total, 1);

	struct store_item_list l = { 0 };
	assert_int_equal(store_items_page(s, &sc, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(store_item_get(s, l.v[0].id, &got), 0);
	store_item_list_clear(&l);
	assert_string_equal(got.guid, "https://a.example/1");
	assert_string_equal(got.categories, "news\nاقتصاد");
	assert_string_equal(got.enclosures,
	    "[{\"url\":\"https://a.example/a.mp3\",\"type\":\"audio/mpeg\",\"length\":1234}]");
	assert_string_equal(got.summary, "<p>Short</p>");
	assert_null(got.content);
	assert_int_equal(got.comments_count, 3);
	assert_int_equal(got.date, 1700000000);
	assert_string_equal(got.feed_title, "https://a.example/rss");
	store_item_clear(&got);
	assert_int_equal(store_item_get(s, 999999, &got), -1);
	store_close(&s);
}

static void
test_update_in_place(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://a.example/rss", NULL, NULL);
	struct feed_item it = item("x1", "Volcano erupts", 1700000000);
	struct store_item_list l = { 0 };
	struct store_item got;
	int64_t id;
	bool changed;

	it.content = "<p>Lava everywhere</p>";
	upsert(s, feed, &it, NULL);
	id = find_id(s, "Volcano erupts");
	assert_int_equal(store_item_mark_read(s, id, true), 0);
	assert_int_equal(store_item_set_liked(s, id, true), 0);

	/* Only the comment count changes: still an update. */
	it.comments_count = 5;
	upsert(s, feed, &it, &changed);
	assert_true(changed);
	it.title = "Volcano calms";
	it.content = "<p>Ash only</p>";
	it.updated = 1700003600;
	upsert(s, feed, &it, &changed);
	assert_true(changed);
	assert_int_equal(find_id(s, "Volcano calms"), id);
	assert_int_equal(store_item_get(s, id, &got), 0);
	assert_string_equal(got.content, "<p>Ash only</p>");
	assert_true(got.read);
	assert_true(got.liked);
	assert_int_equal(got.comments_count, 5);
	store_item_clear(&got);
	assert_int_equal(store_unread_count(s), 0);

	/* The search index followed: the old words are gone. */
	assert_int_equal(store_search(s, "lava", 10, 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(store_search(s, "erupts", 10, 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(store_search(s, "ash calms", 10, 0, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id);
	store_item_list_clear(&l);
	assert_int_equal(fts_rows(fx->db, "lava"), 0);
	assert_int_equal(fts_rows(fx->db, "ash"), 1);
	store_close(&s);
}

static void
test_counts_and_paging(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t a = store_feed_ensure(s, "https://a.example/rss", "A", "news tech");
	int64_t b = store_feed_ensure(s, "https://b.example/rss", NULL, "news");
	struct store_item_list l = { 0 };
	struct store_feed *feeds;
	size_t nfeeds;
	char id[16], title[16];
	int64_t total, unread;

	assert_int_equal(store_begin(s), 0);
	for (int i = 0; i < 25; i++) {
		snprintf(id, sizeof id, "a%d", i);
		snprintf(title, sizeof title, "A %02d", i);
		struct feed_item it = item(id, title, 1700000000 + i * 60);
		upsert(s, a, &it, NULL);
	}
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "b%d", i);
		snprintf(title, sizeof title, "B %02d", i);
		/* Same dates as some of A's: the id breaks the tie. */
		struct feed_item it = item(id, title, 1700000000 + i * 60);
		upsert(s, b, &it, NULL);
	}
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_unread_count(s), 30);
	assert_int_equal(store_item_mark_read(s, find_id(s, "A 03"), true), 0);
	assert_int_equal(store_item_mark_read(s, find_id(s, "B 01"), true), 0);
	assert_int_equal(store_unread_count(s), 28);

	assert_int_equal(store_feed_list(s, &feeds, &nfeeds), 0);
	assert_int_equal(nfeeds, 2);
	assert_string_equal(feeds[0].title, "A");
	assert_int_equal(feeds[0].unread, 24);
	assert_int_equal(feeds[0].total, 25);
	assert_null(feeds[1].title);
	assert_int_equal(feeds[1].unread, 4);
	assert_int_equal(feeds[1].total, 5);
	store_feed_list_free(&feeds, nfeeds);
	assert_null(feeds);

	struct store_scope tag = { .kind = STORE_SCOPE_TAG, .tag = "tech" };
	assert_int_equal(store_items_count(s, &tag, &total, &unread), 0);
	assert_int_equal(total, 25);
	assert_int_equal(unread, 24);
	tag.tag = "news";
	assert_int_equal(store_items_count(s, &tag, &total, &unread), 0);
	assert_int_equal(total, 30);
	tag.tag = "new";	/* a whole tag, not a substring */
	assert_int_equal(store_items_count(s, &tag, &total, &unread), 0);
	assert_int_equal(total, 0);

	/* Page through everything, 7 at a time: newest first, no gaps. */
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	struct store_item_key key = STORE_KEY_TOP, mid = { 0, 0 };
	int seen = 0, pages = 0;
	time_t last = INT64_MAX;
	do {
		assert_int_equal(store_items_page(s, &all, key, STORE_OLDER, 7, &l), 0);
		for (size_t i = 0; i < l.n; i++) {
			assert_true(l.v[i].date <= last);
			last = l.v[i].date;
			seen++;
		}
		if (l.n > 0)
			key = store_item_summary_key(&l.v[l.n - 1]);
		if (++pages == 2)
			mid = key;
	} while (l.n == 7);
	store_item_list_clear(&l);
	assert_int_equal(seen, 30);
	assert_int_equal(pages, 5);

	/* Up from the end of page 2: the 14 rows before it, in list order. */
	assert_int_equal(store_items_page(s, &all, mid, STORE_NEWER, 100, &l), 0);
	assert_int_equal(l.n, 13);
	assert_string_equal(l.v[0].title, "A 24");
	assert_int_equal(l.v[0].date, 1700000000 + 24 * 60);
	store_item_list_clear(&l);

	struct store_scope unr = { .kind = STORE_SCOPE_FEED, .feed_id = b,
	    .unread_only = true };
	assert_int_equal(store_items_page(s, &unr, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].title, "B 04");
	assert_string_equal(l.v[3].title, "B 00");
	assert_string_equal(l.v[0].feed_title, "https://b.example/rss");
	store_item_list_clear(&l);

	assert_int_equal(store_feed_mark_read(s, a), 0);
	assert_int_equal(store_unread_count(s), 4);
	assert_int_equal(store_item_mark_read(s, find_id(s, "A 03"), false), 0);
	assert_int_equal(store_unread_count(s), 5);
	assert_int_equal(store_item_mark_read(s, 424242, true), -1);
	store_close(&s);
}

/* Arabic-aware search: each query must find exactly the expected titles. */
static void
test_search_arabic(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://ar.example/rss", NULL, NULL);
	static const struct {
		const char *id, *title, *body;
	} docs[] = {
		{ "1", "المَكْتَبَةُ العامة", "<p>افتتاح فرع جديد في المدينة</p>" },
		{ "2", "أخبار الاقتصاد", "<p>ارتفاع أسعار القمح</p>" },
		{ "3", "مستشفى جديد", "<p>يفتح المستشفى أبوابه <b>يوم</b> الخميس</p>" },
		{ "4", "طريق مصطفى", "<p>إغلاق طريق الساحل</p>" },
		{ "5", "Rust Release Notes", "<p>The &lt;Borrow&gt; checker &amp; friends</p>" },
		{ "6", "كــتـــاب الأسبوع", "<p>قراءة في <script>var x = 'hidden';</script>رواية</p>" },
		{ "7", "آمال الشباب", "<p>ٱلشباب والعمل</p>" },
	};
	static const struct {
		const char *query;
		const char *want;	/* ids of the expected rows, sorted */
	} cases[] = {
		{ "المكتبة", "1" },		/* no harakat; ه/ة in the index */
		{ "المكتبه", "1" },		/* ه for ة */
		{ "المَكتبة", "1" },		/* harakat in the query */
		{ "اخبار", "2" },		/* ا finds أ */
		{ "أسعار", "2" },		/* أ finds أ (normalized on both sides) */
		{ "إغلاق", "4" },		/* إ */
		{ "اغلاق", "4" },
		{ "مصطفي", "4" },		/* ي for ى */
		{ "مصطفى", "4" },
		{ "كتاب", "6" },		/* tatweel in the index */
		{ "كـتـاب", "6" },		/* tatweel in the query */
		{ "امال", "7" },		/* آ */
		{ "الشباب", "7" },		/* ٱ in the body, ا in the title */
		{ "rust", "5" },		/* Latin case */
		{ "RELEASE notes", "5" },
		{ "borrow", "5" },		/* entities decoded, tags dropped */
		{ "hidden", "" },		/* scripts are not text */
		{ "جديد", "13" },		/* title in 3, body in 1 */
		{ "جديد المستشفي", "3" },	/* all words must match */
		{ "مست", "3" },			/* word prefix */
		{ "p", "" },			/* tag names are not indexed */
		{ "\"", "" },			/* FTS5 syntax is only text */
		{ "AND OR NOT", "" },
		{ "   ", "" },
	};
	struct store_item_list l = { 0 };

	assert_int_equal(store_begin(s), 0);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		struct feed_item it = item(docs[i].id, docs[i].title, 1700000000 + (time_t)i);
		it.content = docs[i].body;
		upsert(s, feed, &it, NULL);
	}
	assert_int_equal(store_commit(s), 0);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char got[16] = "";
		size_t n = 0;
		assert_int_equal(store_search(s, cases[c].query, 20, 0, &l), 0);
		for (size_t i = 0; i < l.n && n + 1 < sizeof got; i++) {
			struct store_item it;
			assert_int_equal(store_item_get(s, l.v[i].id, &it), 0);
			got[n++] = it.guid[0];
			store_item_clear(&it);
		}
		/* Sort the ids: the order of equal ranks is not the point here. */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && got[j - 1] > got[j]; j--) {
				char t = got[j]; got[j] = got[j - 1]; got[j - 1] = t;
			}
		if (strcmp(got, cases[c].want) != 0)
			fail_msg("query \"%s\": got [%s], want [%s]", cases[c].query, got,
			    cases[c].want);
		store_item_list_clear(&l);
	}
	/* Limit and offset. */
	assert_int_equal(store_search(s, "جديد", 1, 0, &l), 0);
	assert_int_equal(l.n, 1);
	int64_t first = l.v[0].id;
	assert_int_equal(store_search(s, "جديد", 1, 1, &l), 0);
	assert_int_equal(l.n, 1);
	assert_true(l.v[0].id != first);
	store_item_list_clear(&l);
	store_close(&s);
}

/*
 * Issue 13: Arabic light stemming (light10, stem.c). Each row is a word in
 * the search normal form and its stem; prefixes and suffixes are taken off
 * in both directions, and too short a rest keeps the letters.
 */
static void
test_stem_table(void **state)
{
	static const struct {
		const char *word, *stem, *particle;	/* particle: "" when none */
	} rows[] = {
		{ "التداول", "تداول", "" },		/* ال */
		{ "والمتداولون", "متداول", "" },	/* وال + ون */
		{ "المتداولون", "متداول", "" },
		{ "بالتداول", "تداول", "" },		/* بال */
		{ "كالتداول", "تداول", "" },		/* كال */
		{ "فالتداول", "تداول", "" },		/* فال */
		{ "للتداول", "تداول", "" },		/* لل */
		{ "وتداول", "تداول", "" },		/* و alone */
		{ "البيتكوين", "بيتكو", "" },		/* ال + ين */
		{ "بيتكوين", "بيتكو", "يتكو" },		/* ب kept by light10 */
		{ "التضخم", "تضخم", "" },
		{ "المنصه", "منص", "" },		/* ة (as ه) */
		{ "منصه", "منص", "" },
		{ "بمنصه", "بمنص", "منص" },		/* a particle: index only */
		{ "منصات", "منص", "" },			/* ات */
		{ "اسعارها", "اسعار", "" },		/* ها */
		{ "المصريين", "مصر", "" },		/* ين then ي */
		{ "الاقتصاديه", "اقتصاد", "" },	/* يه */
		{ "له", "له", "" },			/* too short to cut */
		{ "وقت", "وقت", "" },			/* و kept: 2 letters would remain */
		{ "ال", "ال", "" },
		{ "bitcoin", "bitcoin", "" },		/* not Arabic: itself */
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *w = rows[i].word;
		size_t st, k = store_stem_ar(w, strlen(w), &st);
		if (k != strlen(rows[i].stem) || memcmp(w + st, rows[i].stem, k) != 0)
			fail_msg("%s: stem %.*s, want %s", w, (int)k, w + st, rows[i].stem);
		k = store_stem_ar_particle(w, strlen(w), &st);
		if (k != strlen(rows[i].particle) || memcmp(w + st, rows[i].particle, k) != 0)
			fail_msg("%s: particle stem %.*s, want %s", w, (int)k, w + st,
			    rows[i].particle);
	}
}

/* Titles of the rows of a search, sorted by guid, joined by ','. */
static char *
search_ids(struct store *s, const char *query)
{
	struct store_item_list l = { 0 };
	char got[64] = "";
	size_t n = 0;

	assert_int_equal(store_search(s, query, 50, 0, &l), 0);
	for (size_t i = 0; i < l.n && n + 1 < sizeof got; i++) {
		struct store_item it;
		assert_int_equal(store_item_get(s, l.v[i].id, &it), 0);
		got[n++] = it.guid[0];
		store_item_clear(&it);
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && got[j - 1] > got[j]; j--) {
			char t = got[j]; got[j] = got[j - 1]; got[j - 1] = t;
		}
	store_item_list_clear(&l);
	return xstrdup(got);
}

/*
 * Issue 13: a bare word finds its prefixed and suffixed forms (the issue's
 * own examples), "quoted phrases" match only as written, and authors and
 * comments are searched too, also after a comment changes.
 */
static void
test_search_stems(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://ar.example/rss", NULL, NULL);
	static const struct {
		const char *id, *title, *body, *author;
	} docs[] = {
		{ "1", "ارتفاع حجم التداول", "<p>سجل البيتكوين رقما جديدا</p>", NULL },
		{ "2", "التضخم في مصر", "<p>والمتداولون ينتظرون القرار</p>", NULL },
		{ "3", "منصة جديدة للعملات", "<p>أطلقت الشركة منصة للتداول</p>", NULL },
		{ "4", "Market wrap", "<p>Traders wait</p>", "ليلى الزهراني" },
		{ "5", "Quiet day", "<p>Nothing new</p>", NULL },
	};
	static const struct {
		const char *query, *want;
	} cases[] = {
		{ "تداول", "13" },		/* التداول, للتداول */
		{ "بيتكوين", "1" },		/* البيتكوين */
		{ "تضخم", "2" },		/* التضخم */
		{ "المتداولون", "2" },		/* والمتداولون */
		{ "المنصة", "3" },		/* منصة */
		{ "التداول", "13" },
		{ "\"حجم التداول\"", "1" },	/* the phrase as written */
		{ "\"حجم تداول\"", "" },	/* no stems inside quotes */
		{ "\"التداول\"", "1" },	/* ... nor in a quoted word: not للتداول */
		{ "الزهراني", "4" },		/* the author */
		{ "ليلى", "4" },
		{ "الخوارزميات", "5" },		/* a comment (below) */
		{ "trad", "4" },		/* Latin: word prefix as before */
		{ "\"~تداول\"", "" },	/* a typed ~ is no stem marker */
		{ "~تداول", "13" },
	};
	struct store_comment_in c = { .remote_id = "c1", .author = "Omar",
		.date = 1700000000, .body = "<p>مقال عن الخوارزميات</p>" };
	int64_t five;

	assert_int_equal(store_begin(s), 0);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		struct feed_item it = item(docs[i].id, docs[i].title, 1700000000 + (time_t)i);
		it.content = docs[i].body;
		it.author = docs[i].author;
		upsert(s, feed, &it, NULL);
	}
	assert_int_equal(store_commit(s), 0);
	five = find_id(s, "Quiet day");
	assert_int_equal(store_comment_upsert(s, five, &c, NULL), 0);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *got = search_ids(s, cases[k].query);
		if (strcmp(got, cases[k].want) != 0)
			fail_msg("query %s: got [%s], want [%s]", cases[k].query, got,
			    cases[k].want);
		free(got);
	}
	/* The comment's index follows its edits and its item's deletion. */
	c.body = "<p>رأي آخر</p>";
	assert_int_equal(store_comment_upsert(s, five, &c, NULL), 0);
	char *got = search_ids(s, "الخوارزميات");
	assert_string_equal(got, "");
	free(got);
	got = search_ids(s, "رأي");
	assert_string_equal(got, "5");
	free(got);
	store_close(&s);
}

static void
test_deferred_index_and_delete(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t a = store_feed_ensure(s, "https://a.example/rss", NULL, NULL);
	int64_t b = store_feed_ensure(s, "https://b.example/rss", NULL, NULL);
	struct feed_item x = item("1", "Glacier melts", 1700000000);
	struct feed_item y = item("2", "Glacier grows", 1700000060);
	struct feed_item z = item("3", "Glacier moves", 1700000120);
	struct store_item_list l = { 0 };

	upsert(s, a, &x, NULL);	/* indexed at once */
	store_set_deferred_index(s, true);
	assert_int_equal(store_begin(s), 0);
	upsert(s, a, &y, NULL);
	upsert(s, b, &z, NULL);
	assert_int_equal(store_commit(s), 0);
	/* Committed, waiting to be indexed. */
	assert_int_equal(fts_rows(fx->db, "glacier"), 1);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM fts_pending"), 2);
	/* Changed while queued: still one queued row, no stale terms. */
	y.title = "Glacier retreats";
	upsert(s, a, &y, NULL);
	assert_int_equal(store_search_catch_up(s, 1), 1);
	assert_int_equal(store_search_catch_up(s, 0), 0);
	assert_int_equal(store_search(s, "glacier", 10, 0, &l), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(fts_rows(fx->db, "grows"), 0);
	assert_int_equal(fts_rows(fx->db, "retreats"), 1);
	store_set_deferred_index(s, false);

	/* Deleting a feed takes its items out of the index, queued or not. */
	z.title = "Glacier moves again";
	store_set_deferred_index(s, true);
	upsert(s, b, &z, NULL);
	store_set_deferred_index(s, false);
	assert_int_equal(store_feed_delete(s, a), 0);
	assert_int_equal(store_feed_delete(s, b), 0);
	assert_int_equal(fts_rows(fx->db, "glacier"), 0);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(store_search(s, "glacier", 10, 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(store_unread_count(s), 0);
	store_close(&s);
}

/*
 * Items committed with indexing deferred (as the fetch thread writes them)
 * are found by the next search, from this connection or another one (the
 * TUI's), which indexes whatever waits first; inside an open transaction
 * the uncommitted items are found too. A read-only connection cannot index:
 * it searches what is indexed rather than failing.
 */
static void
test_search_catches_up(void **state)
{
	struct fx *fx = *state;
	struct store *w = open_ok(fx->db, 0);
	struct store *r, *ro;
	int64_t feed = store_feed_ensure(w, "https://c.example/rss", NULL, NULL);
	struct store_item_list l = { 0 };
	char id[16], title[64];

	store_set_deferred_index(w, true);
	assert_int_equal(store_begin(w), 0);
	for (int i = 0; i < 300; i++) {
		struct feed_item it;
		snprintf(id, sizeof id, "c%d", i);
		snprintf(title, sizeof title, i % 2 ? "Harbour news %d" : "أخبار الميناء %d", i);
		it = item(id, title, 1700000000 + i);
		it.content = i == 299 ? "<p>The last one, about a lighthouse</p>" : "<p>Ships</p>";
		upsert(w, feed, &it, NULL);
	}
	assert_int_equal(store_commit(w), 0);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM fts_pending"), 300);

	/* A read-only reader cannot catch up: no error, nothing found yet. */
	ro = open_ok(fx->db, STORE_READONLY);
	assert_int_equal(store_search(ro, "lighthouse", 10, 0, &l), 0);
	assert_int_equal(l.n, 0);

	/* Another connection's search finds every item, and the queue empties. */
	r = open_ok(fx->db, 0);
	assert_int_equal(store_search(r, "harbour", 500, 0, &l), 0);
	assert_int_equal(l.n, 150);
	assert_int_equal(store_search(r, "الميناء", 500, 0, &l), 0);
	assert_int_equal(l.n, 150);
	assert_int_equal(store_search(r, "lighthouse", 10, 0, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].title, "Harbour news 299");
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM fts_pending"), 0);
	assert_int_equal(fts_rows(fx->db, "ships"), 299);
	assert_int_equal(store_search(ro, "lighthouse", 10, 0, &l), 0);
	assert_int_equal(l.n, 1);

	/* A changed item under deferral loses its old words at once; a search
	 * inside the writer's own transaction finds its uncommitted change. */
	{
		struct feed_item it = item("c299", "Harbour news 299", 1700000299);
		it.content = "<p>Now about a breakwater</p>";
		assert_int_equal(store_begin(w), 0);
		upsert(w, feed, &it, NULL);
		assert_int_equal(store_search(w, "breakwater", 10, 0, &l), 0);
		assert_int_equal(l.n, 1);
		assert_int_equal(store_search(w, "lighthouse", 10, 0, &l), 0);
		assert_int_equal(l.n, 0);
		assert_int_equal(store_commit(w), 0);
	}
	assert_int_equal(store_search(r, "breakwater", 10, 0, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(store_search(r, "lighthouse", 10, 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(fts_rows(fx->db, "lighthouse"), 0);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM fts_pending"), 0);
	store_item_list_clear(&l);
	store_close(&ro);
	store_close(&r);
	store_close(&w);
}

static void
test_normalize(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "مَكْتَبَةٌ", "مكتبه" },
		{ "أإآٱا", "ااااا" },
		{ "مستشفى", "مستشفي" },
		{ "كــتاب", "كتاب" },
		{ "رحمٰن", "رحمن" },
		{ "Hello ÉCOLE", "hello école" },
		{ "a\xff" "b", "a\xef\xbf\xbd" "b" },
		{ "", "" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *n = store_search_normalize(cases[i].in, strlen(cases[i].in), NULL);
		assert_string_equal(n, cases[i].out);
		free(n);
	}
	/* The map leads each byte of the normal form back to its character. */
	const char *in = "Xأَب";	/* X, alef with hamza, fatha, ba */
	size_t *map;
	char *n = store_search_normalize(in, strlen(in), &map);
	assert_string_equal(n, "xاب");
	size_t want[] = { 0, 1, 1, 5, 5, 7 };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(map[i], want[i]);
	free(map);
	free(n);
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = xmalloc(1 << 16);

	assert_non_null(f);
	*len = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

/* store_open must fail with want_reason and leave the file as it was. */
static void
open_fails_untouched(const char *path, const char *want_reason)
{
	size_t len0, len1;
	char *before = read_all(path, &len0), *after, *err = NULL;
	char *want = xasprintf("%s: %s", path, want_reason);

	assert_null(store_open(path, 0, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	after = read_all(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);
	free(err);
	free(want);
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void
test_not_ours_untouched(void **state)
{
	struct fx *fx = *state;
	char garbage[3000], *err = NULL, *p, *want;
	sqlite3 *db;

	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = (char)(i * 7 + 3);
	write_file(fx->db, garbage, sizeof garbage);
	open_fails_untouched(fx->db, "file is not a database");
	/* No journal or WAL file appeared next to it either. */
	p = xasprintf("%s-wal", fx->db);
	assert_int_equal(access(p, F_OK), -1);
	free(p);
	p = xasprintf("%s-journal", fx->db);
	assert_int_equal(access(p, F_OK), -1);
	free(p);

	/* Short text file. */
	write_file(fx->db, "hello\n", 6);
	open_fails_untouched(fx->db, "file is not a database");

	/* A valid header followed by damage. */
	memcpy(garbage, "SQLite format 3", 16);
	write_file(fx->db, garbage, sizeof garbage);
	open_fails_untouched(fx->db, "file is not a database");

	/* Another program's database. */
	unlink(fx->db);
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE bookmarks (url TEXT)", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	open_fails_untouched(fx->db, "not a newsreader cache (a database of another program)");

	/* A cache from a newer newsreader. */
	unlink(fx->db);
	struct store *s = open_ok(fx->db, 0);
	store_close(&s);
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	want = xasprintf("written by a newer newsreader (schema 99; this one knows up to %d)",
	    STORE_SCHEMA_VERSION);
	open_fails_untouched(fx->db, want);
	free(want);

	/* A directory. */
	p = xasprintf("%s/sub", fx->dir);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_null(store_open(p, 0, &err));
	want = xasprintf("%s: Is a directory", p);
	assert_string_equal(err, want);
	free(want);
	free(err);
	free(p);

	/* An unreadable file (root reads everything: skip that case). */
	if (geteuid() != 0) {
		write_file(fx->db, garbage, sizeof garbage);
		chmod(fx->db, 0);
		assert_null(store_open(fx->db, 0, &err));
		want = xasprintf("%s: Permission denied", fx->db);
		assert_string_equal(err, want);
		free(want);
		free(err);
	}
	/* A missing directory on the way. */
	p = xasprintf("%s/no/such/cache.db", fx->dir);
	assert_null(store_open(p, 0, &err));
	want = xasprintf("%s: unable to open database file (No such file or directory)", p);
	assert_string_equal(err, want);
	free(want);
	free(err);
	free(p);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_reader_during_writer(void **state)
{
	struct fx *fx = *state;
	struct store *w = open_ok(fx->db, 0), *r;
	int64_t feed = store_feed_ensure(w, "https://a.example/rss", NULL, NULL);
	struct feed_item one = item("1", "One", 1700000000), two = item("2", "Two", 1700000060);
	struct store_item_list l = { 0 };
	char *err = NULL;
	double t0;

	upsert(w, feed, &one, NULL);
	r = open_ok(fx->db, 0);
	store_set_busy_timeout(r, 100);
	assert_int_equal(store_unread_count(r), 1);

	/* The writer holds an open write transaction. */
	assert_int_equal(store_begin(w), 0);
	upsert(w, feed, &two, NULL);
	assert_int_equal(store_item_mark_read(w, find_id(w, "One"), true), 0);

	/* The reader sees the last committed state, without waiting. */
	t0 = now();
	assert_int_equal(store_unread_count(r), 1);
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	assert_int_equal(store_items_page(r, &all, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 1);
	store_item_list_clear(&l);
	assert_true(now() - t0 < 0.09);

	/* A second writer gets a clear error after its timeout, not a hang. */
	t0 = now();
	assert_int_equal(store_begin(r), -1);
	assert_true(now() - t0 < 2.0);
	char *want = xasprintf("%s: database is locked by another connection", fx->db);
	assert_string_equal(store_errmsg(r), want);
	free(want);
	/* Opening an up-to-date cache needs no lock: it works meanwhile. */
	struct store *r2 = store_open(fx->db, 0, &err);
	assert_non_null(r2);
	assert_int_equal(store_unread_count(r2), 1);
	store_close(&r2);

	assert_int_equal(store_commit(w), 0);
	assert_int_equal(store_unread_count(r), 1);	/* Two unread, One read */
	assert_int_equal(store_items_page(r, &all, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].title, "Two");
	assert_true(l.v[1].read);
	store_item_list_clear(&l);
	assert_int_equal(store_begin(r), 0);
	assert_int_equal(store_rollback(r), 0);
	store_close(&r);
	store_close(&w);
}

static void
test_drafts_likes_state(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://a.example/rss", NULL, NULL);
	struct feed_item a = item("1", "Liked one", 1700000000), b = item("2", "Other", 1700000060);
	struct store_item_list l = { 0 };
	char *text;
	time_t when;
	int64_t id;

	upsert(s, feed, &a, NULL);
	upsert(s, feed, &b, NULL);
	id = find_id(s, "Liked one");

	assert_int_equal(store_draft_get(s, id, &text, &when), 0);
	assert_null(text);
	assert_int_equal(store_draft_put(s, id, "رأي أول\nsecond line"), 0);
	assert_int_equal(store_draft_put(s, id, "رأي جميل في المقال"), 0);
	assert_int_equal(store_item_set_liked(s, id, true), 0);
	assert_int_equal(store_item_set_starred(s, id, true), 0);
	assert_int_equal(store_state_put(s, "view", "feeds"), 0);
	assert_int_equal(store_state_put(s, "view", "article"), 0);
	assert_int_equal(store_state_put(s, "pos.feed.1", "1700000000:7"), 0);
	store_close(&s);

	s = open_ok(fx->db, 0);
	assert_int_equal(store_draft_get(s, id, &text, &when), 0);
	assert_string_equal(text, "رأي جميل في المقال");
	assert_true(when > 0);
	free(text);
	assert_int_equal(store_state_get(s, "view", &text), 0);
	assert_string_equal(text, "article");
	free(text);
	assert_int_equal(store_state_get(s, "nothing", &text), 0);
	assert_null(text);

	struct store_scope liked = { .kind = STORE_SCOPE_LIKED };
	assert_int_equal(store_items_page(s, &liked, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id);
	assert_true(l.v[0].liked);
	assert_true(l.v[0].starred);
	store_item_list_clear(&l);

	/* A reload of the item keeps the like. */
	a.title = "Liked one, updated";
	upsert(s, feed, &a, NULL);
	assert_int_equal(store_item_set_liked(s, id, false), 0);
	assert_int_equal(store_items_page(s, &liked, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 0);
	struct store_scope starred = { .kind = STORE_SCOPE_STARRED };
	assert_int_equal(store_items_page(s, &starred, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 1);
	store_item_list_clear(&l);

	assert_int_equal(store_draft_put(s, id, NULL), 0);
	assert_int_equal(store_draft_get(s, id, &text, NULL), 0);
	assert_null(text);
	assert_int_equal(store_state_put(s, "view", NULL), 0);
	assert_int_equal(store_state_get(s, "view", &text), 0);
	assert_null(text);
	store_close(&s);
}

/* Every count the store gives (feed list, scope counts, print-unread's
 * total) against count(*) over items, read through another connection. */
static void
assert_counts(struct store *s, const char *path, const char *tag, int nfeeds)
{
	struct store_feed *f;
	size_t n;
	int64_t total, unread;

	assert_int_equal(store_feed_list(s, &f, &n), 0);
	assert_int_equal(n, nfeeds);
	for (size_t i = 0; i < n; i++) {
		char *qt = xasprintf("SELECT count(*) FROM items WHERE feed_id = %lld",
		    (long long)f[i].id);
		char *qu = xasprintf("SELECT count(*) FROM items WHERE feed_id = %lld "
		    "AND read = 0", (long long)f[i].id);
		struct store_scope one = { .kind = STORE_SCOPE_FEED, .feed_id = f[i].id };
		assert_int_equal(f[i].total, sql_int(path, qt));
		assert_int_equal(f[i].unread, sql_int(path, qu));
		assert_int_equal(store_items_count(s, &one, &total, &unread), 0);
		assert_int_equal(total, f[i].total);
		assert_int_equal(unread, f[i].unread);
		free(qt);
		free(qu);
	}
	store_feed_list_free(&f, n);

	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	assert_int_equal(store_items_count(s, &all, &total, &unread), 0);
	assert_int_equal(total, sql_int(path, "SELECT count(*) FROM items"));
	assert_int_equal(unread, sql_int(path, "SELECT count(*) FROM items WHERE read = 0"));
	assert_int_equal(store_unread_count(s), unread);

	char *qt = xasprintf("SELECT count(*) FROM items WHERE feed_id IN (SELECT id FROM "
	    "feeds WHERE ' ' || tags || ' ' LIKE '%% %s %%')", tag);
	char *qu = xasprintf("%s AND read = 0", qt);
	struct store_scope t = { .kind = STORE_SCOPE_TAG, .tag = tag };
	assert_int_equal(store_items_count(s, &t, &total, &unread), 0);
	assert_int_equal(total, sql_int(path, qt));
	assert_int_equal(unread, sql_int(path, qu));
	free(qt);
	free(qu);
}

/* The per-feed counts (kept by triggers) follow inserts, marks, feed marks,
 * updates in place, deleted feeds and another program's writes. */
static void
test_feed_counters(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t a = store_feed_ensure(s, "https://a.example/rss", NULL, "news ar");
	int64_t b = store_feed_ensure(s, "https://b.example/rss", NULL, "news");
	int64_t c = store_feed_ensure(s, "https://c.example/rss", NULL, "ar");
	char id[16], title[32];

	assert_counts(s, fx->db, "ar", 3);
	assert_int_equal(store_begin(s), 0);
	for (int i = 0; i < 12; i++) {
		snprintf(id, sizeof id, "x%d", i);
		snprintf(title, sizeof title, "خبر %d", i);
		struct feed_item it = item(id, title, 1700000000 + i);
		upsert(s, i % 3 == 0 ? a : i % 3 == 1 ? b : c, &it, NULL);
	}
	assert_int_equal(store_commit(s), 0);
	/* Outside a batch, and the same item again (no write). */
	struct feed_item one = item("solo", "Solo", 1700000100);
	upsert(s, a, &one, NULL);
	upsert(s, a, &one, NULL);
	assert_counts(s, fx->db, "ar", 3);
	assert_int_equal(store_unread_count(s), 13);

	/* Marks, each twice: the second changes nothing. */
	int64_t x0 = find_id(s, "خبر 0"), x1 = find_id(s, "خبر 1");
	for (int k = 0; k < 2; k++) {
		assert_int_equal(store_item_mark_read(s, x0, true), 0);
		assert_int_equal(store_item_mark_read(s, x1, true), 0);
	}
	assert_counts(s, fx->db, "news", 3);
	assert_int_equal(store_unread_count(s), 11);
	for (int k = 0; k < 2; k++)
		assert_int_equal(store_item_mark_read(s, x0, false), 0);
	assert_counts(s, fx->db, "ar", 3);
	assert_int_equal(store_unread_count(s), 12);
	assert_int_equal(store_feed_mark_read(s, c), 0);
	assert_int_equal(store_feed_mark_read(s, c), 0);
	assert_counts(s, fx->db, "ar", 3);
	assert_int_equal(store_unread_count(s), 8);

	/* Updates in place, of a read item and of an unread one: same counts. */
	struct feed_item up = item("x1", "خبر 1 (معدّل)", 1700000001);
	bool changed = false;
	upsert(s, b, &up, &changed);
	assert_true(changed);
	up = item("x3", "خبر 3 (معدّل)", 1700000003);
	upsert(s, a, &up, &changed);
	assert_true(changed);
	assert_counts(s, fx->db, "news", 3);
	assert_int_equal(store_unread_count(s), 8);

	/* A feed removed with its items. */
	assert_int_equal(store_feed_delete(s, b), 0);
	assert_counts(s, fx->db, "news", 2);
	assert_int_equal(store_unread_count(s), 5);
	store_close(&s);

	/* Another program's writes, with read values other than 0 and 1 (it
	 * cannot delete items: the index trigger needs our functions). */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON;"
	    "INSERT INTO items (feed_id, guid, title, date, content_hash, first_seen, read)"
	    "  VALUES (1, 'o1', 'o1', 0, 0, 0, 0), (1, 'o2', 'o2', 0, 0, 0, 7),"
	    "  (3, 'o3', 'o3', 0, 0, 0, 0);"
	    "UPDATE items SET read = 2 WHERE guid = 'o1';"
	    "UPDATE items SET read = 3 WHERE guid = 'o2';"
	    "UPDATE items SET feed_id = 3 WHERE guid = 'o2';"
	    "UPDATE items SET feed_id = 1, read = 0 WHERE guid = 'o3';",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = open_ok(fx->db, 0);
	assert_counts(s, fx->db, "ar", 2);
	assert_int_equal(store_unread_count(s), 6);
	store_close(&s);
}

/* A version 3 cache with items gets its counts when it is upgraded. */
static void
test_counters_upgrade(void **state)
{
	struct fx *fx = *state;
	sqlite3 *db;
	struct store *s;

	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(sqlite3_exec(db, store_migrations[i], NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	    "PRAGMA user_version = 3; PRAGMA application_id = 1314014290;"
	    "INSERT INTO feeds (url, tags) VALUES ('https://a.example/', 'x'),"
	    "  ('https://b.example/', 'y'), ('https://c.example/', 'x');"
	    "INSERT INTO items (feed_id, guid, title, date, content_hash, first_seen, read)"
	    "  VALUES (1, 'a', 'a', 0, 0, 0, 0), (1, 'b', 'b', 0, 0, 0, 1),"
	    "  (1, 'c', 'c', 0, 0, 0, 0), (2, 'd', 'd', 0, 0, 0, 1);", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	s = open_ok(fx->db, 0);
	assert_int_equal(sql_int(fx->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_counts(s, fx->db, "x", 3);
	assert_int_equal(store_unread_count(s), 2);
	store_close(&s);
}

/* The first row's first column as a new string (NULL when no row). */
static char *
sql_str(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The feed list's counts of the feed at index i, which must be feed id. */
static void
assert_feed_counts(struct store *s, size_t i, int64_t id, int64_t unread, int64_t total)
{
	struct store_feed *f;
	size_t n;

	assert_int_equal(store_feed_list(s, &f, &n), 0);
	assert_true(i < n);
	assert_int_equal(f[i].id, id);
	assert_int_equal(f[i].unread, unread);
	assert_int_equal(f[i].total, total);
	store_feed_list_free(&f, n);
}

/* The feed key is checked at COMMIT (schema.c, version 5): a batch with an
 * item of a missing feed fails there, as a whole, and the connection goes
 * on; a lone upsert fails by itself and leaves no transaction open. */
static void
test_missing_feed_fails_at_commit(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://a.example/rss", NULL, NULL);
	struct feed_item kept = item("k1", "Kept", 1700000000);
	struct feed_item lost = item("l1", "Lost harbour", 1700000060);
	struct feed_item orphan = item("o1", "Orphan lighthouse", 1700000120);
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	int64_t total;
	char *want = xasprintf("%s: FOREIGN KEY constraint failed", fx->db);

	upsert(s, feed, &kept, NULL);
	assert_feed_counts(s, 0, feed, 1, 1);

	assert_int_equal(store_begin(s), 0);
	upsert(s, feed, &lost, NULL);
	upsert(s, feed + 1000, &orphan, NULL);	/* no error yet: the key waits */
	assert_int_equal(store_commit(s), -1);
	assert_string_equal(store_errmsg(s), want);
	assert_int_equal(sqlite3_get_autocommit(s->db), 0);	/* left for the caller */
	assert_int_equal(store_rollback(s), 0);
	assert_int_equal(sqlite3_get_autocommit(s->db), 1);

	/* Nothing of the batch stayed: rows, counts or index entries. */
	assert_feed_counts(s, 0, feed, 1, 1);
	assert_int_equal(store_items_count(s, &all, &total, NULL), 0);
	assert_int_equal(total, 1);
	assert_int_equal(store_unread_count(s), 1);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM items"), 1);
	assert_int_equal(fts_rows(fx->db, "harbour"), 0);
	assert_int_equal(fts_rows(fx->db, "lighthouse"), 0);

	/* The connection works: the next batch commits. */
	assert_int_equal(store_begin(s), 0);
	upsert(s, feed, &lost, NULL);
	assert_int_equal(store_commit(s), 0);
	assert_feed_counts(s, 0, feed, 2, 2);
	assert_int_equal(fts_rows(fx->db, "harbour"), 1);

	/* Alone, the upsert commits by itself: it fails and rolls back. */
	assert_int_equal(store_item_upsert(s, feed + 1000, &orphan, NULL), -1);
	assert_string_equal(store_errmsg(s), want);
	assert_int_equal(sqlite3_get_autocommit(s->db), 1);
	assert_int_equal(store_begin(s), 0);	/* BEGIN would fail inside one */
	assert_int_equal(store_rollback(s), 0);
	assert_feed_counts(s, 0, feed, 2, 2);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM items"), 2);
	assert_int_equal(fts_rows(fx->db, "lighthouse"), 0);
	free(want);
	store_close(&s);
}

/* A version 4 cache gets the deferred feed key in place: the rows, the
 * rows that hang on them (comments, drafts, outbox) and the counts stay. */
static void
test_deferred_key_upgrade(void **state)
{
	struct fx *fx = *state;
	sqlite3 *db;
	struct store *s;
	struct store_item got;
	char *sql;

	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(sqlite3_exec(db, store_migrations[i], NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	    "PRAGMA user_version = 4; PRAGMA application_id = 1314014290;"
	    "INSERT INTO feeds (url, tags) VALUES ('https://a.example/', 'x');"
	    "INSERT INTO items (feed_id, guid, title, date, content_hash, first_seen, read)"
	    "  VALUES (1, 'g1', 'قبل الترقية', 1700000000, 0, 0, 0),"
	    "  (1, 'g2', 'Read before', 1700000060, 0, 0, 1);"
	    "INSERT INTO comments (item_id, remote_id, body) VALUES (1, 'c1', 'تعليق');"
	    "INSERT INTO drafts (item_id, text, updated_at) VALUES (1, 'مسودة', 1);"
	    "INSERT INTO outbox (item_id, body, created_at) VALUES (1, 'رد', 1);",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	sql = sql_str(fx->db, "SELECT sql FROM sqlite_schema WHERE name = 'items'");
	assert_null(strstr(sql, "DEFERRABLE"));
	free(sql);

	s = open_ok(fx->db, 0);
	assert_int_equal(sql_int(fx->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	sql = sql_str(fx->db, "SELECT sql FROM sqlite_schema WHERE name = 'items'");
	assert_non_null(strstr(sql, "feed_id INTEGER NOT NULL REFERENCES feeds(id) "
	    "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"));
	free(sql);
	sql = sql_str(fx->db, "PRAGMA integrity_check");
	assert_string_equal(sql, "ok");
	free(sql);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);

	assert_int_equal(store_item_get(s, 1, &got), 0);
	assert_string_equal(got.title, "قبل الترقية");
	assert_string_equal(got.guid, "g1");
	store_item_clear(&got);
	assert_feed_counts(s, 0, 1, 1, 2);
	assert_counts(s, fx->db, "x", 1);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM comments"), 1);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM drafts"), 1);
	assert_int_equal(sql_int(fx->db, "SELECT item_id FROM outbox"), 1);
	/* Migration 8 (search) queued the old items for the new index and indexed the
	 * old comment: a stem finds the title, the comment finds its item. */
	{
		char *got_ids = search_ids(s, "ترقية");
		assert_string_equal(got_ids, "g");
		free(got_ids);
		got_ids = search_ids(s, "التعليق");
		assert_string_equal(got_ids, "g");
		free(got_ids);
	}

	/* The upgraded key is deferred: a batch fails at COMMIT, not before. */
	struct feed_item orphan = item("o1", "Orphan", 1700000120);
	assert_int_equal(store_begin(s), 0);
	upsert(s, 99, &orphan, NULL);
	assert_int_equal(store_commit(s), -1);
	assert_non_null(strstr(store_errmsg(s), "FOREIGN KEY"));
	assert_int_equal(store_rollback(s), 0);
	/* A new item still counts (the recreated insert trigger). */
	struct feed_item fresh = item("g3", "After", 1700000180);
	upsert(s, 1, &fresh, NULL);
	assert_feed_counts(s, 0, 1, 2, 3);
	store_close(&s);
}

/* Upsert inside a transaction; the outcome. */
static enum store_upsert_outcome
upsert_what(struct store *s, int64_t feed, const struct feed_item *it)
{
	enum store_upsert_outcome what;

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_item_upsert_ex(s, feed, it, &what), 0);
	assert_int_equal(store_commit(s), 0);
	return what;
}

/*
 * max-items 2 over eight items: the two newest stay, liked, starred,
 * drafted and outbox items stay, the rest go read or unread (the rule the
 * man page states); their search rows and pages go with them; the removed
 * ones do not come back while the feed lists them, and may once it has
 * dropped them (pruned tombstones).
 */
static void
test_cleanup_max_items(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://example.org/many", NULL, NULL);
	char ids[8][8], titles[8][32], bodies[8][64];
	struct feed_item it[8];
	time_t now = time(NULL);
	int64_t removed = -1, total = 0, unread = 0;

	for (int i = 0; i < 8; i++) {
		snprintf(ids[i], sizeof ids[i], "g%d", i + 1);
		snprintf(titles[i], sizeof titles[i], "item %d", i + 1);
		snprintf(bodies[i], sizeof bodies[i], "<p>kalima%c خبر</p>", 'a' + i);
		it[i] = item(ids[i], titles[i], now - 1000 + i);
		it[i].summary = bodies[i];
		assert_int_equal(upsert_what(s, feed, &it[i]), STORE_UPSERT_INSERTED);
	}
	assert_int_equal(fts_rows(fx->db, "kalimaf"), 1);
	assert_int_equal(store_item_set_liked(s, find_id(s, "item 1"), true), 0);
	assert_int_equal(store_item_set_starred(s, find_id(s, "item 2"), true), 0);
	assert_int_equal(store_draft_put(s, find_id(s, "item 3"), "رأيي"), 0);
	assert_true(store_outbox_add(s, find_id(s, "item 4"), "تعليق", now) > 0);
	assert_int_equal(store_item_mark_read(s, find_id(s, "item 5"), true), 0);
	assert_int_equal(store_page_put_ok(s, find_id(s, "item 6"), "https://example.org/6",
	    "Six", "<p>six</p>", now), 0);
	assert_int_equal(store_pages_count(s, feed), 1);

	/* No limits: nothing happens. */
	assert_int_equal(store_cleanup(s, 0, 0, now, 0, &removed), 0);
	assert_int_equal(removed, 0);
	/* The tombstones dated 100 s ago, for the pruning below. */
	assert_int_equal(store_cleanup(s, 2, 0, now - 100, 0, &removed), 0);
	assert_int_equal(removed, 2);	/* item 5 (read) and item 6 (unread) */
	struct store_scope sc = { .kind = STORE_SCOPE_FEED, .feed_id = feed };
	assert_int_equal(store_items_count(s, &sc, &total, &unread), 0);
	assert_int_equal(total, 6);
	assert_int_equal(unread, 6);
	for (int i = 0; i < 8; i++) {
		struct store_scope all = { .kind = STORE_SCOPE_ALL };
		struct store_item_list l = { 0 };
		bool present = false;
		assert_int_equal(store_items_page(s, &all, STORE_KEY_TOP, STORE_OLDER, 100, &l), 0);
		for (size_t k = 0; k < l.n; k++)
			present |= strcmp(l.v[k].title, titles[i]) == 0;
		store_item_list_clear(&l);
		assert_int_equal(present, i != 4 && i != 5);
	}
	assert_int_equal(store_pages_count(s, feed), 0);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM pages"), 0);
	assert_int_equal(fts_rows(fx->db, "kalimaf"), 0);
	assert_int_equal(fts_rows(fx->db, "kalimae"), 0);
	assert_int_equal(fts_rows(fx->db, "kalimag"), 1);
	assert_int_equal(store_tombstone_count(s, feed), 2);

	/* The feed lists item 6 again: not back. A new item is. */
	assert_int_equal(upsert_what(s, feed, &it[5]), STORE_UPSERT_TOMBSTONED);
	assert_int_equal(store_items_count(s, &sc, &total, NULL), 0);
	assert_int_equal(total, 6);
	/* A whole document read now listed item 6 but no longer item 5. */
	assert_int_equal(store_tombstones_prune(s, feed, (int64_t)now * 1000), 0);
	assert_int_equal(store_tombstone_count(s, feed), 1);
	assert_int_equal(upsert_what(s, feed, &it[5]), STORE_UPSERT_TOMBSTONED);
	assert_int_equal(upsert_what(s, feed, &it[4]), STORE_UPSERT_INSERTED);
	/* Running again keeps the limit (the re-inserted one is beyond it). */
	assert_int_equal(store_cleanup(s, 2, 0, now, 0, &removed), 0);
	assert_int_equal(removed, 1);
	/* Forgetting the feed takes its tombstones along. */
	assert_int_equal(store_feed_delete(s, feed), 0);
	assert_int_equal(sql_int(fx->db, "SELECT count(*) FROM item_tombstones"), 0);
	store_close(&s);
}

/* keep-articles-days: older items go, unread or not, liked ones stay; items
 * within the limit stay whatever their state; other feeds are measured on
 * their own. */
static void
test_cleanup_days(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t a = store_feed_ensure(s, "https://example.org/a", NULL, NULL);
	int64_t b = store_feed_ensure(s, "https://example.org/b", NULL, NULL);
	time_t now = time(NULL), day = 86400;
	struct feed_item old1 = item("o1", "قديم", now - 10 * day);
	struct feed_item old2 = item("o2", "old liked", now - 9 * day);
	struct feed_item fresh = item("f1", "جديد", now - day);
	struct feed_item other = item("x1", "other old", now - 20 * day);
	int64_t removed = 0, total = 0;

	upsert_what(s, a, &old1);
	upsert_what(s, a, &old2);
	upsert_what(s, a, &fresh);
	upsert_what(s, b, &other);
	assert_int_equal(store_item_set_liked(s, find_id(s, "old liked"), true), 0);
	/* In slices of one: one, then the other, then none. */
	assert_int_equal(store_cleanup(s, 0, 5, now, 1, &removed), 0);
	assert_int_equal(removed, 1);
	assert_int_equal(store_cleanup(s, 0, 5, now, 1, &removed), 0);
	assert_int_equal(removed, 1);
	assert_int_equal(store_cleanup(s, 0, 5, now, 1, &removed), 0);
	assert_int_equal(removed, 0);	/* قديم and other old are gone */
	struct store_scope all = { .kind = STORE_SCOPE_ALL };
	assert_int_equal(store_items_count(s, &all, &total, NULL), 0);
	assert_int_equal(total, 2);
	assert_int_equal(store_tombstone_count(s, a), 1);
	assert_int_equal(store_tombstone_count(s, b), 1);
	assert_int_equal(upsert_what(s, a, &old1), STORE_UPSERT_TOMBSTONED);
	/* Both limits at once: the one that removes more wins per item. */
	assert_int_equal(store_cleanup(s, 1, 5, now, 0, &removed), 0);
	assert_int_equal(removed, 0);	/* the liked one and the newest stay */
	store_close(&s);
}

/* A list that hides read items still lists those read since read_since. */
static void
test_unread_only_read_since(void **state)
{
	struct fx *fx = *state;
	struct store *s = open_ok(fx->db, 0);
	int64_t feed = store_feed_ensure(s, "https://example.org/r", NULL, NULL);
	struct feed_item x = item("r1", "one", 1700000000), y = item("r2", "two", 1700000001);
	struct store_item_list l = { 0 };

	upsert_what(s, feed, &x);
	upsert_what(s, feed, &y);
	assert_int_equal(store_item_mark_read(s, find_id(s, "one"), true), 0);
	struct store_scope sc = { .kind = STORE_SCOPE_FEED, .feed_id = feed,
	    .unread_only = true };
	assert_int_equal(store_items_page(s, &sc, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 1);
	sc.read_since = time(NULL) - 60;
	assert_int_equal(store_items_page(s, &sc, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 2);
	sc.read_since = time(NULL) + 60;
	assert_int_equal(store_items_page(s, &sc, STORE_KEY_TOP, STORE_OLDER, 10, &l), 0);
	assert_int_equal(l.n, 1);
	store_item_list_clear(&l);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_and_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upsert_no_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_and_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_arabic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_stems, setup, teardown),
		cmocka_unit_test(test_stem_table),
		cmocka_unit_test_setup_teardown(test_deferred_index_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_catches_up, setup, teardown),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test_setup_teardown(test_not_ours_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_during_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drafts_likes_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_counters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counters_upgrade, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_feed_fails_at_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deferred_key_upgrade, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cleanup_max_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cleanup_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unread_only_read_since, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
