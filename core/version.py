"""This release of Roundsman: the one number pyproject.toml, About, the office server's
version check and the Windows installers take (read as an attribute, so a frozen build,
which has no package metadata, knows it too)."""

VERSION = "0.2.0"
