"""Fast checks of the packaging that always run: no PyInstaller build, no freezing.

``build.spec`` is run here with PyInstaller's build classes replaced by recorders, once per
platform, so what it would bundle, leave out and name can be checked in milliseconds. The real
build is checked by ``scripts/smoke_frozen.py`` (``make smoke``).
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import struct
import sys
import tomllib
import types
import xml.etree.ElementTree as ET
from glob import glob
from pathlib import Path
from typing import Any

import pytest

import servicecommunity
from servicecommunity import resources
from servicecommunity.store import workspace as store

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
PACKAGING = ROOT / "packaging"
ICONS = PACKAGING / "icons"
DATA = ROOT / "servicecommunity" / "resources"


def _load_launcher() -> types.ModuleType:
    """packaging/launcher.py is a script (the frozen app's entry), not part of a package."""
    spec = importlib.util.spec_from_file_location(
        "servicecommunity_launcher", PACKAGING / "launcher.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


launcher = _load_launcher()


class Recorder:
    """Stands in for one of PyInstaller's build classes (Analysis, EXE, ...): keeps its arguments."""

    made: list[Recorder]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.made.append(self)
        # What build.spec reads from an Analysis.
        self.scripts, self.pure = [], []
        self.binaries = list(FAKE_BINARIES)
        self.datas = list(FAKE_DATAS) + [
            (str(Path(dest) / Path(src).name), src, "DATA") for src, dest in kwargs.get("datas", [])
        ]


# (name in the bundle, source, kind) as PyInstaller's Qt hooks would collect them.
FAKE_BINARIES = [
    ("PySide6/Qt/lib/libQt6Core.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6Gui.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6Svg.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6OpenGL.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6OpenGLWidgets.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6DBus.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libicudata.so.73", "", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "", "BINARY"),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", "", "BINARY"),
    ("PySide6\\Qt6Core.dll", "", "BINARY"),
    ("PySide6\\plugins\\platforms\\qwindows.dll", "", "BINARY"),
    ("PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore", "", "BINARY"),
    ("numpy.libs/libscipy_openblas64_.so", "", "BINARY"),
    # Libraries of excluded Qt modules:
    ("PySide6/Qt/lib/libQt6Qml.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", "", "BINARY"),
    ("PySide6/Qt/lib/libQt6Network.so.6", "", "BINARY"),
    ("PySide6\\Qt6Qml.dll", "", "BINARY"),
    ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", "", "BINARY"),
]
KEPT_BINARIES = 16
FAKE_DATAS = [("PySide6/Qt/translations/qtbase_de.qm", "", "DATA")]


def fake_versioninfo() -> types.ModuleType:
    """PyInstaller's Windows version-resource classes (importable only on Windows) as recorders."""
    module = types.ModuleType("PyInstaller.utils.win32.versioninfo")

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs

    def show(self: Any) -> str:
        return f"{type(self).__name__}({self.args!r}, {self.kwargs!r})"

    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(module, name, type(name, (), {"__init__": init, "__repr__": show}))
    return module


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str, dist: Path) -> dict[str, Any]:
    """Execute build.spec as PyInstaller would on ``platform``; its globals, plus what it made."""
    made: list[Recorder] = []
    collected: list[str] = []

    def collect_submodules(package: str, **_kwargs: Any) -> list[str]:
        collected.append(package)
        return [package]

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = collect_submodules  # type: ignore[attr-defined]
    win32 = types.ModuleType("PyInstaller.utils.win32")
    win32.versioninfo = fake_versioninfo()  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32", win32)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", win32.versioninfo)
    monkeypatch.setattr(sys, "platform", platform)
    recorders = {
        name: type(name, (Recorder,), {"made": made})
        for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    }
    namespace: dict[str, Any] = {
        "SPECPATH": str(ROOT),
        "DISTPATH": str(dist),
        "__file__": str(SPEC),
        **recorders,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["made"] = {name: [r for r in made if type(r).__name__ == name] for name in recorders}
    namespace["collected"] = collected
    return namespace


@pytest.fixture(scope="module")
def linux(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as mp:
        return run_spec(mp, "linux", tmp_path_factory.mktemp("dist"))


def test_spec_is_python() -> None:
    ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def test_the_entry_script_is_the_launcher(linux: dict[str, Any]) -> None:
    (analysis,) = linux["made"]["Analysis"]
    assert [Path(s) for s in analysis.args[0]] == [PACKAGING / "launcher.py"]


def test_every_resource_is_bundled_where_resources_dir_looks(linux: dict[str, Any]) -> None:
    datas = {(Path(src), dest.replace("\\", "/")) for src, dest in linux["data_files"]()}
    on_disk = [p for p in DATA.rglob("*") if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts
               and not p.name.startswith(".")]  # a dotfile (.gitignore) is not data
    assert on_disk
    for path in on_disk:
        assert (path, path.parent.relative_to(ROOT).as_posix()) in datas
    # resources_dir() is importlib.resources' servicecommunity/resources: in the bundle, under
    # sys._MEIPASS / "servicecommunity" / "resources", where the files above are copied.
    assert resources.resources_dir() == DATA


def test_every_resource_is_package_data() -> None:
    """A wheel carries only what pyproject.toml's package-data names: a new kind of file must be added."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["servicecommunity"]
    package = ROOT / "servicecommunity"
    declared = {path for pattern in patterns for path in package.glob(pattern)}
    on_disk = [p for p in DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"
               and not p.name.startswith(".")]  # a dotfile (.gitignore) is not data
    assert on_disk
    for path in on_disk:
        assert path in declared, f"{path.relative_to(package)} is not package data in pyproject.toml"


def test_the_migrations_are_bundled_beside_the_store(linux: dict[str, Any]) -> None:
    bundled: dict[str, set[str]] = {}
    for src, dest in linux["data_files"]():
        for path in glob(src):
            bundled.setdefault(dest.replace("\\", "/"), set()).add(Path(path).name)
    # store.MIGRATIONS is the folder beside store/workspace.py: servicecommunity/store/migrations in the bundle.
    assert store.MIGRATIONS.relative_to(ROOT).as_posix() == "servicecommunity/store/migrations"
    assert {"env.py", "script.py.mako"} <= bundled["servicecommunity/store/migrations"]
    versions = {p.name for p in (store.MIGRATIONS / "versions").glob("*.py")}
    assert versions
    assert bundled["servicecommunity/store/migrations/versions"] == versions


def test_what_alembic_loads_by_path_is_a_hidden_import(linux: dict[str, Any]) -> None:
    hidden = set(linux["HIDDEN_IMPORTS"])
    assert {"alembic.op", "alembic.context", "sqlmodel", "sqlalchemy.dialects.sqlite"} <= hidden
    assert {"servicecommunity", "ui"} <= set(linux["collected"])
    app_imports = _imported(ROOT / "servicecommunity", skip=store.MIGRATIONS)
    for name in _imported(store.MIGRATIONS):
        top = name.split(".")[0]
        if top in sys.stdlib_module_names or top == "servicecommunity":
            continue
        assert name in hidden or name in app_imports, f"the migrations import {name}: hide it"


def test_other_qt_bindings_and_unused_qt_modules_are_excluded(linux: dict[str, Any]) -> None:
    excludes = set(linux["EXCLUDES"])
    assert {"PyQt5", "PyQt6", "PySide2", "tkinter"} <= excludes
    for module in ("QtWebEngineCore", "QtQml", "QtQuick", "QtMultimedia", "Qt3DCore", "QtPdf"):
        assert f"PySide6.{module}" in excludes
    (analysis,) = linux["made"]["Analysis"]
    assert set(analysis.kwargs["excludes"]) == excludes


def _imported(folder: Path, skip: Path | None = None) -> set[str]:
    """Every absolute import in the modules under ``folder``: ``a.b`` and ``a.b.name`` for ``from a.b import name``."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        if skip is not None and path.is_relative_to(skip):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_nothing_the_app_imports_is_excluded(linux: dict[str, Any]) -> None:
    """A Qt module used by a new panel (printing, say) must come out of the exclusions."""
    excludes = set(linux["EXCLUDES"])
    for name in _imported(ROOT / "servicecommunity") | _imported(ROOT / "ui"):
        parts = name.split(".")
        prefixes = {".".join(parts[: i + 1]) for i in range(len(parts))}
        assert not prefixes & excludes, f"{name} is imported by the app but excluded in build.spec"


def test_libraries_of_excluded_qt_modules_and_translations_are_dropped(
    linux: dict[str, Any],
) -> None:
    (analysis,) = linux["made"]["Analysis"]
    kept = [name.replace("\\", "/") for name, _src, _kind in analysis.binaries]
    assert len(kept) == KEPT_BINARIES, kept
    assert not any(re.search(r"Qml|Quick|Network", n) for n in kept)
    data_names = [name.replace("\\", "/") for name, _src, _kind in analysis.datas]
    assert not any("/translations/" in n for n in data_names)
    assert "servicecommunity/resources/demo/starting-a-business.json" in data_names


def test_the_qtgui_hook_leaves_out_plugins_the_app_never_loads(
    linux: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left out in the hook, before PyInstaller follows their links to GTK, QML and the rest."""
    (analysis,) = linux["made"]["Analysis"]
    (hooks,) = analysis.kwargs["hookspath"]
    hook = Path(hooks) / "hook-PySide6.QtGui.py"
    plugins = Path("/venv/PySide6/Qt/plugins")
    collected = [
        (str(plugins / kind / name), f"PySide6/Qt/plugins/{kind}")
        for kind, name in [
            ("platforms", "libqxcb.so"),
            ("platforms", "libqwayland.so"),
            ("platforms", "libqoffscreen.so"),
            ("platforms", "qwindows.dll"),
            ("platforms", "libqcocoa.dylib"),
            ("platformthemes", "libqxdgdesktopportal.so"),
            ("imageformats", "libqsvg.so"),
            ("imageformats", "libqico.so"),
            ("iconengines", "libqsvgicon.so"),
            ("platforminputcontexts", "libcomposeplatforminputcontextplugin.so"),
            ("xcbglintegrations", "libqxcb-glx-integration.so"),
            # left out:
            ("platformthemes", "libqgtk3.so"),
            ("platforminputcontexts", "libqtvirtualkeyboardplugin.so"),
            ("egldeviceintegrations", "libqeglfs-kms-integration.so"),
            ("generic", "libqevdevmouseplugin.so"),
            ("platforms", "libqeglfs.so"),
            ("platforms", "libqvnc.so"),
            ("platforms", "libqlinuxfb.so"),
            ("imageformats", "libqwebp.so"),
            ("imageformats", "qtiff.dll"),
        ]
    ]
    qt = types.ModuleType("PyInstaller.utils.hooks.qt")
    qt.add_qt6_dependencies = lambda _file: (["x"], list(collected), [])  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.utils.hooks"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))  # not installed for tests
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks.qt", qt)
    namespace: dict[str, Any] = {"__file__": str(hook)}
    exec(compile(hook.read_text(encoding="utf-8"), str(hook), "exec"), namespace)
    kept = [Path(src).name for src, _dest in namespace["binaries"]]
    assert kept == [Path(src).name for src, _dest in collected[:11]]
    assert namespace["hiddenimports"] == ["x"]


def test_linux_builds_one_executable(linux: dict[str, Any]) -> None:
    (exe,) = linux["made"]["EXE"]
    assert exe.kwargs["name"] == "servicecommunity"
    assert exe.kwargs["version"] is None  # a Windows resource
    assert exe.kwargs["console"] is True
    # strip=True breaks auditwheel-patched libraries (numpy's OpenBLAS); the spec strips only
    # debug info, and UPX breaks Qt plugins.
    assert exe.kwargs["strip"] is False
    assert exe.kwargs["upx"] is False
    (coll,) = linux["made"]["COLLECT"]
    assert coll.kwargs["name"] == "servicecommunity"
    assert not linux["made"]["BUNDLE"]


def test_linux_folder_carries_the_desktop_entry_and_icons(linux: dict[str, Any]) -> None:
    share = Path(linux["DISTPATH"]) / "servicecommunity" / "share"
    assert (share / "applications" / "servicecommunity.desktop").is_file()
    assert (share / "metainfo" / "io.github.servicecommunity.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "servicecommunity.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "servicecommunity.svg").is_file()


def test_windows_has_a_console_and_a_windowed_executable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = run_spec(monkeypatch, "win32", tmp_path)
    exes = {e.kwargs["name"]: e.kwargs for e in spec["made"]["EXE"]}
    assert exes["servicecommunity"]["console"] is True
    assert exes["servicecommunity-gui"]["console"] is False
    for name, kwargs in exes.items():
        assert kwargs["icon"].endswith("servicecommunity.ico")
        assert Path(kwargs["icon"]).is_file()
        version = repr(kwargs["version"])  # what Explorer shows in Properties
        numbers = (*(int(n) for n in servicecommunity.__version__.split(".")[:3]), 0)
        assert f"'filevers': {numbers!r}" in version
        for key, value in [
            ("ProductName", "Service Community"),
            ("ProductVersion", servicecommunity.__version__),
            ("OriginalFilename", f"{name}.exe"),
        ]:
            assert f"StringStruct(({key!r}, {value!r}), {{}})" in version
    assert not spec["made"]["BUNDLE"]
    assert not (tmp_path / "servicecommunity" / "share").exists()


def test_macos_bundle_carries_the_package_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = run_spec(monkeypatch, "darwin", tmp_path)
    (bundle,) = spec["made"]["BUNDLE"]
    assert bundle.kwargs["name"] == "ServiceCommunity.app"
    assert bundle.kwargs["version"] == servicecommunity.__version__
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == servicecommunity.__version__
    assert bundle.kwargs["icon"].endswith("servicecommunity.icns")
    assert Path(bundle.kwargs["icon"]).is_file()
    (exe,) = spec["made"]["EXE"]
    assert exe.kwargs["console"] is False
    assert exe.kwargs["strip"] is False  # stripping would break the code signatures


def test_versions_agree() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{servicecommunity.__version__}"' in pyproject
    metainfo = ET.parse(PACKAGING / "io.github.servicecommunity.metainfo.xml").getroot()
    releases = [r.get("version") for r in metainfo.iter("release")]
    assert servicecommunity.__version__ in releases


# --- the launcher ---------------------------------------------------------------------------


WINDOW, COMMAND_LINE = "window", "command line"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (WINDOW, [])),
        (["--quit-after", "2"], (WINDOW, ["--quit-after", "2"])),
        (["--db", "w.sqlite"], (WINDOW, ["--db", "w.sqlite"])),
        (["-platform", "offscreen"], (WINDOW, ["-platform", "offscreen"])),
        (["gui"], (COMMAND_LINE, ["gui"])),
        (["gui", "--quit-after", "2"], (COMMAND_LINE, ["gui", "--quit-after", "2"])),
        (["summary"], (COMMAND_LINE, ["summary"])),
        (["summary", "--db", "w.sqlite"], (COMMAND_LINE, ["summary", "--db", "w.sqlite"])),
        (["demo", "--if-missing"], (COMMAND_LINE, ["demo", "--if-missing"])),
        (["--version"], (COMMAND_LINE, ["--version"])),
        (["--help"], (COMMAND_LINE, ["--help"])),
        (["-h"], (COMMAND_LINE, ["-h"])),
    ],
)
def test_launcher_routes_to_the_window_or_the_command_line(
    argv: list[str], expected: tuple[str, list[str]]
) -> None:
    assert launcher.route(argv, platform="linux") == expected


def test_launcher_drops_the_finder_process_serial_number() -> None:
    assert launcher.route(["-psn_0_12345"], platform="darwin") == (WINDOW, [])


def test_launcher_runs_the_window_or_the_command_line_with_the_gui_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A frozen app has no entry-point metadata: the ``gui`` command is passed explicitly."""
    import ui.app
    import ui.cli
    from servicecommunity.cli import main as cli

    calls: list[tuple[str, list[str], Any]] = []
    monkeypatch.delenv(launcher.REPORT_STARTUP, raising=False)
    monkeypatch.setattr(
        cli, "main", lambda argv, plugins: calls.append(("cli", argv, plugins)) or 0
    )
    monkeypatch.setattr(ui.app, "main", lambda argv: calls.append(("window", argv, None)) or 0)
    assert launcher.main(["summary"]) == 0
    assert launcher.main(["gui", "--quit-after", "1"]) == 0
    assert launcher.main([]) == 0
    assert launcher.main(["--quit-after", "1"]) == 0
    assert calls == [
        ("cli", ["summary"], [ui.cli.register]),
        ("cli", ["gui", "--quit-after", "1"], [ui.cli.register]),
        ("window", [], None),
        ("window", ["--quit-after", "1"], None),
    ]


def test_without_entry_points_the_gui_command_still_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.cli
    from servicecommunity.cli import main as cli

    monkeypatch.setattr(cli, "_plugins", list)  # what a frozen app sees
    assert "gui" not in cli.build_parser().format_help()
    args = cli.build_parser([ui.cli.register]).parse_args(["gui", "--quit-after", "2"])
    assert args.command == "gui"
    assert args.quit_after == 2
    assert args.func is ui.cli.cmd_gui


# --- icons, desktop entry, AppStream --------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_icons_for_each_platform() -> None:
    ico = (ICONS / "servicecommunity.ico").read_bytes()
    _reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (kind, count) == (1, 7)
    sizes = set()
    for i in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i]
        )
        assert _png_size(ico[offset : offset + length])[0] == (width or 256)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes

    icns = (ICONS / "servicecommunity.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns  # 1024 px for Retina

    for size in (16, 32, 48, 64, 128, 256, 512):
        png = (ICONS / "hicolor" / f"{size}x{size}" / "apps" / "servicecommunity.png").read_bytes()
        assert _png_size(png) == (size, size)
    scalable = ICONS / "hicolor" / "scalable" / "apps" / "servicecommunity.svg"
    assert (
        scalable.read_bytes()
        == (DATA / "icons" / "servicecommunity.svg").read_bytes()
    )


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(PACKAGING / "servicecommunity.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "Service Community"
    assert desktop["Exec"].split()[0] == "servicecommunity"
    assert desktop["Icon"] == "servicecommunity"
    assert desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")


def test_appstream_metadata_names_the_desktop_entry() -> None:
    root = ET.parse(PACKAGING / "io.github.servicecommunity.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == "io.github.servicecommunity"
    assert root.findtext("launchable") == "servicecommunity.desktop"
    assert root.findtext("provides/binary") == "servicecommunity"


def _distribution(requirement: str) -> str:
    """The normalised distribution name of a requirement such as ``reportlab[accel]>=4.0``."""
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def test_every_library_the_app_imports_is_a_declared_dependency() -> None:
    """An import that only works because another library happens to bring it (numpy with
    pyqtgraph, pydantic with sqlmodel) breaks the day that library stops bringing it."""
    from importlib.metadata import packages_distributions

    with (ROOT / "pyproject.toml").open("rb") as file:
        declared = {_distribution(r) for r in tomllib.load(file)["project"]["dependencies"]}
    providers = packages_distributions()
    imported = {
        name.split(".")[0]
        for name in _imported(ROOT / "servicecommunity") | _imported(ROOT / "ui")
    } - set(sys.stdlib_module_names) - {"servicecommunity", "ui", "__future__"}
    assert imported
    for top in sorted(imported):
        found = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(top, [])}
        assert found, f"{top} is imported but no installed distribution provides it"
        assert found & declared, f"{top} is imported by the app but {sorted(found)} is not in pyproject.toml's dependencies"
