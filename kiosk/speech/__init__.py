"""Pure speech (no Qt): text as shown → spoken (language, text) chunks (``plan``: inline marks, names,
``normalise`` per language, ``text`` sentences), espeak-ng synthesis in a worker process → PCM (``synth``).
Playing, caching and interrupting are the runtime's (kiosk.runtime.speaker)."""
