"""Data: the token ids every layer shares (padding 0, unknown 1), text to ids, labelled
reviews and how they are split, the IMDB dataset (download, parse, cache), batches for
classifiers and language models, the generated tasks (recall, dates) and real series.

May import: ``core`` and ``config``. TensorFlow only inside the functions that need it
(``tf.data``, ``TextVectorization`` standardisation, ``keras.utils.get_file``), never at import.
"""
