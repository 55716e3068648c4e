/*
 * Date parsing (see date.h). Both parsers are small hand-written scanners
 * over ASCII: feed dates are short, and strptime(3) depends on the locale
 * and cannot express the variants that real feeds produce.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/date.h"

static const char *const month_names[12] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

/* Named zones of RFC 822 section 5 plus the usual extras; minutes east of UTC. */
static const struct {
	const char *name;
	int offset;
} zone_names[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
	{ "EST", -5 * 60 }, { "EDT", -4 * 60 },
	{ "CST", -6 * 60 }, { "CDT", -5 * 60 },
	{ "MST", -7 * 60 }, { "MDT", -6 * 60 },
	{ "PST", -8 * 60 }, { "PDT", -7 * 60 },
	{ "BST", 60 }, { "CET", 60 }, { "CEST", 120 }, { "EET", 120 },
	{ "EEST", 180 }, { "MSK", 180 }, { "AST", 180 }, { "IST", 330 },
	{ "JST", 540 },
};

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* Up to max digits into *v; returns the number of digits read. */
static int
read_digits(const char **sp, int max, int *v)
{
	const char *s = *sp;
	int n = 0, val = 0;
	while (n < max && isdigit((unsigned char)s[n])) {
		val = val * 10 + (s[n] - '0');
		n++;
	}
	if (n > 0) {
		*v = val;
		*sp = s + n;
	}
	return n;
}

static int
month_from_name(const char *s, size_t len)
{
	if (len < 3)
		return -1;
	for (int i = 0; i < 12; i++) {
		if (strncasecmp(s, month_names[i], 3) == 0)
			return i;
	}
	return -1;
}

static bool
valid_fields(int year, int mon, int mday, int hour, int min, int sec)
{
	return year >= 1900 && year <= 9999 && mon >= 0 && mon <= 11 &&
	    mday >= 1 && mday <= 31 && hour >= 0 && hour <= 24 && min >= 0 &&
	    min <= 59 && sec >= 0 && sec <= 60;
}

static time_t
make_utc(int year, int mon, int mday, int hour, int min, int sec, int offset_min)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = mon;
	tm.tm_mday = mday;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec == 60 ? 59 : sec;	/* a leap second is not worth a day */
	return timegm(&tm) - (time_t)offset_min * 60;
}

/* "+hhmm", "-hh:mm", "+hh"; returns false when s is not one. */
static bool
parse_numeric_offset(const char **sp, int *offset)
{
	const char *s = *sp;
	int sign, hh, mm = 0;
	if (*s != '+' && *s != '-')
		return false;
	sign = *s == '-' ? -1 : 1;
	s++;
	int n = read_digits(&s, 4, &hh);
	if (n == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (n == 2 || n == 1) {
		if (*s == ':') {
			s++;
			if (read_digits(&s, 2, &mm) != 2)
				return false;
		}
	} else if (n == 3) {
		mm = hh % 100;	/* "+530" */
		hh /= 100;
	} else {
		return false;
	}
	if (hh > 23 || mm > 59)
		return false;
	*offset = sign * (hh * 60 + mm);
	*sp = s;
	return true;
}

/* A zone after an RFC 822 time: numeric, named, "GMT+hhmm", or a military
 * letter. RFC 2822 section 4.3 notes that RFC 822 got the military zones'
 * signs wrong, so any letter other than Z is taken as "unknown", i.e. UTC. */
static bool
parse_zone(const char **sp, int *offset)
{
	const char *s = skip_space(*sp);
	*offset = 0;
	if (*s == '\0') {
		*sp = s;
		return true;	/* no zone: UTC */
	}
	if (parse_numeric_offset(&s, offset)) {
		*sp = s;
		return true;
	}
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if (n == 0)
		return false;
	bool found = false;
	for (size_t i = 0; i < sizeof zone_names / sizeof zone_names[0]; i++) {
		if (strlen(zone_names[i].name) == n && strncasecmp(s, zone_names[i].name, n) == 0) {
			*offset = zone_names[i].offset;
			found = true;
			break;
		}
	}
	if (!found && n == 1 && toupper((unsigned char)s[0]) != 'J')
		found = true;	/* military letter */
	if (!found)
		return false;
	s += n;
	int extra;
	if (parse_numeric_offset(&s, &extra))	/* "GMT+0300" */
		*offset += extra;
	*sp = s;
	return true;
}

/* hh:mm[:ss] */
static bool
parse_clock(const char **sp, int *hour, int *min, int *sec)
{
	const char *s = *sp;
	*sec = 0;
	if (read_digits(&s, 2, hour) == 0 || *s != ':')
		return false;
	s++;
	if (read_digits(&s, 2, min) != 2)
		return false;
	if (*s == ':') {
		s++;
		if (read_digits(&s, 2, sec) != 2)
			return false;
		if (*s == '.' || *s == ',') {	/* fractions: dropped */
			s++;
			while (isdigit((unsigned char)*s))
				s++;
		}
	}
	*sp = s;
	return true;
}

static int
fix_year(int year, int digits)
{
	/* RFC 2822 section 4.3: two digits mean 1950-2049, three mean +1900. */
	if (digits == 2)
		return year < 50 ? 2000 + year : 1900 + year;
	if (digits == 3)
		return 1900 + year;
	return year;
}

/* asctime(3): "Mon Jan  5 14:03:00 2026" */
static bool
parse_asctime(const char *s, time_t *out)
{
	int mon, mday, hour, min, sec, year, n;
	s = skip_space(s);
	while (isalpha((unsigned char)*s))
		s++;
	s = skip_space(s);
	n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if ((mon = month_from_name(s, (size_t)n)) < 0)
		return false;
	s = skip_space(s + n);
	if (read_digits(&s, 2, &mday) == 0)
		return false;
	s = skip_space(s);
	if (!parse_clock(&s, &hour, &min, &sec))
		return false;
	s = skip_space(s);
	int offset = 0;
	if (!isdigit((unsigned char)*s)) {
		if (!parse_zone(&s, &offset))
			return false;
		s = skip_space(s);
	}
	if ((n = read_digits(&s, 4, &year)) < 2)
		return false;
	year = fix_year(year, n);
	if (*skip_space(s) != '\0' || !valid_fields(year, mon, mday, hour, min, sec))
		return false;
	*out = make_utc(year, mon, mday, hour, min, sec, offset);
	return true;
}

bool
date_parse_rfc822(const char *str, time_t *out)
{
	const char *s = skip_space(str);
	int mday, mon, year, hour = 0, min = 0, sec = 0, offset = 0, n;

	/* Optional weekday ("Mon", "Monday"), with or without the comma. */
	if (isalpha((unsigned char)*s)) {
		const char *w = s;
		while (isalpha((unsigned char)*s))
			s++;
		/* A month first means asctime or "Jan 5 2026" forms. */
		if (month_from_name(w, (size_t)(s - w)) >= 0 && s - w <= 9 &&
		    strncasecmp(w, "mon", 3) != 0)
			return parse_asctime(str, out);
		s = skip_space(s);
		if (*s == ',')
			s++;
		s = skip_space(s);
		if (isalpha((unsigned char)*s))
			return parse_asctime(str, out);
	}
	if (read_digits(&s, 2, &mday) == 0)
		return false;
	/* "05 Jan 2026", "05-Jan-2026" (RFC 850), "5 January 2026" */
	bool dashed = *s == '-';
	s = dashed ? s + 1 : skip_space(s);
	n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if ((mon = month_from_name(s, (size_t)n)) < 0)
		return false;
	s += n;
	if (*s == '.')
		s++;
	if (dashed && *s == '-')
		s++;
	else
		s = skip_space(s);
	if ((n = read_digits(&s, 4, &year)) < 2)
		return false;
	year = fix_year(year, n);
	s = skip_space(s);
	if (*s != '\0' && isdigit((unsigned char)*s)) {
		if (!parse_clock(&s, &hour, &min, &sec))
			return false;
		if (!parse_zone(&s, &offset))
			return false;
	} else if (*s != '\0' && !parse_zone(&s, &offset)) {
		return false;
	}
	s = skip_space(s);
	/* Tolerate a trailing comment such as "(EST)" after a numeric zone. */
	if (*s == '(') {
		const char *e = strchr(s, ')');
		if (e)
			s = skip_space(e + 1);
	}
	if (*s != '\0' || !valid_fields(year, mon, mday, hour, min, sec))
		return false;
	*out = make_utc(year, mon, mday, hour, min, sec, offset);
	return true;
}

bool
date_parse_iso8601(const char *str, time_t *out)
{
	const char *s = skip_space(str);
	int year, mon = 1, mday = 1, hour = 0, min = 0, sec = 0, offset = 0;
	bool basic;

	if (read_digits(&s, 4, &year) != 4)
		return false;
	basic = isdigit((unsigned char)*s);	/* 20260105T140300Z */
	if (!basic && *s == '-') {
		s++;
		if (read_digits(&s, 2, &mon) != 2)
			return false;
		if (*s == '-') {
			s++;
			if (read_digits(&s, 2, &mday) != 2 && read_digits(&s, 1, &mday) != 1)
				return false;
		}
	} else if (basic) {
		if (read_digits(&s, 2, &mon) != 2 || read_digits(&s, 2, &mday) != 2)
			return false;
	}
	if (*s == 'T' || *s == 't' || (*s == ' ' && isdigit((unsigned char)s[1]))) {
		s++;
		if (basic) {
			if (read_digits(&s, 2, &hour) != 2 || read_digits(&s, 2, &min) != 2)
				return false;
			if (isdigit((unsigned char)*s) && read_digits(&s, 2, &sec) != 2)
				return false;
		} else {
			if (!parse_clock(&s, &hour, &min, &sec))
				return false;
		}
		if (*s == '.' || *s == ',') {
			s++;
			while (isdigit((unsigned char)*s))
				s++;
		}
		s = skip_space(s);
		if (*s == 'Z' || *s == 'z') {
			s++;
		} else if (*s == '+' || *s == '-') {
			if (!parse_numeric_offset(&s, &offset))
				return false;
		} else if (isalpha((unsigned char)*s)) {
			if (!parse_zone(&s, &offset))
				return false;
		}
	}
	if (*skip_space(s) != '\0' || !valid_fields(year, mon - 1, mday, hour, min, sec))
		return false;
	*out = make_utc(year, mon - 1, mday, hour, min, sec, offset);
	return true;
}

bool
date_parse(const char *s, time_t *out)
{
	const char *p = skip_space(s);
	size_t digits = 0;
	while (isdigit((unsigned char)p[digits]))
		digits++;
	if (digits == 4 || digits == 8)
		return date_parse_iso8601(p, out) || date_parse_rfc822(p, out);
	return date_parse_rfc822(p, out) || date_parse_iso8601(p, out);
}

void
date_format_iso(time_t t, char out[DATE_ISO_LEN])
{
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0) {
		memcpy(out, "1970-01-01T00:00:00Z", DATE_ISO_LEN);
		return;
	}
	/* strftime: the fields are range-checked by gmtime_r, so the output
	 * always fits (snprintf cannot prove that to -Wformat-truncation). */
	if (strftime(out, DATE_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		memcpy(out, "1970-01-01T00:00:00Z", DATE_ISO_LEN);
}
