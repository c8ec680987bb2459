"""Quotes: the list of quotes and the quote form (customer or prospect, lines, actions)."""
