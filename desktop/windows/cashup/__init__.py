"""The Cash-up window: each route's cash counted at the end of the day."""
