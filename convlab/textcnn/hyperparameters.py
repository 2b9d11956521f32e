"""The settings of Kim (2014)'s sentence CNN, validated once for the page, the CLI and the bench.

Kept free of TensorFlow, like ``convlab.lesson.layer``, so that widgets and URLs can
use it on pages that have not loaded Keras yet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from convlab.errors import InputError
from convlab.lesson.layer import MAX_SEED

VARIANTS = ("rand", "static", "non-static")
"""Kim's embeddings: random and trained, pretrained and frozen, pretrained and fine-tuned."""
SCALES = ("rescaled", "raw")
"""Whether the pretrained table is first scaled to the spread of the random initialisation."""
MAX_KERNEL = 10
MAX_KERNELS = 6
MAX_CNN_FILTERS = 300
MAX_EPOCHS = 30


def parse_kernel_sizes(text: str) -> tuple[int, ...]:
    """ "3,4,5" -> (3, 4, 5): distinct sizes in increasing order; InputError if not usable."""
    try:
        sizes = sorted({int(part) for part in text.replace(" ", "").split(",") if part})
    except ValueError:
        raise InputError("err.kernel_sizes", text=text, most=MAX_KERNEL) from None
    if not sizes or len(sizes) > MAX_KERNELS or not 1 <= sizes[0] <= sizes[-1] <= MAX_KERNEL:
        raise InputError("err.kernel_sizes", text=text, most=MAX_KERNEL)
    return tuple(sizes)


def kernel_sizes_text(sizes: tuple[int, ...]) -> str:
    return ",".join(map(str, sizes))


@dataclass(frozen=True)
class Hyperparameters:
    """One Kim CNN and how it is trained. Hashable: with the data's digest it keys a fit."""

    variant: str = "non-static"
    scale: str = "rescaled"
    kernel_sizes: tuple[int, ...] = (3, 4, 5)
    filters: int = 100
    epochs: int = 10
    seed: int = 0
    batch_size: int = 50
    learning_rate: float = 1e-3
    dropout: float = 0.5
    patience: int = 2
    """Epochs without a better validation accuracy before training stops."""

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise InputError("err.choice", name="variant", value=self.variant)
        if self.scale not in SCALES:
            raise InputError("err.choice", name="scale", value=self.scale)
        parse_kernel_sizes(kernel_sizes_text(self.kernel_sizes))
        if not 1 <= self.filters <= MAX_CNN_FILTERS:
            raise InputError("err.cnn_filters", filters=self.filters, most=MAX_CNN_FILTERS)
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise InputError("err.epochs", epochs=self.epochs, most=MAX_EPOCHS)
        if not 0 <= self.seed <= MAX_SEED:
            raise InputError("err.seed_range", seed=self.seed, most=MAX_SEED)

    @property
    def pretrained(self) -> bool:
        return self.variant != "rand"

    @property
    def rescaled(self) -> bool:
        return self.pretrained and self.scale == "rescaled"

    @property
    def name(self) -> str:
        """Short label for tables and file names, e.g. "non-static rescaled"."""
        return f"{self.variant} rescaled" if self.rescaled else self.variant

    def as_dict(self) -> dict:
        return {**asdict(self), "kernel_sizes": list(self.kernel_sizes)}
