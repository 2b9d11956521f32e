"""The text CNN's settings: data, hyperparameters (defaults from bench/train_mr.py), mining."""

from __future__ import annotations

from convlab.lesson.layer import MAX_SEED
from convlab.lesson.settings import MAX_SENTENCE_CHARS, SAMPLES
from convlab.setting import Setting, clipped
from convlab.textcnn.corpus import MAX_ROWS, MIN_ROWS
from convlab.textcnn.hyperparameters import (
    MAX_CNN_FILTERS,
    MAX_EPOCHS,
    MAX_KERNELS,
    SCALES,
    VARIANTS,
    Hyperparameters,
    kernel_sizes_text,
    parse_kernel_sizes,
)

VECTORS = "glove50"
"""The set a text CNN starts from, in the app and the CLI: the bench's default."""

SETTINGS = {
    "cnn_data": Setting("mr", choices=("mr", "upload")),
    "cnn_rows": Setting(MAX_ROWS, range=(MIN_ROWS, MAX_ROWS)),
    "cnn_vectors": Setting(VECTORS, choices=("glove50", "md300", "active")),
    "cnn_variant": Setting(Hyperparameters.variant, choices=VARIANTS),
    "cnn_scale": Setting(Hyperparameters.scale, choices=SCALES),
    "cnn_kernel_sizes": Setting(
        kernel_sizes_text(Hyperparameters.kernel_sizes),
        text=lambda raw: kernel_sizes_text(parse_kernel_sizes(raw)),
    ),
    "cnn_filters": Setting(Hyperparameters.filters, range=(1, MAX_CNN_FILTERS)),
    "cnn_epochs": Setting(Hyperparameters.epochs, range=(1, MAX_EPOCHS)),
    "cnn_seed": Setting(Hyperparameters.seed, range=(0, MAX_SEED)),
    "cnn_model": Setting("fit", choices=("fit", "upload")),
    "cnn_min_count": Setting(3, range=(1, 20)),
    "cnn_top": Setting(10, range=(1, 50)),
    "cnn_purity": Setting(50, range=(0, 100)),
    "cnn_filter": Setting(0, range=(0, MAX_KERNELS * MAX_CNN_FILTERS - 1)),
    "cnn_sentence": Setting(SAMPLES[1], text=clipped(MAX_SENTENCE_CHARS)),
}
