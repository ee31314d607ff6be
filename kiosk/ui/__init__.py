"""Qt widgets. They receive prepared data and never do disk or network I/O."""
