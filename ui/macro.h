/*
 * Macros (config `macro KEY ACTION [; ACTION...]`, newsboat's syntax):
 * pressing the macro prefix (,) and then KEY runs the actions one after the
 * other, each exactly as its key would. While the prefix waits for its key
 * the status line shows ","; Esc cancels. A macro stops at the first action
 * that does nothing where it is run and says which one.
 */
#ifndef NR_UI_MACRO_H
#define NR_UI_MACRO_H

#include <stdbool.h>

#include "config/settings.h"

struct app;

#define MACRO_PREFIX ','

/* config_check_macros() hook: whether the action takes an argument (none
 * does yet; ud unused). */
bool macro_action_takes_arg(const char *name, void *ud);

/* The key handler's first look: true when key belonged to a macro (the
 * prefix, or the key after it), which is then handled. */
bool macro_key(struct app *app, int key);

/* Run the actions of m on the view on top; false when one failed (said in
 * the status line). */
bool macro_run(struct app *app, const struct config_macro *m);

/* Run one action as its key would: the view on top, then the shared
 * actions; false when neither took it. */
bool macro_dispatch(struct app *app, enum action a);

#endif
