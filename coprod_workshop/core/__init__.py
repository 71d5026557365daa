"""Pure-Python model of a workshop session. Never imports Qt."""
