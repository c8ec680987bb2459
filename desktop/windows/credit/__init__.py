"""Credit summary: every customer's limit, balance, exposure and what is left."""
