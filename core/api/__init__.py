"""One API from the core: the registry of operations (``registry``) and their exact wire
form (``codec``), used by the office server and by the desktop's and roundsman-admin's
connected clients."""
