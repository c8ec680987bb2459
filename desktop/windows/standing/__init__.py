"""Standing orders: the list and editor, the customer's delivery calendar, order generation
and the refusals a clerk follows up."""
