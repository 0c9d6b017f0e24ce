"""The Textual app."""

import os

# A key press can take two or three screen updates to settle (the cursor, then the preview
# it selects); at Textual's default cap of 60 updates a second that is 40-50 ms. 120 a
# second keeps a repaint well under that, and an idle screen still costs nothing. Set
# TEXTUAL_FPS yourself to override it.
os.environ.setdefault("TEXTUAL_FPS", "120")
