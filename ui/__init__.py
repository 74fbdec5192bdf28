"""The PySide6 desktop app, on top of the ``servicecommunity`` core."""
