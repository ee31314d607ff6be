"""Pure interactive-session state machine and per-session settings (no Qt)."""
