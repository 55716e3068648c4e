/* The main loop: poll() on stdin, the fetch wakeup fd and the signal pipe. */
#ifndef NR_UI_LOOP_H
#define NR_UI_LOOP_H

struct app;

/* Returns when app->quit is set. */
void loop_run(struct app *app);

#endif
