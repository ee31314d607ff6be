"""One widget per slide type. Widgets receive their slide model and prepared assets and report when
they are ready to be shown (so a transition never reveals a half-loaded frame). ``runtime.prepare``
builds them."""
