"""Qt runtime: composes the services and the window, moves work off the GUI thread."""
