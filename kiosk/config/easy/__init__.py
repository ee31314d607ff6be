"""The Leichte Sprache check of ``kiosk validate``: text rules (``rules``), their words for editors
(``messages``) and the walk over a content set with its allow comments (``check``)."""
