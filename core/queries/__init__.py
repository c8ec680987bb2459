"""Read models for lists and summaries: queries in, frozen dataclasses out."""
