"""Pure image preparation (Pillow): decode, orient, fit to a zone. No Qt here."""
