/*
 * Market source states (state.h). The order of the checks is the order of
 * what matters to the user: a server that told us to wait explains
 * everything else; then a failure; then old data.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "market/state.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum market_state
market_state_of(const struct market_source_status *st, time_t now)
{
	time_t stale = (time_t)st->interval * MARKET_STALE_INTERVALS;

	if (stale < MARKET_STALE_MIN)
		stale = MARKET_STALE_MIN;
	if (st->retry_after > now)
		return MARKET_STATE_LIMITED;
	if (st->error != NULL)
		return MARKET_STATE_FAILING;
	if (st->last_success == 0)
		return MARKET_STATE_NEW;
	if (now - st->last_success > stale)
		return MARKET_STATE_STALE;
	return MARKET_STATE_OK;
}

const char *
market_state_name(enum market_state s)
{
	switch (s) {
	case MARKET_STATE_NEW: return "no data yet";
	case MARKET_STATE_OK: return "ok";
	case MARKET_STATE_STALE: return "stale";
	case MARKET_STATE_FAILING: return "failing";
	case MARKET_STATE_LIMITED: return "rate-limited";
	}
	return "?";
}

void
market_fmt_clock(time_t now, time_t t, char *buf, size_t size)
{
	struct tm a, b;

	localtime_r(&now, &a);
	localtime_r(&t, &b);
	if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
		strftime(buf, size, "%H:%M", &b);
	else
		strftime(buf, size, "%Y-%m-%d %H:%M", &b);
}

char *
market_state_text(const struct market_source_status *st, time_t now)
{
	enum market_state s = market_state_of(st, now);
	char when[32], head[512], tail[64] = "";

	switch (s) {
	case MARKET_STATE_NEW:
		snprintf(head, sizeof head, "%s", _("no data yet"));
		break;
	case MARKET_STATE_OK:
		market_fmt_clock(now, st->last_success, when, sizeof when);
		snprintf(head, sizeof head, _("ok, updated %s"), when);
		break;
	case MARKET_STATE_STALE:
		market_fmt_clock(now, st->last_success, when, sizeof when);
		snprintf(head, sizeof head, _("stale since %s"), when);
		break;
	case MARKET_STATE_FAILING:
		snprintf(head, sizeof head, _("failing: %s"), st->error);
		break;
	case MARKET_STATE_LIMITED:
		market_fmt_clock(now, st->retry_after, when, sizeof when);
		snprintf(head, sizeof head, _("rate-limited until %s"), when);
		break;
	}
	if ((s == MARKET_STATE_FAILING || s == MARKET_STATE_LIMITED) && st->last_success != 0) {
		market_fmt_clock(now, st->last_success, when, sizeof when);
		snprintf(tail, sizeof tail, _("; values from %s"), when);
	}
	/* A warning belongs to the last good refresh: only while it is the news. */
	if (st->warning != NULL && (s == MARKET_STATE_OK || s == MARKET_STATE_STALE))
		return xasprintf("%s; %s", head, st->warning);
	return xasprintf("%s%s", head, tail);
}
