"""PyInstaller's own PySide6.QtGui hook, minus the Qt plugins this app never loads.

Leaving a plugin out here, before PyInstaller follows each collected library's links, also
leaves out what it links to: the GTK platform theme brings GTK, cairo, pango and Kerberos from
the build machine (about 10 MB, and a GTK that clashes with the user's), and the virtual keyboard
input method brings QML and Qt Quick. build.spec passes this folder as ``hookspath``; a hook
there replaces PyInstaller's hook for the same module.
"""

import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = re.compile(
    r"[/\\]plugins[/\\]("
    # The app draws itself with Fusion and its own palettes; the desktop-portal theme stays
    # for native file dialogs.
    r"platformthemes[/\\][^/\\]*gtk3"
    r"|platforminputcontexts[/\\][^/\\]*virtualkeyboard"
    # Embedded Linux and remote displays, not desktops.
    r"|egldeviceintegrations[/\\]|generic[/\\]"
    r"|platforms[/\\](lib)?q(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay)"
    # The icons are SVG and the pictures PNG; ICO and ICNS stay for Windows and macOS icons.
    r"|imageformats[/\\](lib)?q(webp|tiff|tga|wbmp|pdf)"
    r")"
)

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if not UNUSED_PLUGINS.search(src)]
