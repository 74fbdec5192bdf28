"""The journey map: the canvas (scene, items, view), its editing gestures and the emotion curve."""
