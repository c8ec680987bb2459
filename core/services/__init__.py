"""The core's API: what the desktop and the CLI call.

Plain values in, frozen dataclasses out; each call is one unit of work.
"""
