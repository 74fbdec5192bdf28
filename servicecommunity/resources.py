"""Finding the files under ``resources/``: in a checkout, an editable install, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the frozen executable's data, or at the project root."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``; raises FileNotFoundError naming it if the install lacks it."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"The app's resource {'/'.join(parts)} is missing; reinstall the app.")
    return path
