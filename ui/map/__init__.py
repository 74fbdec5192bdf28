"""The journey map: the canvas in pieces (``view`` with its parts ``interaction``, ``inline_editor`` and
``menus``; ``scene``; what it draws: ``items``, ``arrows``, ``overview``, ``rulers``, ``styles``), its
editing gestures (``editing``) and the emotion curve (``emotion``). Start at :mod:`ui.map.view`."""
