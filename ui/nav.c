/*
 * The actions every view shares (nav.h): the main loop hands here what the
 * view on top did not take. Views are opened through their constructors.
 */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "store/store.h"
#include "util/i18n.h"
#include "util/log.h"
#include "app.h"
#include "nav.h"
#include "panel.h"
#include "status.h"
#include "view_downloads.h"
#include "view_items.h"
#include "view_pager.h"

static void
search_done(struct app *app, const char *text)
{
	app->dirty = true;
	if (text == NULL || *text == '\0')
		return;
	app_push(app, view_search_new(app, text));
}

bool
nav_action(struct app *app, enum action a)
{
	bool done = true;

	switch (a) {
	case ACTION_BACK:
		app_pop(app);
		break;
	case ACTION_QUIT:
		app_quit(app, EXIT_OK, NULL);
		break;
	case ACTION_HELP:
		if (strcmp(app_top(app)->ops->name, "help") != 0)
			app_push(app, view_help_new(app));
		break;
	case ACTION_SEARCH:
		prompt_start(&app->prompt, _("Search: "), search_done);
		break;
	case ACTION_SHOW_ERRORS:
		app_push(app, view_errors_new(app));
		break;
	case ACTION_LIKED:
		app_push(app, view_items_new(app, STORE_SCOPE_LIKED, 0, NULL, _("Liked")));
		break;
	case ACTION_RELOAD_ALL:
		app_reload_all(app);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_LIKE:
	case ACTION_SHARE:
	case ACTION_REPOST:
	case ACTION_COMMENT:
	case ACTION_COMMENTS:
		/* Lists and the article handle these (engage.h). */
		status_msg(app->status, LOG_INFO, _("%s: select an article first"), action_name(a));
		done = false;
		break;
	case ACTION_PANEL:
	case ACTION_MARKET_SORT:
		/* The panel is in the article view; the setting holds everywhere. */
		panel_action(app, a);
		break;
	case ACTION_SET_FILTER:
	case ACTION_CLEAR_FILTER:
		/* The feed and article lists take these. */
		status_msg(app->status, LOG_INFO, _("filters work in the feed and article lists"));
		break;
	case ACTION_FOCUS:
		status_msg(app->status, LOG_INFO, _("the market panel is in the article view"));
		done = false;
		break;
	case ACTION_DOWNLOADS:
		if (strcmp(app_top(app)->ops->name, "downloads") != 0)
			app_push(app, view_downloads_new(app));
		break;
	case ACTION_NEXT_ENCLOSURE:
	case ACTION_OPEN_ENCLOSURE:
	case ACTION_DOWNLOAD_ENCLOSURE:
		status_msg(app->status, LOG_INFO, _("%s: open an article with enclosures first"),
		    action_name(a));
		break;
	default:
		done = false;
		break;
	}
	app->dirty = true;
	return done;
}
