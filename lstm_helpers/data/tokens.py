"""The two token ids every vocabulary in the course reserves, defined once.

``TextVectorization`` puts padding at index 0 (the empty string) and unknown words at
index 1 (``[UNK]``); every model, batch and look-inside in the course relies on that.
"""

PAD_ID = 0
OOV_ID = 1
PAD_TOKEN = ""
OOV_TOKEN = "[UNK]"
