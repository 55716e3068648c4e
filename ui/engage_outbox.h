/*
 * The outbox timer and comment events: the user's comments wait in the
 * store's outbox and are sent by fetch jobs when due (with backoff, never
 * offline); answers and fetched comment feeds come back as FETCH_EV_JOB
 * events. Part of the engagement module (engage.h); its timer runs from
 * engage_timeout().
 */
#ifndef NR_UI_ENGAGE_OUTBOX_H
#define NR_UI_ENGAGE_OUTBOX_H

#include <stdint.h>

struct app;
struct fetch_event;

/* A FETCH_EV_JOB event (comment feed or post answers). */
void engage_event(struct app *app, const struct fetch_event *ev);
/* Send waiting comments of item_id (0: all) now, not after the backoff;
 * returns how many were queued again. */
int engage_retry_now(struct app *app, int64_t item_id);

#endif
