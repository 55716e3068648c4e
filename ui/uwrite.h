/*
 * The user's own writes to the cache (read marks, likes, UI state) that
 * must not be lost nor freeze the screen while the fetch thread holds the
 * cache's write lock. The UI connection waits only briefly for the lock
 * (UWRITE_BUSY_MS); a write that still finds it taken is queued here and
 * retried by the main loop, in order, until it succeeds. Queued writes
 * are applied before any later one, so "read, then unread" stays so.
 */
#ifndef NR_UI_UWRITE_H
#define NR_UI_UWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

/* How long the UI thread's connection waits for the write lock. */
#define UWRITE_BUSY_MS 250
/* How long it waits where losing the write costs more than a pause: at
 * exit, and for what cannot be queued (a sent comment's answer from the
 * site, whose loss would send it twice). */
#define UWRITE_LONG_BUSY_MS 5000

/* Opaque; uwrite_new() creates it, uwrite_free() frees it (and drops
 * whatever is still queued: flush first). */
struct uwrite;

struct uwrite *uwrite_new(void);
void uwrite_free(struct uwrite **uw);

/* Each applies the write now, or queues it when it fails (or when older
 * writes still wait). Returns true when applied, false when queued. */
bool uwrite_item_read(struct uwrite *uw, struct store *s, int64_t item_id, bool read);
bool uwrite_feed_read(struct uwrite *uw, struct store *s, int64_t feed_id);
bool uwrite_item_liked(struct uwrite *uw, struct store *s, int64_t item_id, bool liked);
/* value NULL deletes the key. */
bool uwrite_state(struct uwrite *uw, struct store *s, const char *key, const char *value);

/* Retry the queue in order, stopping at the first failure; returns how
 * many writes were applied. */
size_t uwrite_flush(struct uwrite *uw, struct store *s);
/* Writes still queued. */
size_t uwrite_pending(const struct uwrite *uw);
/* The newest queued value of a UI state key: true when one waits (*value
 * borrowed, NULL for a deletion). */
bool uwrite_state_lookup(const struct uwrite *uw, const char *key, const char **value);

#endif
