"""Finding the app's data files (``servicecommunity/resources/``) with :mod:`importlib.resources`.

The folder is package data, so it is installed with the package: in a checkout, an editable
install, a wheel, and a PyInstaller bundle (``build.spec`` copies it to ``servicecommunity/resources``
under ``sys._MEIPASS``, where PyInstaller's importer finds it) alike.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from servicecommunity.i18n import gettext


@cache
def resources_dir() -> Path:
    """The data folder as a real directory (Qt reads icons and style sheets by file name)."""
    folder = files(__name__)
    if not isinstance(folder, Path):
        # A zipped package (zipimport) has no directory for Qt to read from.
        raise FileNotFoundError(
            f"The app's data folder is inside an archive ({folder}); install the package unzipped."
        )
    return folder


def resource_path(*parts: str) -> Path:
    """A file under the data folder; raises FileNotFoundError naming it if the install lacks it."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(gettext("The app's resource {path} is missing; reinstall the app.").format(
            path="/".join(parts)))
    return path
