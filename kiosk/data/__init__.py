"""Pure live-data connectors and coordinators (no Qt): fetch, parse to typed records, last-good cache.

Filled by the live-data issue; declared now so the import contract covers it from the start.
"""
