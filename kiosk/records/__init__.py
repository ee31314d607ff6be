"""What a device leaves for the city's reports (pure, no Qt): proof of play and hourly interaction
statistics, as rotated JSON-lines files that survive power loss (``jsonl``), written off the GUI thread
(``writer``)."""
