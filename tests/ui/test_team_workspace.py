"""The app on a team workspace (PostgreSQL): opened from its address, edited with undo, other people's
changes shown live, and File > Connect to a team workspace… (the test, the keyring).

Needs a server: run with ``python scripts/pg_cluster.py run -- pytest tests/ui/test_team_workspace.py``
(the ``pg_server`` fixture skips, saying why, without one; CI fails instead). The wrong-password
tests start a small cluster of their own that asks for passwords (the shared one trusts every
login); they skip, saying why, where PostgreSQL's programs are not installed.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from servicecommunity import services
from servicecommunity.exchange.demo import load_demo
from servicecommunity.services.queries import workspace as workspace_queries
from servicecommunity.store.workspace import open_store
from ui import dialogs, settings
from ui.dialogs import connect
from ui.dialogs.connect import ConnectDialog, Server

ROOT = Path(__file__).resolve().parents[2]
_SCRIPT = Path(sys.executable).with_name("servicecommunity")  # the command line, as installed
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "servicecommunity"]


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def team_url(pg_databases: Callable[[], str]) -> str:
    """A new team workspace holding the demo community; its address as a person gives it (postgresql://)."""
    url = pg_databases()
    with open_store(url) as store:
        load_demo(store)
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def windows() -> Iterator[list[Any]]:
    """Windows a test opens with ``open_window``: closed (and their listening stopped) at its end."""
    opened: list[Any] = []
    yield opened
    for window in opened:
        window.close()


class MemoryKeyring:
    """An operating system's keyring, in memory (tests have no desktop session to hold one)."""

    def __init__(self) -> None:
        import keyring.backend

        class Backend(keyring.backend.KeyringBackend):
            priority = 1  # type: ignore[assignment]
            kept: dict[tuple[str, str], str] = {}

            def get_password(self, service: str, username: str) -> str | None:
                return self.kept.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                self.kept[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                self.kept.pop((service, username), None)

        self.backend = Backend()


@pytest.fixture
def memory_keyring() -> Iterator[Any]:
    import keyring

    before = keyring.get_keyring()
    backend = MemoryKeyring().backend
    backend.kept.clear()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def _pg_cluster_module() -> Any:
    spec = importlib.util.spec_from_file_location("pg_cluster", ROOT / "scripts" / "pg_cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def password_server() -> Iterator[Server]:
    """A throwaway cluster that asks every login for its password (scram-sha-256), on a socket."""
    pc = _pg_cluster_module()
    bindir = pc.bin_dir()
    if bindir is None:
        message = "PostgreSQL's programs (initdb, pg_ctl) are not installed, so no password-checking server can start"
        if pc.in_ci():
            pytest.fail(f"CI must test against PostgreSQL, but {message}", pytrace=False)
        pytest.skip(message)
    owner = pc._owner()
    folder = Path(tempfile.mkdtemp(prefix="sc-pgpw-"))
    secret = folder / "password"
    secret.write_text(PASSWORD + "\n")
    if owner is not None:
        entry = pwd.getpwnam(owner)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        os.chown(secret, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o700)
    data = folder / "data"
    try:
        pc._run(pc._as_owner(owner, [str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                     "--auth=scram-sha-256", f"--pwfile={secret}", "--encoding=UTF8", "--locale=C",
                                     "--no-sync"]), "initdb")
        options = f"-k {folder} -c listen_addresses='' -c fsync=off"
        pc._run(pc._as_owner(owner, [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                     str(folder / "server.log"), "-w", "-t", "60", "start"]), "pg_ctl start")
    except pc.ClusterError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if pc.in_ci():
            raise
        pytest.skip(f"no password-checking PostgreSQL server could start here: {exc}")
    try:
        yield Server(host=str(folder), database="postgres", user="postgres")
    finally:
        pc.stop(folder)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _first_step(window: Any) -> Any:
    return window.scene.data.steps[0]


def _step_titles(window: Any) -> set[str]:
    data = window.scene.data
    return {s.title for s in data.steps} if data is not None else set()


def _one_sentence(text: str) -> bool:
    return text.endswith(".") and ". " not in text and "\n" not in text


def _test_in_dialog(qtbot: Any, dialog: ConnectDialog) -> str:
    before = dialog.outcome.text()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.verdict is not None and dialog.test_button.isEnabled(), timeout=15_000)
    assert dialog.outcome.text() != before
    return dialog.outcome.text()


# --- opening and editing --------------------------------------------------------------------------


def test_the_app_opens_a_team_workspace_from_its_address_and_edits_it_with_undo(
        qtbot: Any, team_url: str, windows: list[Any]) -> None:
    from ui.mainwindow import open_window

    window = open_window(team_url)
    assert window is not None
    windows.append(window)
    assert window.store.is_server and window.ctx.team_watcher is not None
    database = Server.from_url(team_url).database
    # the title names the database and where it is, never a path or a password
    assert f"{database} on this computer" in window.windowTitle()
    recent = settings.recent_workspaces()[0]
    assert recent.startswith("postgresql://") and Server.from_url(recent).database == database
    assert window.saved_status.toolTip().endswith(window.store.where)

    step = _first_step(window)
    window.canvas_view.edit_title(step.id)
    editor = window.canvas_view._editor_widget
    editor.setText("Retitled on the team's server")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Retitled on the team's server" in _step_titles(window), timeout=3000)
    with open_store(team_url) as other:
        assert other.engine.dialect.name == "postgresql"
        fresh = other.session()
        from servicecommunity.services.queries import inspector as inspector_queries

        assert inspector_queries.record(fresh, "steps", step.id)["title"] == "Retitled on the team's server"
        fresh.close()
        window.ctx.undo_stack.undo()
        qtbot.waitUntil(lambda: step.title in _step_titles(window), timeout=3000)
        with other.session() as again:
            assert inspector_queries.record(again, "steps", step.id)["title"] == step.title


def test_another_program_s_change_shows_on_the_map_within_a_second(
        qtbot: Any, team_url: str, windows: list[Any], tmp_path: Path) -> None:
    """A second process (the command line, as another person) imports a step; the window's map shows it."""
    from ui.mainwindow import open_window

    window = open_window(team_url)
    assert window is not None
    windows.append(window)
    journey = window.scene.data.journey_name
    sheet = tmp_path / "steps.csv"
    sheet.write_text(f"Journey,Stage,Title,Owner\n{journey},Register,Asked for by another member,\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # the window's event loop runs while the other process works, as it would at a desk; a listener
    # of the test's own notes when the server announced the commit
    from servicecommunity.store.listening import Listener

    with Listener(team_url) as listener:
        other = subprocess.Popen([*CLI, "import", "--db", team_url, str(sheet)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env)
        exited = committed = shown = None
        deadline = time.perf_counter() + 120
        while (exited is None or shown is None) and time.perf_counter() < deadline:
            qtbot.wait(2)
            if committed is None and any(n.section == "steps" for n in listener.wait(0)):
                committed = time.perf_counter()
            if shown is None and "Asked for by another member" in _step_titles(window):
                shown = time.perf_counter()
            if exited is None and other.poll() is not None:
                exited = time.perf_counter()
            if exited is not None and shown is None and time.perf_counter() - exited > 5:
                break
        _out, err = other.communicate()
    assert other.returncode == 0, err
    assert committed is not None and shown is not None, "the other process's step never reached the map"
    delay = shown - committed
    # the reference, in the same run: the window re-reading the same sections after a change of its own
    from PySide6.QtWidgets import QApplication

    from servicecommunity.services import Changes

    started = time.perf_counter()
    window.ctx.announce(Changes.of(["steps", "stages", "journeys"]))
    QApplication.processEvents()
    own = time.perf_counter() - started
    print(f"\nanother process's import -> shown on the map: {delay * 1000:.0f} ms after the server announced "
          f"its commit; the window's own re-read of those sections: {own * 1000:.0f} ms; load {os.getloadavg()[0]:.1f}")
    assert delay < 1.0
    assert "postgres changed" in window.status_bar.currentMessage()


def test_an_edit_through_another_connection_reaches_every_open_window(
        qtbot: Any, team_url: str, windows: list[Any]) -> None:
    from ui.mainwindow import open_window

    first, second = open_window(team_url), open_window(team_url)
    assert first is not None and second is not None
    windows.extend([first, second])
    step = _first_step(first)
    # the first window's own edit reaches the second, and is not heard back as someone else's
    heard_back: list[Any] = []
    first.ctx.changed.connect(lambda c: heard_back.append(c) if c.made_by(first.ctx.team_watcher) else None)
    first.ctx.run(services.update, "steps", step.id, data={"title": "Changed in the first window"})
    qtbot.waitUntil(lambda: "Changed in the first window" in _step_titles(second), timeout=3000)
    qtbot.wait(400)  # time enough for the first window to hear its own edit, if it did
    assert heard_back == []
    with open_store(team_url) as elsewhere, elsewhere.session() as session:
        started = time.perf_counter()
        services.update(session, "steps", step.id, data={"title": "Changed elsewhere"})
        committed = time.perf_counter()
    qtbot.waitUntil(lambda: "Changed elsewhere" in _step_titles(first) and "Changed elsewhere" in _step_titles(second),
                    timeout=3000)
    delay = time.perf_counter() - committed
    print(f"\nan edit elsewhere -> shown in both windows: {delay * 1000:.0f} ms (the edit itself {(committed - started) * 1000:.0f} ms)")
    assert delay < 1.0
    assert len(heard_back) == 1 and heard_back[0].touches("steps")  # the edit elsewhere, as someone else's


def test_the_launcher_opens_a_team_workspace_and_keeps_no_password(qtbot: Any, team_url: str) -> None:
    """``servicecommunity gui --db postgresql://…`` and the app's own launcher (``--db``) open it."""
    from servicecommunity.cli.main import build_parser
    from ui import app as uiapp
    from ui.cli import register

    server = replace(Server.from_url(team_url), password="never kept")
    # the shared test server trusts every login: the password is sent and ignored
    args = build_parser([register]).parse_args(["gui", "--db", server.url(), "--quit-after", "1.5"])
    assert args.func(args) == 0
    own, _qt = uiapp.parse_args(["--db", server.url()])
    assert own.db == server.url()
    recent = settings.recent_workspaces()
    assert recent and "never kept" not in " ".join(recent)
    assert Server.from_url(recent[0]).database == server.database


def test_an_empty_database_is_offered_to_become_a_workspace(qtbot: Any, pg_databases: Callable[[], str],
                                                             windows: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.mainwindow import open_window

    url = pg_databases().replace("postgresql+psycopg://", "postgresql://", 1)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _title, text: asked.append(text) or True)
    verdict = connect.check(Server.from_url(url))
    assert verdict.kind == connect.EMPTY and "holds no workspace yet" in verdict.sentence
    window = open_window(url)
    assert window is not None
    windows.append(window)
    assert len(asked) == 1 and "servicecommunity init" in asked[0]
    assert window.ctx.read(lambda s: workspace_queries.journey_to_show(s, None)) is not None


def test_save_a_copy_of_a_team_workspace_writes_a_file(qtbot: Any, team_url: str, windows: list[Any],
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.mainwindow import open_window

    window = open_window(team_url)
    assert window is not None
    windows.append(window)
    target = tmp_path / "team copy.sqlite"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a, **_k: target)
    window.save_copy()
    assert "Saved a copy" in window.status_bar.currentMessage()
    with open_store(target, create=False) as copy, copy.session() as session:
        assert workspace_queries.journey_to_show(session, None) is not None


# --- File > Connect to a team workspace… ----------------------------------------------------------


def test_test_connection_says_when_the_server_cannot_be_reached(qtbot: Any) -> None:
    dialog = ConnectDialog(server=Server(host="127.0.0.1", port=_free_port(), database="community", user="alice"))
    qtbot.addWidget(dialog)
    text = _test_in_dialog(qtbot, dialog)
    assert dialog.verdict is not None and dialog.verdict.kind == connect.UNREACHABLE
    assert text.startswith("Cannot reach a server at 127.0.0.1:") and _one_sentence(text)


def test_test_connection_says_when_the_password_is_wrong_missing_or_right(
        qtbot: Any, password_server: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    dialog = ConnectDialog(server=password_server)
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    assert "refused the password for postgres" in _test_in_dialog(qtbot, dialog)
    assert dialog.verdict is not None and dialog.verdict.kind == connect.WRONG_PASSWORD
    dialog.password.setText("")
    assert "asks for postgres's password" in _test_in_dialog(qtbot, dialog)
    dialog.password.setText(PASSWORD)
    _test_in_dialog(qtbot, dialog)
    assert dialog.verdict is not None and dialog.verdict.kind == connect.EMPTY  # the maintenance database
    # PostgreSQL's own password file stands in for a typed password
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:postgres:{PASSWORD.replace(':', chr(92) + ':')}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert connect.check(password_server).kind == connect.EMPTY


def test_a_password_kept_in_the_keyring_opens_the_workspace_and_never_the_recent_list(
        qtbot: Any, password_server: Server, memory_keyring: Any, windows: list[Any],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import psycopg

    from ui.mainwindow import open_window

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    admin = replace(password_server, password=PASSWORD)
    with psycopg.connect(admin.url(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS team_kept")
        conn.execute("CREATE DATABASE team_kept")
    server = replace(admin, database="team_kept")
    with open_store(server.url()) as store:
        load_demo(store)
    assert connect.remember_password(server) is None
    assert memory_keyring.kept == {(connect.KEYRING_SERVICE, server.account): PASSWORD}
    bare = replace(server, password="").url()
    window = open_window(bare)
    assert window is not None
    windows.append(window)
    assert window.scene.data is not None and window.ctx.team_watcher is not None
    assert PASSWORD not in " ".join(settings.recent_workspaces())
    assert PASSWORD not in window.windowTitle() + window.saved_status.toolTip()


def test_a_refused_password_on_opening_asks_for_it_in_the_connect_dialog(
        qtbot: Any, password_server: Server, no_keyring: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from ui.mainwindow import open_window

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    asked: list[tuple[Server, str]] = []
    monkeypatch.setattr(ConnectDialog, "ask", classmethod(
        lambda cls, parent=None, *, server=None, message="": asked.append((server, message)) and None))
    assert open_window(replace(password_server, password="wrong").url()) is None
    assert len(asked) == 1 and "refused the password" in asked[0][1] and asked[0][0].database == "postgres"


def test_without_a_keyring_the_password_is_not_stored_and_the_dialog_says_so(qtbot: Any, no_keyring: None) -> None:
    server = Server(host="db.example.gov.uk", database="community", user="alice", password="s3cret")
    sentence = connect.remember_password(server)
    assert sentence is not None and "no keyring" in sentence and _one_sentence(sentence)
    assert connect.stored_password(server) is None
    dialog = ConnectDialog(server=server)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert "no keyring" in dialog.keyring_note.text() and not dialog.keyring_note.isHidden()


def test_the_address_round_trips_without_its_password(qtbot: Any) -> None:
    server = Server(host="db.example.gov.uk", port=6543, database="our community", user="a@b", password="p:w/d@x",
                    sslmode="verify-full", sslrootcert="/etc/ssl/team root.crt")
    assert Server.from_url(server.url()) == server
    bare = connect.without_password(server.url())
    assert "p:w" not in bare and "p%3Aw" not in bare
    assert Server.from_url(bare) == replace(server, password="")
    assert connect.label_of(bare) == "our community on db.example.gov.uk"


def test_the_connect_dialog_fits_a_small_screen_and_names_its_fields(qtbot: Any) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    assert size.width() <= 1366 and size.height() <= 768 - 60
    from tests.ui.test_accessibility import unnamed_controls

    assert unnamed_controls(dialog) == []
    assert dialog.outcome.accessibleName()
    dialog.close()


def test_an_edit_elsewhere_reaches_the_blocker_register_and_the_inspector(
        qtbot: Any, team_url: str, windows: list[Any]) -> None:
    """A change announced by the server names no records: the views re-read what they show of its sections."""
    from ui.mainwindow import open_window

    window = open_window(team_url)
    assert window is not None
    windows.append(window)
    model = window.panels.register.model
    blocker = next(iter(model.rows()))
    step = _first_step(window)
    window.scene.set_selection([step.id], current=step.id)
    window.inspector.show_selection({"steps": [step.id]})
    page = window.inspector.current_page()
    assert page.record_id == step.id
    with open_store(team_url) as elsewhere, elsewhere.session() as session:
        services.update(session, "blockers", blocker.id, data={"title": "Raised again elsewhere"})
    qtbot.waitUntil(lambda: model.rows()[model.row_of(blocker.id)].title == "Raised again elsewhere", timeout=3000)
    with open_store(team_url) as elsewhere, elsewhere.session() as session:
        services.update(session, "steps", step.id, data={"title": "Renamed elsewhere"})
    qtbot.waitUntil(lambda: "Renamed elsewhere" in _step_titles(window), timeout=3000)
    qtbot.waitUntil(lambda: page.bound["title"].widget.text() == "Renamed elsewhere", timeout=3000)


def test_analysis_imports_and_exports_work_on_a_team_workspace(
        qtbot: Any, team_url: str, windows: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a file: the insights' analysis, an export in a worker, a spreadsheet import (no backup: the server's own)."""
    from ui.dialogs import export as export_dialog
    from ui.dialogs import importing as import_dialog
    from ui.mainwindow import open_window

    window = open_window(team_url)
    assert window is not None
    windows.append(window)
    insights = window.panels.insights
    insights.refresh()
    qtbot.waitUntil(lambda: insights.report is not None and not insights.busy, timeout=30_000)
    assert insights.report.findings

    monkeypatch.setattr(export_dialog, "show_done", lambda *_a: None)
    monkeypatch.setattr(export_dialog, "show_error", lambda _p, message: pytest.fail(message))
    exporting = export_dialog.ExportDialog(window.ctx, window)
    qtbot.addWidget(exporting)
    exporting.format.setCurrentIndex(exporting.format.findData("xlsx"))
    exporting.path.setText(str(tmp_path / "map.xlsx"))
    exporting._path_typed(str(tmp_path / "map.xlsx"))
    with qtbot.waitSignal(exporting.finished_export, timeout=60_000):
        exporting.start()
    assert (tmp_path / "map.xlsx").stat().st_size > 0

    said: list[str] = []
    monkeypatch.setattr(import_dialog, "show_error", lambda _p, text: said.append(text))
    monkeypatch.setattr(import_dialog, "show_info", lambda _p, text: said.append(text))
    asked: list[str] = []
    monkeypatch.setattr(import_dialog, "confirm", lambda _p, _title, text: asked.append(text) or True)
    monkeypatch.setattr(import_dialog.SpreadsheetPreviewDialog, "ask", classmethod(lambda cls, *_a, **_k: "all"))
    sheet = tmp_path / "steps.csv"
    sheet.write_text(f"Journey,Stage,Title,Owner\n{window.scene.data.journey_name},Register,Imported in the app,\n")
    import_dialog.import_file(window, window.ctx, sheet)
    qtbot.waitUntil(lambda: "Imported in the app" in _step_titles(window), timeout=5000)
    # a bundle from a member's laptop merges as into a file; the question says no copy is taken here
    from servicecommunity.exchange import bundle
    from servicecommunity.exchange.copying import copy_workspace

    laptop = tmp_path / "laptop.sqlite"
    copy_workspace(team_url, laptop)
    step = _first_step(window)
    with open_store(laptop) as peer:
        with peer.session() as session:
            services.update(session, "steps", step.id, data={"title": "Changed on a laptop"})
        with peer.session() as session:
            (tmp_path / "laptop.json").write_text(bundle.dumps(bundle.export_bundle(session)), encoding="utf-8")
    assert import_dialog.import_file(window, window.ctx, tmp_path / "laptop.json")
    assert "backups are its hosting team's" in asked[-1] and "backed up first" not in asked[-1]
    qtbot.waitUntil(lambda: "Changed on a laptop" in _step_titles(window), timeout=5000)
