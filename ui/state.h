/* The stack of views saved in the store's ui_state and restored at start. */
#ifndef NR_UI_STATE_H
#define NR_UI_STATE_H

struct app;

/* Restore the saved stack of views, or the feed list. */
void state_restore_views(struct app *app);
/* Save the stack and every view's position. */
void state_save_views(struct app *app);

#endif
