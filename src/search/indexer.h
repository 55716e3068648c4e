/*
 * The search index catch-up off the UI thread (issue 18). A big reload
 * stores its items with indexing put off (fts_pending); the reader indexed
 * them when idle, on the UI thread. At a million items FTS5 merges its
 * segments in bursts of thousands of pages every few dozen items indexed,
 * 100-400 ms that froze the keys whatever the slice size. The indexer is
 * one worker thread with its own writable connection (same WAL, a short
 * busy timeout): told that items may wait (indexer_kick), it
 * indexes them in short transactions until none waits, then puts one byte
 * on a pipe whose read end the caller polls. A slice that fails (the cache
 * refused the write, the lock stayed taken) is tried again after
 * INDEXER_RETRY_MS.
 */
#ifndef NR_SEARCH_INDEXER_H
#define NR_SEARCH_INDEXER_H

#include <stdbool.h>

/* Items per transaction: the write lock is held a few ms between bursts. */
#define INDEXER_SLICE 32
/* After a failed slice: wait this long before the next. */
#define INDEXER_RETRY_MS 500
/* How long a slice waits for another writer's lock before it fails (and is
 * retried): short, so that stopping (the reader quitting) never waits for
 * a long reload batch. */
#define INDEXER_BUSY_MS 250

/* Opaque; indexer_new() creates it, indexer_free() stops and frees it. */
struct indexer;

/* The worker for the cache at db_path, its connection opened here. NULL
 * with *err (caller frees) when the cache cannot be opened for writing or
 * no thread can be started: the caller then indexes itself. */
struct indexer *indexer_new(const char *db_path, char **err);
/* Stop the worker (after the slice it runs), join it, free; NULL-safe. */
void indexer_free(struct indexer **ix);
/* Items may wait: index until none does. */
void indexer_kick(struct indexer *ix);
/* Readable when a catch-up ended; see indexer_take(). */
int indexer_fd(const struct indexer *ix);
/* Drains the pipe; true when some catch-up ended since the last call (the
 * index then held every item written before its kick). */
bool indexer_take(struct indexer *ix);

#endif
