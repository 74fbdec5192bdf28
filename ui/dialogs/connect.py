"""File > Connect to a team workspace…: the address of a PostgreSQL server, a test, and the password kept safe.

:class:`Server` is what the form holds (host, port, database, user, TLS) and turns it into the
``postgresql://`` URL the core opens (:func:`servicecommunity.store.workspace.open_store`);
:func:`check` tries it and says in one sentence what happened (:class:`Verdict`): connected to a
workspace, an empty database (Connect then offers to make one, as ``servicecommunity init`` does),
another program's database, a server that cannot be reached, a wrong or missing password, no such
database, a refused login or a TLS failure.

Passwords are never written in plain text: one typed here stays in memory (in the URL the open
workspace holds) and, when the person asks, goes to the operating system's keyring through the
``keyring`` package (:func:`remember_password`). Where no keyring is available (or only one that
keeps passwords in a plain file) it is not stored, and the dialog says so. A password left empty is
PostgreSQL's own business: libpq looks in ``~/.pgpass`` (``PGPASSFILE``) and the service file
(``pg_service.conf``, the Service field). The recent list holds the URL without its password.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate

log = logging.getLogger(__name__)

#: the keyring's service name for the passwords kept there
KEYRING_SERVICE = "Service Community team workspace"
DEFAULT_PORT = 5432
#: libpq's sslmode values, in the order the form offers them
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")
TEST_TIMEOUT = 5  # seconds: a test that waits longer than this says the server cannot be reached


# --- the address --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    """A team workspace's address as the form holds it; ``password`` only ever in memory."""

    host: str = "localhost"
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    password: str = field(default="", repr=False)
    sslmode: str = "prefer"
    sslrootcert: str = ""
    service: str = ""  # a name in PostgreSQL's service file (pg_service.conf)
    extra: tuple[tuple[str, str], ...] = ()  # other libpq options the URL carried (kept as they were)

    def url(self, *, with_password: bool = True) -> str:
        """The ``postgresql://`` URL (libpq's form); a socket folder as host goes in the query, as libpq wants."""
        user = quote(self.user, safe="")
        if with_password and self.password:
            user += ":" + quote(self.password, safe="")
        query: list[tuple[str, str]] = []
        netloc_host = ""
        if self.host.startswith("/"):
            query.append(("host", self.host))
        elif self.host:
            netloc_host = f"[{self.host}]" if ":" in self.host else self.host
        if netloc_host and self.port and self.port != DEFAULT_PORT:
            netloc_host += f":{self.port}"
        elif not netloc_host and self.port and self.port != DEFAULT_PORT:
            query.append(("port", str(self.port)))
        if self.sslmode and self.sslmode != "prefer":
            query.append(("sslmode", self.sslmode))
        if self.sslrootcert:
            query.append(("sslrootcert", self.sslrootcert))
        if self.service:
            query.append(("service", self.service))
        query.extend(self.extra)
        netloc = f"{user}@{netloc_host}" if user else netloc_host
        tail = "?" + urlencode(query, quote_via=quote, safe="/") if query else ""
        return f"postgresql://{netloc}/{quote(self.database, safe='')}{tail}"

    @classmethod
    def from_url(cls, url: str) -> Server:
        """The form's fields for a ``postgresql://`` (or ``postgresql+psycopg://``) URL."""
        parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://", 1))
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        host = query.pop("host", "") or (parts.hostname or "")
        port_text = query.pop("port", "") or (str(parts.port) if parts.port else "")
        return cls(
            host=host,
            port=int(port_text) if port_text.isdigit() else DEFAULT_PORT,
            database=unquote(parts.path.lstrip("/")),
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            sslmode=query.pop("sslmode", "prefer") or "prefer",
            sslrootcert=query.pop("sslrootcert", ""),
            service=query.pop("service", ""),
            extra=tuple(query.items()),
        )

    @property
    def account(self) -> str:
        """The keyring's name for this login: ``user@host:port/database`` (no password)."""
        return f"{self.user}@{self.service or self.host or 'localhost'}:{self.port}/{self.database}"

    @property
    def label(self) -> str:
        """A short name for people: "community on db.example.gov.uk"."""
        where = self.host
        if not where or where.startswith("/"):
            where = self.service or translate("ConnectDialog", "this computer")
        return translate("ConnectDialog", "{0} on {1}").format(self.database or self.service or "?", where)


def label_of(url: str) -> str:
    """A team workspace's short name (for a title or the recent list) from its URL."""
    return Server.from_url(url).label


def without_password(url: str) -> str:
    """The URL with no password in it: what the recent list keeps."""
    return replace(Server.from_url(url), password="").url()


# --- the password in the keyring ------------------------------------------------------------------


def keyring_problem() -> str | None:
    """Why passwords cannot be kept in this computer's keyring, in one sentence; None when they can."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return translate("ConnectDialog", "The keyring package is not installed, so the password cannot be remembered.")
    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None)  # a ChainerBackend's own backends
    names = {type(b).__name__.lower() for b in [backend, *(chained or [])]}
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0 or (chained is not None and not chained):
        return translate("ConnectDialog", "This computer has no keyring available, so the password cannot be remembered; "
                  "PostgreSQL's password file (~/.pgpass) can hold it instead.")
    if any("plaintext" in n or n == "null" for n in names):
        return translate("ConnectDialog", "This computer's keyring keeps passwords in a plain file, so the password is not stored there; "
                  "PostgreSQL's password file (~/.pgpass) can hold it instead.")
    return None


def remember_password(server: Server) -> str | None:
    """Keep the password in the keyring; None when it was kept, else why not (in one sentence)."""
    problem = keyring_problem()
    if problem is not None:
        return problem
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, server.account, server.password)
    except KeyringError as exc:
        return translate("ConnectDialog", "The keyring refused to store the password ({0}), so it was not remembered.").format(exc)
    return None


def stored_password(server: Server) -> str | None:
    """The password the keyring holds for this login, or None (none kept, or no keyring)."""
    if keyring_problem() is not None:
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, server.account)
    except KeyringError as exc:
        log.warning("The keyring could not be read: %s", exc)
        return None


def forget_password(server: Server) -> None:
    if keyring_problem() is not None:
        return
    import keyring
    from keyring.errors import KeyringError

    with contextlib.suppress(KeyringError):
        keyring.delete_password(KEYRING_SERVICE, server.account)


def with_stored_password(url: str) -> str:
    """``url`` with the keyring's password for its login, when it has none of its own and one is kept."""
    server = Server.from_url(url)
    if server.password:
        return url
    password = stored_password(server)
    return replace(server, password=password).url() if password else url


# --- trying the connection ----------------------------------------------------------------------

OK, EMPTY, FOREIGN, NEWER = "ok", "empty", "foreign", "newer"
UNREACHABLE, WRONG_PASSWORD, NEEDS_PASSWORD, NO_DATABASE, REFUSED, TLS, OTHER = (
    "unreachable", "wrong-password", "needs-password", "no-database", "refused", "tls", "other")


@dataclass(frozen=True)
class Verdict:
    """What a test of the connection found: ``kind`` (one of the names above) and one sentence."""

    kind: str
    sentence: str

    @property
    def can_open(self) -> bool:
        """Connect may go ahead: a workspace, or an empty database to make one in."""
        return self.kind in (OK, EMPTY)


def explain(error: BaseException, server: Server) -> Verdict:
    """The verdict for libpq's refusal to connect (psycopg's ``OperationalError``), in one sentence."""
    text = str(error).strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), translate("ConnectDialog", "no answer"))
    lower = text.lower()
    where = server.label
    user = server.user or getpass.getuser()
    if "password authentication failed" in lower:
        return Verdict(WRONG_PASSWORD, translate("ConnectDialog", "The server refused the password for {0} (or has no such user); "
                                          "check both and try again.").format(user))
    if "no password supplied" in lower or "password is required" in lower:
        return Verdict(NEEDS_PASSWORD, translate("ConnectDialog", "The server asks for {0}'s password: type it, or add it to PostgreSQL's "
                                          "password file (~/.pgpass).").format(user))
    if "does not exist" in lower and "database" in lower:
        return Verdict(NO_DATABASE, translate("ConnectDialog", "The server has no database called {0}; check the name with its hosting team.")
                       .format(server.database))
    if "no pg_hba.conf entry" in lower or "not permitted to log in" in lower:
        return Verdict(REFUSED, translate("ConnectDialog", "The server does not let {0} connect to {1} from this computer "
                                   "(its pg_hba.conf); ask its hosting team.").format(user, where))
    if "ssl" in lower or "certificate" in lower or "tls" in lower:
        return Verdict(TLS, translate("ConnectDialog", "The secure (TLS) connection failed: {0}; check the encryption setting and the "
                               "root certificate.").format(first.rstrip(".")))
    reach = ("connection refused", "no such file or directory", "could not translate host name", "failed to resolve",
             "timeout expired", "timed out", "network is unreachable", "no route to host", "name or service not known",
             "could not connect")
    if any(word in lower for word in reach):
        return Verdict(UNREACHABLE, translate("ConnectDialog", "Cannot reach a server at {0}: check the host and port, and that the server "
                                       "is running and lets this computer in.").format(_address(server)))
    return Verdict(OTHER, translate("ConnectDialog", "The server refused the connection: {0}.").format(first.rstrip(".")))


def _address(server: Server) -> str:
    if server.service and not server.host:
        return translate("ConnectDialog", "the service {0}").format(server.service)
    if server.host.startswith("/"):
        return server.host
    return f"{server.host or 'localhost'}:{server.port}"


def check(server: Server, timeout: float = TEST_TIMEOUT) -> Verdict:
    """Connect to ``server`` and say, in one sentence, what is there. Reads only; changes nothing."""
    import psycopg

    from servicecommunity.store.workspace import known_revisions

    conninfo = server.url()
    try:
        conn = psycopg.connect(conninfo, autocommit=True, connect_timeout=max(1, int(timeout)))
    except psycopg.Error as exc:
        return explain(exc, server)
    where = server.label
    try:
        with conn:
            tables = {str(r[0]) for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()}
            revisions = ([str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version").fetchall()]
                         if "alembic_version" in tables else [])
            login = str(conn.info.user)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else translate("ConnectDialog", "no answer")
        return Verdict(OTHER, translate("ConnectDialog", "Connected, but could not read {0}: {1}.").format(where, first.rstrip(".")))
    if not tables or (tables == {"alembic_version"} and not revisions):
        return Verdict(EMPTY, translate("ConnectDialog", "Connected: {0} holds no workspace yet; Connect offers to make one there "
                                 "(as 'servicecommunity init' does).").format(where))
    if "alembic_version" not in tables or len(revisions) != 1:
        return Verdict(FOREIGN, translate("ConnectDialog", "Connected, but {0} holds another program's tables, not a Service Community "
                                   "workspace; give an empty database or a workspace's.").format(where))
    if revisions[0] not in known_revisions():
        return Verdict(NEWER, translate("ConnectDialog", "Connected, but {0} was made by a newer version of Service Community; "
                                 "update the app to open it.").format(where))
    return Verdict(OK, translate("ConnectDialog", "Connected to the workspace {0} as {1}.").format(where, login))


# --- the dialog -----------------------------------------------------------------------------------


class ConnectDialog(QDialog):
    """Host, port, database, user, password, TLS; Test connection says what happened; Connect opens it."""

    def __init__(self, parent: QWidget | None = None, *, server: Server | None = None, message: str = "") -> None:
        super().__init__(parent)
        from ui.workers import TaskRunner

        self.setObjectName("ConnectDialog")
        self.setWindowTitle(self.tr("Connect to a team workspace"))
        self.verdict: Verdict | None = None
        self.keyring_result: str | None = None  # after Connect: why the password was not kept, if it was not
        self._connect_after_test = False
        server = server or Server(user=getpass.getuser())
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A team workspace lives in a PostgreSQL database on a server. Its hosting team gives "
                               "you the address below."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.host = self._line(form, self.tr("&Host:"), server.host, "host",
                               self.tr("The server's name or address, or a socket folder"))
        self.port = QSpinBox(self)
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(server.port)
        self.port.setAccessibleName(self.tr("Port"))
        form.addRow(self._label(self.tr("&Port:"), self.port), self.port)
        self.database = self._line(form, self.tr("&Database:"), server.database, "database",
                                   self.tr("The database that holds the workspace"))
        self.user = self._line(form, self.tr("&User:"), server.user, "user", self.tr("Your login on the server"))
        self.password = self._line(form, self.tr("Pass&word:"), server.password, "password", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("empty: from PostgreSQL's password or service file"))
        self.remember = QCheckBox(self.tr("&Remember the password in this computer's keyring"), self)
        self.remember.setObjectName("remember")
        problem = keyring_problem()
        self.keyring_note = QLabel(problem or "")
        self.keyring_note.setObjectName("keyring_note")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(problem is not None)
        self.remember.setEnabled(problem is None)
        self.remember.setChecked(problem is None and not server.password)
        form.addRow("", self.remember)
        form.addRow("", self.keyring_note)
        self.service = self._line(form, self.tr("&Service:"), server.service, "service",
                                  self.tr("A name from PostgreSQL's service file (optional)"))
        layout.addLayout(form)

        tls = QGroupBox(self.tr("Encryption (TLS)"), self)
        tls_form = QFormLayout(tls)
        self.sslmode = QComboBox(tls)
        self.sslmode.setObjectName("sslmode")
        self.sslmode.setAccessibleName(self.tr("Encryption"))
        texts = {
            "prefer": self.tr("Use TLS when the server offers it"),
            "require": self.tr("Require TLS"),
            "verify-ca": self.tr("Require TLS and check the certificate"),
            "verify-full": self.tr("Require TLS, check the certificate and the server's name"),
            "disable": self.tr("Never use TLS"),
        }
        for mode in SSL_MODES:
            self.sslmode.addItem(texts[mode], mode)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(server.sslmode)))
        tls_form.addRow(self._label(self.tr("&Encryption:"), self.sslmode), self.sslmode)
        row = QHBoxLayout()
        self.rootcert = QLineEdit(server.sslrootcert, tls)
        self.rootcert.setObjectName("sslrootcert")
        self.rootcert.setAccessibleName(self.tr("Root certificate file"))
        browse = QPushButton(self.tr("&Browse…"), tls)
        browse.setObjectName("browse_rootcert")
        browse.setAccessibleName(self.tr("Choose the root certificate file"))
        browse.clicked.connect(self._choose_rootcert)
        row.addWidget(self.rootcert, 1)
        row.addWidget(browse)
        tls_form.addRow(self._label(self.tr("Root &certificate:"), self.rootcert), row)
        layout.addWidget(tls)

        self.outcome = QLabel(message)
        self.outcome.setObjectName("result")
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("What the connection test found"))
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        layout.addWidget(self.outcome)

        buttons = QDialogButtonBox(self)
        self.test_button = buttons.addButton(self.tr("&Test connection"), QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.setObjectName("test_connection")
        self.connect_button = buttons.addButton(self.tr("C&onnect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connect")
        self.connect_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.test_button.clicked.connect(self.test_connection)
        self.connect_button.clicked.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._tested)
        self.runner.failed.connect(lambda exc: self._tested(Verdict(OTHER, str(exc))))
        self.setMinimumWidth(min(560, self.sizeHint().width() + 80))

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _line(self, form: QFormLayout, text: str, value: str, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.textEdited.connect(self._forget_verdict)
        form.addRow(self._label(text, edit), edit)
        return edit

    def _forget_verdict(self) -> None:
        self.verdict = None

    def _choose_rootcert(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The server's root certificate"), self.rootcert.text(),
                                              self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"))
        if path:
            self.rootcert.setText(path)

    def server(self) -> Server:
        """The address as typed."""
        return Server(host=self.host.text().strip(), port=self.port.value(), database=self.database.text().strip(),
                      user=self.user.text().strip(), password=self.password.text(),
                      sslmode=str(self.sslmode.currentData()), sslrootcert=self.rootcert.text().strip(),
                      service=self.service.text().strip())

    def _problem(self, server: Server) -> str | None:
        if not server.service and not server.database:
            return self.tr("Give the database's name (or a service from PostgreSQL's service file).")
        return None

    def test_connection(self) -> None:
        """Try the address off the UI thread; the sentence appears under the form."""
        server = self.server()
        problem = self._problem(server)
        if problem is not None:
            self._show(Verdict(OTHER, problem))
            return
        self.outcome.setText(self.tr("Trying {0}…").format(server.label))
        self.test_button.setEnabled(False)
        self.connect_button.setEnabled(False)
        self.runner.start(lambda _progress, s: check(s), server)

    def try_connect(self) -> None:
        """Connect: test first, then open (an empty database is offered to be made a workspace)."""
        self._connect_after_test = True
        self.test_connection()

    def _tested(self, verdict: Verdict) -> None:
        self.test_button.setEnabled(True)
        self.connect_button.setEnabled(True)
        self._show(verdict)
        if self._connect_after_test and verdict.can_open:
            self.accept()
        self._connect_after_test = False

    def _show(self, verdict: Verdict) -> None:
        self.verdict = verdict
        self.outcome.setText(verdict.sentence)
        self.outcome.setAccessibleDescription(verdict.sentence)

    def accept(self) -> None:
        server = self.server()
        note = None
        if self.remember.isChecked() and server.password:
            note = remember_password(server)
        self.keyring_result = note
        super().accept()

    def done(self, result: int) -> None:
        self.runner.cancel()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None = None, *, server: Server | None = None,
            message: str = "") -> tuple[str, str | None] | None:
        """The URL to open (with the password typed, in memory only) and a note on the keyring; None if cancelled."""
        dialog = cls(parent, server=server, message=message)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.server().url(), dialog.keyring_result
        finally:
            dialog.deleteLater()


def connect_team(window: Any) -> Any:
    """File > Connect to a team workspace…: ask, then open it in a new window (this one closes)."""
    answer = ConnectDialog.ask(window)
    if answer is None:
        return None
    url, note = answer
    opened = window.open_path(url)
    if opened is not None and note:
        opened.status_bar.showMessage(note, 15000)
    return opened


__all__ = ["ConnectDialog", "Server", "Verdict", "check", "connect_team", "explain", "label_of",
           "remember_password", "stored_password", "with_stored_password", "without_password"]
