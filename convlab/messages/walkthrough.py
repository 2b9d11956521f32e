"""Messages of the sliding-window walkthrough and the six roads to one answer."""

MESSAGES: dict[str, dict[str, str]] = {
    # The walkthrough (Conv1D page).
    "walk.title": {"en": "Watch it slide", "zh": "看窗口滑动"},
    "walk.intro": {
        "en": "The outlined rows of the input are the window of the current step; times the "
        "kernel of one filter they give the products, whose row sums plus the bias make the "
        "outlined output cell. Press Play, step with the buttons, or click an output cell or an "
        "input row.",
        "zh": "输入中加框的行就是当前这一步的窗口；它们与某个滤波器的卷积核逐元素相乘得到乘积，"
        "各行之和加上偏置就是加框的输出单元。点击播放、用按钮逐步前进，或者点击某个输出单元或输入行。",
    },
    "walk.play": {"en": "Play", "zh": "播放"},
    "walk.unread": {
        "en": "No window reads row {row}: the strides jump over it.",
        "zh": "没有窗口读取第 {row} 行：步长跳过了它。",
    },
    "walk.pause": {"en": "Pause", "zh": "暂停"},
    "help.walk_play": {
        "en": "Move the window one step at a time at the chosen speed; only this view reruns.",
        "zh": "按所选速度让窗口一步一步移动；只有这个视图会重新运行。",
    },
    "label.walk_speed": {"en": "Speed", "zh": "速度"},
    "help.walk_speed": {
        "en": "Seconds per step while playing: slow 2 s, normal 1 s, fast 0.5 s.",
        "zh": "播放时每一步的秒数：慢 2 秒，正常 1 秒，快 0.5 秒。",
    },
    "walk.speed.slow": {"en": "slow", "zh": "慢"},
    "walk.speed.normal": {"en": "normal", "zh": "正常"},
    "walk.speed.fast": {"en": "fast", "zh": "快"},
    "label.walk_all": {"en": "All filters at once", "zh": "所有滤波器一起"},
    "help.walk_all": {
        "en": "Each step fills a whole output row: every filter reads the same window.",
        "zh": "每一步填满输出的一整行：所有滤波器读取同一个窗口。",
    },
    "walk.first": {"en": "First", "zh": "第一步"},
    "walk.prev": {"en": "Back", "zh": "上一步"},
    "walk.next": {"en": "Next", "zh": "下一步"},
    "walk.last": {"en": "Last", "zh": "最后一步"},
    "help.walk_first": {"en": "Go to the first window", "zh": "回到第一个窗口"},
    "help.walk_prev": {"en": "Move the window back one step", "zh": "窗口后退一步"},
    "help.walk_next": {"en": "Move the window on one step", "zh": "窗口前进一步"},
    "help.walk_last": {"en": "Go to the last window", "zh": "跳到最后一个窗口"},
    "walk.input": {
        "en": "Input ({words}, {dim}), padding rows ∅",
        "zh": "输入 ({words}, {dim})，∅ 为填充行",
    },
    "walk.kernel": {
        "en": "Kernel W[:, :, {f}] ({n}, {dim})",
        "zh": "卷积核 W[:, :, {f}] ({n}, {dim})",
    },
    "walk.product": {
        "en": "x ⊙ W ({n}, {dim}) and row sums",
        "zh": "x ⊙ W ({n}, {dim}) 与各行之和",
    },
    "walk.output": {"en": "Output ({steps}, {filters})", "zh": "输出 ({steps}, {filters})"},
    "walk.zoom": {
        "en": "Only the first {shown} of the {dim} dimensions are drawn one by one. In the "
        "product panel the Σ column adds the other {rest} products of each row, so every row "
        "sum is exact; in the input and kernel it marks the {rest} dimensions it stands for.",
        "zh": "只逐一画出 {dim} 个维度中的前 {shown} 个。在乘积面板中，Σ 列是每行其余 {rest} "
        "个乘积之和，所以每行的和都是精确的；在输入和卷积核中，它表示它所代表的 {rest} 个维度。",
    },
    "walk.now": {
        "en": "Step {step} of {steps}: window “{window}” (rows {rows}) · filter {filter} → "
        "**{value}**",
        "zh": "第 {step} 步，共 {steps} 步：窗口“{window}”（第 {rows} 行）· 滤波器 {filter} → "
        "**{value}**",
    },
    "walk.now_all": {
        "en": "Step {step} of {steps}: window “{window}” (rows {rows}) · filters {filter} → "
        "{value}",
        "zh": "第 {step} 步，共 {steps} 步：窗口“{window}”（第 {rows} 行）· 滤波器 {filter} → "
        "{value}",
    },
    # The same window in two dimensions (Conv2D page).
    "image.title": {"en": "The same window in two dimensions", "zh": "二维中的同一个窗口"},
    "image.wide": {
        "en": "({n}, {dim}) kernel at step {t}",
        "zh": "({n}, {dim}) 卷积核位于第 {t} 步",
    },
    "image.wide_text": {
        "en": "The ({n}, {dim}) kernel is as wide as the image: it fits in exactly {cols} "
        "horizontal position, so the output width is {cols} and it can only slide down, "
        "through {steps} positions. The step is the walkthrough's, on the Conv1D page.",
        "zh": "({n}, {dim}) 卷积核和图像一样宽：它在水平方向上恰好只有 {cols} 个位置，"
        "所以输出宽度为 {cols}，它只能向下滑动，共 {steps} 个位置。这里的步与 Conv1D 页面的逐步演示相同。",
    },
    "image.small": {"en": "({k}, {k}) kernel at row {t}", "zh": "({k}, {k}) 卷积核位于第 {t} 行"},
    "image.small_text": {
        "en": "A ({k}, {k}) kernel on the same image also slides across: ({rows}, {cols}) = "
        "{positions} positions per filter (a few drawn thin), so Conv2D(F={filters}, ({k}, {k})) "
        "would give (1, {rows}, {cols}, {filters}), mixing 3 of the embedding's dimensions at "
        "a time, which no text CNN wants.",
        "zh": "同一图像上的 ({k}, {k}) 卷积核还会横向滑动：每个滤波器有 ({rows}, {cols}) = {positions} "
        "个位置（细框画出其中几个），所以 Conv2D(F={filters}, ({k}, {k})) 会得到 "
        "(1, {rows}, {cols}, {filters})，每次只混合词向量的 3 个维度，这不是文本 CNN 想要的。",
    },
    "image.small_too_small": {
        "en": "A ({k}, {k}) kernel does not fit a ({words}, {dim}) image.",
        "zh": "({k}, {k}) 卷积核放不进 ({words}, {dim}) 的图像。",
    },
    # Six roads to one answer (Conv2D page).
    "forms.title": {"en": "Six roads to one answer", "zh": "殊途同归：六种写法"},
    "forms.intro": {
        "en": "Papers and libraries write the same text convolution in different layouts. "
        "Each line below runs on this sentence with these weights; the last two columns are "
        "the largest |Δ| of its (new_steps, F) numbers against Conv1D, measured now.",
        "zh": "论文和各个库用不同的张量布局写出同一个文本卷积。下面每一行都在当前句子和权重上实际运行；"
        "最后两列是它的 (new_steps, F) 结果与 Conv1D 之间实时测得的最大 |Δ|。",
    },
    "forms.form": {"en": "form", "zh": "写法"},
    "forms.settings": {
        "en": "How each form follows the layer's strides, dilation and padding:",
        "zh": "每种写法如何实现这一层的 strides、dilation 和 padding：",
    },
    "forms.short.conv1d": {"en": "1 · Conv1D", "zh": "1 · Conv1D"},
    "forms.short.conv2d": {"en": "2 · Conv2D (n, D)", "zh": "2 · Conv2D (n, D)"},
    "forms.short.conv2d_channels": {"en": "3 · Conv2D (1, n)", "zh": "3 · Conv2D (1, n)"},
    "forms.short.kim": {"en": "4 · Kim (2014)", "zh": "4 · Kim (2014)"},
    "forms.short.jacovi": {"en": "5 · Jacovi (2018)", "zh": "5 · Jacovi 等 (2018)"},
    "forms.short.im2col": {"en": "6 · im2col", "zh": "6 · im2col"},
    "forms.code": {
        "en": "{form}, with the same weights (after the Conv1D code above):",
        "zh": "{form}，使用相同的权重（接在上面的 Conv1D 代码之后）：",
    },
    "walk.code": {"en": "Reproduce this step in a notebook", "zh": "在 notebook 中复现这一步"},
    "walk.code_intro": {
        "en": "Run Conv1D on the matrix downloaded from the Embed page, then take step {t} "
        "of filter {f} apart as the panels do:",
        "zh": "在从词向量页面下载的矩阵上运行 Conv1D，然后像上面的面板一样拆开滤波器 {f} 的第 {t} 步：",
    },
    "forms.diff.float32": {"en": "|Δ| float32", "zh": "|Δ| float32"},
    "forms.diff.float64": {"en": "|Δ| float64", "zh": "|Δ| float64"},
    "forms.agree": {
        "en": "{roads} roads, one answer: every difference is rounding, the largest {worst}.",
        "zh": "{roads} 种写法，同一个答案：所有差值都只是舍入误差，最大为 {worst}。",
    },
    "forms.reason.jacovi_dilation": {
        "en": "{form} cannot express dilation_rate={d}: the flat sentence has no word axis "
        "to dilate, and Keras refuses strides > 1 (here D) with dilation > 1.",
        "zh": "{form} 无法表达 dilation_rate={d}：展平后的句子没有可以扩张的词轴，"
        "而且 Keras 不允许 strides > 1（这里是 D）与 dilation > 1 同时使用。",
    },
}
