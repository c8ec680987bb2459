"""Orders: the order entry window (the clerk's main screen) and the order search."""
