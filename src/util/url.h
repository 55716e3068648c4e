/*
 * URL reference resolution (RFC 3986 section 5.2): the base may itself be the
 * result of earlier resolutions, which is how xml:base chains are handled.
 */
#ifndef NR_UTIL_URL_H
#define NR_UTIL_URL_H

#include <stdbool.h>

/* True when s starts with a scheme ("http:", "file:", ...). */
bool url_has_scheme(const char *s);

/*
 * ref resolved against base; a new string the caller frees. Leading and
 * trailing whitespace of ref is ignored. A NULL or empty base (or one without
 * a scheme) still merges paths, so the result is as absolute as the base.
 */
char *url_resolve(const char *base, const char *ref);

/*
 * The local path of a file: URL as curl reads it ("file:///p",
 * "file://localhost/p", "file:/p"; %XX decoded, query and fragment
 * dropped); NULL for any other URL. A new string the caller frees.
 */
char *url_file_path(const char *url);
/* The value of a hexadecimal digit (%XX escapes), or -1. */
int url_hex_digit(char c);

#endif
