/*
 * The cache's side of sync (store/sync.h): the queue of changes made here
 * is the difference between a flag and its synced value; it survives
 * closing the cache (a kill between the change and the sync); it is cleared
 * only by an acknowledgement; and the server's state is applied per item
 * and field (the server wins where only it changed; a field changed here
 * too keeps this machine's value, still queued).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#define STORE_FIXTURE_NAME "nr-sync-store"
#include "store_fixture.h"
#include "store/sync.h"

/* read*2 + liked of the item with guid rid, read from the file itself. */
static int
flags(const char *db, const char *rid)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int v = -1;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT read * 2 + liked FROM items "
	    "WHERE remote_id = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, rid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int64_t
id_of(const char *db, const char *rid)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT id FROM items WHERE remote_id = ?1",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, rid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void
add(struct store *s, int64_t feed, const char *rid, const char *title, bool read, bool liked)
{
	struct feed_item it = { .id = rid, .id_from_document = true, .title = title,
	    .published = 1764000000, .comments_count = -1 };

	assert_int_equal(store_sync_item(s, feed, &it, rid, read, liked, NULL), 0);
}

static void
test_queue_and_rule(void **state)
{
	struct fx *fx = *state;
	struct store *s;
	struct store_sync_change *v;
	size_t n;
	int64_t feed, changed;
	/* The server after the user's changes here: 2 read there, 4 starred
	 * there, 1 starred there while it was unliked here. */
	const char *unread_srv[] = { "ttrss:1", "ttrss:3", "ttrss:4" };
	const char *starred_srv[] = { "ttrss:4", "ttrss:1" };

	s = open_ok(fx->db, 0);
	assert_int_equal(store_begin(s), 0);
	feed = store_sync_feed(s, "ttrss:9", "http://[::1]/ar.xml", "عربي", "أخبار");
	assert_true(feed > 0);
	assert_int_equal(store_sync_feed_id(s, "ttrss:9"), feed);
	add(s, feed, "ttrss:1", "واحد", false, true);
	add(s, feed, "ttrss:2", "two", false, false);
	add(s, feed, "ttrss:3", "three", false, false);
	add(s, feed, "ttrss:4", "four", false, false);
	assert_int_equal(store_commit(s), 0);
	/* New items take the server's state and queue nothing. */
	assert_int_equal(store_unread_count(s), 4);
	assert_int_equal(flags(fx->db, "ttrss:1"), 1);
	assert_int_equal(store_sync_pending_count(s, "ttrss:"), 0);

	/* Here: 3 is read and 1 unliked, as the TUI does it; then the cache
	 * is closed (the process killed) before any sync. */
	assert_int_equal(store_item_mark_read(s, id_of(fx->db, "ttrss:3"), true), 0);
	assert_int_equal(store_item_set_liked(s, id_of(fx->db, "ttrss:1"), false), 0);
	store_close(&s);
	s = open_ok(fx->db, 0);
	assert_int_equal(store_sync_pending(s, "ttrss:", &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].remote_id, "ttrss:1");
	assert_int_equal(v[0].field, STORE_SYNC_LIKED);
	assert_false(v[0].value);
	assert_string_equal(v[1].remote_id, "ttrss:3");
	assert_int_equal(v[1].field, STORE_SYNC_READ);
	assert_true(v[1].value);
	/* Another source's queue is its own. */
	assert_int_equal(store_sync_pending_count(s, "greader:"), 0);

	/* The server's state before the changes were sent: 3 is still unread
	 * there and 1 starred: this machine's later changes stay. 2 was read
	 * and 4 starred on the server: they follow it. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_sync_apply_state(s, "ttrss:", unread_srv, 3, starred_srv, 2,
	    &changed), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(flags(fx->db, "ttrss:1"), 0);	/* unliked here, kept */
	assert_int_equal(flags(fx->db, "ttrss:2"), 2);	/* read there */
	assert_int_equal(flags(fx->db, "ttrss:3"), 2);	/* read here, kept */
	assert_int_equal(flags(fx->db, "ttrss:4"), 1);	/* starred there */
	assert_int_equal(store_unread_count(s), 2);
	assert_int_equal(store_sync_pending_count(s, "ttrss:"), 2);

	/* Sent and acknowledged: nothing waits, and the server's next state
	 * (which now agrees) changes nothing. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_sync_acknowledge(s, v, n), 0);
	assert_int_equal(store_commit(s), 0);
	store_sync_changes_free(&v, n);
	assert_int_equal(store_sync_pending_count(s, "ttrss:"), 0);
	{
		const char *unread2[] = { "ttrss:1", "ttrss:4" };
		const char *starred2[] = { "ttrss:4" };
		assert_int_equal(store_sync_apply_state(s, "ttrss:", unread2, 2, starred2, 1,
		    &changed), 0);
		assert_int_equal(changed, 0);
	}

	/* An item fetched again keeps the state of the last sync. */
	add(s, feed, "ttrss:2", "two", false, false);
	assert_int_equal(flags(fx->db, "ttrss:2"), 0);	/* the server's new word */
	assert_int_equal(store_sync_pending_count(s, "ttrss:"), 0);

	/* The feed gone from the server goes here too, with its items. */
	assert_int_equal(store_sync_drop_feeds(s, "ttrss:", NULL, 0), 1);
	assert_int_equal(store_unread_count(s), 0);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_queue_and_rule, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
