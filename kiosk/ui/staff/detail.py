"""One application for the clerk: answers, attachments, history, outbox state and actions."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.staff.labels import action_text, channel_text, outbox_text, status_text
from kiosk.ui.widgets import big_button, text_label

NOTE_MAX = 500


def plain(text: str, role: str = "instruction") -> QLabel:
    """A label that never interprets villager text as HTML (the kiosk's wrapping label escapes
    its text itself; a bare QLabel is told to show plain text)."""
    label = text_label(text, role)
    if type(label) is QLabel:
        label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class DetailView(QWidget):
    """Dumb: `show_detail(detail)`; actions, prints and attachment views come out as signals."""

    action_requested = Signal(str, str)  # action, note
    print_requested = Signal()
    attachment_requested = Signal(str)  # sha256
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = plain("", role="cardTitle")
        layout.addWidget(self.heading)
        self.warning = plain("", role="error")
        self.warning.hide()
        layout.addWidget(self.warning)
        scroll = QScrollArea()
        scroll.setObjectName("wizardScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.message = plain("", role="error")
        self.message.hide()
        layout.addWidget(self.message)
        self.note = QPlainTextEdit()
        self.note.setObjectName("fieldInput")
        self.note.setPlaceholderText(self.tr(
            "Note: the reason for a rejection, or the list of materials to bring"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 3 + 24)
        layout.addWidget(self.note)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self.action_buttons: dict[str, QPushButton] = {}
        back = big_button(self.tr("◀ Queue"))
        back.clicked.connect(self.back_requested.emit)
        self.buttons.addWidget(back)
        for action in ("accept", "request_materials", "reject", "forward", "complete"):
            button = big_button(action_text(action), primary=action == "accept")
            button.clicked.connect(lambda _=False, a=action: self._on_action_clicked(a))
            self.buttons.addWidget(button)
            self.action_buttons[action] = button
        self.print_button = big_button(self.tr("Print form to sign"))
        self.print_button.clicked.connect(self.print_requested.emit)
        self.buttons.addWidget(self.print_button)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.hide()

    def _on_action_clicked(self, action: str) -> None:
        note = self.note.toPlainText().strip()
        if len(note) > NOTE_MAX:
            self.show_message(self.tr("The note is too long: at most %1 characters.")
                              .replace("%1", str(NOTE_MAX)))
            return
        self.action_requested.emit(action, note)

    def _clear_body(self) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.preview:
                widget.deleteLater()
        self.preview.hide()

    def _section(self, title: str, lines: list[str]) -> None:
        self.body.addWidget(plain(title, role="fieldLabel"))
        self.body.addWidget(plain("\n".join(lines) if lines else self.tr("(none)")))

    def show_detail(self, detail: Any) -> None:
        """Show a `kiosk.services.clerk.Detail`."""
        self._clear_body()
        row = detail.row
        self.heading.setText(f"{row.service_name} · {row.receipt_code} · "
                             f"{status_text(row.status)} · {channel_text(row.channel)}")
        rejections = detail.province_rejections
        self.warning.setVisible(bool(rejections))
        if rejections:
            self.warning.setText("\n".join(
                self.tr("The province refused %1 (%2); its status is now: %3")
                .replace("%1", r["kind"]).replace("%2", r["reason"])
                .replace("%3", status_text(r["province_status"]) or "?") for r in rejections))
        self._section(self.tr("Applicant"), [f"{k}: {v}" for k, v in detail.applicant.items()])
        self._section(self.tr("Applied by"), [self._applied_by(detail)])
        self._section(self.tr("Answers"), [
            f"{k}: {v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}"
            for k, v in detail.answers.items()])
        self.body.addWidget(plain(self.tr("Attachments"), role="fieldLabel"))
        if not detail.attachments:
            self.body.addWidget(plain(self.tr("(none)")))
        for attachment in detail.attachments:
            button = big_button(self.tr("View %1").replace("%1", str(attachment.get("filename"))),
                                name="quiet")
            sha = str(attachment.get("sha256", ""))
            button.clicked.connect(lambda _=False, s=sha: self.attachment_requested.emit(s))
            self.body.addWidget(button)
        self.body.addWidget(self.preview)
        self._section(self.tr("History"), [
            f"{h['at'].replace('T', ' ')[:16]}  {status_text(h['status'])}  {h['by']}  {h['note']}"
            for h in detail.history])
        self._section(self.tr("Sending to the province"), [
            f"{item['kind']}: {outbox_text(item['state'])}"
            + (f" ({item['reason']})" if item.get("reason") else "")
            for item in detail.outbox])
        self.body.addStretch(1)
        for action, button in self.action_buttons.items():
            button.setVisible(action in detail.allowed)
        self.note.clear()
        self.message.hide()

    def _applied_by(self, detail: Any) -> str:
        """"The applicant in person", or who applied for them (answers.agent, masked)."""
        agent = getattr(detail, "applied_by", None)
        if not agent:
            return self.tr("The applicant in person")
        how = (self.tr("an authorised agent") if agent["relation"] == "agent"
               else self.tr("a relative or friend"))
        text = (self.tr("%1 (%2, %3) for the applicant; ID %4, phone %5")
                .replace("%1", agent["name"]).replace("%2", agent["kinship"])
                .replace("%3", how).replace("%4", agent["id_number"])
                .replace("%5", agent["phone"]))
        if agent["relation"] == "agent":
            text += " · " + self.tr("letter of authorisation: %1 page(s)").replace(
                "%1", str(agent["letters"]))
        return text

    def show_attachment(self, data: bytes, media_type: str) -> None:
        pixmap = QPixmap()
        if media_type.startswith("image/") and pixmap.loadFromData(data):
            width = max(200, self.width() - 80)
            self.preview.setPixmap(pixmap.scaledToWidth(
                min(width, pixmap.width()), Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setText(self.tr("This file cannot be shown here (%1).")
                                 .replace("%1", media_type))
        self.preview.show()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear(self) -> None:
        self._clear_body()
        self.heading.clear()
        self.warning.hide()
        self.note.clear()
        self.message.hide()
