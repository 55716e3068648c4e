/*
 * Loading JSON that came from elsewhere (feeds, market APIs, comment and
 * sync servers). "\u0000" is valid JSON, and jansson refuses it unless asked
 * (JSON_ALLOW_NUL), which would lose a whole feed for one character; it is
 * accepted here and dropped from every string value, so json_string_value()
 * gives the whole text and no caller meets an embedded NUL. (An object key
 * with "\u0000" is still refused: jansson keeps keys as C strings.)
 */
#ifndef NR_UTIL_JSON_H
#define NR_UTIL_JSON_H

#include <stddef.h>

#include <jansson.h>

/* json_loadb() with JSON_ALLOW_NUL added to flags and NULs dropped from
 * strings. The caller owns the result (json_decref); err may be NULL. */
json_t *json_load_fetched(const char *data, size_t len, size_t flags, json_error_t *err);

#endif
