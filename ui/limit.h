/*
 * The limit prompt of the feed and article lists (set-filter, F, and
 * clear-filter): what the lists share. A list keeps the text the user
 * typed; the filter it queries with is that text joined to its own (a
 * query feed's) expression.
 */
#ifndef NR_UI_LIMIT_H
#define NR_UI_LIMIT_H

#include <stdbool.h>
#include <stddef.h>

struct app;
struct filter;

/*
 * The filter of base and limit together (either may be NULL) into *out
 * (NULL when both are; caller frees with filter_free). On a bad
 * expression: false, *out untouched, and the error in the status line.
 */
bool limit_build(struct app *app, const char *base, const char *limit, struct filter **out);
/* Append " [filter: TEXT]" to the title suffix of room bytes, the text cut
 * at a character boundary to fit. Nothing when limit is NULL. */
void limit_title(char *suffix, size_t room, const char *limit);
/* Start the prompt; done gets the text (NULL on Esc), as prompt.h says. */
void limit_prompt(struct app *app, void (*done)(struct app *app, const char *text));

#endif
