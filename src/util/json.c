/*
 * JSON from elsewhere: json_load_fetched() (json.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/xalloc.h"

/* Drop the NULs of every string under v. jansson's parser caps nesting
 * (JSON_PARSER_MAX_DEPTH), which bounds the recursion. */
static void
drop_nuls(json_t *v)
{
	const char *key;
	json_t *child;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, key, child)
			drop_nuls(child);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			drop_nuls(child);
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t len = json_string_length(v), n = 0;
		char *t;

		if (memchr(s, '\0', len) == NULL)
			return;
		t = xmalloc(len + 1);
		for (i = 0; i < len; i++) {
			if (s[i] != '\0')
				t[n++] = s[i];
		}
		t[n] = '\0';
		json_string_setn(v, t, n);
		free(t);
	}
}

json_t *
json_load_fetched(const char *data, size_t len, size_t flags, json_error_t *err)
{
	json_t *root = json_loadb(data, len, flags | JSON_ALLOW_NUL, err);

	if (root != NULL)
		drop_nuls(root);
	return root;
}
