"""Smile City Touchpoint: accessible kiosk and digital-signage shell for Rostock."""

__version__ = "0.1.0"
