"""Training on the Train page: button requests, live progress, the learning curves.

A button only raises a request flag in its ``on_click`` (before the script
runs), and the page takes every flag once, at its top: a button's own True
would be lost if the run restarted before reaching it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from convlab import serving
from convlab.textcnn import fitcharts
from convlab.textcnn.corpus import Corpus
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.ui.text import t
from convlab.ui.textcnn import fits
from convlab.vectors.sets import VectorSet

if TYPE_CHECKING:
    import keras

PROGRESS_EVERY = 0.5
"""Seconds between progress-bar updates inside an epoch: redrawing every batch slows training."""

TRAIN_REQUEST = "_cnn_train_request"
DOWNLOAD_REQUEST = "_cnn_download_request"


def take_requests() -> dict[str, bool]:
    """Which buttons asked for work in this run; each flag is taken once, so it acts once."""
    return {flag: st.session_state.pop(flag, False) for flag in (TRAIN_REQUEST, DOWNLOAD_REQUEST)}


def raise_flag(flag: str) -> None:
    """A button's ``on_click``: ask the next run of the page to do the work."""
    st.session_state[flag] = True


def request_button(flag: str, label: str, **kwargs: Any) -> None:
    """A button that raises ``flag`` rather than returning True, so no restart can lose it."""
    st.button(label, on_click=raise_flag, args=(flag,), **kwargs)


def replica_note() -> None:
    """Say that fits stay in this process when several serve the link (they are not on disk)."""
    if serving.replicas() > 1:
        st.caption(t("train.replica_only", replicas=serving.replicas()))


def curve_titles() -> dict[str, str]:
    """The learning curves' axis and legend titles in the reader's language."""
    return {
        "epoch": t("train.axis_epoch"),
        "accuracy": t("train.axis_accuracy"),
        "loss": t("train.axis_loss"),
        "train": t("train.split_train"),
        "validation": t("train.split_val"),
        "split": t("train.axis_split"),
    }


def draw_curves(history: list[dict[str, float]], epochs: int) -> None:
    """Accuracy and loss per epoch, side by side: while training and for a finished fit."""
    titles = curve_titles()
    for column, metric in zip(st.columns(2), ("accuracy", "loss"), strict=True):
        column.altair_chart(
            fitcharts.curve(history, epochs, metric, titles=titles), width="stretch"
        )


def batch_text(epoch: int, epochs: int, batch: int, steps: int, logs: Mapping[str, float]) -> str:
    """The bar's text inside an epoch (all counted from 1): where training is, and how well."""
    accuracy = f"{logs.get('accuracy', 0):.3f}"
    return t(
        "train.progress_batch",
        epoch=epoch,
        epochs=epochs,
        batch=batch,
        steps=steps,
        accuracy=accuracy,
    )


def epoch_text(epoch: int, epochs: int, logs: Mapping[str, float]) -> str:
    """The bar's text after an epoch (counted from 1): its scores on both splits."""
    names = ("accuracy", "val_accuracy", "loss", "val_loss")
    scores = {name: f"{logs.get(name, 0):.3f}" for name in names}
    return t("train.progress_epoch", epoch=epoch, epochs=epochs, **scores)


def live_progress(
    bar: DeltaGenerator, chart: DeltaGenerator, epochs: int
) -> keras.callbacks.Callback:
    """A Keras callback that moves ``bar`` during each epoch and redraws ``chart`` after it.

    The class is made here, not at module level, because subclassing Keras's
    Callback imports TensorFlow, and convlab.ui must import without it: the
    frame is drawn before any page loads Keras.
    """
    import keras

    class LiveProgress(keras.callbacks.Callback):
        """Moves the progress bar during each epoch and redraws the curves after it."""

        def __init__(self) -> None:
            """Start with no curves and a bar not yet moved."""
            super().__init__()
            self.history: list[dict[str, float]] = []
            self.shown = 0.0
            self.epoch = 0

        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            """Remember the epoch: Keras tells batches only their place within it."""
            self.epoch = epoch

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            """Move the bar, at most every PROGRESS_EVERY seconds so drawing never slows a fit."""
            if time.monotonic() - self.shown < PROGRESS_EVERY:
                return
            self.shown = time.monotonic()
            steps = self.params.get("steps") or batch + 1
            done = (self.epoch + (batch + 1) / steps) / epochs
            text = batch_text(self.epoch + 1, epochs, batch + 1, steps, logs or {})
            bar.progress(min(done, 1.0), text=text)

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            """Show the epoch's scores and redraw the curves with one more point."""
            scores = {key: float(value) for key, value in (logs or {}).items()}
            self.history.append(scores)
            bar.progress((epoch + 1) / epochs, text=epoch_text(epoch + 1, epochs, scores))
            with chart.container():
                draw_curves(self.history, epochs)

    return LiveProgress()


def train_live(data: Corpus, hp: Hyperparameters, vs: VectorSet, key: tuple) -> None:
    """Train under the server's lock with a live progress bar and curves; store the fit."""
    from convlab.textcnn import kim

    store = fits()
    if not store.lock.acquire(blocking=False):
        with st.spinner(t("train.waiting")):
            store.lock.acquire()
    try:
        if store.get(key) is None:  # another visitor may have trained it meanwhile
            bar = st.progress(0.0, text=t("train.starting"))
            live = live_progress(bar, st.empty(), hp.epochs)
            store.put(key, kim.train(data, hp, vs, callbacks=[live]))
    finally:
        store.lock.release()
