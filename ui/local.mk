# ui/: the interactive reader, the only code that includes curses
libnrui_a_SOURCES += \
	ui/tui.c ui/tui.h ui/app.c ui/app.h ui/view.h ui/nav.c ui/nav.h \
	ui/loop.c ui/loop.h ui/macro.c ui/macro.h ui/frame.c ui/frame.h ui/state.c ui/state.h \
	ui/keymap.c ui/keymap.h ui/colors.c ui/colors.h \
	ui/screen.c ui/screen.h ui/status.c ui/status.h \
	ui/prompt.c ui/prompt.h ui/lock.c ui/lock.h ui/browser.c ui/browser.h \
	ui/listnav.h ui/itemwin.c ui/itemwin.h \
	ui/view_feeds.c ui/view_feeds.h ui/view_items.c ui/view_items.h \
	ui/view_article.c ui/view_article.h ui/view_pager.c ui/view_pager.h \
	ui/view_token.c ui/view_token.h \
	ui/downloads.c ui/downloads.h ui/view_downloads.c ui/view_downloads.h \
	ui/panel.c ui/panel.h \
	ui/engage.c ui/engage.h ui/engage-int.h ui/engage_compose.c ui/engage_compose.h \
	ui/engage_outbox.c ui/engage_outbox.h ui/sharemenu.c ui/sharemenu.h \
	ui/view_comments.c ui/view_comments.h ui/composer.c ui/composer.h \
	ui/recovery.c ui/recovery.h ui/term.c ui/term.h ui/textdir.c ui/textdir.h ui/snippet.c ui/snippet.h \
	ui/limit.c ui/limit.h

# End-to-end tests in tmux, and unit tests of the UI's pure parts.
TESTS += tests/tui_config.sh tests/tui_demo.sh tests/tui_reload.sh tests/tui_search.sh \
	tests/tui_mouse.sh
EXTRA_DIST += tests/tui_lib.sh tests/tui_config.sh tests/tui_demo.sh tests/tui_reload.sh \
	tests/tui_search.sh tests/tui_mouse.sh
# The market panel (issue 5).
TESTS += tests/tui_panel.sh
EXTRA_DIST += tests/tui_panel.sh tests/fixtures/panel/market.json \
	tests/fixtures/panel/market2.json tests/fixtures/panel/ar.xml
# Every market source's state, merged tokens, the detail view (issue 15).
TESTS += tests/tui_market_states.sh
EXTRA_DIST += tests/tui_market_states.sh tests/fixtures/market-states/frog-dex.json \
	tests/fixtures/market-states/frog-file.json
# Like, share, comments and the composer (issue 6).
TESTS += tests/tui_engage.sh tests/tui_composer.sh tests/tui_mastodon.sh
EXTRA_DIST += tests/tui_engage.sh tests/tui_composer.sh tests/tui_mastodon.sh \
	tests/mastodon_server.py tests/fixtures/engage/blog.xml.in \
	tests/fixtures/engage/comments-42.xml tests/fixtures/engage/wp.py
# Polish: a fatal signal restores the terminal; CSI 8 l/h around the session
# and around Ctrl-Z; auto-reload.
TESTS += tests/tui_crash.sh tests/tui_bidi_mode.py tests/tui_auto_reload.sh
EXTRA_DIST += tests/tui_crash.sh tests/tui_bidi_mode.py tests/tui_auto_reload.sh
# show-read-feeds/-articles, the toggle and macros; notify-program and the
# OSC 9 sequence after a reload (issue 16).
TESTS += tests/tui_show_read.sh tests/tui_notify.sh
EXTRA_DIST += tests/tui_show_read.sh tests/tui_notify.sh
# Search off the UI thread (issue 18; needs --enable-test-hooks).
TESTS += tests/tui_search_async.sh
EXTRA_DIST += tests/tui_search_async.sh
# Test hooks only where configured (--enable-test-hooks).
TESTS += tests/test_hooks.sh
EXTRA_DIST += tests/test_hooks.sh
# Refused writes on a really full disk (a tmpfs; skipped without root).
TESTS += tests/tui_diskfull.sh tests/cache_corrupt.sh tests/tui_locale.sh \
	tests/tui_resize_storm.sh tests/tui_cache_removed.sh tests/reload_diskfull.sh
EXTRA_DIST += tests/tui_diskfull.sh tests/cache_corrupt.sh tests/tui_locale.sh \
	tests/tui_resize_storm.sh tests/tui_cache_removed.sh tests/reload_diskfull.sh
# Issue 17's papercuts: liked view, heart, comment count, tmux hint, restore-view.
TESTS += tests/tui_papercuts.sh tests/reload_plural.sh
EXTRA_DIST += tests/tui_papercuts.sh tests/fixtures/papercuts/feed.xml \
	tests/reload_plural.sh tests/fixtures/papercuts/one.xml
# The default theme's contrast on white and on black (issue 17).
TESTS += tests/tui_contrast.sh
EXTRA_DIST += tests/tui_contrast.sh tests/contrast.py
check_PROGRAMS += tests/tui_unit_test
tests_tui_unit_test_SOURCES = tests/tui_unit_test.c
tests_tui_unit_test_CFLAGS = $(TEST_CFLAGS) $(NCURSESW_CFLAGS) -I$(top_srcdir)/ui
tests_tui_unit_test_LDADD = libnrui.a $(TEST_LIBS) $(NCURSESW_LIBS)
TESTS += tests/tui_unit_test
# Writes and ticker refreshes during a big feed's download (issue 10).
TESTS += tests/tui_drip.sh
EXTRA_DIST += tests/tui_drip.sh
# Arabic all the way (issue 13): direction, search with stems, tables.
TESTS += tests/tui_arabic.sh
EXTRA_DIST += tests/tui_arabic.sh
# Full text in the article view (issue 12).
TESTS += tests/tui_fulltext.sh
EXTRA_DIST += tests/tui_fulltext.sh
# The cache shared with other processes (issue 9): the lock follows
# symlinks; print-unread and reload beside the running reader.
# kill9_loop.sh runs 4 iterations here; KILL9_ITERATIONS=100 by hand.
TESTS += tests/tui_lock.sh tests/tui_shared_cache.sh tests/kill9_loop.sh
EXTRA_DIST += tests/tui_lock.sh tests/tui_shared_cache.sh tests/kill9_loop.sh
# Honest reader messages (issue 17).
TESTS += tests/tui_honest.sh
EXTRA_DIST += tests/tui_honest.sh
# Enclosures: listed, opened, downloaded by command and by our fetcher (issue 16).
TESTS += tests/tui_enclosure.sh
EXTRA_DIST += tests/tui_enclosure.sh tests/enclosure_cmd.py
# Query feeds and the limit prompt (issue 16).
TESTS += tests/tui_filter.sh
EXTRA_DIST += tests/tui_filter.sh tests/fixtures/filter/ar.xml tests/fixtures/filter/en.xml
