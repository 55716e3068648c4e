/*
 * Macros (macro.h). The config's macro lines were checked at load
 * (config_check_macros through cli_check_ui_names), so every action name
 * here is known; a key is matched by the same names as `bind`.
 */
#include "config.h"

#include <string.h>

#include "config/load.h"
#include "util/i18n.h"
#include "app.h"
#include "keymap.h"
#include "macro.h"
#include "nav.h"
#include "status.h"

bool
macro_action_takes_arg(const char *name, void *ud)
{
	(void)name;
	(void)ud;
	return false;
}

bool
macro_dispatch(struct app *app, enum action a)
{
	struct view *v = app_top(app);

	if (v != NULL && v->ops->action != NULL && v->ops->action(v, app, a))
		return true;
	return nav_action(app, a);
}

bool
macro_run(struct app *app, const struct config_macro *m)
{
	for (size_t i = 0; i < m->nactions && !app->quit; i++) {
		bool ok;
		enum action a = action_from_name(m->actions[i][0], &ok);
		if (!ok || !macro_dispatch(app, a)) {
			status_msg(app->status, LOG_WARN, _("macro %s stopped: action %zu (%s) "
			    "failed"), m->key, i + 1, m->actions[i][0]);
			return false;
		}
	}
	return true;
}

static const struct config_macro *
find(const struct config *c, int key)
{
	/* The last line for a key wins, as with bind. */
	for (size_t i = c->nmacros; i-- > 0;)
		if (keymap_key_from_name(c->macros[i].key) == key)
			return &c->macros[i];
	return NULL;
}

bool
macro_key(struct app *app, int key)
{
	const struct config *c = app->cfg->config;

	if (!app->macro_pending) {
		if (key != MACRO_PREFIX || c->nmacros == 0)
			return false;
		app->macro_pending = true;
		status_sticky(app->status, ",");
		app->dirty = true;
		return true;
	}
	app->macro_pending = false;
	status_clear(app->status);
	app->dirty = true;
	if (key == 27) {
		status_msg(app->status, LOG_INFO, _("macro cancelled"));
		return true;
	}
	const struct config_macro *m = find(c, key);
	if (m == NULL) {
		char name[32];
		keymap_key_name(key, name, sizeof name);
		status_msg(app->status, LOG_INFO, _("no macro on %s"), name);
		return true;
	}
	macro_run(app, m);
	return true;
}
