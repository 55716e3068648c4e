/*
 * The actions every view shares (help, search, the error list, liked
 * articles, back, quit, reload all, ...): what the main loop does with an
 * action the view on top did not take. It opens views through their
 * constructors; no view calls it.
 */
#ifndef NR_UI_NAV_H
#define NR_UI_NAV_H

#include <stdbool.h>

#include "keymap.h"

struct app;

/* True when the action did something here; false when it has no meaning
 * on this view (a macro stops there). */
bool nav_action(struct app *app, enum action a);

#endif
