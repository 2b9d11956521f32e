"""Messages about Chinese text: segmentation into words or characters, and vectors for it."""

MESSAGES: dict[str, dict[str, str]] = {
    "label.tokenizer": {"en": "Split Chinese into", "zh": "中文切分为"},
    "help.tokenizer": {
        "en": "Chinese has no spaces. Words: jieba's segmentation (这部 / 电影 / 很 / 好看), so "
        "each window is a word n-gram. Characters: one row per character (好 / 看), so the "
        "windows are character n-grams. English words stay words either way.",
        "zh": "中文没有空格。词：用 jieba 分词（这部 / 电影 / 很 / 好看），每个窗口是词的 n-gram。"
        "字：每个汉字一行（好 / 看），窗口是字的 n-gram。英文单词两种方式下都保持为词。",
    },
    "tokenizer.words": {"en": "words", "zh": "词"},
    "segmentation.loading": {
        "en": "Loading the Chinese word segmenter (once per server)…",
        "zh": "正在加载中文分词器（每个服务器只需一次）…",
    },
    "tokenizer.chars": {"en": "characters", "zh": "字"},
    "err.model_broken_text": {
        "en": "The model's vocabulary or class names hold broken text (lone surrogates), "
        "which no page can show. Save the model again with convlab.",
        "zh": "模型的词表或类别名里有损坏的文本（孤立的代理码元），任何页面都无法显示。"
        "请用 convlab 重新保存这个模型。",
    },
    "segmentation.some_missing": {
        "en": "{missing} of the {total} tokens are Chinese words that {name} has no vector for: "
        'their rows come from the policy "{policy}".',
        "zh": "{total} 个词元中有 {missing} 个中文词在 {name} 里没有向量：它们的行来自“{policy}”策略。",
    },
    "segmentation.no_vectors": {
        "en": "**{missing} of the {total} tokens are Chinese words that {name} has no vector "
        "for: its vectors are English.** The mechanics (shapes, windows, the Conv2D "
        "equivalence) are exactly the same with seeded random vectors, so a Chinese sentence "
        "starts on that policy unless you choose another (now: {policy}); the numbers then "
        "carry no meaning. For real Chinese vectors, load fastText's `cc.zh.300.vec` or a "
        "text file from Chinese-Word-Vectors as your own file on the Word vectors page.",
        "zh": "**{total} 个词元中有 {missing} 个中文词在 {name} 里没有向量：它的词向量是英文的**。"
        "换成带种子的随机向量，机制（形状、窗口、与 Conv2D 的等价）完全相同，所以中文句子默认使用"
        "这种策略，除非你另选一种（当前：{policy}）；这时的数值不代表任何含义。"
        "要用真正的中文词向量，请在“词向量”页面把 fastText 的 `cc.zh.300.vec` "
        "或 Chinese-Word-Vectors 的文本文件作为你自己的文件加载。",
    },
}
