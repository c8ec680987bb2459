"""The Payments window: money received, refunds, credit notes and statements."""
