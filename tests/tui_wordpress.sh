#!/bin/sh
# The reader in tmux against the real WordPress that wordpress_server_test.py
# has running (issue 15): WP_URL, WP_USER and WP_PWFILE name the site and a
# subscriber's Application Password; moderation is on there. The article's
# comments pane shows the site's comment; a comment written in the composer
# and sent with C-d shows "awaiting moderation"; a wrong password shows
# WordPress's own message and the comments pane keeps the text, failed.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"
: "${WP_URL:?}" "${WP_USER:?}" "${WP_PWFILE:?}" "${WP_BADPWFILE:?}"

echo "$WP_URL/feed/ \"~Real WordPress\"" >"$T/config/newsreader/urls"
printf 'comment-endpoint %s/feed/ %s user=%s password-file=%s\n' \
    "$WP_URL" "$WP_URL" "$WP_USER" "$WP_PWFILE" >"$T/config/newsreader/config"

tui_start main
wait_for main "Real WordPress" 30
keys main Enter
wait_for main "comments on a real blog" 30
keys main Enter
wait_for main "Article: "
keys main C
wait_for main "Comments: "
wait_for main "A first comment, made on the site." 30
keys main q
wait_gone main "Comments: "
keys main c
wait_for main "Comment 0/400"
keys main -l "Sent from the terminal reader"
wait_for main "Comment 29/400"
keys main C-d
# The outcome flashes on the status line; the outbox holds it for good.
deadline=$(( $(date +%s) + 30 ))
until [ "$(sqlite3 "$CACHE" "SELECT state FROM outbox WHERE body LIKE '%terminal reader%'" 2>/dev/null)" = sent ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the comment was not sent: $(sqlite3 "$CACHE" "SELECT state, reason FROM outbox" 2>&1)"
	sleep 0.1
done
keys main C
wait_for main "Sent from the terminal reader"
screen main | grep -A3 "Sent from the terminal reader" | grep -q "awaiting moderation" ||
    screen main | grep -B3 "Sent from the terminal reader" | grep -q "awaiting moderation" ||
    fail "the held comment is not marked awaiting moderation in the pane"
keys main q
keys main Q
check_clean_exit main

# A wrong password: WordPress's own message, and the text is kept.
printf 'comment-endpoint %s/feed/ %s user=%s password-file=%s\n' \
    "$WP_URL" "$WP_URL" "$WP_USER" "$WP_BADPWFILE" >"$T/config/newsreader/config"
tui_start bad
wait_for bad "Real WordPress" 30
keys bad Enter
wait_for bad "comments on a real blog" 30
keys bad Enter
wait_for bad "Article: "
keys bad c
wait_for bad "Comment 0/400"
keys bad -l "Refused words stay here"
keys bad C-d
wait_for bad "${WP_BADMSG:?}" 30
wait_for bad "text kept"
# C: the outbox's entry keeps the text and says why it failed.
keys bad Escape
wait_gone bad "Comment 0/400"
keys bad C
wait_for bad "Comments: "
wait_for bad "Refused words stay here"
wait_for bad "failed: HTTP 401: $WP_BADMSG"
keys bad q
keys bad Q
check_clean_exit bad
echo "PASS: tui_wordpress"
