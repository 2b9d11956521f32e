"""Messages every page shares: sidebar, widgets, tables, errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # Navigation sections.
    "section.lesson": {"en": "Lesson", "zh": "课程"},
    "section.tools": {"en": "Tools", "zh": "工具"},
    "section.textcnn": {"en": "Text CNN", "zh": "文本 CNN"},
    # Page frame.
    "url.ignored": {
        "en": "Some values in the link were not usable and were replaced by defaults: {values}.",
        "zh": "链接中的部分取值无法使用，已换成默认值：{values}。",
    },
    "spinner.keras": {
        "en": "Loading Keras and TensorFlow (only the first time, a few seconds)…",
        "zh": "正在加载 Keras 和 TensorFlow（仅第一次，需要几秒）…",
    },
    # Sidebar: the vectors.
    "vectors.heading": {"en": "Word vectors", "zh": "词向量"},
    "vectors.loading": {"en": "Loading word vectors…", "zh": "正在加载词向量…"},
    "vectors.pruned": {
        "en": "Pruned table: {words} words share only {distinct} distinct vectors, so some "
        "opposites are identical here ({pairs}). Fine for shapes and mechanics, not for meaning.",
        "zh": "这是剪枝后的词表：{words} 个词只共享 {distinct} 个不同的向量，所以有些反义词在这里完全相同"
        "（{pairs}）。用来看形状和计算过程没问题，但不能用来看词义。",
    },
    "vectors.facts": {
        "en": "D = {dim} · {words} words · {distinct} distinct vectors · licence {licence}",
        "zh": "D = {dim} · {words} 个词 · {distinct} 个不同的向量 · 许可证 {licence}",
    },
    "vectors.coverage": {
        "en": "{found} of {total} tokens of the sentence have a vector",
        "zh": "句子的 {total} 个词元中有 {found} 个有向量",
    },
    # Widgets: every label has its help.
    "label.lang": {"en": "Language / 语言", "zh": "语言 / Language"},
    "help.lang": {
        "en": "Switch the interface language; `?lang=zh` in the URL does the same.",
        "zh": "切换界面语言；在网址中加上 `?lang=en` 也可以。",
    },
    "label.sample": {"en": "Sample sentences", "zh": "示例句子"},
    "placeholder.sample": {"en": "Pick a sample…", "zh": "选择一个示例…"},
    "help.sample": {
        "en": "Copies a sample into the sentence box; edit it freely afterwards.",
        "zh": "把示例复制到句子框里，之后可以随意修改。",
    },
    "label.sentence": {"en": "Sentence", "zh": "句子"},
    "help.sentence": {
        "en": "Lowercased and split like the vectors' training text: \"didn't\" becomes "
        '"did" + "n\'t"; Chinese is segmented into words. Invisible characters are dropped '
        "and full-width letters read as normal ones. Up to 200 tokens are used. "
        "Press Ctrl+Enter to apply.",
        "zh": '按词向量训练文本的方式转小写并切分："didn\'t" 变成 "did" + "n\'t"；中文会被切分成词。'
        "不可见字符会被去掉，全角字母按普通字母处理。最多使用 200 个词元。按 Ctrl+Enter 应用。",
    },
    "label.oov": {"en": "Words without a vector", "zh": "没有向量的词"},
    "help.oov": {
        "en": "Out-of-vocabulary policy: a zero row, drop the word, or a seeded random row "
        "(uniform ±0.25, the same for the same word and seed).",
        "zh": "未登录词的处理方式：补零行、删除该词，或用带种子的随机行"
        "（±0.25 均匀分布，同一个词和种子总得到同一个向量）。",
    },
    "oov.zero": {"en": "zero vector", "zh": "零向量"},
    "oov.skip": {"en": "skip the word", "zh": "跳过该词"},
    "oov.random": {"en": "seeded random", "zh": "带种子的随机向量"},
    "label.seed": {"en": "seed", "zh": "种子 seed"},
    "help.seed": {
        "en": "Fixes every random number: the glorot_uniform weights and random OOV vectors. "
        "The same seed gives the same numbers on every machine.",
        "zh": "固定所有随机数：glorot_uniform 权重和随机未登录词向量。同一个种子在任何机器上都给出相同的数字。",
    },
    "label.n": {"en": "kernel_size n", "zh": "kernel_size n"},
    "help.n": {
        "en": "How many consecutive words one window covers: each output row is an n-gram.",
        "zh": "一个窗口覆盖多少个连续的词：每一行输出对应一个 n-gram。",
    },
    "label.filters": {"en": "filters F", "zh": "filters F"},
    "help.filters": {
        "en": "How many different windows (feature detectors) run in parallel: the last output axis.",
        "zh": "并行运行多少个不同的窗口（特征检测器）：即输出的最后一个轴。",
    },
    "label.strides": {"en": "strides", "zh": "strides 步长"},
    "help.strides": {
        "en": "How many words the window jumps between outputs. Keras cannot combine "
        "strides > 1 with dilation_rate > 1, so raising one resets the other to 1.",
        "zh": "每次输出之间窗口跳过多少个词。Keras 不能同时使用 strides > 1 和 dilation_rate > 1，"
        "所以调高其中一个会把另一个重置为 1。",
    },
    "label.dilation": {"en": "dilation_rate", "zh": "dilation_rate 膨胀率"},
    "help.dilation": {
        "en": "Gap between the words one window reads: 2 reads every other word. Keras cannot "
        "combine it with strides > 1, so raising one resets the other to 1.",
        "zh": "一个窗口读取的词之间的间隔：2 表示隔一个词读一个。Keras 不能把它和 strides > 1 同时使用，"
        "所以调高其中一个会把另一个重置为 1。",
    },
    "label.padding": {"en": "padding", "zh": "padding 填充"},
    "help.padding": {
        "en": "valid: windows only where they fit; same: zero rows on both ends so that "
        "⌈words/strides⌉ rows come out; causal: zero rows only before, so no row sees later words.",
        "zh": "valid：只在放得下的位置开窗口；same：在两端补零行，输出 ⌈words/strides⌉ 行；"
        "causal：只在前面补零行，任何一行都看不到后面的词。",
    },
    "label.activation": {"en": "activation", "zh": "激活函数"},
    "help.activation": {
        "en": "Applied to each window's sum: linear keeps it, relu clips negatives to 0.",
        "zh": "作用在每个窗口的和上：linear 保持不变，relu 把负数截为 0。",
    },
    "label.init": {"en": "kernel initializer", "zh": "卷积核初始化"},
    "help.init": {
        "en": "glorot_uniform: seeded random weights, as Keras starts training. ones: every "
        "weight is 1, so each output is the plain sum of its window, easy to check by hand.",
        "zh": "glorot_uniform：带种子的随机权重，和 Keras 训练开始时一样。ones：所有权重都是 1，"
        "每个输出就是窗口内所有数值之和，便于手算核对。",
    },
    "label.cell_t": {"en": "Output row (n-gram)", "zh": "输出行（n-gram）"},
    "help.cell_t": {
        "en": "Which n-gram's output to take apart.",
        "zh": "拆解哪一个 n-gram 的输出。",
    },
    "label.cell_f": {"en": "Filter", "zh": "滤波器"},
    "help.cell_f": {"en": "Which filter's output to take apart.", "zh": "拆解哪一个滤波器的输出。"},
    "toast.reset": {
        "en": "{other} was reset to 1: Keras cannot combine {changed} > 1 with {other} > 1.",
        "zh": "{other} 已重置为 1：Keras 不能同时使用 {changed} > 1 和 {other} > 1。",
    },
    # Table columns and chart axes.
    "col.token": {"en": "token", "zh": "词元"},
    "col.found": {"en": "found in vectors", "zh": "在词表中"},
    "col.in_matrix": {"en": "row in matrix", "zh": "进入矩阵"},
    "col.norm": {"en": "vector norm", "zh": "向量范数"},
    "col.max": {"en": "max over time", "zh": "时间维最大值"},
    "col.step": {"en": "step", "zh": "位置"},
    "axis.dimension": {"en": "dimension", "zh": "维度"},
    "axis.value": {"en": "value", "zh": "数值"},
    "axis.ngram": {"en": "n-gram", "zh": "n-gram"},
    "axis.filter": {"en": "filter", "zh": "滤波器"},
    "axis.contribution": {"en": "contribution", "zh": "贡献"},
    # Errors: short, specific, and saying what to change.
    "err.n_min": {
        "en": "kernel_size n must be at least 1 (got {n}).",
        "zh": "kernel_size n 至少为 1（当前为 {n}）。",
    },
    "err.filters_range": {
        "en": "filters must be between 1 and {most} (got {filters}).",
        "zh": "filters 必须在 1 到 {most} 之间（当前为 {filters}）。",
    },
    "err.step_min": {
        "en": "strides and dilation_rate must be at least 1 (got {strides} and {dilation}).",
        "zh": "strides 和 dilation_rate 至少为 1（当前为 {strides} 和 {dilation}）。",
    },
    "err.strides_dilation": {
        "en": "Keras cannot combine strides > 1 with dilation_rate > 1 "
        "(got strides={strides}, dilation_rate={dilation}). Set one of them to 1.",
        "zh": "Keras 不支持 strides > 1 与 dilation_rate > 1 同时使用"
        "（当前 strides={strides}，dilation_rate={dilation}）。请把其中一个设为 1。",
    },
    "err.choice": {
        "en": "Unknown {name} '{value}'.",
        "zh": "未知的 {name}：'{value}'。",
    },
    "err.seed_range": {
        "en": "seed must be between 0 and {most} (got {seed}).",
        "zh": "seed 必须在 0 到 {most} 之间（当前为 {seed}）。",
    },
    "err.no_words": {
        "en": "The sentence has no words. Type a sentence to begin.",
        "zh": "句子里没有词。请输入一个句子。",
    },
    "err.all_skipped": {
        "en": "None of the tokens has a vector, and 'skip the word' drops them all. "
        "Choose zero or random vectors for unknown words, or try an English sentence.",
        "zh": "没有一个词元有向量，而“跳过该词”把它们全部删除了。请为未知词选择零向量或随机向量，或者试试英文句子。",
    },
    "err.too_few_words": {
        "en": "With padding 'valid' a window of n={n} needs at least {needed} words; "
        "the sentence has {words}. Add words or choose padding 'same'.",
        "zh": "padding 为 'valid' 时，n={n} 的窗口至少需要 {needed} 个词；"
        "句子只有 {words} 个。请加词，或把 padding 改为 'same'。",
    },
    "err.no_builtin": {
        "en": "No built-in vector set named '{name}'.",
        "zh": "没有名为 '{name}' 的内置词向量。",
    },
}
