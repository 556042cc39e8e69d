"""The two token ids every vocabulary in the course reserves, defined once.

``TextVectorization`` puts padding at index 0 (the empty string) and unknown words at
index 1 (``[UNK]``); every model, batch and look-inside in the course relies on that.
"""

PAD_ID = 0
OOV_ID = 1
PAD_TOKEN = ""
OOV_TOKEN = "[UNK]"
# The biggest vocabulary a model helper builds: past it, the output layer alone (vocab_size ×
# units floats, three times over with Adam) outgrows a learner's memory. The course uses 20,000.
MAX_VOCAB = 1_000_000
