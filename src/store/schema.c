/*
 * The schema as a list of migrations: migration i takes a database from
 * PRAGMA user_version i to i + 1. store_open() applies the missing ones in
 * one transaction. Never edit a migration that has shipped; append one.
 *
 * Notes on version 1:
 * - items.date is the list order date (published, else updated, else
 *   first_seen), stored so the list indexes can cover it.
 * - items_unread is a partial index: counting unread items reads only the
 *   unread entries, which keeps print-unread fast on a big cache.
 * - items_fts is a contentless FTS5 table over the search normal form of
 *   title and body (search.c), with items.id as its rowid. A contentless
 *   table removes a row by being given the very terms it indexed, which are
 *   recomputed from the old row through the SQL functions nr_fts_text() and
 *   nr_fts_html() that store_open() defines: so any change to what those
 *   return needs a migration that rebuilds items_fts ('delete-all', then
 *   re-insert every item). Written items wait in fts_pending until
 *   store_commit() (or store_search_catch_up() when indexing is deferred)
 *   indexes them in one statement; search.c says why. The trigger covers
 *   deletions, also by the feeds cascade. Another program, lacking the
 *   functions, cannot delete items, so it cannot leave the index stale.
 */
#include "config.h"

#include "store/store-int.h"

static const char v1[] =
"CREATE TABLE feeds ("
"  id INTEGER PRIMARY KEY,"
"  url TEXT NOT NULL UNIQUE,"
"  user_title TEXT,"
"  doc_title TEXT,"
"  link TEXT,"
"  language TEXT,"
"  tags TEXT,"
"  etag TEXT,"
"  last_modified TEXT,"
"  last_error TEXT,"
"  last_success INTEGER NOT NULL DEFAULT 0,"
"  last_attempt INTEGER NOT NULL DEFAULT 0,"
"  retry_after INTEGER NOT NULL DEFAULT 0"
");"
"CREATE TABLE items ("
"  id INTEGER PRIMARY KEY,"
"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
"  guid TEXT NOT NULL,"
"  title TEXT,"
"  link TEXT,"
"  author TEXT,"
"  published INTEGER NOT NULL DEFAULT 0,"
"  updated INTEGER NOT NULL DEFAULT 0,"
"  date INTEGER NOT NULL,"
"  summary TEXT,"
"  content TEXT,"
"  categories TEXT,"
"  enclosures TEXT,"
"  comments_feed TEXT,"
"  comments_count INTEGER,"
"  language TEXT,"
"  content_hash INTEGER NOT NULL,"
"  read INTEGER NOT NULL DEFAULT 0,"
"  read_at INTEGER,"
"  liked INTEGER NOT NULL DEFAULT 0,"
"  liked_at INTEGER,"
"  starred INTEGER NOT NULL DEFAULT 0,"
"  first_seen INTEGER NOT NULL,"
"  UNIQUE (feed_id, guid)"
");"
"CREATE INDEX items_feed_date ON items (feed_id, date DESC, id DESC);"
"CREATE INDEX items_date ON items (date DESC, id DESC);"
"CREATE INDEX items_unread ON items (feed_id, date DESC, id DESC) WHERE read = 0;"
"CREATE INDEX items_liked ON items (date DESC, id DESC) WHERE liked = 1;"
"CREATE INDEX items_starred ON items (date DESC, id DESC) WHERE starred = 1;"
"CREATE VIRTUAL TABLE items_fts USING fts5 ("
"  title, body, content = '', tokenize = 'unicode61 remove_diacritics 2'"
");"
"CREATE TABLE fts_pending (id INTEGER PRIMARY KEY);"
"CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
"  INSERT INTO items_fts (items_fts, rowid, title, body) SELECT 'delete', old.id,"
"    nr_fts_text(old.title), nr_fts_html(old.summary, old.content)"
"    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);"
"  DELETE FROM fts_pending WHERE id = old.id;"
"END;"
"CREATE TABLE comments ("
"  id INTEGER PRIMARY KEY,"
"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
"  remote_id TEXT,"
"  author TEXT,"
"  date INTEGER NOT NULL DEFAULT 0,"
"  body TEXT,"
"  own INTEGER NOT NULL DEFAULT 0,"	/* the user's own note, not from the site */
"  UNIQUE (item_id, remote_id)"
");"
"CREATE TABLE drafts ("
"  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
"  text TEXT NOT NULL,"
"  updated_at INTEGER NOT NULL"
");"
"CREATE TABLE outbox ("
"  id INTEGER PRIMARY KEY,"
"  item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,"
"  body TEXT NOT NULL,"
"  state TEXT NOT NULL DEFAULT 'queued'"
"    CHECK (state IN ('queued', 'sending', 'sent', 'failed')),"
"  reason TEXT,"
"  attempts INTEGER NOT NULL DEFAULT 0,"
"  next_attempt INTEGER NOT NULL DEFAULT 0,"
"  created_at INTEGER NOT NULL"
");"
"CREATE INDEX outbox_pending ON outbox (next_attempt) WHERE state IN ('queued', 'sending');"
"CREATE TABLE tickers ("
"  source TEXT NOT NULL,"
"  symbol TEXT NOT NULL,"
"  name TEXT,"
"  price_usd REAL,"
"  market_cap_usd REAL,"
"  holders INTEGER,"
"  change_24h_pct REAL,"
"  url TEXT,"
"  updated_at INTEGER NOT NULL,"
"  PRIMARY KEY (source, symbol)"
") WITHOUT ROWID;"
"CREATE TABLE ticker_history ("
"  source TEXT NOT NULL,"
"  symbol TEXT NOT NULL,"
"  t INTEGER NOT NULL,"
"  price_usd REAL,"
"  market_cap_usd REAL,"
"  PRIMARY KEY (source, symbol, t)"
") WITHOUT ROWID;"
"CREATE TABLE ui_state ("
"  key TEXT PRIMARY KEY,"
"  value TEXT NOT NULL"
") WITHOUT ROWID;";

/*
 * Version 2, the market panel's cache (store/tickers.c). Tickers are keyed
 * by the source's id (a CoinGecko id, a token address) rather than the
 * symbol, which two tokens may share; pos keeps the source's order; chain
 * is needed for the holders lookup. ticker_sources holds each source's last
 * attempt, so an error never overwrites the last good values. The version 1
 * tables had no writer; their rows, if any, are carried over with the symbol
 * as the id.
 */
static const char v2[] =
"CREATE TABLE tickers_v2 ("
"  source TEXT NOT NULL,"
"  id TEXT NOT NULL COLLATE NOCASE,"
"  pos INTEGER NOT NULL,"
"  symbol TEXT NOT NULL,"
"  name TEXT,"
"  url TEXT,"
"  chain TEXT,"
"  price_usd REAL,"
"  market_cap_usd REAL,"
"  holders REAL,"
"  change_24h_pct REAL,"
"  updated_at INTEGER NOT NULL,"
"  PRIMARY KEY (source, id)"
") WITHOUT ROWID;"
"INSERT INTO tickers_v2 SELECT source, symbol, 0, symbol, name, url, NULL, price_usd,"
"  market_cap_usd, holders, change_24h_pct, updated_at FROM tickers;"
"DROP TABLE tickers;"
"ALTER TABLE tickers_v2 RENAME TO tickers;"
"CREATE TABLE ticker_history_v2 ("
"  source TEXT NOT NULL,"
"  id TEXT NOT NULL COLLATE NOCASE,"
"  t INTEGER NOT NULL,"
"  price_usd REAL,"
"  market_cap_usd REAL,"
"  PRIMARY KEY (source, id, t)"
") WITHOUT ROWID;"
"INSERT INTO ticker_history_v2 SELECT source, symbol, t, price_usd, market_cap_usd"
"  FROM ticker_history;"
"DROP TABLE ticker_history;"
"ALTER TABLE ticker_history_v2 RENAME TO ticker_history;"
"CREATE TABLE ticker_sources ("
"  source TEXT PRIMARY KEY,"
"  last_success INTEGER NOT NULL DEFAULT 0,"
"  last_attempt INTEGER NOT NULL DEFAULT 0,"
"  last_error TEXT,"
"  error_at INTEGER NOT NULL DEFAULT 0,"
"  retry_after INTEGER NOT NULL DEFAULT 0"
") WITHOUT ROWID;";

/*
 * Version 3, comments (store/comments.c). comment_feeds keeps each
 * article's comment feed validators and last fetch, so opening the pane
 * twice does not download twice. outbox gains the site's id of a sent
 * comment and the time of the last change of state.
 */
static const char v3[] =
"CREATE TABLE comment_feeds ("
"  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
"  url TEXT NOT NULL,"
"  etag TEXT,"
"  last_modified TEXT,"
"  fetched_at INTEGER NOT NULL DEFAULT 0,"
"  last_error TEXT"
");"
"ALTER TABLE outbox ADD COLUMN remote_id TEXT;"
"ALTER TABLE outbox ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;"
"CREATE INDEX comments_item_date ON comments (item_id, date, id);"
"CREATE INDEX outbox_item ON outbox (item_id);";

/*
 * Version 4, item counts kept on the feed row: the feed list and the list
 * titles need each feed's unread and total counts before the first frame,
 * and counting them from items costs time in proportion to the cache (18 ms
 * at 100,000 items, twice before the first frame; a covering index on
 * (feed_id, read) still took 5 ms). Triggers keep the counts exact for every
 * writer, this program or another; "unread" means read = 0, as in the
 * queries. An upsert that changes an item's text fires none of them (the
 * UPDATE OF list). A deleted feed's items fire the delete trigger on the
 * cascade, which then updates no row.
 */
static const char v4[] =
"ALTER TABLE feeds ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE feeds ADD COLUMN total INTEGER NOT NULL DEFAULT 0;"
"UPDATE feeds SET"
"  unread = (SELECT count(*) FROM items WHERE feed_id = feeds.id AND read = 0),"
"  total = (SELECT count(*) FROM items WHERE feed_id = feeds.id);"
"CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN"
"  UPDATE feeds SET total = total + 1, unread = unread + (new.read = 0)"
"    WHERE id = new.feed_id;"
"END;"
"CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN"
"  UPDATE feeds SET total = total - 1, unread = unread - (old.read = 0)"
"    WHERE id = old.feed_id;"
"END;"
"CREATE TRIGGER items_count_read AFTER UPDATE OF read ON items"
"  WHEN (old.read = 0) != (new.read = 0) AND old.feed_id = new.feed_id BEGIN"
"  UPDATE feeds SET unread = unread + (new.read = 0) - (old.read = 0)"
"    WHERE id = new.feed_id;"
"END;"
"CREATE TRIGGER items_count_move AFTER UPDATE OF feed_id ON items"
"  WHEN old.feed_id != new.feed_id BEGIN"
"  UPDATE feeds SET total = total - 1, unread = unread - (old.read = 0)"
"    WHERE id = old.feed_id;"
"  UPDATE feeds SET total = total + 1, unread = unread + (new.read = 0)"
"    WHERE id = new.feed_id;"
"END;";

/*
 * Version 5, a cheaper item insert. The count trigger of version 4 makes an
 * item INSERT write more than one row, and a statement that does that and
 * may abort half-way (the immediate feed_id key, a UNIQUE or NOT NULL check)
 * gets a statement journal: a copy of every page it touches, some 14 pages
 * a row, which cost a fifth of a big reload. Checked at COMMIT instead
 * (DEFERRABLE INITIALLY DEFERRED), the key no longer can abort the
 * statement, and items.c inserts with OR FAIL, whose failure leaves nothing
 * to undo for one row. The cascade still runs at once; only the check
 * moves, and a COMMIT that fails leaves the transaction to roll back.
 * The key is changed in place, as the SQLite manual describes for
 * constraint changes that leave the stored rows alone: rebuilding items
 * with foreign keys on would cascade into comments, drafts and outbox.
 * RESET reloads this connection's schema; recreating the insert trigger
 * (unchanged) bumps the schema cookie so other connections reload theirs.
 * A table whose text is not the version 1 text is left as it was.
 */
static const char v5[] =
"PRAGMA writable_schema = ON;"
"UPDATE sqlite_schema SET sql = replace(sql,"
"  'feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,',"
"  'feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE"
" DEFERRABLE INITIALLY DEFERRED,')"
"  WHERE type = 'table' AND name = 'items';"
"PRAGMA writable_schema = RESET;"
"DROP TRIGGER items_count_insert;"
"CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN"
"  UPDATE feeds SET total = total + 1, unread = unread + (new.read = 0)"
"    WHERE id = new.feed_id;"
"END;";

/*
 * Version 6, outbox claims (store/comments.c). Two processes may share one
 * cache, and each used to put every "sending" entry back in the queue at
 * start-up, so a comment the other one was sending went out twice. A send
 * is now claimed: claim_owner names the process (comments/owner.c) and
 * claim_at is when it claimed or renewed it, and only a claim whose owner
 * is gone or that is long stale is taken over. unsure marks an entry whose
 * last send may have reached the site without its answer being stored: it
 * is looked up on the site before it is sent again. Rows left "sending" by
 * an older version have no owner and may have been sent, so they are
 * marked unsure.
 */
static const char v6[] =
"ALTER TABLE outbox ADD COLUMN claim_owner TEXT;"
"ALTER TABLE outbox ADD COLUMN claim_at INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE outbox ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0;"
"UPDATE outbox SET unsure = 1 WHERE state = 'sending';";

/* v7: the note of the last fetch whose document was damaged but read
 * (feed_parser_recovered): shown next to the failures, not as one. */
static const char v7[] =
"ALTER TABLE feeds ADD COLUMN recovered TEXT;";

/*
 * Version 8, search that understands Arabic words (issue 13). items_fts is
 * rebuilt with the nr_stem tokenizer (tokenize.c: light stems as colocated
 * terms) and gains the author; comments get an index of their own,
 * comments_fts, kept by triggers (a comment changes apart from its item).
 * Items are not re-indexed here, which would stall the first start on a
 * big cache: they are all queued in fts_pending and indexed in the
 * background or before the next search (search.c). Self-contained: it
 * reads only items and comments, so it can be renumbered among other
 * branches' migrations.
 */
static const char v8[] =
"DROP TRIGGER items_fts_delete;"
"DROP TABLE items_fts;"
"CREATE VIRTUAL TABLE items_fts USING fts5 ("
"  title, body, author, content = '',"
"  tokenize = 'nr_stem unicode61 remove_diacritics 2'"
");"
"CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
"  INSERT INTO items_fts (items_fts, rowid, title, body, author) SELECT 'delete', old.id,"
"    nr_fts_text(old.title), nr_fts_html(old.summary, old.content), nr_fts_text(old.author)"
"    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);"
"  DELETE FROM fts_pending WHERE id = old.id;"
"END;"
"INSERT OR IGNORE INTO fts_pending (id) SELECT id FROM items;"
"CREATE VIRTUAL TABLE comments_fts USING fts5 ("
"  author, body, content = '',"
"  tokenize = 'nr_stem unicode61 remove_diacritics 2'"
");"
"INSERT INTO comments_fts (rowid, author, body)"
"  SELECT id, nr_fts_text(author), nr_fts_html(body, NULL) FROM comments;"
"CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN"
"  INSERT INTO comments_fts (rowid, author, body)"
"    VALUES (new.id, nr_fts_text(new.author), nr_fts_html(new.body, NULL));"
"END;"
"CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN"
"  INSERT INTO comments_fts (comments_fts, rowid, author, body)"
"    VALUES ('delete', old.id, nr_fts_text(old.author), nr_fts_html(old.body, NULL));"
"END;"
"CREATE TRIGGER comments_fts_update AFTER UPDATE OF author, body ON comments BEGIN"
"  INSERT INTO comments_fts (comments_fts, rowid, author, body)"
"    VALUES ('delete', old.id, nr_fts_text(old.author), nr_fts_html(old.body, NULL));"
"  INSERT INTO comments_fts (rowid, author, body)"
"    VALUES (new.id, nr_fts_text(new.author), nr_fts_html(new.body, NULL));"
"END;";

/*
 * Version 9, full-text pages (store/pages.c): an item's web page, extracted,
 * kept beside the item (and gone with it), or the reason the last try failed
 * with attempts and next_attempt for the backoff. A table of its own: the
 * items rows and their upsert hash stay as they are.
 */
static const char v9[] =
"CREATE TABLE pages ("
"  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
"  url TEXT NOT NULL,"
"  state TEXT NOT NULL CHECK (state IN ('ok', 'failed')),"
"  title TEXT,"
"  html TEXT,"
"  reason TEXT,"
"  attempts INTEGER NOT NULL DEFAULT 0,"
"  fetched_at INTEGER NOT NULL DEFAULT 0,"
"  next_attempt INTEGER NOT NULL DEFAULT 0"
");";

/*
 * Version 10, sync with a feed server (issue 14; store/sync.h). Feeds and
 * items of a server keep its id with the source's prefix; synced_read and
 * synced_liked are the state the server last agreed to, NULL for items
 * that are not a server's. An item whose flag differs from its synced
 * value is a change the server has not been told of: the partial index
 * finds those few without reading every row.
 */
static const char v10[] =
"ALTER TABLE feeds ADD COLUMN remote_id TEXT;"
"ALTER TABLE items ADD COLUMN remote_id TEXT;"
"ALTER TABLE items ADD COLUMN synced_read INTEGER;"
"ALTER TABLE items ADD COLUMN synced_liked INTEGER;"
"CREATE INDEX feeds_remote ON feeds (remote_id) WHERE remote_id IS NOT NULL;"
"CREATE INDEX items_remote ON items (remote_id) WHERE remote_id IS NOT NULL;"
"CREATE INDEX items_sync_pending ON items (remote_id)"
"  WHERE remote_id IS NOT NULL AND (read != synced_read OR liked != synced_liked);";

/*
 * Version 11, the market sources' states and the token detail view
 * (store/tickers.c). last_warning keeps what a refresh that worked still
 * lost (a holders lookup that failed, values dropped), so the errors view
 * can say it after a restart; the history gains holders (holders over
 * time) and the tickers the 24 h volume and the contract address (to
 * merge one token seen by two sources). A comment the site answered
 * "hold" is held (awaiting moderation) until the comment feed shows it;
 * parent is the id of the comment a reply answers (thr:in-reply-to), and
 * an outbox entry's parent the site's id of the comment it replies to.
 */
static const char v11[] =
"ALTER TABLE ticker_sources ADD COLUMN last_warning TEXT;"
"ALTER TABLE ticker_history ADD COLUMN holders REAL;"
"ALTER TABLE tickers ADD COLUMN volume_24h_usd REAL;"
"ALTER TABLE tickers ADD COLUMN address TEXT;"
"ALTER TABLE tickers ADD COLUMN pool TEXT;"
"ALTER TABLE comments ADD COLUMN held INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE comments ADD COLUMN parent TEXT;"
"ALTER TABLE outbox ADD COLUMN parent INTEGER NOT NULL DEFAULT 0;";

/*
 * Version 12, reposts to Mastodon (store/reposts.c). The idempotency key
 * is stored with the entry when it is queued, so every send of it, also
 * one after a crash mid-request, carries the same key.
 */
static const char v12[] =
"CREATE TABLE reposts ("
"  id INTEGER PRIMARY KEY,"
"  item_id INTEGER NOT NULL,"
"  text TEXT NOT NULL,"
"  idem_key TEXT NOT NULL UNIQUE,"
"  state TEXT NOT NULL DEFAULT 'queued'"
"    CHECK (state IN ('queued', 'sending', 'sent', 'failed')),"
"  attempts INTEGER NOT NULL DEFAULT 0,"
"  created INTEGER NOT NULL,"
"  next_try INTEGER NOT NULL DEFAULT 0,"
"  error TEXT,"
"  remote_url TEXT);";

/*
 * Version 13, cleanup tombstones (store/cleanup.c): an item max-items or
 * keep-articles-days removed, by feed and a 64-bit hash of its guid, so a
 * feed that still lists it does not bring it back unread. seen_at is the
 * last time (in milliseconds) a fetched document listed it; tombstones a
 * whole document no longer lists are pruned. removed_at is in seconds. Self-contained (renumber freely).
 */
static const char v13[] =
"CREATE TABLE item_tombstones ("
"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
"  guid_hash INTEGER NOT NULL,"
"  removed_at INTEGER NOT NULL,"
"  seen_at INTEGER NOT NULL,"
"  PRIMARY KEY (feed_id, guid_hash)"
") WITHOUT ROWID;";

const char *const store_migrations[STORE_SCHEMA_VERSION] = {
	v1,
	v2,
	v3,
	v4,
	v5,
	v6,
	v7,
	v8,
	v9,
	v10,
	v11,
	v12,
	v13,
};
