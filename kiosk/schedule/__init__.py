"""Pure scheduling (no Qt): rules, the resolver (device, instant) -> what each zone shows, timelines.

Filled by the signage-engine issue; declared now so the import contract covers it from the start.
"""
