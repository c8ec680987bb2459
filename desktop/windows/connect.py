"""Connecting this workstation to the office server, and trusting it.

The server's certificate is its own (made on its first start), so the workstation
trusts it as SSH trusts a host key: on the first connect it shows the certificate's
SHA-256 fingerprint, the user compares it with the fingerprint the server printed when
it started (the administrator has it), and only then is it pinned.  Every later
connection must show the same certificate, or nothing is sent (not even a password).
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from core.server.client import Connection
from desktop import tasks
from desktop.widgets.formkit import MessageLabel, add_row


def grouped(fingerprint: str) -> str:
    """A fingerprint as the server prints it (hex pairs joined by colons), in two lines of
    16 pairs: compared at a glance with the server's line."""
    digits = fingerprint.replace(":", "").upper()
    pairs = [digits[i:i + 2] for i in range(0, len(digits), 2)]
    return ":".join(pairs[:16]) + "\n" + ":".join(pairs[16:])


class ConnectDialog(QDialog):
    """Accepted with ``url`` and ``fingerprint`` (to pin) once the user trusts the server."""

    def __init__(self, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url, self.fingerprint = "", ""
        self.setWindowTitle(self.tr("Connect to the office server"))
        self.address = QLineEdit(url)
        self.address.setPlaceholderText("https://office-server:8443")
        self.address.textEdited.connect(self._forget)
        form = QFormLayout()
        self.address_label = add_row(form, self.address)
        self.address_label.setText(self.tr("&Server:"))
        self.explain = QLabel(self.tr(
            "This workstation does not know the server yet. The server shows this "
            "certificate fingerprint:"))
        self.explain.setWordWrap(True)
        self.shown = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 1)
        self.shown.setFont(font)
        self.compare = QLabel(self.tr(
            "Compare it with the fingerprint the server printed when it started (the "
            "administrator has it). Trust the server only if they are the same."))
        self.compare.setWordWrap(True)
        for label in (self.explain, self.shown, self.compare):
            label.hide()
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox()
        self.connect_button = self.buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.explain, self.shown, self.compare, self.message, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(520)

    def _forget(self) -> None:
        """A changed address: its certificate is looked up anew."""
        self.fingerprint = ""
        for label in (self.explain, self.shown, self.compare):
            label.hide()
        self.connect_button.setText(self.tr("Connect"))

    def _next(self) -> None:
        if self.fingerprint:  # shown and compared: trusted
            self.url = self.address.text().strip()
            self.accept()
            return
        self.message.clear()
        url = self.address.text().strip()
        tasks.run(self, lambda: Connection(url).fingerprint(), on_success=self._shown,
                  on_error=self.message.on_error, disable=self.connect_button)

    def _shown(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.shown.setText(grouped(fingerprint))
        for label in (self.explain, self.shown, self.compare):
            label.show()
        self.connect_button.setText(self.tr("Trust this server"))
        self.connect_button.setFocus()
        self.adjustSize()
