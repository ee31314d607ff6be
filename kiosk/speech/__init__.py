"""Pure speech (no Qt): text → sentence chunks (``text``), espeak-ng synthesis in a worker process → PCM
(``synth``). Playing, caching and interrupting are the runtime's (kiosk.runtime.speaker)."""
