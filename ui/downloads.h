/*
 * The UI's side of enclosure downloads (src/download): the queue made on
 * first use from the settings, its progress on the status line while
 * anything runs, the end of each download said once, and the commands
 * that open an enclosure or a downloaded file (enclosure-command, else
 * the browser). The queue lives in app->downloads.
 */
#ifndef NR_UI_DOWNLOADS_H
#define NR_UI_DOWNLOADS_H

#include <stddef.h>
#include <stdint.h>

struct app;
struct fetch_event;

/* Queue url for download (type may be NULL, length -1 when unknown). */
void downloads_enqueue(struct app *app, const char *url, const char *type, int64_t length);
/* Open an enclosure's URL with enclosure-command (%u, %t), else the browser. */
void downloads_open_url(struct app *app, const char *url, const char *type);
/* Open the downloaded file at path the same way (type may be NULL). */
void downloads_open_file(struct app *app, const char *path, const char *type);
/* Start what may start, read progress, say what ended; every loop turn. */
void downloads_tick(struct app *app);
/* Milliseconds until the next tick is due (-1: nothing runs). */
int downloads_timeout(const struct app *app);
/* A DRIVER_DOWNLOAD outcome's event. */
void downloads_event(struct app *app, const struct fetch_event *ev);
/* At quit: stop what runs (its part files go) and free the queue; how
 * many were stopped. */
size_t downloads_quit(struct app *app);

#endif
