"""On the projector while a step takes notes, actions or dots from phones: a strip with
a QR code, the address and the room code, so that anyone can join from their phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.participation.phone import PhoneVoting, qr_pixmap
from coprod_workshop.ui.theme import SpokenLabel, set_role

#: the QR code's side as a share of the strip's host height
QR_SHARE = 0.16


class JoinStrip(QWidget):
    """QR code beside "Send from your phone", the address and the room code."""

    def __init__(self, session: Session, step_id: str, phone: PhoneVoting) -> None:
        super().__init__()
        self.session, self.step_id, self.phone = session, step_id, phone
        self.setAccessibleName(self.tr("How to send from a phone"))
        self.qr = SpokenLabel()
        self.qr.setAccessibleName(self.tr("QR code of the phone page"))
        self.heading = set_role(SpokenLabel(self.tr("Send yours from your phone")), "join-heading")
        self.address = set_role(SpokenLabel(), "join-text")
        self.address.setWordWrap(True)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.heading)
        text.addWidget(self.address)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self._url = ""
        self._side = 0
        self.hide()  # the view holding it calls refresh() when the phones change

    def detach(self) -> None:
        """Nothing to let go of (kept for the views' symmetry)."""

    def wanted(self) -> bool:
        """Phones are on, the room is on this step, and it takes something from them."""
        step = self.session.current_step
        if self.phone.server is None or step is None or step.id != self.step_id:
            return False
        collection = getattr(step.state, "collection", None)  # a ``Collects`` state's
        if collection is None:
            return False
        dots = collection.dots
        return bool(collection.open or (dots is not None and dots.open))

    def refresh(self) -> bool:
        """Show or hide (and fill) the strip; return whether its visibility changed."""
        wanted = self.wanted()
        server = self.phone.server
        if wanted and server is not None:
            self.address.setText(
                self.tr("Scan the code, or go to {0}\nand type the room code {1}").format(
                    server.join_url, server.code
                )
            )
            host = self.window().height() or 720
            side = max(80, int(host * QR_SHARE))
            if server.url != self._url or side != self._side:
                self._url, self._side = server.url, side
                picture: QPixmap = qr_pixmap(server.url)
                self.qr.setFixedSize(side, side)
                self.qr.setPixmap(
                    picture.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.FastTransformation)
                )  # fmt: skip
        changed = wanted == self.isHidden()
        self.setVisible(wanted)
        return changed
