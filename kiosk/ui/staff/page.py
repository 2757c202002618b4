"""The staff page: the one door from the villager's screens to the clerk's and admin's.

It holds every staff view in its own stack and shows nothing but the sign-in until a clerk or
admin has signed in; `_show` refuses any view the session's role does not allow. The session
ends on "sign out", after five minutes without a touch, on the kiosk's idle wipe, and whenever
the page is left (so a villager pressing "Staff" later always meets the sign-in again). Every
service call runs on the database worker through `self.tasks`, and each one checks the session
again in the service.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QStackedWidget, QWidget

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.staff.console import ConsoleView
from kiosk.ui.staff.detail import DetailView, plain
from kiosk.ui.staff.setup import SetupView
from kiosk.ui.staff.sign_in import SignInView
from kiosk.ui.staff.workbench import WorkbenchView
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button

ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
TOUCH_EVERY_S = 30
CLERK_VIEWS = {"workbench", "detail", "feedback"}
ADMIN_VIEWS = CLERK_VIEWS | {"console", "setup", "ratings"}


class StaffPage(Page):
    page_id = "staff"
    idle_kind = "form"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.staff = services.staff
        self.session: Any = None
        self.application_id: str | None = None
        top = QHBoxLayout()
        self.who = plain("", role="hint")
        top.addWidget(self.who, 1)
        self.sign_out_button = big_button(self.tr("Sign out"), name="quiet")
        self.sign_out_button.clicked.connect(self.sign_out)
        top.addWidget(self.sign_out_button)
        self.layout_.addLayout(top)
        self.stack = QStackedWidget()
        self.layout_.addWidget(self.stack, 1)
        self.sign_in_view = SignInView()
        self.workbench = WorkbenchView()
        self.detail = DetailView()
        self.console = ConsoleView()
        self.setup = SetupView()
        self.views: dict[str, QWidget] = {
            "sign_in": self.sign_in_view, "workbench": self.workbench, "detail": self.detail,
            "console": self.console, "setup": self.setup}
        for view in self.views.values():
            self.stack.addWidget(view)
        self.session_timer = QTimer(self)
        self.session_timer.setSingleShot(True)
        self.session_timer.timeout.connect(self._on_session_timeout)
        self._last_touch = 0.0
        self._card_keys: tuple[str, ...] = ()  # the holder keys of a card on the sign-in view
        self._card_for: str | None = None  # an admin is enrolling the next card for this clerk
        self._connect()
        from kiosk.ui.voice_pages.staff_views import install as install_voice_views

        install_voice_views(self)
        self._show("sign_in")

    def title_text(self) -> str:
        return self.tr("Staff")

    def _connect(self) -> None:
        self.sign_in_view.sign_in_requested.connect(self._on_sign_in_requested)
        self.sign_in_view.card_sign_in_requested.connect(self._on_card_sign_in_requested)
        wb = self.workbench
        wb.filters_changed.connect(lambda _filters: self.refresh_queue())
        wb.application_opened.connect(self.open_application)
        wb.assisted_entry_requested.connect(self._on_assisted_entry_requested)
        wb.console_requested.connect(lambda: self._show("console"))
        detail = self.detail
        detail.back_requested.connect(lambda: self._show("workbench"))
        detail.action_requested.connect(self._on_action_requested)
        detail.print_requested.connect(self._on_print_requested)
        detail.attachment_requested.connect(self._on_attachment_requested)
        console = self.console
        console.refresh_requested.connect(self.refresh_health)
        console.sync_requested.connect(self._on_sync_requested)
        console.backup_requested.connect(self._on_backup_requested)
        console.restore_requested.connect(self._on_restore_requested)
        console.export_requested.connect(self._on_export_requested)
        console.setup_requested.connect(lambda: self._show("setup"))
        console.workbench_requested.connect(lambda: self._show("workbench"))
        console.exit_requested.connect(self._on_exit_requested)
        setup = self.setup
        setup.back_requested.connect(lambda: self._show("console"))
        setup.save_requested.connect(self._on_save_requested)
        setup.enroll_requested.connect(self._on_enroll_requested)
        setup.printer_test_requested.connect(self._on_printer_test_requested)
        setup.reader_test_requested.connect(self._on_reader_test_requested)
        setup.staff_card_requested.connect(self._on_staff_card_requested)

    # --- the gate --------------------------------------------------------------------
    def allowed_views(self) -> set[str]:
        if self.session is None:
            return {"sign_in"}
        return {"sign_in"} | (ADMIN_VIEWS if self.session.role == "admin" else CLERK_VIEWS)

    @property
    def current_view(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, view in self.views.items() if view is current)

    def _show(self, name: str) -> None:
        if name not in self.allowed_views():
            name = "sign_in"
        self.stack.setCurrentWidget(self.views[name])
        for view_name, view in self.views.items():  # only the shown view claims room: a
            policy = (QSizePolicy.Policy.Preferred if view_name == name  # stack otherwise
                      else QSizePolicy.Policy.Ignored)  # sizes to its largest view
            view.setSizePolicy(policy, policy)
        signed_in = self.session is not None
        self.sign_out_button.setVisible(signed_in)
        self.who.setVisible(signed_in)
        self.who.setText(f"{self.session.name} ({self.session.user_id})" if signed_in else "")
        if name == "workbench":
            self.workbench.set_admin(self.session.role == "admin")
            self.refresh_queue()
        elif name == "console":
            self.refresh_health()
        elif name == "setup":
            self.setup.show_settings(dict(self.staff.admin.settings.values))

    def on_enter(self, argument: Any = None) -> None:
        if self.session is None:
            self.sign_in_view.clear()
            self._show("sign_in")
        else:
            self._show(self.current_view)

    # --- session ---------------------------------------------------------------------
    def _on_sign_in_requested(self, staff_id: str, pin: str) -> None:
        auth = self.staff.auth
        self.tasks.run(lambda: auth.sign_in(staff_id, pin), self._on_signed_in,
                       self._on_sign_in_failed)

    def attach_card_bridge(self, bridge: Any) -> None:
        """A card put in while the sign-in shows stands in for the staff number (card + PIN)."""
        bridge.card_read.connect(self._on_card_read)  # social-security and ID cards alike
        bridge.card_removed.connect(lambda _reader: self._forget_card())
        lifted = getattr(bridge, "card_lifted", None)  # an ID card taken off its reader
        if lifted is not None:
            lifted.connect(lambda _reader: self._forget_card())

    def _on_staff_card_requested(self, user_id: str) -> None:
        self._card_for = user_id
        self.setup.show_message(self.tr("Put the clerk's social-security card or ID card in "
                                        "the reader now."))

    def _on_card_read(self, card: Any) -> None:
        if self._card_for is not None and self.session is not None:
            user_id, self._card_for = self._card_for, None
            admin = self.staff.admin
            self.tasks.run(lambda: admin.enroll_staff_card(user_id, card),
                           lambda labels: self.setup.show_message(self.tr(
                               "Card enrolled for %1. The PIN is still needed to sign in.")
                               .replace("%1", user_id)),
                           self._error_to(self.setup.show_message))
            return
        keys = tuple(getattr(card, "lookup_keys", ()) or ())
        if self.session is not None or not keys or not self.isVisible():
            return
        self._card_keys = keys
        self.sign_in_view.card_presented()

    def _forget_card(self) -> None:
        self._card_keys = ()
        self.sign_in_view.card_withdrawn()

    def _on_card_sign_in_requested(self, pin: str) -> None:
        auth, keys = self.staff.auth, self._card_keys
        self.tasks.run(lambda: auth.sign_in_with_card(keys, pin), self._on_signed_in,
                       self._on_sign_in_failed)

    def _on_signed_in(self, session: Any) -> None:
        self._card_keys = ()
        self.session = session
        self.sign_in_view.clear()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.session_timer.start(self.staff.auth.session_idle_s * 1000)
        self._show("console" if session.role == "admin" else "workbench")
        self.tasks.run(self.services.catalog.by_category, self._on_catalog)

    def _on_sign_in_failed(self, error: Exception) -> None:
        from kiosk.services.auth import SignInFailed

        view = self.sign_in_view
        view.failed(view.failed_text() if isinstance(error, SignInFailed) else str(error))

    def _on_catalog(self, categories: dict[str, list[Any]]) -> None:
        self.workbench.set_services([(s.id, s.name) for items in categories.values()
                                     for s in items])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.session is not None and event.type() in ACTIVITY:
            self.session_timer.start(self.staff.auth.session_idle_s * 1000)
            import time

            now = time.monotonic()
            if now - self._last_touch > TOUCH_EVERY_S:
                self._last_touch = now
                self.tasks.run(self.staff.auth.touch, _ignore)
        return False

    def _end_session(self, reason: str) -> None:
        if self.session is not None:
            auth = self.staff.auth
            self.tasks.run(lambda: auth.sign_out(reason), _ignore)
        self.session = None
        self._card_keys = ()
        self._card_for = None
        self.session_timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for view in (self.workbench, self.detail, self.console, self.setup, self.sign_in_view):
            view.clear()
        self.application_id = None
        self._show("sign_in")

    def sign_out(self) -> None:
        self._end_session("staff_signed_out")

    def _on_session_timeout(self) -> None:
        self._end_session("staff_session_expired")

    def hideEvent(self, event: Any) -> None:
        """Leaving the staff page ends the session: the next person meets the sign-in."""
        super().hideEvent(event)
        if not event.spontaneous() and self.session is not None:
            self._end_session("staff_signed_out")

    def wipe(self) -> None:
        self._end_session("session_wiped")

    # --- clerk work ------------------------------------------------------------------
    def _error_to(self, show: Any) -> Any:
        def on_error(error: Exception) -> None:
            from kiosk.services.auth import NotSignedIn

            if isinstance(error, NotSignedIn):
                self.session = None
                self._end_session("staff_session_expired")
                self.sign_in_view.show_message(str(error))
                return
            show(str(error))
        return on_error

    def refresh_queue(self) -> None:
        filters = self.workbench.filters()
        clerk = self.staff.clerk
        self.tasks.run(lambda: clerk.queue(**filters), self.workbench.set_queue,
                       self._error_to(self.workbench.counts.setText))

    def open_application(self, application_id: str) -> None:
        self.application_id = application_id
        clerk = self.staff.clerk
        self.tasks.run(lambda: clerk.detail(application_id), self._on_detail,
                       self._error_to(self.workbench.counts.setText))

    def _on_detail(self, detail: Any) -> None:
        self.detail.show_detail(detail)
        self._show("detail")

    def _on_action_requested(self, action: str, note: str) -> None:
        application_id = self.application_id
        if application_id is None:
            return
        clerk = self.staff.clerk
        self.tasks.run(lambda: clerk.act(application_id, action, note),
                       lambda _result: self.open_application(application_id),
                       self._error_to(self.detail.show_message))

    def _on_print_requested(self) -> None:
        application_id = self.application_id
        if application_id is None:
            return
        clerk = self.staff.clerk
        self.tasks.run(lambda: clerk.print_form(application_id),
                       lambda _job: self.detail.show_message(self.tr("The form is printing.")),
                       self._error_to(self.detail.show_message))

    def _on_attachment_requested(self, sha256: str) -> None:
        clerk = self.staff.clerk
        self.tasks.run(lambda: clerk.attachment(sha256),
                       lambda found: self.detail.show_attachment(*found),
                       self._error_to(self.detail.show_message))

    def _on_assisted_entry_requested(self, service_id: str) -> None:
        """代办: the wizard fills an application marked clerk_assisted with this clerk's id."""
        if self.session is None or not self.session.allows("clerk"):
            return
        argument = {"service_id": service_id, "clerk_id": self.session.user_id}
        self.navigate_requested.emit("wizard", argument)

    # --- admin work ------------------------------------------------------------------
    def refresh_health(self) -> None:
        admin = self.staff.admin
        self.console.show_message(self.tr("Checking the devices…"))
        self.tasks.run(admin.health, self._on_health, self._error_to(self.console.show_message))
        self.tasks.run(admin.backups, self.console.set_backups, _ignore)

    def _on_health(self, items: list[Any]) -> None:
        self.console.show_health(items)
        if self.console.message.text() == self.tr("Checking the devices…"):
            self.console.show_message("")

    def _on_sync_requested(self) -> None:
        self.console.show_message(self.tr("Syncing with the province…"))
        self.tasks.run(self.staff.admin.sync_now,
                       lambda _r: self._done(self.tr("Sync finished.")),
                       self._error_to(self.console.show_message))

    def _done(self, message: str) -> None:
        self.refresh_health()
        self.console.show_message(message)

    def _on_backup_requested(self) -> None:
        self.tasks.run(self.staff.admin.backup_now,
                       lambda path: self._done(
                           self.tr("Backup written: %1").replace("%1", path.name)),
                       self._error_to(self.console.show_message))

    def _on_restore_requested(self, path: str) -> None:
        admin = self.staff.admin
        self.tasks.run(lambda: admin.restore(Path(path)), lambda _r: self._quit(),
                       self._error_to(self.console.show_message))

    def _on_export_requested(self, folder: str) -> None:
        admin = self.staff.admin
        self.tasks.run(lambda: admin.export(Path(folder)),
                       lambda target: self.console.show_message(
                           self.tr("Exported to %1").replace("%1", str(target))),
                       self._error_to(self.console.show_message))

    def _on_exit_requested(self) -> None:
        session = self.session
        if session is None or session.role != "admin":
            return
        audit = self.staff.audit
        self.tasks.run(lambda: audit.record(session.user_id, "kiosk_exited", session.user_id),
                       lambda _e: self._quit(), self._error_to(self.console.show_message))

    def _quit(self) -> None:
        self._end_session("staff_signed_out")
        app = QCoreApplication.instance()
        if app is not None:
            QTimer.singleShot(200, app.quit)

    def _on_save_requested(self, changes: dict[tuple[str, str], Any]) -> None:
        admin = self.staff.admin
        self.tasks.run(lambda: admin.save_settings(changes),
                       lambda _s: self.setup.show_message(self.tr(
                           "Saved. The kiosk uses the new settings after a restart.")),
                       self._error_to(self.setup.show_message))

    def _on_enroll_requested(self, url: str, terminal_id: str, code: str) -> None:
        admin = self.staff.admin
        self.setup.show_message(self.tr("Enrolling with the province…"))
        self.tasks.run(lambda: admin.enroll(url, terminal_id, code), self._on_enrolled,
                       self._error_to(self.setup.show_message))

    def _on_enrolled(self, result: dict[str, Any]) -> None:
        text = self.tr("Enrolled: %1").replace("%1", str(result.get("village", {})
                                                        .get("name", "")))
        if result.get("pending_confirmation"):  # re-enrollment brought other publisher keys
            text += " " + self.tr("The publisher keys changed and are not used until an admin "
                                  "confirms them (kiosk keys).")
        self.setup.show_message(text)

    def _on_printer_test_requested(self) -> None:
        self.tasks.run(self.staff.admin.print_test_page,
                       lambda job: self.setup.show_message(
                           self.tr("Test page sent (job %1).").replace("%1", str(job))),
                       self._error_to(self.setup.show_message))

    def _on_reader_test_requested(self) -> None:
        self.tasks.run(self.staff.admin.test_card_reader,
                       lambda item: self.setup.show_message(f"{item.status}: {item.detail}"),
                       self._error_to(self.setup.show_message))


def _ignore(_value: object) -> None:
    return None
