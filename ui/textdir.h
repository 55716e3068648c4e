/*
 * The direction of a title in a list (issue 13, section 1): the same order
 * as article paragraphs, minus the HTML (titles are plain text): the item's
 * or feed's language, the feed's `direction` setting, then most words.
 */
#ifndef NR_UI_TEXTDIR_H
#define NR_UI_TEXTDIR_H

#include "config/settings.h"
#include "text/text.h"

/* lang, feed_url and title may be NULL; AUTO when nothing says. */
enum text_dir ui_title_dir(const struct config *cfg, const char *lang, const char *feed_url,
    const char *title);

#endif
