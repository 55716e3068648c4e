/*
 * Read-only pages: the help (generated from the live key map) and the list
 * of errors of the last reloads (E).
 */
#ifndef NR_UI_VIEW_PAGER_H
#define NR_UI_VIEW_PAGER_H

struct app;
struct view;

struct view *view_help_new(struct app *app);
struct view *view_errors_new(struct app *app);

#endif
