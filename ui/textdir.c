/* Direction of list titles; see textdir.h. */
#include "config.h"

#include <string.h>

#include "textdir.h"

enum text_dir
ui_title_dir(const struct config *cfg, const char *lang, const char *feed_url,
    const char *title)
{
	int set = cfg != NULL ? config_feed_direction(cfg, feed_url) : CONFIG_DIR_AUTO;
	struct text_dir_sources src = {
		.doc_lang = lang,
		.setting = set == CONFIG_DIR_RTL ? TEXT_DIR_RTL :
		    set == CONFIG_DIR_LTR ? TEXT_DIR_LTR : TEXT_DIR_AUTO,
		.text = title,
		.len = title != NULL ? strlen(title) : 0,
	};

	return text_dir_resolve(&src);
}
