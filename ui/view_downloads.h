/*
 * The downloads view (D): every enclosure download of the session with
 * its state and progress, newest last; Enter or o opens a finished file.
 */
#ifndef NR_UI_VIEW_DOWNLOADS_H
#define NR_UI_VIEW_DOWNLOADS_H

struct app;
struct view;

struct view *view_downloads_new(struct app *app);

#endif
