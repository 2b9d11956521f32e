"""The Your model page's settings: where the model comes from, what goes in, what is shown."""

from __future__ import annotations

from convlab.lesson.layer import MAX_SEED
from convlab.lesson.settings import MAX_SENTENCE_CHARS
from convlab.ownmodel.examples import EXAMPLES
from convlab.ownmodel.inputs import DEFAULT_STEPS, SIGNALS
from convlab.setting import Setting, clipped

SOURCES = (*EXAMPLES, "upload", "fit", "path")
INPUTS = ("sentence", "signal", "npy", "csv")
MAX_PATH_CHARS = 300
SENTENCE = "the movie was not good but the acting was great"
"""In the text example's small vocabulary, with a negation its filters have to read."""

SETTINGS = {
    "own_source": Setting(SOURCES[0], choices=SOURCES),
    "own_input": Setting("sentence", choices=INPUTS),
    "own_sentence": Setting(SENTENCE, text=clipped(MAX_SENTENCE_CHARS)),
    "own_signal": Setting("sine", choices=SIGNALS),
    "own_steps": Setting(DEFAULT_STEPS, range=(8, 4096)),
    "own_seed": Setting(0, range=(0, MAX_SEED)),
    "own_top": Setting(3, range=(1, 10)),
    "own_path": Setting("", text=clipped(MAX_PATH_CHARS)),
}
