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

struct zone {
	const char *name;
	int offset;		/* minutes east of UTC */
};

/*
 * Named zones of RFC 822 section 5 plus those publishers write. Where an
 * abbreviation is ambiguous the reading nearest this reader's users wins:
 * AST is Arabia (not Atlantic), IST India (not Ireland or Israel). The US
 * generic names (ET, CT, MT, PT, AT) are taken as standard time.
 */
static const struct zone zone_names[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
	{ "EST", -5 * 60 }, { "EDT", -4 * 60 }, { "ET", -5 * 60 },
	{ "CST", -6 * 60 }, { "CDT", -5 * 60 }, { "CT", -6 * 60 },
	{ "MST", -7 * 60 }, { "MDT", -6 * 60 }, { "MT", -7 * 60 },
	{ "PST", -8 * 60 }, { "PDT", -7 * 60 }, { "PT", -8 * 60 },
	{ "AT", -4 * 60 }, { "ADT", -3 * 60 }, { "NST", -210 }, { "NDT", -150 },
	{ "AKST", -9 * 60 }, { "AKDT", -8 * 60 }, { "HST", -10 * 60 },
	{ "BST", 60 }, { "WEST", 60 }, { "CET", 60 }, { "MET", 60 }, { "WAT", 60 },
	{ "CEST", 120 }, { "MEST", 120 }, { "MESZ", 120 }, { "MEZ", 60 },
	{ "EET", 120 }, { "SAST", 120 }, { "CAT", 120 },
	{ "EEST", 180 }, { "MSK", 180 }, { "AST", 180 }, { "EAT", 180 }, { "TRT", 180 },
	{ "IRST", 210 }, { "GST", 240 }, { "PKT", 300 }, { "IST", 330 },
	{ "WIB", 420 }, { "ICT", 420 }, { "HKT", 480 }, { "SGT", 480 }, { "AWST", 480 },
	{ "PHT", 480 }, { "JST", 540 }, { "KST", 540 }, { "ACST", 570 }, { "ACDT", 630 },
	{ "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 }, { "NZDT", 780 },
};

/* tz database names (standard time: a date string names no season), the
 * ones feeds in this reader's languages use; any other is UTC. */
static const struct zone tz_names[] = {
	{ "Etc/UTC", 0 }, { "Etc/GMT", 0 }, { "Etc/Universal", 0 }, { "Europe/London", 0 },
	{ "Europe/Dublin", 0 }, { "Europe/Lisbon", 0 }, { "Africa/Casablanca", 60 },
	{ "Africa/Algiers", 60 }, { "Africa/Tunis", 60 }, { "Africa/Lagos", 60 },
	{ "Europe/Paris", 60 }, { "Europe/Berlin", 60 }, { "Europe/Madrid", 60 },
	{ "Europe/Rome", 60 }, { "Europe/Amsterdam", 60 }, { "Europe/Brussels", 60 },
	{ "Europe/Vienna", 60 }, { "Europe/Stockholm", 60 }, { "Europe/Oslo", 60 },
	{ "Europe/Copenhagen", 60 }, { "Europe/Warsaw", 60 }, { "Europe/Prague", 60 },
	{ "Europe/Zurich", 60 }, { "Africa/Cairo", 120 }, { "Africa/Tripoli", 120 },
	{ "Africa/Khartoum", 120 }, { "Africa/Johannesburg", 120 }, { "Asia/Beirut", 120 },
	{ "Asia/Jerusalem", 120 }, { "Asia/Gaza", 120 }, { "Asia/Hebron", 120 },
	{ "Europe/Athens", 120 }, { "Europe/Helsinki", 120 }, { "Europe/Kiev", 120 },
	{ "Europe/Kyiv", 120 }, { "Europe/Bucharest", 120 }, { "Asia/Riyadh", 180 },
	{ "Asia/Baghdad", 180 }, { "Asia/Kuwait", 180 }, { "Asia/Qatar", 180 },
	{ "Asia/Bahrain", 180 }, { "Asia/Aden", 180 }, { "Asia/Amman", 180 },
	{ "Asia/Damascus", 180 }, { "Europe/Istanbul", 180 }, { "Europe/Moscow", 180 },
	{ "Africa/Nairobi", 180 }, { "Africa/Mogadishu", 180 }, { "Asia/Tehran", 210 },
	{ "Asia/Dubai", 240 }, { "Asia/Muscat", 240 }, { "Asia/Baku", 240 },
	{ "Asia/Kabul", 270 }, { "Asia/Karachi", 300 }, { "Asia/Tashkent", 300 },
	{ "Asia/Kolkata", 330 }, { "Asia/Calcutta", 330 }, { "Asia/Dhaka", 360 },
	{ "Asia/Jakarta", 420 }, { "Asia/Bangkok", 420 }, { "Asia/Shanghai", 480 },
	{ "Asia/Hong_Kong", 480 }, { "Asia/Singapore", 480 }, { "Asia/Kuala_Lumpur", 480 },
	{ "Asia/Manila", 480 }, { "Australia/Perth", 480 }, { "Asia/Tokyo", 540 },
	{ "Asia/Seoul", 540 }, { "Australia/Sydney", 600 }, { "Australia/Melbourne", 600 },
	{ "Australia/Brisbane", 600 }, { "Pacific/Auckland", 720 },
	{ "America/Sao_Paulo", -180 }, { "America/Argentina/Buenos_Aires", -180 },
	{ "America/Halifax", -240 }, { "America/New_York", -300 }, { "America/Toronto", -300 },
	{ "America/Chicago", -360 }, { "America/Mexico_City", -360 },
	{ "America/Denver", -420 }, { "America/Phoenix", -420 },
	{ "America/Los_Angeles", -480 }, { "America/Vancouver", -480 },
	{ "America/Anchorage", -540 }, { "Pacific/Honolulu", -600 },
};

static bool
zone_lookup(const struct zone *t, size_t nt, const char *s, size_t n, int *offset)
{
	for (size_t i = 0; i < nt; i++) {
		if (strlen(t[i].name) == n && strncasecmp(s, t[i].name, n) == 0) {
			*offset = t[i].offset;
			return true;
		}
	}
	return false;
}

/* A tz database name at s (n bytes): "Etc/GMT+3" is UTC-3 (POSIX signs). */
static int
tz_offset(const char *s, size_t n)
{
	int offset = 0;
	if (n > 7 && strncasecmp(s, "Etc/GMT", 7) == 0 && (s[7] == '+' || s[7] == '-')) {
		int h = 0;
		for (size_t i = 8; i < n && isdigit((unsigned char)s[i]) && h <= 14; i++)
			h = h * 10 + (s[i] - '0');
		return h <= 14 ? (s[7] == '+' ? -h : h) * 60 : 0;
	}
	zone_lookup(tz_names, sizeof tz_names / sizeof tz_names[0], s, n, &offset);
	return offset;
}

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

/* A zone after a time: numeric, named, "GMT+hhmm", a tz database name
 * ("Asia/Riyadh"), or a name we do not know. RFC 5322 section 4.3: an
 * unknown alphabetic zone (the military letters among them, whose signs
 * RFC 822 got wrong) means UTC rather than a date thrown away. */
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
	if (s[n] == '/') {
		while (isalnum((unsigned char)s[n]) || s[n] == '/' || s[n] == '_' ||
		    s[n] == '-' || s[n] == '+')
			n++;
		*offset = tz_offset(s, n);
		*sp = s + n;
		return true;
	}
	zone_lookup(zone_names, sizeof zone_names / sizeof zone_names[0], s, n, offset);
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
	/* A 12-hour clock: "2:03 PM" (not a zone named PM). */
	const char *m = skip_space(s);
	if ((m[0] == 'a' || m[0] == 'A' || m[0] == 'p' || m[0] == 'P') &&
	    (m[1] == 'm' || m[1] == 'M') && !isalpha((unsigned char)m[2]) &&
	    *hour >= 1 && *hour <= 12) {
		bool pm = m[0] == 'p' || m[0] == 'P';
		*hour = *hour % 12 + (pm ? 12 : 0);
		s = m + 2;
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

/* A trailing comment: "(EST)", "(Arabian Standard Time)". */
static const char *
skip_comment(const char *s)
{
	s = skip_space(s);
	if (*s == '(') {
		const char *e = strchr(s, ')');
		if (e)
			s = skip_space(e + 1);
	}
	return s;
}

/*
 * Month first: asctime(3) "Mon Jan  5 14:03:00 2026", JavaScript's
 * Date.toString() "Mon Jan 05 2026 14:03:00 GMT+0300 (Arabian Standard
 * Time)", and "Jan 5, 2026 14:03".
 */
static bool
parse_asctime(const char *s, time_t *out)
{
	int mon, mday, hour = 0, min = 0, sec = 0, year, n, offset = 0;
	s = skip_space(s);
	n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if (month_from_name(s, (size_t)n) < 0 || n > 9 || strncasecmp(s, "mon", 3) == 0 ||
	    isalpha((unsigned char)*skip_space(s + n)) || *skip_space(s + n) == ',') {
		s += n;	/* a weekday */
		s = skip_space(s);
		if (*s == ',')
			s = skip_space(s + 1);
	}
	n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if ((mon = month_from_name(s, (size_t)n)) < 0)
		return false;
	s = skip_space(s + n);
	if (*s == '.')
		s = skip_space(s + 1);
	if (read_digits(&s, 2, &mday) == 0)
		return false;
	s = skip_space(s);
	if (*s == ',')
		s = skip_space(s + 1);
	const char *y = s;
	if (read_digits(&y, 4, &year) == 4 && !isdigit((unsigned char)*y) && *y != ':') {
		/* The year before the time (JavaScript, US style). */
		s = skip_space(y);
		if (*s == ',')
			s = skip_space(s + 1);
		if (isdigit((unsigned char)*s) && !parse_clock(&s, &hour, &min, &sec))
			return false;
		if (*skip_space(s) != '\0' && *skip_space(s) != '(' && !parse_zone(&s, &offset))
			return false;
	} else {
		if (!parse_clock(&s, &hour, &min, &sec))
			return false;
		s = skip_space(s);
		if (!isdigit((unsigned char)*s)) {
			if (!parse_zone(&s, &offset))
				return false;
			s = skip_space(s);
		}
		if ((n = read_digits(&s, 4, &year)) < 2)
			return false;
		year = fix_year(year, n);
	}
	if (*skip_comment(s) != '\0' || !valid_fields(year, mon, mday, hour, min, sec))
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
	if (*s == '.' || *s == ',')	/* "Jan." and a stray "Jan," */
		s++;
	if (dashed && *s == '-')
		s++;
	else
		s = skip_space(s);
	if ((n = read_digits(&s, 4, &year)) < 2)
		return false;
	year = fix_year(year, n);
	s = skip_space(s);
	if (*s == ',')
		s = skip_space(s + 1);
	if (*s != '\0' && isdigit((unsigned char)*s)) {
		if (!parse_clock(&s, &hour, &min, &sec))
			return false;
		if (!parse_zone(&s, &offset))
			return false;
	} else if (*s != '\0' && !parse_zone(&s, &offset)) {
		return false;
	}
	/* Tolerate a trailing comment such as "(EST)" after a numeric zone. */
	s = skip_comment(s);
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
	if (!basic && *s == '/') {
		/* "2026/01/05 14:03:00", "2026/1/5" */
		s++;
		if (read_digits(&s, 2, &mon) == 0 || *s != '/')
			return false;
		s++;
		if (read_digits(&s, 2, &mday) == 0)
			return false;
	} else if (!basic && *s == '-') {
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
