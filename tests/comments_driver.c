/*
 * A small program over src/comments for tests/comments_fetch_test.py: it
 * runs the real fetch thread, config parser and store, one command per run,
 * and prints what happened in lines a test can match.
 *
 *   comments_driver --db FILE [--config FILE] [--now T] [--name N] [--email E]
 *                   [--offline] COMMAND [ARGS]
 *   reload URL...        fetch feeds into the cache
 *   fetch ITEM [force]   ask for the article's comments
 *   list ITEM            "comment AUTHOR|DATE|own|BODY" lines, oldest first
 *   count ITEM           "hint H stored S"
 *   send ITEM TEXT       send, then run the outbox once
 *   tick                 run the outbox
 *   outbox               "outbox ID STATE attempts=N next=T reason=R body=B" lines
 *   recover              sending entries back to the queue
 *   draft ITEM [TEXT]    show or save the draft
 *
 * Every command that submits jobs waits for them and prints each outcome as
 * "outcome KIND item=N outbox=N: MESSAGE". Exit 0, or 1 with the error.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comments/comments.h"
#include "config/diag.h"
#include "config/settings.h"
#include "fetch/fetch.h"
#include "jobs/feedjob.h"
#include "store/comments.h"
#include "store/store.h"

static const char *const kind_names[] = {
	"loaded", "unchanged", "load-failed", "posted", "retrying", "post-failed", "checked",
};

/* Print outcomes until every submitted job has finished: sends jobs
 * (outbox jobs: a lookup that finds nothing submits the POST, one more),
 * or with sends < 0 until the fetcher says all are done. */
static void
wait_jobs(struct fetcher *f, struct comments *c, time_t now, int sends)
{
	struct fetch_event ev;
	int waited = 0;

	for (;;) {
		while (fetcher_next_event(f, &ev)) {
			struct comments_outcome o;
			bool done = sends < 0 && ev.type == FETCH_EV_ALL_DONE;
			if (comments_handle_event(c, &ev, now, &o)) {
				if (sends > 0 && o.outbox_id != 0 && o.kind != COMMENTS_CHECKED)
					done = --sends == 0;
				printf("outcome %s item=%lld outbox=%lld: %s\n", kind_names[o.kind],
				    (long long)o.item_id, (long long)o.outbox_id, o.message);
				if (o.kind == COMMENTS_RETRYING)
					printf("next_attempt %lld\n", (long long)o.next_attempt);
				comments_outcome_clear(&o);
			}
			fetch_event_clear(&ev);
			if (done)
				return;
		}
		struct pollfd pfd = { .fd = fetcher_fd(f), .events = POLLIN };
		if (poll(&pfd, 1, 100) == 0 && (waited += 100) > 30000) {
			printf("timeout waiting for jobs\n");
			return;
		}
	}
}

static void
print_oneline(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		putchar(*s == '\n' ? '/' : *s);
}

static int
run_outbox(struct comments *c, struct fetcher *f, time_t now)
{
	time_t next;
	int n = comments_outbox_run(c, now, &next);

	if (n < 0)
		return -1;
	printf("submitted %d\n", n);
	if (n > 0)
		wait_jobs(f, c, now, n);
	printf("next_due %lld\n", (long long)next);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *cfg_path = NULL, *name = NULL, *email = NULL;
	time_t now = time(NULL);
	bool offline = false;
	struct config *cfg = NULL;
	struct diag_list d = DIAG_LIST_INIT;
	struct store *s, *bg = NULL;
	struct fetcher *f = NULL;
	struct fetch_options o;
	struct comments *c;
	char *err = NULL;
	int i, ret = 0;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--offline") == 0)
			offline = true;
		else if (i + 1 >= argc)
			break;
		else if (strcmp(argv[i], "--db") == 0)
			db = argv[++i];
		else if (strcmp(argv[i], "--config") == 0)
			cfg_path = argv[++i];
		else if (strcmp(argv[i], "--now") == 0)
			now = (time_t)strtoll(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--name") == 0)
			name = argv[++i];
		else if (strcmp(argv[i], "--email") == 0)
			email = argv[++i];
	}
	if (db == NULL || i >= argc) {
		fprintf(stderr, "usage: comments_driver --db FILE [options] COMMAND [ARGS]\n");
		return 2;
	}
	if (config_load(cfg_path != NULL ? cfg_path : "/nonexistent", cfg_path != NULL, &cfg,
	    &d) != 0) {
		for (size_t k = 0; k < d.n; k++)
			fprintf(stderr, "%s\n", d.v[k].msg);
		diag_list_clear(&d);
		config_free(&cfg);
		return 1;
	}
	diag_list_clear(&d);
	if ((s = store_open(db, 0, &err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		free(err);
		config_free(&cfg);
		return 1;
	}
	fetch_options_init(&o);
	o.timeout = 10;
	o.connect_timeout = 5;
	if ((f = fetcher_start(&o, &err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		free(err);
		store_close(&s);
		config_free(&cfg);
		return 1;
	}
	c = comments_new(s, cfg, f);
	comments_set_offline(c, offline);
	if (name != NULL || email != NULL)
		comments_set_identity(c, name, email);

	const char *cmd = argv[i++];
	int64_t item = i < argc ? strtoll(argv[i], NULL, 10) : 0;
	if (strcmp(cmd, "reload") == 0) {
		/* The feeds' own connection, as the driver keeps one. */
		if ((bg = store_open(db, 0, &err)) == NULL) {
			fprintf(stderr, "%s\n", err);
			free(err);
			ret = 2;
		} else {
			store_set_deferred_index(bg, true);
			fetcher_hold(f);
			for (int k = i; k < argc; k++)
				feed_job_submit(f, bg, argv[k], NULL);
			fetcher_release(f);
			wait_jobs(f, c, now, -1);
		}
		printf("reloaded\n");
	} else if (strcmp(cmd, "fetch") == 0) {
		bool force = i + 1 < argc && strcmp(argv[i + 1], "force") == 0;
		enum comments_fetch_status st = comments_fetch(c, item, force, now);
		printf("fetch %d\n", (int)st);
		if (st == COMMENTS_FETCH_SUBMITTED)
			wait_jobs(f, c, now, -1);
		else if (st == COMMENTS_FETCH_ERROR)
			ret = 1;
	} else if (strcmp(cmd, "list") == 0) {
		struct store_comment_list l = { 0 };
		if (store_comments_list(s, item, &l) == -1)
			ret = 1;
		for (size_t k = 0; k < l.n; k++) {
			printf("comment %s|%lld|%s|", l.v[k].author ? l.v[k].author : "-",
			    (long long)l.v[k].date, l.v[k].own_note ? "own" : "site");
			print_oneline(l.v[k].body);
			printf("|%s\n", l.v[k].remote_id ? l.v[k].remote_id : "-");
		}
		store_comment_list_clear(&l);
	} else if (strcmp(cmd, "count") == 0) {
		int64_t hint, stored;
		if (store_comments_count(s, item, &hint, &stored) == -1)
			ret = 1;
		else
			printf("hint %lld stored %lld\n", (long long)hint, (long long)stored);
	} else if ((strcmp(cmd, "send") == 0 && i + 1 < argc) ||
	    (strcmp(cmd, "reply") == 0 && i + 2 < argc)) {
		enum comments_send_how how;
		int64_t id;
		char *reason;
		/* reply ITEM COMMENT-ID TEXT: a reply to the stored comment's site id. */
		bool reply = strcmp(cmd, "reply") == 0;
		int64_t parent = reply ? comments_wp_comment_id(argv[i + 1]) : 0;
		const char *text = argv[i + (reply ? 2 : 1)];
		if (comments_send_reply(c, item, parent, text, now, &how, &id, &reason) == -1) {
			printf("refused: %s\n", reason);
			ret = 1;
		} else {
			printf("send %s id=%lld%s%s\n", how == COMMENTS_SENT_NOTE ? "note" :
			    how == COMMENTS_SENT_QUEUED ? "queued" : "failed", (long long)id,
			    reason ? ": " : "", reason ? reason : "");
			if (run_outbox(c, f, now) == -1)
				ret = 1;
		}
		free(reason);
	} else if (strcmp(cmd, "tick") == 0) {
		if (run_outbox(c, f, now) == -1)
			ret = 1;
	} else if (strcmp(cmd, "recover") == 0) {
		if (comments_outbox_recover(c, now) == -1)
			ret = 1;
	} else if (strcmp(cmd, "outbox") == 0) {
		struct store_outbox_list l = { 0 };
		if (store_outbox_list(s, 0, &l) == -1)
			ret = 1;
		for (size_t k = 0; k < l.n; k++) {
			printf("outbox %lld %s attempts=%d next=%lld remote=%s reason=%s body=",
			    (long long)l.v[k].id, store_outbox_state_name(l.v[k].state),
			    l.v[k].attempts, (long long)l.v[k].next_attempt,
			    l.v[k].remote_id ? l.v[k].remote_id : "-",
			    l.v[k].reason ? l.v[k].reason : "-");
			print_oneline(l.v[k].body);
			putchar('\n');
		}
		store_outbox_list_clear(&l);
	} else if (strcmp(cmd, "draft") == 0) {
		char *text = NULL;
		if (i + 1 < argc)
			ret = comments_draft_save(c, item, argv[i + 1]) == -1;
		else if (comments_draft_get(c, item, &text) == -1)
			ret = 1;
		else
			printf("draft %s\n", text != NULL ? text : "(none)");
		free(text);
	} else {
		fprintf(stderr, "unknown command %s\n", cmd);
		ret = 2;
	}
	if (ret == 1)
		fprintf(stderr, "error: %s\n", store_errmsg(s));
	comments_free(&c);
	fetcher_stop(&f);
	store_close(&bg);
	store_close(&s);
	config_free(&cfg);
	return ret;
}
