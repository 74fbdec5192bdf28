"""Kill -9 during writes, four cycles of ``scripts/chaos_kill.py`` on every run of the tests.

Each cycle kills a real process (an import into an empty workspace, a merge of another member's
bundle, a run of edits through the service layer, an export) at its first sight of writing, then
checks that the workspace passes SQLite's checks, holds the state before or after, and that an
export's target is absent, the old file or a whole one. The full run is
``.venv/bin/python scripts/chaos_kill.py --cycles 600``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "chaos_kill.py"


def chaos() -> ModuleType:
    spec = importlib.util.spec_from_file_location("chaos_kill", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("chaos_kill", module)
    spec.loader.exec_module(module)
    return module


def test_kill_9_mid_write_loses_nothing(tmp_path: Path) -> None:
    lines: list[str] = []
    figures = chaos().run(cycles=4, seed=12, size="small", formats=["json"], aim="write", recover_every=4, edits=8,
                          work=tmp_path, log=lines.append, time_limit=120)
    assert figures.failures == [], "\n".join(lines)
    assert sum(figures.cycles.values()) == 4
    assert set(figures.cycles) == {"import", "merge", "edits", "export"}
    assert figures.mid_write >= 3, figures.table()  # the kills landed while it wrote, not before or after
    assert sum(figures.recovered.values()) == 1  # the operation killed last ran again to its end


def test_a_half_written_export_is_caught() -> None:
    """The checker itself: a cut file is not taken for a complete one."""
    module = chaos()
    whole = b'{"format": "servicecommunity-bundle"}\n'
    assert module.valid_export("json", whole[:-5], None) is not None
    assert module.valid_export("pdf", b"%PDF-1.4\n1 0 obj", None) is not None
    assert module.valid_export("png", b"\x89PNG\r\n\x1a\n\0\0", None) is not None
    assert module.valid_export("markdown", b"# Title\n", None) is None
    assert module.valid_export("json", whole, b"other") == "differs from the export run to its end"


def test_a_damaged_workspace_is_caught(tmp_path: Path) -> None:
    """The checker itself: a workspace with damaged pages fails the checks, it does not pass them or crash."""
    from servicecommunity.exchange.demo import load_demo
    from servicecommunity.store.workspace import open_store

    module = chaos()
    path = tmp_path / "demo.sqlite"
    with open_store(path) as store:
        load_demo(store)
    module.quiet_close(path)
    assert module.check_workspace(path) == []
    raw = bytearray(path.read_bytes())
    for page in range(4, len(raw) // 4096):
        raw[page * 4096 + 100] ^= 0xFF
    path.write_bytes(bytes(raw))
    problems = module.check_workspace(path)
    assert any("integrity" in p for p in problems), problems
