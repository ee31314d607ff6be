"""Pure speech (no Qt): text -> utterances, pyttsx3 synthesis in a worker process -> audio chunks.

Filled by the accessibility issue; declared now so the import contract covers it from the start.
"""
