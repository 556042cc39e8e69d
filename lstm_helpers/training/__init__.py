"""Training: Keras callbacks (one progress bar, curves that grow while a model trains) and
the experiments lessons and benchmark scripts share, so both measure the same thing.

May import: ``models``, ``data``, ``core`` and ``config``; never ``viz`` (a callback draws
through a function it is given) and never ``ui``.
"""
