/* Asks the window whose title is argv[1] to close, as a window manager's close button does
   (WM_DELETE_WINDOW). For the end-to-end test of the unsaved-input guard. */
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <stdio.h>
#include <string.h>

static Window find(Display *d, Window w, const char *title) {
  char *name = NULL;
  if (XFetchName(d, w, &name) && name) {
    int same = strcmp(name, title) == 0;
    XFree(name);
    if (same) return w;
  }
  Window root, parent, *kids = NULL;
  unsigned int n = 0;
  if (!XQueryTree(d, w, &root, &parent, &kids, &n)) return 0;
  Window found = 0;
  for (unsigned int i = 0; i < n && !found; i++) found = find(d, kids[i], title);
  if (kids) XFree(kids);
  return found;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: xclose TITLE\n"); return 2; }
  Display *d = XOpenDisplay(NULL);
  if (!d) { fprintf(stderr, "no display\n"); return 1; }
  Window w = find(d, DefaultRootWindow(d), argv[1]);
  if (!w) { fprintf(stderr, "no window titled %s\n", argv[1]); return 1; }
  XEvent e;
  memset(&e, 0, sizeof e);
  e.xclient.type = ClientMessage;
  e.xclient.window = w;
  e.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
  e.xclient.format = 32;
  e.xclient.data.l[0] = (long)XInternAtom(d, "WM_DELETE_WINDOW", False);
  e.xclient.data.l[1] = CurrentTime;
  XSendEvent(d, w, False, NoEventMask, &e);
  XFlush(d);
  XCloseDisplay(d);
  return 0;
}
