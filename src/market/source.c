/*
 * Market sources from the config, and their schedule (market/source.h).
 *
 * The scheduler is a list of due times, one per source, that the UI thread
 * owns: it asks which sources are due, submits them, and reports each
 * outcome; nothing here sleeps or reads the clock.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "market/source.h"
#include "util/buf.h"
#include "util/xalloc.h"

void
market_src_request(const struct market_src *s, struct market_source *out)
{
	memset(out, 0, sizeof *out);
	out->kind = s->kind;
	out->base_url = s->base_url;
	out->ids = s->ids;
	out->chain = s->chain;
	out->addresses = s->addresses;
	out->api_key = s->api_key;
	out->pro = s->pro;
}

static void
src_clear(struct market_src *s)
{
	free(s->name);
	free(s->base_url);
	free(s->ids);
	free(s->chain);
	free(s->addresses);
	free(s->api_key);
	free(s->keep);
	free(s->holders_base);
	free(s->network);
	memset(s, 0, sizeof *s);
}

struct market_src *
market_src_copy(const struct market_src *s)
{
	struct market_src *c = xmalloc(sizeof *c);

	*c = *s;
	c->name = xstrdup_null(s->name);
	c->base_url = xstrdup_null(s->base_url);
	c->ids = xstrdup_null(s->ids);
	c->chain = xstrdup_null(s->chain);
	c->addresses = xstrdup_null(s->addresses);
	c->api_key = xstrdup_null(s->api_key);
	c->keep = xstrdup_null(s->keep);
	c->holders_base = xstrdup_null(s->holders_base);
	c->network = xstrdup_null(s->network);
	return c;
}

void
market_src_free(struct market_src **sp)
{
	if (*sp == NULL)
		return;
	src_clear(*sp);
	free(*sp);
	*sp = NULL;
}

void
market_sources_free(struct market_sources **lp)
{
	struct market_sources *l = *lp;

	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		src_clear(&l->v[i]);
	free(l->v);
	free(l);
	*lp = NULL;
}

struct market_src *
market_sources_find(const struct market_sources *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	}
	return NULL;
}

/* The endpoint path a user may have pasted with the base URL. */
static const char *
endpoint_path(enum market_kind kind)
{
	switch (kind) {
	case MARKET_GATE_ALPHA:
		return "/api/v4/alpha/tickers";
	case MARKET_COINGECKO:
		return "/api/v3/coins/markets";
	case MARKET_DEXSCREENER:
		return "/tokens/v1";
	case MARKET_GENERIC:
	case MARKET_GECKOTERMINAL:
		break;
	}
	return NULL;
}

static char *
base_of(enum market_kind kind, const char *url)
{
	const char *ep = endpoint_path(kind);
	size_t len = strlen(url), elen;

	if (ep == NULL)
		return xstrdup(url);
	/* The adapters build their own query. */
	len = strcspn(url, "?#");
	while (len > 0 && url[len - 1] == '/')
		len--;
	elen = strlen(ep);
	if (len > elen && strncasecmp(url + len - elen, ep, elen) == 0)
		len -= elen;
	return xstrndup(url, len);
}

/* "12" -> 12 in [1, 86400]; false otherwise. */
static bool
parse_seconds(const char *v, unsigned *out)
{
	char *end;
	unsigned long n;

	if (*v < '0' || *v > '9')
		return false;
	n = strtoul(v, &end, 10);
	if (*end != '\0' || n < 1 || n > 86400)
		return false;
	*out = (unsigned)n;
	return true;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = *v != '\0' ? xstrdup(v) : NULL;
}

/*
 * Fill s from one config line; NULL when fine, else a reason (caller frees)
 * for a warning.
 */
static char *
src_from_line(struct market_src *s, const struct config_market_source *c, unsigned interval)
{
	const char *kind_name = config_market_kind_name(c->kind);
	const char *name = NULL;
	unsigned own_interval = 0;
	struct market_source req;
	char *url = NULL, *header = NULL, *cause = NULL;
	struct buf b;

	if (!market_kind_from_name(kind_name, &s->kind))
		return xasprintf("unknown kind '%s'", kind_name);
	s->base_url = base_of(s->kind, c->url);
	s->line = c->line;
	for (size_t i = 0; i < c->nparams; i++) {
		const char *k = c->params[i].key, *v = c->params[i].value;

		if (strcmp(k, "ids") == 0)
			set_str(&s->ids, v);
		else if (strcmp(k, "key") == 0)
			set_str(&s->api_key, v);
		else if (strcmp(k, "key-type") == 0) {
			if (strcmp(v, "pro") != 0 && strcmp(v, "demo") != 0)
				return xasprintf("bad key-type '%s' (expected pro or demo)", v);
			s->pro = strcmp(v, "pro") == 0;
		} else if (strcmp(k, "chain") == 0)
			set_str(&s->chain, v);
		else if (strcmp(k, "addresses") == 0)
			set_str(&s->addresses, v);
		else if (strcmp(k, "symbols") == 0)
			set_str(&s->keep, v);
		else if (strcmp(k, "holders") == 0) {
			if (strcmp(v, "geckoterminal") != 0 && strcmp(v, "no") != 0)
				return xasprintf("bad holders '%s' (expected geckoterminal or no)",
				    v);
			s->holders = strcmp(v, "geckoterminal") == 0;
		} else if (strcmp(k, "holders-url") == 0) {
			set_str(&s->holders_base, v);
			s->holders = true;
		} else if (strcmp(k, "network") == 0)
			set_str(&s->network, v);
		else if (strcmp(k, "interval") == 0) {
			if (!parse_seconds(v, &own_interval))
				return xasprintf("bad interval '%s' (expected 1 to 86400 seconds)",
				    v);
		} else if (strcmp(k, "name") == 0)
			name = v;
		else
			return xasprintf("unknown parameter '%s'", k);
	}
	if (s->holders && s->kind != MARKET_DEXSCREENER)
		return xstrdup("holders lookups need a dexscreener source (token addresses)");
	s->interval = market_interval(s->kind, own_interval ? own_interval : interval);

	/* Check now what every refresh would find wrong. */
	market_src_request(s, &req);
	if (market_request(&req, &url, &header, &cause) == -1)
		return cause;
	free(url);
	free(header);
	if (s->holders) {
		struct market_source h = { .kind = MARKET_GECKOTERMINAL,
		    .base_url = s->holders_base, .chain = "x", .addresses = "x" };
		if (market_request(&h, &url, &header, &cause) == -1) {
			char *why = xasprintf("holders-url: %s", cause);
			free(cause);
			return why;
		}
		free(url);
		free(header);
	}

	if (name != NULL && *name != '\0') {
		s->name = xstrdup(name);
		return NULL;
	}
	/* The key is left out: the name is stored in the cache. */
	buf_init(&b, 0);
	buf_printf(&b, "%s %s", kind_name, c->url);
	if (s->ids != NULL)
		buf_printf(&b, " ids=%s", s->ids);
	if (s->chain != NULL)
		buf_printf(&b, " chain=%s", s->chain);
	if (s->addresses != NULL)
		buf_printf(&b, " addresses=%s", s->addresses);
	s->name = buf_detach(&b);
	return NULL;
}

struct market_sources *
market_sources_from_config(const struct config *cfg, struct diag_list *d)
{
	struct market_sources *l = xcalloc(1, sizeof *l);
	const char *file = cfg->file != NULL ? cfg->file : "config";
	unsigned interval = cfg->market_interval > 0 ? (unsigned)cfg->market_interval : 0;

	l->v = xcalloc(cfg->nmarket_sources + 1, sizeof *l->v);
	for (size_t i = 0; i < cfg->nmarket_sources; i++) {
		const struct config_market_source *c = &cfg->market_sources[i];
		struct market_src *s = &l->v[l->n];
		char *why = src_from_line(s, c, interval);

		if (why == NULL && market_sources_find(l, s->name) != NULL)
			why = xasprintf("duplicate source '%s'", s->name);
		if (why != NULL) {
			if (d != NULL)
				diag_add(d, DIAG_WARNING, file, c->line, "market-source: %s", why);
			free(why);
			src_clear(s);
			continue;
		}
		l->n++;
	}
	return l;
}

/* ---- Schedule ---- */

static bool
in_flight(const struct market_src *s, time_t now)
{
	return s->in_flight_since != 0 && now - s->in_flight_since < MARKET_IN_FLIGHT_MAX;
}

size_t
market_schedule_due(struct market_sources *l, time_t now, size_t *due, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n && n < max; i++) {
		struct market_src *s = &l->v[i];

		if (in_flight(s, now) || s->next_due > now)
			continue;
		s->in_flight_since = now;
		s->want_holders = s->holders && s->holders_due <= now;
		if (s->want_holders) {
			unsigned step = s->interval > MARKET_HOLDERS_INTERVAL ? s->interval :
			    MARKET_HOLDERS_INTERVAL;
			s->holders_due = now + (time_t)step;
		}
		due[n++] = i;
	}
	return n;
}

void
market_schedule_done(struct market_sources *l, const char *name, time_t now,
    time_t retry_after)
{
	struct market_src *s = name != NULL ? market_sources_find(l, name) : NULL;

	if (s == NULL)
		return;
	if (retry_after > now + MARKET_RETRY_MAX)
		retry_after = now + MARKET_RETRY_MAX;
	s->in_flight_since = 0;
	s->next_due = now + (time_t)s->interval;
	s->retry_until = retry_after > now ? retry_after : 0;
	if (s->retry_until > s->next_due)
		s->next_due = s->retry_until;
}

void
market_schedule_restore(struct market_sources *l, size_t i, time_t now, time_t last_attempt,
    time_t retry_after)
{
	struct market_src *s;
	time_t t;

	if (i >= l->n)
		return;
	s = &l->v[i];
	/* A clock set back must not park a source for long. */
	if (last_attempt > now)
		last_attempt = now;
	if (retry_after > now + MARKET_RETRY_MAX)
		retry_after = now + MARKET_RETRY_MAX;
	t = last_attempt > 0 ? last_attempt + (time_t)s->interval : 0;
	if (retry_after > t)
		t = retry_after;
	if (t > s->next_due)
		s->next_due = t;
	if (retry_after > now && retry_after > s->retry_until)
		s->retry_until = retry_after;
}

void
market_schedule_refresh(struct market_sources *l, time_t now)
{
	for (size_t i = 0; i < l->n; i++) {
		struct market_src *s = &l->v[i];

		s->next_due = s->retry_until > now ? s->retry_until : now;
	}
}

time_t
market_schedule_next(const struct market_sources *l)
{
	time_t next = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct market_src *s = &l->v[i];
		time_t t = s->in_flight_since != 0 ?
		    s->in_flight_since + MARKET_IN_FLIGHT_MAX : s->next_due;

		if (i == 0 || t < next)
			next = t;
	}
	return next;
}

int
market_schedule_timeout_ms(const struct market_sources *l, time_t now)
{
	time_t next;

	if (l->n == 0)
		return -1;
	next = market_schedule_next(l);
	if (next <= now)
		return 0;
	if (next - now > INT_MAX / 1000)
		return INT_MAX / 1000 * 1000;
	return (int)(next - now) * 1000;
}
