"""Widgets: wiring only. Controls (sliders, boxes, buttons) that call the pure functions of
``core``, ``models`` and ``viz`` and put the result into a figure in place; the display
helpers that keep a static copy for viewers without widgets.

May import every layer below it: ``viz``, ``training``, ``models``, ``data``, ``core``, ``config``.
"""
