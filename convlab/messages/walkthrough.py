"""Messages of the sliding-window walkthrough and the six roads to one answer."""

MESSAGES: dict[str, dict[str, str]] = {
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
    "forms.diff.float32": {"en": "max |Δ| float32", "zh": "最大 |Δ| float32"},
    "forms.diff.float64": {"en": "max |Δ| float64", "zh": "最大 |Δ| float64"},
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
