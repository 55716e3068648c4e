/*
 * libFuzzer target for the config file (src/config): every value of the
 * config is read and every number is within its range; diagnostics name
 * the file and are one line each. The urls file has its own target
 * (fuzz_urls.c).
 */
#include "config.h"

#include "config/settings.h"

#include "config/diag.h"

#include "fuzz-urls.h"

static bool
any_name(const char *name, void *ud)
{
	(void)ud;
	fuzz_touch(name);
	return name[0] != 'x';
}

static void
touch_argv(char **argv)
{
	for (; argv != NULL && *argv != NULL; argv++)
		fuzz_touch(*argv);
}

static void
touch_config(const struct config *c)
{
	fuzz_touch(c->file);
	fuzz_touch(c->date_format);
	touch_argv(c->browser);
	touch_argv(c->share_command);
	touch_argv(c->bookmark_command);
	for (size_t i = 0; i < c->nmarket_sources; i++) {
		const struct config_market_source *m = &c->market_sources[i];
		fuzz_touch(config_market_kind_name(m->kind));
		fuzz_touch(m->url);
		for (size_t k = 0; k < m->nparams; k++) {
			fuzz_touch(m->params[k].key);
			fuzz_touch(m->params[k].value);
		}
	}
	for (size_t i = 0; i < c->nbinds; i++) {
		fuzz_touch(c->binds[i].key);
		fuzz_touch(c->binds[i].action);
	}
	for (size_t i = 0; i < c->ncolors; i++) {
		fuzz_touch(c->colors[i].element);
		fuzz_touch(c->colors[i].fg);
		fuzz_touch(c->colors[i].bg);
		touch_argv(c->colors[i].attrs);
	}
	for (size_t i = 0; i < c->ncomment_endpoints; i++) {
		const struct config_comment_endpoint *e = &c->comment_endpoints[i];
		fuzz_touch(e->feed_prefix);
		fuzz_touch(e->base_url);
		fuzz_touch(e->user);
		fuzz_touch(e->password_file);
		fuzz_touch(e->name);
		fuzz_touch(e->email);
	}
	/* Every integer setting within its range. */
	size_t n;
	const struct config_option *opt = config_options(&n);
	for (size_t i = 0; i < n; i++) {
		if (opt[i].type != CONFIG_INT && opt[i].type != CONFIG_ENUM)
			continue;
		int v = *(const int *)((const char *)c + opt[i].offset);
		if (opt[i].type == CONFIG_INT && (v < opt[i].min || v > opt[i].max))
			fuzz_fail("%s = %d outside [%ld, %ld]", opt[i].name, v, opt[i].min, opt[i].max);
		if (opt[i].type == CONFIG_ENUM) {
			int nc = 0;
			while (opt[i].choices[nc] != NULL)
				nc++;
			if (v < 0 || v >= nc)
				fuzz_fail("%s = %d of %d choices", opt[i].name, v, nc);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct config *c = NULL;
	int nerr;

	nerr = config_parse("fuzz.conf", (const char *)data, size, &c, &d);
	if (c == NULL)
		fuzz_fail("config_parse left *out NULL");
	if (nerr != (int)diag_count(&d, DIAG_ERROR))
		fuzz_fail("config_parse returned %d, %zu errors listed", nerr,
		    diag_count(&d, DIAG_ERROR));
	touch_config(c);
	config_check_binds(c, any_name, any_name, NULL, &d);
	config_check_macros(c, any_name, any_name, NULL, NULL, &d);
	config_check_colors(c, any_name, NULL, &d);
	fuzz_check_diags(&d, "fuzz.conf");
	config_free(&c);
	diag_list_clear(&d);
	return 0;
}
