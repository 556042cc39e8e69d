"""The same seed gives the same numbers on the same machine, however busy it is: one small
training run twice in fresh processes, the second beside a process that keeps a core busy,
must end with bit-identical weights (config.seed_keras: Keras seeds plus TensorFlow's op
determinism)."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

TRAIN = """
import hashlib, numpy as np
from lstm_helpers import config
config.seed_keras(7)
import keras
x = np.random.default_rng(0).normal(size=(256, 12, 3)).astype("float32")
y = (x[:, :, 0].sum(1) > 0).astype("float32")
model = keras.Sequential([keras.Input((12, 3)), keras.layers.LSTM(8, dropout=0.1),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile("adam", "binary_crossentropy")
model.fit(x, y, batch_size=32, epochs=2, shuffle=True, verbose=0)
digest = hashlib.sha256(b"".join(w.tobytes() for w in model.get_weights())).hexdigest()
print("WEIGHTS", digest)
"""
HOG = "import time\nend = time.time() + 60\nwhile time.time() < end: pass\n"


def train_once() -> str:
    done = subprocess.run([sys.executable, "-c", TRAIN], capture_output=True, text=True,
                          timeout=300, check=True)
    return [ln for ln in done.stdout.splitlines() if ln.startswith("WEIGHTS")][-1]


def test_the_same_seed_trains_the_same_weights_on_a_busy_machine():
    quiet = train_once()
    hog = subprocess.Popen([sys.executable, "-c", HOG])
    try:
        busy = train_once()
    finally:
        hog.kill()
        hog.wait()
    assert quiet == busy
