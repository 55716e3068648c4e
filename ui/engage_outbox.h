/*
 * The outbox timer and comment events: the user's comments wait in the
 * store's outbox and are sent by fetch jobs when due (with backoff, never
 * offline); the driver applies the answers and fetched comment feeds
 * (src/driver) and the loop hands their outcomes to engage_event(). Part of the engagement module (engage.h); its timer runs from
 * engage_timeout().
 */
#ifndef NR_UI_ENGAGE_OUTBOX_H
#define NR_UI_ENGAGE_OUTBOX_H

#include <stdint.h>

struct app;
struct comments_outcome;

/* What a comment job's event did (applied by the driver): tell the user,
 * and reschedule the outbox for a retry. */
void engage_event(struct app *app, const struct comments_outcome *o);
/* Send waiting comments of item_id (0: all) now, not after the backoff;
 * returns how many were queued again. */
int engage_retry_now(struct app *app, int64_t item_id);

/* A repost's answer came (applied by the driver): say msg, which is the
 * server's own reason on a failure. */
void engage_repost_done(struct app *app, const char *msg, int sent);

#endif
