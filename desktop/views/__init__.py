"""Widgets that show archive data and report what the user asked for; no business rules."""
