/*
 * `newsreader` without a subcommand: the interactive reader.
 *
 * Start-up and teardown are one table of stages (STYLE habit 2). Each stage
 * either succeeds or leaves nothing behind; teardown runs the stages that
 * came up in reverse, on every exit path: q, Ctrl-C, SIGTERM, a fatal error.
 * Errors before curses starts go to stderr at once (config errors with
 * file:line, exit 3); a fatal error while curses is up is printed after the
 * terminal has been restored.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "cli.h"
#include "config/load.h"
#include "config/paths.h"
#include "config/settings.h"
#include "filter/filter.h"
#include "driver/driver.h"
#include "fetch/fetch.h"
#include "search/indexer.h"
#include "search/searcher.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "downloads.h"
#include "colors.h"
#include "engage.h"
#include "engage_compose.h"
#include "keymap.h"
#include "lock.h"
#include "loop.h"
#include "macro.h"
#include "panel.h"
#include "recovery.h"
#include "screen.h"
#include "state.h"
#include "status.h"
#include "term.h"
#include "tui.h"

/* The self-pipe of the signal handlers: the only state they touch. */
static volatile sig_atomic_t sig_fd = -1;

/*
 * What a fatal signal's handler writes to give the terminal back: computed
 * while curses is up (it knows the terminal's strings), read by the handler
 * with async-signal-safe calls only (write, tcsetattr, sigaction, raise).
 */
static char fatal_seq[512];
static volatile sig_atomic_t fatal_len;
static struct termios fatal_tio;		/* the modes before curses */
static volatile sig_atomic_t fatal_have_tio;
static const int fatal_sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
#define NFATAL (sizeof fatal_sigs / sizeof fatal_sigs[0])
static struct sigaction fatal_old[NFATAL];	/* e.g. the sanitizer's */

static void
on_fatal(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (fatal_len > 0 && write(STDOUT_FILENO, fatal_seq, (size_t)fatal_len) == -1) {
		/* nothing more can be done */
	}
	if (fatal_have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &fatal_tio);
	fatal_len = 0;
	for (size_t i = 0; i < NFATAL; i++)
		if (fatal_sigs[i] == sig)
			sigaction(sig, &fatal_old[i], NULL);
	/* A fault comes back when the instruction runs again, now to the
	 * previous handler (a sanitizer's report) or the default (a core);
	 * a sent signal (abort, kill) is sent again. */
	if (si == NULL || si->si_code <= 0 || sig == SIGABRT)
		raise(sig);
}

/* Append a terminfo capability (when the terminal has it) to fatal_seq. */
static void
fatal_add(size_t *len, const char *s)
{
	if (s == NULL || s == (const char *)-1)
		return;
	size_t n = strlen(s);
	if (*len + n < sizeof fatal_seq) {
		memcpy(fatal_seq + *len, s, n);
		*len += n;
	}
}

static void
fatal_up(bool bidi_app)
{
	struct sigaction sa;
	size_t len = 0;

	fatal_add(&len, tigetstr("rmcup"));	/* out of the alternate screen */
	fatal_add(&len, tigetstr("sgr0"));
	fatal_add(&len, tigetstr("cnorm"));	/* the cursor shown */
	fatal_add(&len, tigetstr("rmkx"));
	/* Mouse reporting (every mode curses may have used) and bracketed paste. */
	fatal_add(&len, "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?2004l");
	if (bidi_app)
		fatal_add(&len, "\033[8h");
	fatal_add(&len, "\r\n");
	fatal_len = (sig_atomic_t)len;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fatal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NFATAL; i++)
		sigaction(fatal_sigs[i], &sa, &fatal_old[i]);
}

static void
fatal_down(void)
{
	for (size_t i = 0; i < NFATAL; i++)
		sigaction(fatal_sigs[i], &fatal_old[i], NULL);
	fatal_len = 0;
}

static void
on_signal(int sig)
{
	int saved = errno;
	char b = sig == SIGWINCH ? 'w' : sig == SIGTSTP ? 'z' : sig == SIGCONT ? 'c' : 't';

	if (sig_fd != -1 && write(sig_fd, &b, 1) == -1) {
		/* a full pipe already wakes the loop */
	}
	errno = saved;
}

static void
show_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "newsreader: %s%s\n",
		    d->v[i].level == DIAG_WARNING ? "warning: " : "", d->v[i].msg);
}

static int
st_locale_up(struct app *app)
{
	/* main() already ran setlocale(LC_ALL, ""); ask what it gave us. */
	const char *cs = nl_langinfo(CODESET);

	app->utf8 = cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
	/*
	 * A locale the user chose that is not UTF-8 (main() already turned
	 * the plain C locale into C.UTF-8): the terminal cannot show Arabic,
	 * and an ASCII fallback would turn every Arabic article into rows of
	 * '?'. Say so and name the fix rather than show text that is gone.
	 */
	if (!app->utf8) {
		const char *name = setlocale(LC_CTYPE, NULL);
		fprintf(stderr, _("newsreader: the interactive reader needs a UTF-8 locale to "
		    "show Arabic text, and %s uses %s; set LANG=C.UTF-8 (or another UTF-8 "
		    "locale) and run it again\n"), name != NULL ? name : "?",
		    cs != NULL && *cs != '\0' ? cs : "?");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* After the config (its errors are worth seeing anywhere), before the cache. */
static int
st_tty_up(struct app *app)
{
	(void)app;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("newsreader: the interactive reader needs a terminal; "
		    "see 'newsreader --help' for the commands\n"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static void st_config_down(struct app *app);

int
cli_check_ui_names(const struct config *c, struct diag_list *d)
{
	return config_check_binds(c, keymap_key_ok, keymap_action_ok, NULL, d) +
	    config_check_macros(c, keymap_key_ok, keymap_action_ok, macro_action_takes_arg,
	    NULL, d) + config_check_colors(c, colors_element_ok, NULL, d);
}

static int
st_config_up(struct app *app)
{
	struct diag_list d = DIAG_LIST_INIT;
	int rc = EXIT_OK;

	if (config_load_all(app->g, &app->cfg, &d) != 0) {
		show_diags(&d);
		diag_list_clear(&d);
		return EXIT_CONFIG;
	}
	/* Key and colour names were checked by config_load_all (check_names). */
	show_diags(&d);
	/* Warnings scroll away when the screen opens: keep them for the
	 * status line and the errors view. */
	for (size_t i = 0; i < d.n && diag_count(&d, DIAG_ERROR) == 0; i++) {
		if (d.v[i].level != DIAG_WARNING)
			continue;
		app->skipped = xreallocarray(app->skipped, app->nskipped + 1,
		    sizeof *app->skipped);
		app->skipped[app->nskipped++] = xstrdup(d.v[i].msg);
	}
	if (diag_count(&d, DIAG_ERROR) > 0)
		rc = EXIT_CONFIG;
	diag_list_clear(&d);
	if (rc != EXIT_OK) {
		app_config_free(&app->cfg);
		return rc;
	}

	app->km = keymap_new();
	const struct config *c = app->cfg->config;
	app->show_read_feeds = c->show_read_feeds != 0;
	app->show_read_articles = c->show_read_articles != 0;
	for (size_t i = 0; i < c->nbinds; i++) {
		char *err;
		if (keymap_bind(app->km, c->binds[i].key, c->binds[i].action, &err) != 0) {
			/* Checked above; only a disagreement between the checks. */
			fprintf(stderr, "newsreader: %s:%d: %s\n",
			    c->file ? c->file : "config", c->binds[i].line, err);
			free(err);
			rc = EXIT_CONFIG;
		}
	}
	if (rc != EXIT_OK)
		st_config_down(app);
	return rc;
}

static void
st_config_down(struct app *app)
{
	keymap_free(&app->km);
	app_config_free(&app->cfg);
	for (size_t i = 0; i < app->nskipped; i++)
		free(app->skipped[i]);
	xfree(&app->skipped);
	app->nskipped = 0;
}

/* errno values that mean "this file system takes no writes now". */
static bool
unwritable_errno(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EROFS || e == EACCES || e == EPERM;
}

/* The same read back from an error line of ours (the store's messages end
 * with strerror's words): the errno, or 0. */
static int
unwritable_in(const char *msg)
{
	static const int errs[] = { ENOSPC, EDQUOT, EROFS, EACCES, EPERM };

	for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++)
		if (strstr(msg, strerror(errs[i])) != NULL)
			return errs[i];
	return 0;
}

/*
 * Reading needs no writing: when the cache cannot be written (a full disk,
 * a read-only file system), open it read-only, without the fetch thread,
 * and say so. A plain read-only open still needs a -shm file; when even
 * that cannot be made, SQLite's immutable mode reads the file alone.
 */
static int
open_readonly(struct app *app, int e, const char *first_err)
{
	char *err = NULL;

	app->store = store_open(app->cfg->cache_path, STORE_READONLY, &err);
	if (app->store == NULL) {
		free(err);
		app->store = store_open(app->cfg->cache_path, STORE_IMMUTABLE, &err);
	}
	if (app->store == NULL) {
		/* The first reason is the one that matters. */
		fprintf(stderr, "newsreader: %s\n", first_err);
		free(err);
		return EXIT_CACHE;
	}
	char *words = xstrdup(strerror(e));
	words[0] = (char)tolower((unsigned char)words[0]);
	app->readonly = true;
	app->readonly_why = xasprintf(_("cache is read-only (%s)"), words);
	free(words);
	return EXIT_OK;
}

static int
st_cache_up(struct app *app)
{
	char *err = NULL;

	app->lock = lock_acquire(app->cfg->cache_path, &err);
	if (app->lock == NULL) {
		int e = errno;
		/* "In use by PID N" stays fatal; a lock file that cannot be
		 * written only means this reader cannot write either. */
		int rc = unwritable_errno(e) ? open_readonly(app, e, err) : EXIT_CACHE;
		if (rc != EXIT_OK && !unwritable_errno(e))
			fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		return rc;
	}
	app->store = store_open(app->cfg->cache_path, 0, &err);
	if (app->store == NULL) {
		int e = unwritable_in(err);
		int rc = e != 0 ? open_readonly(app, e, err) : EXIT_CACHE;
		if (e == 0)
			fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		if (rc != EXIT_OK)
			lock_release(&app->lock);
		return rc;
	}
	/* Register the listed feeds so the list shows them before any fetch. */
	const struct urls_list *u = app->cfg->urls;
	for (size_t i = 0; i < u->n; i++) {
		char *tags = NULL;
		for (size_t t = 0; t < u->v[i].ntags; t++) {
			char *nt = xasprintf("%s%s%s", tags ? tags : "", tags ? " " : "",
			    u->v[i].tags[t]);
			free(tags);
			tags = nt;
		}
		if (store_feed_ensure(app->store, u->v[i].url, u->v[i].title, tags) == -1 &&
		    !store_corrupt(app->store))
			log_msg(LOG_WARN, "%s", store_errmsg(app->store));
		free(tags);
		if (store_corrupt(app->store))
			break;
	}
	/* A damaged file is left as it is: no session writes into it. */
	if (store_corrupt(app->store) || (store_unread_count(app->store) < 0 &&
	    store_corrupt(app->store))) {
		fprintf(stderr, "newsreader: %s\n", store_errmsg(app->store));
		store_close(&app->store);
		lock_release(&app->lock);
		return EXIT_CACHE;
	}
	/* With a feed server, the feeds are those of the last sync. */
	if (app->cfg->config->urls_source != CONFIG_URLS_LOCAL &&
	    sync_urls_from_store(app->store, app->cfg->config, app->cfg->urls) != 0)
		log_msg(LOG_WARN, "%s", store_errmsg(app->store));
	app->index_pending = true;	/* a past session may have left some */
	return EXIT_OK;
}

static void
st_cache_down(struct app *app)
{
	if (app->state_lost > 0)
		fprintf(stderr, "newsreader: view positions not saved: %s\n",
		    app_write_reason(app));
	store_close(&app->store);
	lock_release(&app->lock);
	xfree(&app->readonly_why);
	app->readonly = false;
}

static int
st_signals_up(struct app *app)
{
	struct sigaction sa;

	if (pipe2(app->sig_pipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		fprintf(stderr, "newsreader: pipe: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	sig_fd = app->sig_pipe[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* Ctrl-\ in cbreak mode: quit cleanly too, not with the screen and
	 * an unsaved draft left behind. */
	sigaction(SIGQUIT, &sa, NULL);
	/* Ctrl-Z and fg go through the loop (tui_suspend): set before curses
	 * starts, so curses does not install its own handler. */
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* Messages of every thread now go to the status line's queue. */
	app->status = status_new(app->sig_pipe[1]);
	return EXIT_OK;
}

static void
st_signals_down(struct app *app)
{
	struct sigaction sa;

	log_set_sink(NULL, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	sig_fd = -1;
	status_free(&app->status);
	close(app->sig_pipe[0]);
	close(app->sig_pipe[1]);
}

/* ui-direction: rtl, or auto with a right-to-left UI language (the
 * messages locale as the environment names it: the locale itself need
 * not be installed for the user to want a mirrored screen). */
static bool
ui_rtl(int setting)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	static const char *const langs[] = { "ar", "fa", "he", "ur" };

	if (setting != CONFIG_DIR_AUTO)
		return setting == CONFIG_DIR_RTL;
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		for (size_t k = 0; k < 4; k++)
			if (strncmp(v, langs[k], 2) == 0 && (v[2] == '\0' || v[2] == '_' ||
			    v[2] == '.' || v[2] == '@'))
				return true;
		return false;
	}
	return false;
}

static int
st_curses_up(struct app *app)
{
	const struct config *c = app->cfg->config;

	app->bidi_app = c->bidi == CONFIG_BIDI_APP;
	/* BDSM (ECMA-48 mode 8) reset: the terminal must not reorder our
	 * already reordered lines. Terminals that do not know it ignore it. */
	fatal_have_tio = tcgetattr(STDIN_FILENO, &fatal_tio) == 0;
	if (app->bidi_app)
		term_write("\033[8l");
	app->scr = newterm(NULL, stdout, stdin);
	if (app->scr == NULL) {
		if (app->bidi_app)
			term_write("\033[8h");
		fprintf(stderr, _("newsreader: cannot use the terminal '%s'\n"),
		    getenv("TERM") ? getenv("TERM") : "(unset)");
		return EXIT_FAIL;
	}
	/* A terminal that cannot move the cursor ("dumb", an editor's shell
	 * buffer) would show a blank or garbled screen: refuse, saying why. */
	const char *cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		endwin();
		delscreen(app->scr);
		app->scr = NULL;
		if (app->bidi_app)
			term_write("\033[8h");
		fprintf(stderr, _("newsreader: cannot use the terminal '%s': it cannot move "
		    "the cursor; set TERM to your terminal's type (such as xterm-256color)\n"),
		    getenv("TERM") ? getenv("TERM") : "(unset)");
		return EXIT_FAIL;
	}
	app->curses_up = true;
	fatal_up(app->bidi_app);
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_PRESSED |
	    BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(200);
	colors_init(c);
	screen_setup(app->utf8, c->shaping != 0, app->bidi_app);
	screen_setup_chrome(i18n_rtl(), c->digits == CONFIG_DIGITS_ARABIC_INDIC ||
	    (c->digits == CONFIG_DIGITS_AUTO && i18n_arabic()));
	app->rtl = ui_rtl(c->ui_direction);
	status_set_rtl(app->status, app->rtl);
	screen_set_mirrored(app->rtl);
	getmaxyx(stdscr, app->rows, app->cols);
	log_set_sink(status_log_sink, app->status);
	return EXIT_OK;
}

void
tui_suspend(struct app *app)
{
	struct sigaction sa, old;

	if (!app->curses_up)
		return;
	/* The shell gets its terminal as it gave it to us. */
	engage_tty(app, false);
	endwin();
	if (app->bidi_app)
		term_write("\033[8h");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &old);
	raise(SIGTSTP);		/* stops here until fg */
	sigaction(SIGTSTP, &old, NULL);
	tui_continued(app);
}

void
tui_continued(struct app *app)
{
	if (!app->curses_up)
		return;
	if (app->bidi_app)
		term_write("\033[8l");
	engage_tty(app, true);
	/* Back in program mode (the shell may have changed the modes), and
	 * everything painted again. */
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	app->dirty = true;
}

static void
st_curses_down(struct app *app)
{
	if (!app->curses_up)
		return;
	fatal_down();
	curs_set(1);
	endwin();
	delscreen(app->scr);
	app->scr = NULL;
	app->curses_up = false;
	if (app->bidi_app)
		term_write("\033[8h");
}

static int
st_fetch_up(struct app *app)
{
	const struct config *c = app->cfg->config;
	struct fetch_options o;
	struct driver_setup ds = { .store = app->store, .cache_path = app->cfg->cache_path,
	    .config = c };
	char *err = NULL;

	if (c->ignore_mode == CONFIG_IGNORE_DISPLAY) {
		app->hide = config_kill_filter(c, &err);
		if (err != NULL) {
			/* Said like the config's other warnings. */
			app->skipped = xreallocarray(app->skipped, app->nskipped + 1,
			    sizeof *app->skipped);
			app->skipped[app->nskipped++] = err;
			err = NULL;
		}
	}
	if (app->g->offline || app->readonly) {
		/* Read-only: nothing fetched could be stored. */
		status_set_offline(app->status, true);
		status_set_readonly(app->status, app->readonly);
		/* Offline the driver submits nothing; the panel reads the cache. */
		app->driver = driver_new(&ds, NULL, &err);
		return EXIT_OK;
	}
	fetch_options_init(&o);
	o.max_total = (unsigned)c->max_parallel;
	o.max_per_host = (unsigned)c->max_per_host;
	o.connect_timeout = c->connect_timeout;
	o.timeout = c->download_timeout;
	o.max_body = (size_t)c->max_body_size << 20;
	o.script_timeout = c->script_timeout;
	app->fetch = fetcher_start(&o, &err);
	if (app->fetch == NULL) {
		app->fatal = err;
		return EXIT_FAIL;
	}
	/* Warnings about market-source lines are the panel's to show. */
	ds.fetch = app->fetch;
	char *log_path = paths_log_file();
	ds.log_path = log_path;
	app->driver = driver_new(&ds, NULL, &err);
	free(log_path);
	if (app->driver == NULL) {
		fetcher_stop(&app->fetch);
		app->fatal = err;
		return EXIT_CACHE;
	}
	if (c->auto_reload > 0) {
		app->auto_reload_s = (long)c->auto_reload * 60;
#ifdef NR_TEST_HOOKS
		/* Test hook, only in builds configured with --enable-test-hooks
		 * (tests/tui_auto_reload.sh): the interval in seconds instead of
		 * minutes, so a test need not wait a minute. Only shortens an
		 * auto-reload the config already asks for. */
		const char *t = getenv("NR_TEST_AUTO_RELOAD_SECONDS");
		if (t != NULL && atol(t) > 0)
			app->auto_reload_s = atol(t);
#endif
		app->next_auto_reload = time(NULL) + (time_t)app->auto_reload_s;
	}
	return EXIT_OK;
}

/* The fetcher first: its jobs use the driver's connection until they end. */
static void
st_fetch_down(struct app *app)
{
	fetcher_stop(&app->fetch);
	driver_free(&app->driver);
	filter_free(&app->hide);
}

/* The driver applies the events of the comments context engage owns. */
static int
st_jobs_up(struct app *app)
{
	if (app->engage != NULL)
		driver_set_comments(app->driver, engage_comments(app));
	return EXIT_OK;
}

static void
st_jobs_down(struct app *app)
{
	driver_set_comments(app->driver, NULL);
}

/* After the fetcher (it submits market jobs), before the views. */
static int
st_panel_up(struct app *app)
{
	app->panel = panel_new(app);
	return EXIT_OK;
}

static void
st_panel_down(struct app *app)
{
	panel_free(&app->panel);
}

/* At start: a read-only cache, and changes an earlier session left in a
 * recovery file; held until the first key. */
static void
say_unsaved(struct app *app)
{
	char *dir = paths_state_dir(), *newest = NULL;
	size_t n = recovery_find(dir, &newest);
	char more[160] = "";

	if (n > 0)
		snprintf(more, sizeof more, "%s", n > 1 ? _(" (and older ones next to it)") : "");
	if (app->readonly && n > 0)
		status_hold(app->status, LOG_ERROR, _("changes cannot be saved: %s; changes an "
		    "earlier session could not save are in %s%s"), app->readonly_why, newest, more);
	else if (app->readonly)
		status_hold(app->status, LOG_ERROR, _("changes cannot be saved: %s"),
		    app->readonly_why);
	else if (n > 0)
		status_hold(app->status, LOG_WARN, _("changes an earlier session could not save "
		    "are in %s%s"), newest, more);
	free(newest);
	free(dir);
}

static int
st_views_up(struct app *app)
{
	state_restore_views(app);
	char keys[64], idle[160];
	keymap_keys_of(app->km, ACTION_HELP, keys, sizeof keys);
	if (app->cfg->using_demo)
		snprintf(idle, sizeof idle, "%s", _("showing the bundled demo feeds (no urls file)"));
	else
		snprintf(idle, sizeof idle, "%s%s", keys, *keys ? _(": keys") : "");
	status_set_idle(app->status, idle);
	if (app->nskipped > 0) {
		keymap_keys_of(app->km, ACTION_SHOW_ERRORS, keys, sizeof keys);
		status_hold(app->status, LOG_WARN, P_("%zu line of the config or urls file "
		    "was skipped (%s lists it)", "%zu lines of the config or urls file were "
		    "skipped (%s lists them)", app->nskipped), app->nskipped,
		    *keys ? keys : "show-errors");
	}
	say_unsaved(app);
	if (app->fetch != NULL && (app->cfg->config->reload_on_start ||
	    (driver_syncs(app->driver) && app->cfg->urls->n == 0)))
		app_reload_all(app);	/* a first sync too: an empty list helps no one */
	else if (app->fetch != NULL) {
		/* Feeds never fetched (a first run, a new line in the urls
		 * file) are fetched now: an empty list helps no one. */
		struct store_feed *f;
		size_t n;
		if (store_feed_list(app->store, &f, &n) == 0) {
			const char **urls = xcalloc(n + 1, sizeof *urls);
			size_t k = 0;
			for (size_t i = 0; i < n; i++)
				if (f[i].last_attempt == 0 &&
				    urls_list_find(app->cfg->urls, f[i].url) >= 0)
					urls[k++] = f[i].url;
			if (k > 0) {
				app_reload(app, urls, k);
				status_reload(app->status)->quiet = true;
			}
			free(urls);
			store_feed_list_free(&f, n);
		}
	}
	app->dirty = true;
	return EXIT_OK;
}

static void
st_views_down(struct app *app)
{
	state_save_views(app);
	while (app->nviews > 0) {
		struct view *v = app->views[--app->nviews];
		v->ops->free(v);
	}
	searcher_free(&app->searcher);
	indexer_free(&app->indexer);
	prompt_free(&app->prompt);
}

static const struct stage {
	const char *name;
	int (*up)(struct app *app);
	void (*down)(struct app *app);
} stages[] = {
	{ "locale", st_locale_up, NULL },
	{ "config", st_config_up, st_config_down },
	{ "tty", st_tty_up, NULL },
	{ "cache", st_cache_up, st_cache_down },
	{ "signals", st_signals_up, st_signals_down },
	{ "curses", st_curses_up, st_curses_down },
	{ "fetch", st_fetch_up, st_fetch_down },
	{ "engage", engage_up, engage_down },	/* comments, outbox, composer */
	{ "jobs", st_jobs_up, st_jobs_down },
	{ "panel", st_panel_up, st_panel_down },
	{ "views", st_views_up, st_views_down },
};

/*
 * After teardown (the terminal is the shell's again): what the cache
 * refused goes to a recovery file, and stderr says where. When even that
 * cannot be written, the file's text goes to stderr: a draft is never
 * dropped without a trace.
 */
static void
write_recovery(struct app *app, const char *cache_path)
{
	char *dir = paths_state_dir(), *path = NULL, *err = NULL;
	size_t drafts = recovery_count_kind(app->lost, RECOVERY_DRAFT);
	size_t other = recovery_count(app->lost) - drafts;
	char what[96];
	time_t now = time(NULL);

	char d[48], o[48];
	snprintf(d, sizeof d, P_("%zu draft", "%zu drafts", drafts), drafts);
	snprintf(o, sizeof o, P_("%zu other change", "%zu other changes", other), other);
	if (drafts > 0 && other > 0)
		snprintf(what, sizeof what, _("%s and %s"), d, o);
	else if (drafts > 0)
		snprintf(what, sizeof what, "%s", d);
	else
		snprintf(what, sizeof what, P_("%zu change (likes, read marks)",
		    "%zu changes (likes, read marks)", other), other);
	if (recovery_write(app->lost, dir, cache_path, now, &path, &err) == 0) {
		fprintf(stderr, _("newsreader: %s could not be saved in the cache; they are in %s\n"),
		    what, path);
	} else {
		char *text = recovery_format(app->lost, cache_path, now);
		fprintf(stderr, _("newsreader: %s could not be saved in the cache, nor in a "
		    "recovery file (%s); here they are:\n%s"), what, err, text);
		free(text);
	}
	free(path);
	free(err);
	free(dir);
}

int
cmd_tui(const struct cli_globals *g, int argc, char **argv)
{
	struct app app = { .g = g, .sig_pipe = { -1, -1 }, .lost = recovery_new(),
	    .browser_fd = -1 };
	size_t up = 0;
	int rc = EXIT_OK;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, _("newsreader: the reader takes no arguments\n"));
		return EXIT_USAGE;
	}
	for (; up < sizeof stages / sizeof stages[0]; up++) {
		rc = stages[up].up(&app);
		if (rc != EXIT_OK)
			break;
	}
	if (rc == EXIT_OK) {
		loop_run(&app);
		app_browser_forget(&app);
		rc = app.exit_code;
	}
	/* Downloads end with the session: their part files go. */
	size_t stopped = downloads_quit(&app);
	/* For the recovery file, written after the config is gone. */
	char *cache_path = app.cfg != NULL ? xstrdup(app.cfg->cache_path) : NULL;
	while (up-- > 0)
		if (stages[up].down != NULL)
			stages[up].down(&app);
	if (app.fatal != NULL) {
		fprintf(stderr, "newsreader: %s\n", app.fatal);
		free(app.fatal);
	}
	if (stopped > 0)
		fprintf(stderr, P_("newsreader: %zu download was stopped; its partial file was removed\n",
		    "newsreader: %zu downloads were stopped; their partial files were removed\n",
		    stopped), stopped);
	if (recovery_count(app.lost) > 0 && cache_path != NULL) {
		write_recovery(&app, cache_path);
		if (rc == EXIT_OK)
			rc = EXIT_UNSAVED;
	}
	if (app.cache_gone && cache_path != NULL) {
		fprintf(stderr, _("newsreader: the cache %s was removed while the reader ran; "
		    "nothing was written to it after that, and the next start makes a new "
		    "one\n"), cache_path);
		if (rc == EXIT_OK)
			rc = EXIT_CACHE;
	}
	recovery_free(&app.lost);
	notify_batch_clear(&app.notify);
	free(cache_path);
	return rc;
}
