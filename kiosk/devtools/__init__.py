"""Developer and test tooling (no Qt): e.g. the fake city platform ``platform_sim``."""
