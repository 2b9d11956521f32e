"""Messages about a model file's config refused before Keras reads it (every page that takes one)."""

MESSAGES: dict[str, dict[str, str]] = {
    "err.model_lambda": {
        "en": "Refused: layer '{layer}' is a Lambda (or uses a lambda), which would run Python "
        "code from the file.",
        "zh": "已拒绝：层 '{layer}' 是 Lambda（或使用了 lambda），加载它会执行文件中的 Python 代码。",
    },
    "err.model_custom": {
        "en": "Refused: layer '{layer}' uses '{name}', which is not Keras's own. Loading it would "
        "need code from outside Keras.",
        "zh": "已拒绝：层 '{layer}' 使用了 '{name}'，它不是 Keras 自带的。加载它需要 Keras 以外的代码。",
    },
    "err.model_unknown": {
        "en": "Refused: layer '{layer}' names '{name}', which this Keras does not have.",
        "zh": "已拒绝：层 '{layer}' 使用了 '{name}'，而当前的 Keras 中没有它。",
    },
}
