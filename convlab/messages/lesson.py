"""Messages of the core lesson's pages: Start, Embed, Conv1D, Conv2D."""

MESSAGES: dict[str, dict[str, str]] = {
    # Navigation and page heads.
    "nav.home": {"en": "Start", "zh": "开始"},
    "nav.embed": {"en": "1 · Embed", "zh": "1 · 词向量"},
    "nav.conv1d": {"en": "2 · Conv1D n-grams", "zh": "2 · Conv1D 与 n-gram"},
    "nav.conv2d": {"en": "3 · Conv2D equivalence", "zh": "3 · 与 Conv2D 等价"},
    "home.title": {
        "en": "convlab: what a text CNN's convolution really computes",
        "zh": "convlab：文本 CNN 的卷积到底算了什么",
    },
    "home.intro": {
        "en": "Type a sentence, turn it into a matrix of pretrained word vectors, run a real Keras "
        "`Conv1D` over it, and check the result against `Conv2D` and plain NumPy. Every shape, "
        "parameter count and difference on these pages is computed live.",
        "zh": "输入一个句子，把它变成由预训练词向量组成的矩阵，在上面运行真实的 Keras `Conv1D`，"
        "再用 `Conv2D` 和纯 NumPy 核对结果。这些页面上的每个形状、参数个数和差值都是实时计算的。",
    },
    "home.q_vanish": {
        "en": "**Why does `Conv1D` return `(batch, new_steps, filters)`?** "
        "Where did the {dim} dimensions of each word vector go?",
        "zh": "**为什么 `Conv1D` 的输出是 `(batch, new_steps, filters)`**？每个词向量的 {dim} 维去哪儿了？",
    },
    "home.q_vanish.link": {"en": "Watch it on the Conv1D page", "zh": "到 Conv1D 页面看看"},
    "home.q_equal": {
        "en": "**Why is `Conv1D(kernel_size=3)` over word vectors the same as "
        "`Conv2D(kernel_size=(3, {dim}))`** over the matrix reshaped to `(words, {dim}, 1)`?",
        "zh": "**为什么在词向量上做 `Conv1D(kernel_size=3)` 等同于**在形状为 `(words, {dim}, 1)` 的矩阵上做 "
        "`Conv2D(kernel_size=(3, {dim}))`？",
    },
    "home.q_equal.link": {"en": "Measure it on the Conv2D page", "zh": "到 Conv2D 页面验证"},
    "home.q_matrix": {
        "en": "**How does a sentence become a `(words, {dim})` matrix** in the first place?",
        "zh": "**一个句子最初是怎样变成 `(words, {dim})` 矩阵的？**",
    },
    "home.q_matrix.link": {"en": "Start with the Embed page", "zh": "从词向量页面开始"},
    "home.now": {"en": "Your sentence, right now", "zh": "当前句子的形状"},
    "home.pipeline": {
        "en": "sentence -> ({words}, {dim}) matrix -> Conv1D(filters={filters}, kernel_size={n}) "
        "-> (1, {steps}, {filters})   [{params} parameters]",
        "zh": "句子 -> ({words}, {dim}) 矩阵 -> Conv1D(filters={filters}, kernel_size={n}) "
        "-> (1, {steps}, {filters})   [{params} 个参数]",
    },
    # Page 1: Embed.
    "embed.title": {
        "en": "1 · Embed: a sentence becomes a matrix",
        "zh": "1 · 词向量：句子变成矩阵",
    },
    "embed.intro": {
        "en": "Each token is looked up in a table of pretrained word vectors; stacking the rows "
        "gives the `(words, D)` matrix a text CNN reads.",
        "zh": "每个词元都在预训练词向量表中查找；把这些行叠起来，就得到文本 CNN 读取的 `(words, D)` 矩阵。",
    },
    "embed.empty": {
        "en": "Type a sentence above, or pick a sample, to see it as a matrix.",
        "zh": "在上面输入一个句子，或选择一个示例，就能看到它的矩阵。",
    },
    "embed.truncated": {
        "en": "Only the first {most} tokens are used; {dropped} more were left out.",
        "zh": "只使用前 {most} 个词元；另外 {dropped} 个被省略。",
    },
    "embed.all_oov": {
        "en": "None of these tokens has a vector, so every row comes from the policy "
        '"{policy}". The vectors are English: try an English sentence.',
        "zh": "这些词元都没有向量，所以每一行都来自“{policy}”策略。词向量是英文的：请试试英文句子。",
    },
    "embed.tokens": {"en": "tokens", "zh": "词元数"},
    "embed.found": {"en": "with a vector", "zh": "有向量的"},
    "embed.shape": {"en": "matrix shape", "zh": "矩阵形状"},
    "embed.shape_help": {
        "en": "{words} rows (one per word) × {dim} columns (one per vector dimension).",
        "zh": "{words} 行（每个词一行）× {dim} 列（每个向量维度一列）。",
    },
    "embed.table": {"en": "Tokens", "zh": "词元"},
    "embed.heatmap": {
        "en": "The ({words}, {dim}) matrix: tokens down, dimensions across",
        "zh": "({words}, {dim}) 矩阵：纵向是词元，横向是维度",
    },
    "embed.download": {
        "en": "Download the ({words}, {dim}) matrix as CSV",
        "zh": "下载 ({words}, {dim}) 矩阵（CSV）",
    },
    "embed.download_help": {
        "en": "One row per word, one column per dimension; the Conv2D page's code reads this file.",
        "zh": "每个词一行、每个维度一列；Conv2D 页面上的代码读取的就是这个文件。",
    },
    "embed.code": {"en": "Reproduce this matrix in a notebook", "zh": "在 notebook 中复现这个矩阵"},
    "embed.code_intro": {
        "en": "The same lookup in Python. convlab's reader loads the vectors (its built-in sets "
        "are pruned tables of its own, which gensim alone cannot fetch offline) and hands back "
        "gensim `KeyedVectors`; NumPy does the rest. It prints the numbers shown above.",
        "zh": "用 Python 做同样的查找。向量由 convlab 的读取函数加载（内置词向量是 convlab "
        "自己裁剪的表，单靠 gensim 无法离线获取），返回 gensim 的 `KeyedVectors`；其余由 NumPy "
        "完成。它打印的数字与上面显示的一致。",
    },
    # Page 2: Conv1D.
    "conv1d.keras_short": {
        "en": "convlab checks the length itself. Measured on this server: TensorFlow's own "
        "`Conv1D(kernel_size={n})` does not refuse these {words} words, it returns a tensor of "
        "shape {shape}, which means nothing (TensorFlow's oneDNN kernels on this CPU; other "
        "machines raise an error).",
        "zh": "convlab 会自己检查句子长度。在这台服务器上实测：TensorFlow 自带的 "
        "`Conv1D(kernel_size={n})` 并不拒绝这 {words} 个词，而是返回一个形状为 {shape} 的张量，"
        "它没有任何意义（这台 CPU 上 TensorFlow 的 oneDNN 内核所致；其他机器会直接报错）。",
    },
    "conv1d.title": {
        "en": "2 · Conv1D: every output row is an n-gram",
        "zh": "2 · Conv1D：每一行输出都是一个 n-gram",
    },
    "conv1d.intro": {
        "en": "`Conv1D(filters, kernel_size=n)` slides a window of n consecutive words down the "
        "matrix. Each window is multiplied with each filter's weights and summed into one number.",
        "zh": "`Conv1D(filters, kernel_size=n)` 沿着矩阵向下滑动一个包含 n 个连续词的窗口。"
        "每个窗口与每个滤波器的权重相乘并求和，得到一个数。",
    },
    "conv1d.shapes": {"en": "Shapes", "zh": "形状"},
    "metric.input": {"en": "input (batch, steps, D)", "zh": "输入 (batch, steps, D)"},
    "metric.input_help": {
        "en": "Keras adds a batch axis of 1 in front of the (words, D) matrix.",
        "zh": "Keras 在 (words, D) 矩阵前面加上大小为 1 的 batch 轴。",
    },
    "metric.kernel": {"en": "kernel (n, D, F)", "zh": "卷积核 (n, D, F)"},
    "metric.kernel_help": {
        "en": "Each filter is an n × D block of weights: it always spans the whole embedding axis.",
        "zh": "每个滤波器是一个 n × D 的权重块：它总是覆盖整个词向量轴。",
    },
    "metric.output": {"en": "output (batch, new_steps, F)", "zh": "输出 (batch, new_steps, F)"},
    "metric.output_help": {
        "en": "One row per window position, one column per filter; D is gone.",
        "zh": "每个窗口位置一行，每个滤波器一列；D 不见了。",
    },
    "metric.params": {"en": "parameters", "zh": "参数个数"},
    "metric.params_help": {
        "en": "n·D·F weights + F biases = {n}·{dim}·{filters} + {filters} = {params}",
        "zh": "n·D·F 个权重 + F 个偏置 = {n}·{dim}·{filters} + {filters} = {params}",
    },
    "conv1d.formula_terms": {
        "en": "i = {i} words, k = {k}, s = strides {s}, d = dilation_rate {d}. "
        "Padding '{padding}' adds {before} zero row(s) before and {after} after the words.",
        "zh": "i = {i} 个词，k = {k}，s = strides {s}，d = dilation_rate {d}。"
        "padding '{padding}' 在词前补 {before} 个零行，在词后补 {after} 个。",
    },
    "conv1d.where_title": {"en": "Where did the {dim} go?", "zh": "那 {dim} 维去哪儿了？"},
    "conv1d.where": {
        "en": "The kernel is **({n}, {dim}, {filters})**: each of the {filters} filters is a "
        "{n} × {dim} block that covers all {dim} dimensions of {n} consecutive words at once. "
        "It cannot move sideways, only down the sentence, so each window gives **one number per "
        "filter**: {per_window} products summed into one. The {dim} is summed away inside every "
        "dot product, and {words} words give **(1, {steps}, {filters})**.",
        "zh": "卷积核的形状是 **({n}, {dim}, {filters})**：{filters} 个滤波器中的每一个都是 {n} × {dim} 的块，"
        "一次覆盖 {n} 个连续词的全部 {dim} 个维度。它不能横向移动，只能沿句子向下滑，所以每个窗口"
        "**对每个滤波器只得到一个数**：{per_window} 个乘积加成一个数。{dim} 在每次点积中被求和消去，"
        "{words} 个词得到 **(1, {steps}, {filters})**。",
    },
    "conv1d.k1": {
        "en": "With **kernel_size=1** each window is one word: every output row is a weighted "
        "combination of that word's {dim} features, the same {dim} → {filters} projection for every "
        "word, giving (1, {k1_steps}, {filters}).",
        "zh": "当 **kernel_size=1** 时，每个窗口只有一个词：每一行输出都是该词 {dim} 个特征的加权组合，"
        "对每个词做相同的 {dim} → {filters} 投影，得到 (1, {k1_steps}, {filters})。",
    },
    "conv1d.output": {
        "en": "Output ({steps}, {filters}): rows are n-grams, columns are filters",
        "zh": "输出 ({steps}, {filters})：行是 n-gram，列是滤波器",
    },
    "conv1d.output_caption": {
        "en": "Each row is labelled with the words in its window; ∅ marks a zero padding row. "
        "A black frame marks each filter's largest value (max-over-time pooling, below).",
        "zh": "每一行都标出了窗口里的词；∅ 表示补上的零行。黑框标出每个滤波器的最大值（见下方的时间维最大池化）。",
    },
    "conv1d.download": {"en": "Download the output as CSV", "zh": "下载输出（CSV）"},
    "conv1d.download_help": {
        "en": "Rows are n-grams, columns are filters.",
        "zh": "行是 n-gram，列是滤波器。",
    },
    "conv1d.pad": {"en": "padding", "zh": "填充"},
    "conv1d.cell_check": {
        "en": "The sum matches output[{t}, {f}] = {value} from Keras (|Δ| = {diff}).",
        "zh": "这个和与 Keras 给出的 output[{t}, {f}] = {value} 一致（|Δ| = {diff}）。",
    },
    "conv1d.pooling": {"en": "Max-over-time pooling", "zh": "时间维最大池化"},
    "conv1d.pooling_caption": {
        "en": "A text CNN keeps each filter's largest value over the {steps} positions: "
        "{filters} numbers, each from its winning n-gram.",
        "zh": "文本 CNN 为每个滤波器保留 {steps} 个位置中的最大值：共 {filters} 个数，各自来自获胜的 n-gram。",
    },
    # Page 3: Conv2D.
    "conv2d.title": {
        "en": "3 · Conv2D: the same numbers, computed in 2-D",
        "zh": "3 · Conv2D：同样的数字，用二维卷积算出",
    },
    "conv2d.intro": {
        "en": "Treat the `(words, D)` matrix as a one-channel image and give Conv2D a kernel "
        "exactly D wide: it can only slide down, so it computes Conv1D. Here are the "
        "three computations side by side, with their differences measured.",
        "zh": "把 `(words, D)` 矩阵看作单通道图像，并让 Conv2D 的卷积核恰好 D 宽：它只能向下滑动，"
        "所以算的就是 Conv1D。下面并排列出三种计算，并测量它们的差异。",
    },
    "conv2d.reshape": {"en": "Same weights, reshaped", "zh": "相同的权重，换个形状"},
    "conv2d.reshape_text": {
        "en": "The Conv1D kernel ({n}, {dim}, {filters}) gains a unit input-channel axis and "
        "becomes the Conv2D kernel ({n}, {dim}, 1, {filters}); the bias is unchanged. The output "
        "(1, {steps}, 1, {filters}) has a width of 1, because a {dim}-wide kernel fits once "
        "across {dim} columns; squeezing that axis gives Conv1D's ({steps}, {filters}).",
        "zh": "Conv1D 的卷积核 ({n}, {dim}, {filters}) 增加一个大小为 1 的输入通道轴，变成 Conv2D 的卷积核 "
        "({n}, {dim}, 1, {filters})；偏置不变。输出 (1, {steps}, 1, {filters}) 的宽度为 1，"
        "因为 {dim} 宽的卷积核在 {dim} 列上只放得下一次；去掉这个轴就得到 Conv1D 的 ({steps}, {filters})。",
    },
    "form.conv1d": {"en": "Conv1D", "zh": "Conv1D"},
    "form.conv2d": {"en": "Conv2D, (n, D) kernel", "zh": "Conv2D，(n, D) 卷积核"},
    "form.conv2d_channels": {
        "en": "Conv2D, (1, n) kernel, D channels",
        "zh": "Conv2D，(1, n) 卷积核，D 个通道",
    },
    "form.numpy": {"en": "NumPy sliding window", "zh": "NumPy 滑动窗口"},
    "form.kim": {
        "en": "Kim (2014): Conv2D (n, D), channels_first",
        "zh": "Kim (2014)：Conv2D (n, D)，channels_first",
    },
    "form.jacovi": {
        "en": "Jacovi et al. (2018): Conv1D over the flat sentence",
        "zh": "Jacovi 等 (2018)：在展平的句子上做 Conv1D",
    },
    "form.im2col": {
        "en": "im2col: windows × kernel matrix",
        "zh": "im2col：窗口矩阵 × 卷积核矩阵",
    },
    "row.input": {"en": "input", "zh": "输入"},
    "row.kernel": {"en": "kernel", "zh": "卷积核"},
    "row.strides": {"en": "strides", "zh": "strides"},
    "row.dilation_rate": {"en": "dilation", "zh": "dilation"},
    "row.padding": {"en": "padding", "zh": "padding"},
    "row.output": {"en": "output", "zh": "输出"},
    "conv2d.side_by_side": {"en": "Side by side (float32)", "zh": "并排比较（float32）"},
    "conv2d.squeeze.conv1d": {
        "en": "output {shape}, batch axis dropped",
        "zh": "输出 {shape}，去掉 batch 轴",
    },
    "conv2d.squeeze.conv2d": {
        "en": "output {shape}, squeezed to ({steps}, {filters})",
        "zh": "输出 {shape}，压缩为 ({steps}, {filters})",
    },
    "conv2d.squeeze.numpy": {
        "en": "output {shape}: one dot product per window and filter",
        "zh": "输出 {shape}：每个窗口和滤波器做一次点积",
    },
    "verdict.identical": {"en": "identical", "zh": "完全相同"},
    "verdict.agree": {"en": "equal up to rounding", "zh": "仅有舍入误差"},
    "verdict.differ": {"en": "differ", "zh": "不同"},
    "conv2d.differ": {
        "en": "These computations disagree beyond rounding. Please report the URL of this page.",
        "zh": "这些计算的差异超出了舍入误差。请报告本页面的网址。",
    },
    "conv2d.code": {"en": "Reproduce it in a notebook", "zh": "在 notebook 中复现"},
    "conv2d.code1": {
        "en": "Conv1D on the matrix downloaded from the Embed page:",
        "zh": "在从词向量页面下载的矩阵上运行 Conv1D：",
    },
    "conv2d.code2": {
        "en": "Conv2D with the same weights, reshaped:",
        "zh": "用相同（改变形状后）的权重运行 Conv2D：",
    },
    "conv2d.channels": {
        "en": "The second equivalence: D as channels",
        "zh": "第二种等价：把 D 当作通道",
    },
    "conv2d.channels_text": {
        "en": "Conv1D is also `Conv2D(F, kernel_size=(1, n))` on a (1, 1, {words}, {dim}) input: "
        "one row of {words} pixels with {dim} channels, the kernel (1, {n}, {dim}, {filters}). "
        "Output {shape}, max |Δ| to Conv1D = {diff}. This is how Keras itself sees Conv1D: "
        "the embedding dimensions are input channels.",
        "zh": "Conv1D 也等于在 (1, 1, {words}, {dim}) 输入上做 `Conv2D(F, kernel_size=(1, n))`："
        "一行 {words} 个像素、{dim} 个通道，卷积核为 (1, {n}, {dim}, {filters})。"
        "输出 {shape}，与 Conv1D 的最大 |Δ| = {diff}。Keras 本身就是这样看待 Conv1D 的：词向量的维度是输入通道。",
    },
    "conv2d.padding": {"en": "Padding: the trap", "zh": "填充：陷阱"},
    "conv2d.padding_valid": {
        "en": "With padding 'valid' nothing is padded. Choose 'same' or 'causal' above to see "
        'why `Conv2D(padding="same")` is not the answer.',
        "zh": "padding 为 'valid' 时不做任何填充。在上面选择 'same' 或 'causal'，"
        '看看为什么 `Conv2D(padding="same")` 不是正确做法。',
    },
    "conv2d.naive": {
        "en": "Conv1D padding '{padding}' is NOT `Conv2D(padding=\"same\")`: that pads the D axis "
        "too, so the ({dim}-wide) kernel slides across the embedding and the output is "
        "{shape} instead of {expected}.",
        "zh": "Conv1D 的 padding '{padding}' 并不等于 `Conv2D(padding=\"same\")`：后者连 D 轴也填充，"
        "于是 {dim} 宽的卷积核在词向量维度上横向滑动，输出变成 {shape}，而不是 {expected}。",
    },
    "conv2d.naive_column_match": {
        "en": "Only column {column} sees all {dim} dimensions, and it happens to match Conv1D "
        "(max |Δ| = {diff}); the other {others} columns are partial windows no text CNN computes.",
        "zh": "只有第 {column} 列看到了全部 {dim} 个维度，它恰好与 Conv1D 一致（最大 |Δ| = {diff}）；"
        "其余 {others} 列都是不完整的窗口，文本 CNN 从不计算它们。",
    },
    "conv2d.naive_column_differ": {
        "en": "Only column {column} sees all {dim} dimensions, and even it differs from Conv1D "
        "(max |Δ| = {diff}): Conv2D has no 'causal', and 'same' pads the words on both ends.",
        "zh": "只有第 {column} 列看到了全部 {dim} 个维度，而即使这一列也与 Conv1D 不同（最大 |Δ| = {diff}）："
        "Conv2D 没有 'causal'，而 'same' 会在词的两端填充。",
    },
    "conv2d.fixed": {
        "en": "The correct construction pads the word axis only, "
        "`ZeroPadding2D((({before}, {after}), (0, 0)))`, then convolves 'valid': output {shape}, "
        "max |Δ| to Conv1D = {diff}.",
        "zh": "正确的做法是只填充词轴 `ZeroPadding2D((({before}, {after}), (0, 0)))`，再用 'valid' 卷积："
        "输出 {shape}，与 Conv1D 的最大 |Δ| = {diff}。",
    },
    "conv2d.mapping": {
        "en": "Conv1D strides={s} becomes Conv2D strides=({s}, 1), and dilation_rate={d} becomes "
        "({d}, 1): the second axis never moves.",
        "zh": "Conv1D 的 strides={s} 对应 Conv2D 的 strides=({s}, 1)，dilation_rate={d} 对应 ({d}, 1)："
        "第二个轴从不移动。",
    },
}
