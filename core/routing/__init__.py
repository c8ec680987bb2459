"""Route planning for dispatch: distance matrices and the VRP solver (PyVRP)."""
