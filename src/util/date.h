/*
 * Dates as feeds write them: RFC 822/2822 and the broken variants seen in
 * the wild (no weekday, two-digit years, no seconds, named and military
 * zones, single-digit days, RFC 850 dashes, asctime), and RFC 3339 / ISO 8601
 * (with or without offset, fractions, a space instead of 'T'). Everything is
 * converted to UTC seconds with timegm(3); no locale or TZ is consulted.
 */
#ifndef NR_UTIL_DATE_H
#define NR_UTIL_DATE_H

#include <stdbool.h>
#include <time.h>

/* "YYYY-MM-DDTHH:MM:SSZ" plus the NUL. */
#define DATE_ISO_LEN 21

/* Parse s (either family, detected from its shape) into *out (UTC).
 * Returns false, leaving *out alone, when s is not a date it understands. */
bool date_parse(const char *s, time_t *out);
bool date_parse_rfc822(const char *s, time_t *out);
bool date_parse_iso8601(const char *s, time_t *out);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into out (DATE_ISO_LEN bytes). */
void date_format_iso(time_t t, char out[DATE_ISO_LEN]);

#endif
