"""The office server: the core behind HTTPS for the workstations of an office."""
