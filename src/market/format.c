/*
 * Display strings for the market panel (see format.h for the rules).
 *
 * printf's %f and %g follow LC_NUMERIC, and main() sets the user's locale,
 * so digits come from %e (whose rounding is exact) with everything but the
 * digits and the exponent thrown away, and the decimal point is placed here.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "market/format.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define DASH "\xe2\x80\x94"	/* U+2014 EM DASH */

static const char units[] = { '\0', 'K', 'M', 'B', 'T' };

static char *
missing(int flags, char *buf)
{
	strcpy(buf, (flags & MARKET_FMT_ASCII) ? "-" : DASH);
	return buf;
}

/*
 * The first n (<= 8) significant digits of v > 0, correctly rounded, into
 * dig; returns the decimal exponent E so that v ~ d.ddd * 10^E.
 */
static int
sig_digits(double v, int n, char *dig)
{
	char tmp[64];
	int k = 0;
	const char *p;

	snprintf(tmp, sizeof tmp, "%.*e", n - 1, v);
	for (p = tmp; *p != '\0' && *p != 'e' && *p != 'E'; p++) {
		if (*p >= '0' && *p <= '9' && k < n)
			dig[k++] = *p;
	}
	while (k < n)
		dig[k++] = '0';
	return *p != '\0' ? atoi(p + 1) : 0;
}

/* Write the n digits dig with value dig * 10^(e - n + 1) in plain decimal. */
static void
place(const char *dig, int n, int e, char *out)
{
	char *o = out;

	if (e < 0) {
		*o++ = '0';
		*o++ = '.';
		for (int i = 0; i < -e - 1; i++)
			*o++ = '0';
		memcpy(o, dig, (size_t)n);
		o += n;
	} else if (e + 1 >= n) {
		memcpy(o, dig, (size_t)n);
		o += n;
		for (int i = 0; i < e + 1 - n; i++)
			*o++ = '0';
	} else {
		memcpy(o, dig, (size_t)e + 1);
		o += e + 1;
		*o++ = '.';
		memcpy(o, dig + e + 1, (size_t)(n - e - 1));
		o += n - e - 1;
	}
	*o = '\0';
}

/* v >= 0 with n significant digits and a K/M/B/T unit from 1000 up. */
static void
short_form(double v, int n, char *out)
{
	char dig[8];

	if (v == 0) {
		strcpy(out, "0");
		return;
	}
	int e = sig_digits(v, n, dig);
	if (e < -9 || e >= 18) {
		/* Too many zeros to read (1.23e-10), or past the units (1.23e18). */
		out[0] = dig[0];
		out[1] = '.';
		memcpy(out + 2, dig + 1, (size_t)n - 1);
		sprintf(out + n + 1, "e%d", e);
		return;
	}
	int u = e >= 3 ? e / 3 : 0;
	if (u > 4)
		u = 4;
	place(dig, n, e - 3 * u, out);
	if (u > 0) {
		size_t len = strlen(out);
		out[len] = units[u];
		out[len + 1] = '\0';
	}
}

/* Write the sign and "$" of the amount n to buf; returns where its digits
 * go, with |n| in *abs. NULL when n is missing: buf holds the mark. */
static char *
dollars(struct market_num n, int flags, char *buf, double *abs)
{
	double v = n.value;
	char *o = buf;

	if (!n.present || !isfinite(v)) {
		missing(flags, buf);
		return NULL;
	}
	if (v < 0) {
		*o++ = '-';
		v = -v;
	}
	*o++ = '$';
	*abs = v;
	return o;
}

char *
market_fmt_money(struct market_num n, int flags, char *buf)
{
	double v;
	char *o = dollars(n, flags, buf, &v);

	if (o != NULL)
		short_form(v, 3, o);
	return buf;
}

char *
market_fmt_price(struct market_num n, int flags, char *buf)
{
	double v;
	char *o = dollars(n, flags, buf, &v);

	if (o == NULL)
		return buf;
	if (v >= 1000)
		return market_fmt_money(n, flags, buf);
	if (v > 0 && v < 1) {
		char dig[8];
		int e = sig_digits(v, 4, dig);
		if (e < 0) {
			short_form(v, 4, o);
			return buf;
		}
		/* 0.99996 rounds up to 1: shown like any dollar amount. */
	}
	long long cents = llround(v * 100);
	if (cents >= 100000)
		return market_fmt_money(n, flags, buf);
	sprintf(o, "%lld.%02lld", cents / 100, cents % 100);
	if (cents == 0)
		strcpy(o, "0");
	return buf;
}

char *
market_fmt_holders(struct market_num n, int flags, char *buf)
{
	if (!n.present || !isfinite(n.value) || n.value < 0)
		return missing(flags, buf);
	if (n.value < 999.5)
		sprintf(buf, "%lld", llround(n.value));
	else
		short_form(n.value, 3, buf);
	return buf;
}

int
market_change_direction(struct market_num n)
{
	if (!n.present || !isfinite(n.value) || llround(fabs(n.value) * 100) == 0)
		return 0;
	return n.value > 0 ? 1 : -1;
}

char *
market_fmt_change(struct market_num n, int flags, char *buf)
{
	if (!n.present || !isfinite(n.value))
		return missing(flags, buf);
	int dir = market_change_direction(n);
	if (dir == 0) {
		strcpy(buf, "0.00%");
		return buf;
	}
	double a = fabs(n.value);
	char num[16];	/* |v| is at most ~1e308: short_form keeps it to 3 digits and a unit */
	long long cents = a < 1e6 ? llround(a * 100) : 100000;
	if (cents < 100000)
		sprintf(num, "%lld.%02lld", cents / 100, cents % 100);
	else
		short_form(a, 3, num);
	const char *arrow = (flags & MARKET_FMT_ASCII) ? (dir > 0 ? "^" : "v") :
	    (dir > 0 ? "\xe2\x96\xb2" : "\xe2\x96\xbc");	/* ▲ ▼ */
	snprintf(buf, MARKET_FMT_SIZE, "%c%s%% %s", dir > 0 ? '+' : '-', num, arrow);
	return buf;
}

char *
market_fmt_age(time_t now, time_t t, char *buf)
{
	if (t == 0) {
		strcpy(buf, "never");
		return buf;
	}
	long long d = (long long)now - (long long)t;
	if (d < 60)
		snprintf(buf, MARKET_FMT_SIZE, "%s", _("just now"));
	else if (d < 3600)
		snprintf(buf, MARKET_FMT_SIZE, _("%lld min ago"), d / 60);
	else if (d < 86400)
		snprintf(buf, MARKET_FMT_SIZE, _("%lld h ago"), d / 3600);
	else
		/* English abbreviates; Arabic counts days in its six forms. */
		snprintf(buf, MARKET_FMT_SIZE, P_("%lld d ago", "%lld d ago", d / 86400),
		    d / 86400);
	return buf;
}

char *
market_sparkline(const double *values, size_t n, size_t cells, int flags)
{
	static const char *const blocks[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
	};
	static const char ascii[8] = { '_', '.', ',', '-', '=', '+', '*', '#' };
	bool asc = flags & MARKET_FMT_ASCII;
	size_t start = n > cells ? n - cells : 0;
	size_t pad = cells - (n - start);
	double lo = INFINITY, hi = -INFINITY;
	char *out = xmalloc(cells * 3 + 1), *o = out;

	for (size_t i = start; i < n; i++) {
		if (isfinite(values[i])) {
			lo = values[i] < lo ? values[i] : lo;
			hi = values[i] > hi ? values[i] : hi;
		}
	}
	for (size_t i = 0; i < pad; i++)
		*o++ = ' ';
	for (size_t i = start; i < n; i++) {
		if (!isfinite(values[i])) {
			*o++ = ' ';
			continue;
		}
		/* Halved so that hi - lo cannot overflow to infinity. */
		int level = hi > lo ?
		    (int)lround((values[i] / 2 - lo / 2) / (hi / 2 - lo / 2) * 7) : 0;
		if (asc) {
			*o++ = ascii[level];
		} else {
			memcpy(o, blocks[level], 3);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}
