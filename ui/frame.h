/* Painting the whole screen: title bar, the top view, status line, overlays. */
#ifndef NR_UI_FRAME_H
#define NR_UI_FRAME_H

struct app;

/* Paint everything now. */
void frame_draw(struct app *app);

#endif
