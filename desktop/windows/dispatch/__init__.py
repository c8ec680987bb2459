"""The Dispatch window: a day's orders, routes and vehicles, planning, arranging, confirming."""
