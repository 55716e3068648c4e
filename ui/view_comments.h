/*
 * The comments pane (`C`): the article's comments, oldest first, each with
 * a header (author, date; the user's own notes as "you (note)") and its
 * body laid out by src/text through html_layout (Arabic right-aligned),
 * then the user's comments still in the outbox with their state (queued
 * and when the next try is, sending, failed and why). Opening it asks the
 * fetch thread for the comment feed; the pane refreshes when it arrives.
 *
 * Keys: the usual movement; r fetches the comments again and sends
 * waiting comments now (not after the backoff); c writes a comment (a
 * failed one comes back into the composer for editing); q goes back.
 */
#ifndef NR_UI_VIEW_COMMENTS_H
#define NR_UI_VIEW_COMMENTS_H

#include <stdint.h>

struct app;
struct view;

struct view *view_comments_new(struct app *app, int64_t item_id);

#endif
