"""Qt item models over the archive: ids and small in-memory lists, no business rules."""
