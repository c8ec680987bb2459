"""The Billing window: the monthly run, the period's invoices and their printing."""
