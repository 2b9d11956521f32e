"""Messages of the Shape lab: controls, read-outs, pitfalls, legacy translator, errors."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.shapes": {"en": "Shape lab", "zh": "形状实验室"},
    "shapelab.title": {
        "en": "Shape lab: what Conv1D and Conv2D do to a shape",
        "zh": "形状实验室：Conv1D 和 Conv2D 如何改变形状",
    },
    "shapelab.intro": {
        "en": "Set up any `Conv1D` or `Conv2D`: the output shape, the kernel shape and the "
        "parameter count appear with the formulas that produce them, and a real Keras layer, "
        "built on the fly, checks every figure. Or start from a mistake learners really make.",
        "zh": "任意设置一个 `Conv1D` 或 `Conv2D`：输出形状、卷积核形状和参数个数会连同计算它们的公式一起显示，"
        "并由即时构建的真实 Keras 层逐一核对。也可以从学习者真实犯过的错误开始。",
    },
    # Controls.
    "label.shape_preset": {"en": "Pitfalls learners hit", "zh": "学习者常踩的坑"},
    "help.shape_preset": {
        "en": "One click loads the layer as the learner wrote it, with the explanation and the fix.",
        "zh": "点一下即可载入学习者当初写的层，并附上解释和修正方法。",
    },
    "label.shape_layer": {"en": "layer", "zh": "层"},
    "help.shape_layer": {
        "en": "Conv1D slides along one axis (steps), Conv2D along two (rows and columns). "
        "The transposed layers go the other way: they spread the input out (strides "
        "multiply the length) instead of shrinking it.",
        "zh": "Conv1D 沿一个轴（steps）滑动，Conv2D 沿两个轴（行和列）滑动。转置卷积层方向相反："
        "它把输入展开（长度乘以 strides），而不是缩小。",
    },
    "label.shape_format": {"en": "data_format", "zh": "data_format 数据格式"},
    "help.shape_format": {
        "en": "Which input axis Keras reads as channels: the last (channels_last, the default) "
        "or the first after the batch (channels_first).",
        "zh": "Keras 把哪个输入轴当作通道：最后一个（channels_last，默认）或 batch 之后的第一个（channels_first）。",
    },
    "label.shape_input": {"en": "input shape, without batch", "zh": "输入形状（不含 batch）"},
    "help.shape_input": {
        "en": "What you pass to keras.Input(shape=...), e.g. 1, 32, 32 or (None, 300). "
        "Conv1D needs 2 numbers, Conv2D needs 3. None: any length (not for the channels).",
        "zh": "即传给 keras.Input(shape=...) 的内容，例如 1, 32, 32 或 (None, 300)。Conv1D 需要 2 个数，"
        "Conv2D 需要 3 个。None 表示任意长度（通道轴不行）。",
    },
    "label.shape_filters": {"en": "filters", "zh": "filters 滤波器数"},
    "help.shape_filters": {
        "en": "How many filters: the size of the output's channel axis.",
        "zh": "滤波器个数：即输出通道轴的大小。",
    },
    "label.shape_kernel": {"en": "kernel_size", "zh": "kernel_size 卷积核大小"},
    "help.shape_kernel": {
        "en": "An int or a tuple: 3 means (3,) for Conv1D and (3, 3) for Conv2D; "
        "(3, 300) sets each axis.",
        "zh": "整数或元组：3 对 Conv1D 表示 (3,)，对 Conv2D 表示 (3, 3)；(3, 300) 分别设置每个轴。",
    },
    "label.shape_strides": {"en": "strides", "zh": "strides 步长"},
    "help.shape_strides": {
        "en": "How far the window jumps per output, an int or one number per axis.",
        "zh": "每次输出窗口跳多远，可以是整数，也可以每个轴一个数。",
    },
    "label.shape_padding": {"en": "padding", "zh": "padding 填充"},
    "help.shape_padding": {
        "en": "valid: only where the window fits; same: ⌈i/s⌉ outputs per axis; causal (Conv1D "
        "only): zeros before the sequence, so no output sees the future.",
        "zh": "valid：只在窗口放得下的位置；same：每个轴输出 ⌈i/s⌉ 个；causal（仅 Conv1D）：只在序列前补零，输出看不到未来。",
    },
    "label.shape_dilation": {"en": "dilation_rate", "zh": "dilation_rate 膨胀率"},
    "help.shape_dilation": {
        "en": "Gap between the cells one window reads, an int or one number per axis. "
        "Keras cannot combine it with strides > 1.",
        "zh": "一个窗口读取的格子之间的间隔，可以是整数，也可以每个轴一个数。Keras 不能把它和 strides > 1 同时使用。",
    },
    "label.shape_groups": {"en": "groups", "zh": "groups 分组数"},
    "help.shape_groups": {
        "en": "Conv1D/Conv2D only. Split the input channels and the filters into this many "
        "groups; each group of filters reads only its own channels. Must divide both.",
        "zh": "仅用于 Conv1D/Conv2D。把输入通道和滤波器分成这么多组；每组滤波器只读取本组的通道。必须同时整除两者。",
    },
    "label.shape_output_padding": {"en": "output_padding", "zh": "output_padding 输出填充"},
    "help.shape_output_padding": {
        "en": "Transposed layers only. None lets Keras choose the length; a number (less "
        "than strides) adds that many cells after each axis, to get an exact length back.",
        "zh": "仅用于转置卷积层。None 表示由 Keras 决定长度；一个数（小于 strides）会在每个轴末尾多加这么多格子，以得到确切的长度。",
    },
    "label.shape_legacy": {"en": "Keras 1 code", "zh": "Keras 1 代码"},
    "help.shape_legacy": {
        "en": "Paste a line from an old tutorial. It is parsed, never run. Press Ctrl+Enter to apply.",
        "zh": "粘贴旧教程中的一行代码。它只会被解析，绝不会被运行。按 Ctrl+Enter 应用。",
    },
    # Read-outs.
    "shapelab.result": {"en": "What Keras makes of it", "zh": "Keras 如何理解它"},
    "shapelab.output": {"en": "output shape", "zh": "输出形状"},
    "shapelab.output_help": {
        "en": "Batch is None: any number of samples. One formula per spatial axis below.",
        "zh": "batch 为 None：任意数量的样本。下方每个空间轴一条公式。",
    },
    "shapelab.kernel": {"en": "kernel shape", "zh": "卷积核形状"},
    "shapelab.kernel_help": {
        "en": "kernel_size as a tuple, then the input channels, then the filters.",
        "zh": "元组形式的 kernel_size，接着是输入通道数，然后是滤波器数。",
    },
    "shapelab.params": {"en": "parameters", "zh": "参数个数"},
    "shapelab.params_help": {
        "en": "prod(kernel_size)·in_channels·filters weights plus one bias per filter.",
        "zh": "prod(kernel_size)·in_channels·filters 个权重，加上每个滤波器一个偏置。",
    },
    "shapelab.axes": {"en": "Which axis is which", "zh": "每个轴是什么"},
    "shapelab.axes_caption": {
        "en": "With {data_format}, Keras reads axis {axis} of the input as channels ({channels}).",
        "zh": "在 {data_format} 下，Keras 把输入的第 {axis} 个轴当作通道（{channels}）。",
    },
    "shapelab.row_input": {"en": "input", "zh": "输入"},
    "shapelab.row_output": {"en": "output", "zh": "输出"},
    "shapelab.col_axis": {"en": "axis {axis}", "zh": "第 {axis} 轴"},
    "shapelab.role_batch": {"en": "batch", "zh": "batch"},
    "shapelab.role_steps": {"en": "steps", "zh": "steps 步"},
    "shapelab.role_rows": {"en": "rows", "zh": "行"},
    "shapelab.role_cols": {"en": "cols", "zh": "列"},
    "shapelab.role_channels": {"en": "channels", "zh": "通道"},
    "shapelab.role_filters": {"en": "filters", "zh": "滤波器"},
    "shapelab.role_features": {"en": "features", "zh": "特征"},
    # The Keras check.
    "shapelab.keras": {"en": "Checked against a real Keras layer", "zh": "用真实的 Keras 层核对"},
    "shapelab.keras_agrees": {
        "en": "Keras built the same layer: output {output}, kernel {kernel}, {params} parameters.",
        "zh": "Keras 构建出了同样的层：输出 {output}，卷积核 {kernel}，{params} 个参数。",
    },
    "shapelab.keras_differs": {
        "en": "Keras disagrees with the formulas: output {output}, kernel {kernel}, {params} "
        "parameters. Please report this link.",
        "zh": "Keras 与公式的结果不一致：输出 {output}，卷积核 {kernel}，{params} 个参数。请报告这个链接。",
    },
    "shapelab.summary": {
        "en": "model.summary() of keras.Input → the layer, read from the real model:",
        "zh": "keras.Input → 该层 的 model.summary()，读自真实的模型：",
    },
    "shapelab.total": {"en": "Total params: {params}", "zh": "参数总数：{params}"},
    "shapelab.code": {
        "en": "The code that was run, to try in a notebook",
        "zh": "实际运行的代码，可以在 notebook 里试试",
    },
    "col.layer": {"en": "Layer (type)", "zh": "层（类型）"},
    "col.output_shape": {"en": "Output Shape", "zh": "输出形状"},
    "col.param": {"en": "Param #", "zh": "参数个数"},
    "shapelab.keras_says": {"en": "Keras says:", "zh": "Keras 的报错："},
    "shapelab.keras_builds": {
        "en": "Keras itself raises no error here: it builds output {output} with a kernel "
        "{kernel}, which is how the mistake slips through.",
        "zh": "Keras 本身在这里不会报错：它构建出输出 {output} 和卷积核 {kernel}，错误就是这样被放过的。",
    },
    "shapelab.not_built": {
        "en": "Not sent to Keras: a layer this large would take too much memory on a shared server.",
        "zh": "没有交给 Keras：这么大的层会在共享服务器上占用过多内存。",
    },
    # Pictures.
    "shapelab.picture": {"en": "The window along each axis", "zh": "窗口沿每个轴的滑动"},
    "shapelab.picture_caption": {
        "en": "{axis}: {size} cells, kernel {k}, strides {s}, dilation_rate {d}, padding "
        "{padding}: {before} zero cell(s) before and {after} after. Each row is one output; "
        "filled cells are the ones its window reads.",
        "zh": "{axis}：{size} 个格子，卷积核 {k}，步长 {s}，膨胀率 {d}，填充 {padding}："
        "前面补 {before} 个零格子，后面补 {after} 个。每一行是一个输出；填色的格子就是它的窗口读取的位置。",
    },
    "shapelab.picture_none": {
        "en": "{axis}: None, any length. There are no cells to draw; the formula above holds "
        "for every length.",
        "zh": "{axis}：None，任意长度。没有可画的格子；上面的公式对任意长度都成立。",
    },
    "shapelab.transposed_caption": {
        "en": "{axis}: a transposed convolution is a stride-1 convolution over the input "
        "spread out: {zeros} zero(s) put between its {size} cells give {spread} cells, "
        "{before} zero cell(s) added before and {after} after. A window of kernel {k}, "
        "dilation_rate {d}, slides one cell at a time: {outputs} outputs. Real cells show "
        "their name (x0, x1, …), inserted ones 0.",
        "zh": "{axis}：转置卷积就是在展开后的输入上做步长为 1 的卷积：在 {size} 个格子之间各插入 {zeros} 个零，"
        "得到 {spread} 个格子，前面再补 {before} 个零格子，后面补 {after} 个。卷积核 {k}、膨胀率 {d} "
        "的窗口每次移动一格：共 {outputs} 个输出。真实格子显示其名称（x0、x1、…），插入的格子显示 0。",
    },
    "shapelab.groups": {"en": "Which channels each filter reads", "zh": "每个滤波器读取哪些通道"},
    "shapelab.groups_caption": {
        "en": "groups={groups}: the {channels} input channels and the {filters} filters are "
        "split into {groups} runs. Each filter reads only the {per_group} channels of its own "
        "run, so the kernel holds {per_group} channels, not {channels}; each run makes "
        "{filters_per_group} filters.",
        "zh": "groups={groups}：{channels} 个输入通道和 {filters} 个滤波器各被分成 {groups} 组。"
        "每个滤波器只读取本组的 {per_group} 个通道，所以卷积核只有 {per_group} 个通道而不是 {channels} 个；"
        "每组产生 {filters_per_group} 个滤波器。",
    },
    "shapelab.groups_cut": {
        "en": "Showing the first {filters} filters and {channels} of {total} channels.",
        "zh": "只显示前 {filters} 个滤波器，以及 {total} 个通道中的前 {channels} 个。",
    },
    "shapelab.picture_cut": {
        "en": "Showing the first {cells} of {total} cells and the first {rows} of {outputs} outputs.",
        "zh": "只显示 {total} 个格子中的前 {cells} 个，以及 {outputs} 个输出中的前 {rows} 个。",
    },
    "shapelab.text_picture": {
        "en": "The same window over a sentence",
        "zh": "同一个窗口在句子上的滑动",
    },
    "shapelab.text_caption": {
        "en": "For text, the steps are words: the lesson's sentence, {words} tokens, as a "
        "Conv1D input ({words}, D), with this kernel {k}, strides {s}, dilation_rate {d} and "
        "padding {padding}. Each row is an n-gram.",
        "zh": "对文本来说，steps 就是词：课程中的句子共 {words} 个词元，作为 Conv1D 的输入 ({words}, D)，"
        "使用这里的卷积核 {k}、步长 {s}、膨胀率 {d} 和填充 {padding}。每一行是一个 n-gram。",
    },
    "cell.input": {"en": "input cell", "zh": "输入格子"},
    "cell.pad": {"en": "zero padding", "zh": "零填充"},
    "cell.read": {"en": "read by the window", "zh": "窗口读取"},
    "cell.read_pad": {"en": "reads a padding zero", "zh": "读到填充的零"},
    "cell.gap": {"en": "skipped (dilation gap)", "zh": "跳过（膨胀间隔）"},
    "axis.cell": {"en": "position", "zh": "位置"},
    # Presets.
    "shapelab.versions": {
        "en": "Every version, computed and checked by Keras",
        "zh": "每个版本，都经过计算并由 Keras 核对",
    },
    "shapelab.load": {"en": "Load", "zh": "载入"},
    "shapelab.load_help": {
        "en": "Put this version into the controls below.",
        "zh": "把这个版本放进下面的控件。",
    },
    "shapelab.refused": {"en": "refused", "zh": "被拒绝"},
    "col.role": {"en": "version", "zh": "版本"},
    "col.code": {"en": "code", "zh": "代码"},
    "col.keras": {"en": "Keras", "zh": "Keras"},
    "preset.given": {"en": "as written", "zh": "原来的写法"},
    "preset.fix": {"en": "fix", "zh": "修正"},
    "preset.compare": {"en": "to compare", "zh": "对照"},
    "preset.image.title": {
        "en": "My {sizes1} image gave {new_last0}×N feature maps",
        "zh": "我的 {sizes1} 图像得到了 {new_last0}×N 的特征图",
    },
    "preset.image.story": {
        "en": "`Input(shape={in0})` with channels_last: Keras reads the **last** axis as "
        "channels, so this is a {sizes0} image with **{channels0} channels**. "
        "`{call0}` gives `{out0}`, and its kernel is `{kernel0}`: **{params0} parameters** "
        "({sum0}).",
        "zh": "channels_last 下的 `Input(shape={in0})`：Keras 把**最后一个**轴当作通道，所以这是一张 "
        "{sizes0} 的图像，带有 **{channels0} 个通道**。`{call0}` 得到 `{out0}`，"
        "卷积核是 `{kernel0}`：**{params0} 个参数**（{sum0}）。",
    },
    "preset.image.fix": {
        "en": "Put the channels last, `{in1}`: `{out1}`. Or keep the array and say where the "
        'channels are, `data_format="channels_first"`: `{out2}` (filters come first). Both '
        "have the kernel `{kernel1}` and **{params1} parameters** ({sum1}), the figure "
        "`model.summary()` prints.",
        "zh": "把通道放到最后，`{in1}`：得到 `{out1}`。或者保持数组不变，用 "
        '`data_format="channels_first"` 说明通道在哪里：得到 `{out2}`（滤波器在前）。'
        "两者的卷积核都是 `{kernel1}`，都有 **{params1} 个参数**（{sum1}），正是 `model.summary()` 打印的数字。",
    },
    "preset.signal.title": {
        "en": "Where did my {channels0} go?",
        "zh": "我的 {channels0} 去哪儿了？",
    },
    "preset.signal.story": {
        "en": "A signal of {channels0} samples passed as `{in0}` is **{length0} step with "
        "{channels0} channels**. `{call0}` gives `{out0}`: one output step, and a kernel "
        "`{kernel0}` with {params0} parameters. A longer kernel does not fit at all: "
        "`{call1}` needs {k1} steps and gets {length1}, so Keras refuses it.",
        "zh": "长度为 {channels0} 的信号以 `{in0}` 传入，就成了**{length0} 个时间步、{channels0} 个通道**。"
        "`{call0}` 得到 `{out0}`：只有一个输出步，卷积核 `{kernel0}` 有 {params0} 个参数。"
        "更长的卷积核根本放不下：`{call1}` 需要 {k1} 个时间步，却只有 {length1} 个，所以 Keras 拒绝了它。",
    },
    "preset.signal.fix": {
        "en": "Pass it as `{in2}`: {length2} steps of 1 channel. `{call2}` gives `{out2}` and "
        "`{call3}` gives `{out3}`: {length3} − {k3} + 1 = {new3} steps, the window fits "
        "{length3} − k + 1 times.",
        "zh": "以 `{in2}` 传入：{length2} 个时间步、1 个通道。`{call2}` 得到 `{out2}`，"
        "`{call3}` 得到 `{out3}`：{length3} − {k3} + 1 = {new3} 步，窗口能放下 {length3} − k + 1 次。",
    },
    "preset.order.title": {
        "en": "Mathematica order: (channels, steps)",
        "zh": "Mathematica 的顺序：(channels, steps)",
    },
    "preset.order.story": {
        "en": "Mathematica and many papers write a signal as (channels, steps); Keras's "
        "Conv1D reads (steps, channels). {length0} sensors over {channels0} time steps, "
        "`{in0}`, become {length0} steps of {channels0} channels: `{call0}` gives `{out0}` "
        "with a kernel `{kernel0}` ({params0} parameters) that slides over the sensors.",
        "zh": "Mathematica 和许多论文把信号写成 (channels, steps)；Keras 的 Conv1D 读取的是 (steps, channels)。"
        "{length0} 个传感器、{channels0} 个时间步的 `{in0}` 被读成 {length0} 个时间步、{channels0} 个通道："
        "`{call0}` 得到 `{out0}`，卷积核 `{kernel0}`（{params0} 个参数）在传感器之间滑动。",
    },
    "preset.order.fix": {
        "en": 'Tell Conv1D the order: `data_format="channels_first"` gives `{out1}`, a kernel '
        "`{kernel1}` ({params1} parameters) sliding over the {length1} time steps; filters "
        "come first in the output too. Or transpose the array to `{in2}`: `{out2}`.",
        "zh": '告诉 Conv1D 顺序：`data_format="channels_first"` 得到 `{out1}`，卷积核 `{kernel1}`'
        "（{params1} 个参数）沿 {length1} 个时间步滑动；输出中滤波器也在前。或者把数组转置成 `{in2}`：得到 `{out2}`。",
    },
    "preset.twins.title": {
        "en": "Conv1D({k0}) over {in0} = Conv2D({ks1}) over {in1}",
        "zh": "在 {in0} 上的 Conv1D({k0}) = 在 {in1} 上的 Conv2D({ks1})",
    },
    "preset.twins.story": {
        "en": "`{call0}` on `{in0}` has the kernel `{kernel0}`; `{call1}` on `{in1}` has "
        "`{kernel1}`. Both hold {weights0} weights and {params0} parameters: the Conv2D "
        "kernel is the Conv1D kernel with an input-channel axis of 1 inserted, "
        "`kernel.reshape({kernel1})`.",
        "zh": "在 `{in0}` 上的 `{call0}` 卷积核是 `{kernel0}`；在 `{in1}` 上的 `{call1}` 卷积核是 "
        "`{kernel1}`。两者都有 {weights0} 个权重、{params0} 个参数：Conv2D 的卷积核就是在 Conv1D "
        "的卷积核中插入一个大小为 1 的输入通道轴，即 `kernel.reshape({kernel1})`。",
    },
    "preset.twins.fix": {
        "en": "The Conv2D window is as wide as the image, so it fits exactly once across "
        "(new_cols = {new_last1}) and slides down only: `{out1}` is `{out0}` with that axis of "
        "1 added. The Conv2D page measures that the numbers are the same too.",
        "zh": "Conv2D 的窗口和图像一样宽，横向恰好只放得下一次（new_cols = {new_last1}），只能向下滑动："
        "`{out1}` 就是 `{out0}` 加上那个大小为 1 的轴。Conv2D 页面还实测了两者的数值也相同。",
    },
    "preset.pointwise.title": {"en": "kernel_size={k0}", "zh": "kernel_size={k0}"},
    "preset.pointwise.story": {
        "en": "A 1-wide window reads one step at a time: each output row is W·x_t + b for "
        "word t alone, which is `Dense({filters0})` applied to every word. The steps stay "
        "({length0} → {new0}); only the last axis changes, {channels0} → {filters0}: `{out0}`, "
        "{params0} parameters ({sum0}).",
        "zh": "宽度为 1 的窗口每次只读一个时间步：每一行输出是只对第 t 个词计算的 W·x_t + b，"
        "相当于对每个词分别做 `Dense({filters0})`。时间步不变（{length0} → {new0}）；只有最后一个轴改变，"
        "{channels0} → {filters0}：`{out0}`，{params0} 个参数（{sum0}）。",
    },
    "preset.pointwise.fix": {
        "en": "To see neighbouring words together, widen the window: `{call1}` gives `{out1}`, "
        "each row a {k1}-gram, with {params1} parameters.",
        "zh": "想让相邻的词一起被看到，就加宽窗口：`{call1}` 得到 `{out1}`，每一行是一个 {k1}-gram，"
        "共 {params1} 个参数。",
    },
    "preset.transpose.title": {
        "en": "Conv1DTranspose gives {new1} steps, not {length0}",
        "zh": "Conv1DTranspose 得到 {new1} 步，而不是 {length0} 步",
    },
    "preset.transpose.story": {
        "en": "`{call0}` shrinks `{in0}` to `{out0}`: ⌈{length0} / 2⌉ = {new0} steps. The "
        "transposed layer with the same settings, `{call1}` on `{in1}`, spreads them out again, "
        "but 'same' makes i·s = {new1} steps: `{out1}`. Both {length0} and {new1} steps shrink "
        "to {new0}, so Keras cannot know which you want. Note the kernel: `{kernel1}` is "
        "kernel_size + (filters, in_channels), the reverse of Conv1D's kernel_size + "
        "(in_channels, filters), so it has the very shape of the Conv1D kernel `{kernel0}`.",
        "zh": "`{call0}` 把 `{in0}` 缩小为 `{out0}`：⌈{length0} / 2⌉ = {new0} 步。设置相同的转置卷积层 "
        "`{call1}` 作用在 `{in1}` 上又把它展开，但 'same' 给出 i·s = {new1} 步：`{out1}`。{length0} 步和 "
        "{new1} 步都会缩小成 {new0} 步，所以 Keras 无法知道你想要哪一个。注意卷积核：`{kernel1}` 是 "
        "kernel_size + (filters, in_channels)，与 Conv1D 的 kernel_size + (in_channels, filters) 顺序相反，"
        "所以它的形状恰好就是 Conv1D 卷积核的形状 `{kernel0}`。",
    },
    "preset.transpose.fix": {
        "en": "Say which length: `output_padding=0` gives (i − 1)·s + k % 2 + 0 = {new2} steps, "
        "`{out2}`, the shape of the input again. Only the shape: a transposed convolution is "
        "not the inverse of a convolution, and its weights are its own.",
        "zh": "指明想要的长度：`output_padding=0` 给出 (i − 1)·s + k % 2 + 0 = {new2} 步，即 `{out2}`，"
        "又回到输入的形状。但只是形状：转置卷积不是卷积的逆运算，它有自己的权重。",
    },
    "preset.round_trip": {
        "en": "Measured on a random batch (seed {seed}): the values that come back differ from "
        "the input by up to {gap} (mean {mean}) for inputs of mean size {size}. Same shape, "
        "other numbers.",
        "zh": "在一个随机批次上实测（种子 {seed}）：回来的数值与输入最多相差 {gap}（平均 {mean}），"
        "而输入的平均大小为 {size}。形状相同，数值不同。",
    },
    # Paste a model.
    "paste.title": {"en": "Paste a model, see every shape", "zh": "粘贴一个模型，看清每一层的形状"},
    "paste.intro": {
        "en": "Paste a small Keras model: `keras.Sequential([...])`, `model.add(...)` lines "
        "or a functional chain `x = Conv1D(...)(x)`. It is read, **never run**: only Keras "
        "layers with literal arguments are accepted. Each layer gets its output shape with "
        "the axis names, its formula and parameters, and a real Keras model checks them.",
        "zh": "粘贴一个小的 Keras 模型：`keras.Sequential([...])`、`model.add(...)` 行，或函数式写法 "
        "`x = Conv1D(...)(x)`。代码只会被读取，**绝不会被运行**：只接受参数为字面量的 Keras 层。"
        "每一层都会给出带轴名的输出形状、公式和参数个数，并由真实的 Keras 模型核对。",
    },
    "label.shape_model": {"en": "Keras model code", "zh": "Keras 模型代码"},
    "help.shape_model": {
        "en": "Keras 1 names are translated first. Press Ctrl+Enter to apply.",
        "zh": "Keras 1 的名称会先被翻译。按 Ctrl+Enter 应用。",
    },
    "paste.example_image": {
        "en": "(1, 32, 32) image, as posted",
        "zh": "(1, 32, 32) 图像，原帖写法",
    },
    "paste.example_fix": {"en": "…and its fix", "zh": "……以及修正"},
    "paste.example_text": {"en": "Kim's text CNN", "zh": "Kim 的文本 CNN"},
    "paste.example_help": {
        "en": "Put this model into the box (what you typed there is replaced).",
        "zh": "把这个模型放进输入框（会替换你已输入的内容）。",
    },
    "paste.keras1": {
        "en": "Keras 1 names translated first: {changes}",
        "zh": "已先翻译 Keras 1 的名称：{changes}",
    },
    "paste.verdict": {
        "en": "Keras agrees on every one of the {layers} layers compared. Total params by the "
        "formulas: {params}; in the Keras model: {keras}.",
        "zh": "比较过的 {layers} 层全部与 Keras 一致。按公式计算的参数总数：{params}；Keras 模型中：{keras}。",
    },
    "paste.differs": {
        "en": "Keras disagrees with the formulas on {differ} of the {layers} layers compared "
        "(marked ✗). Total params by the formulas: {params}; in the Keras model: {keras}. "
        "Please report this paste.",
        "zh": "在比较过的 {layers} 层中，有 {differ} 层 Keras 与公式不一致（标为 ✗）。按公式计算的参数总数："
        "{params}；Keras 模型中：{keras}。请报告这段代码。",
    },
    "paste.stopped": {
        "en": "Layer {index}, “{layer}”, gives no output shape, so the layers after it cannot "
        "be computed: {why}",
        "zh": "第 {index} 层 “{layer}” 没有输出形状，所以它后面的层无法计算：{why}",
    },
    "paste.supported": {"en": "Layers a paste may use", "zh": "可以粘贴的层"},
    "col.formula": {"en": "formula", "zh": "公式"},
    "col.keras_output": {"en": "Keras: output · params", "zh": "Keras：输出 · 参数"},
    "col.note": {"en": "why not", "zh": "原因"},
    # Legacy translator.
    "shapelab.legacy": {"en": "Keras 1 code → Keras 3", "zh": "Keras 1 代码 → Keras 3"},
    "shapelab.legacy_intro": {
        "en": "Old tutorials use Keras 1 names. Paste a line: it is translated name by name, "
        "values kept.",
        "zh": "旧教程使用 Keras 1 的名称。粘贴一行代码：会逐个名称翻译，取值保持不变。",
    },
    "shapelab.legacy_out": {"en": "In Keras 3:", "zh": "在 Keras 3 中："},
    "shapelab.legacy_changes": {"en": "What changed", "zh": "改动了什么"},
    "shapelab.legacy_table": {"en": "The whole mapping", "zh": "完整的对照表"},
    "col.keras1": {"en": "Keras 1", "zh": "Keras 1"},
    "col.keras3": {"en": "Keras 3", "zh": "Keras 3"},
    "keras1.nothing": {
        "en": "No Keras 1 name found: this code needs no translation.",
        "zh": "没有找到 Keras 1 的名称：这段代码无需翻译。",
    },
    "keras1.unknown": {
        "en": "Left out, because Keras 3 has no such argument: {args}. Set weights with "
        "layer.set_weights() after building; check the others in the Keras 3 docs.",
        "zh": "已略去，因为 Keras 3 没有这些参数：{args}。权重请在构建后用 layer.set_weights() 设置；其余的请查阅 Keras 3 文档。",
    },
    "keras1.note_full": {
        "en": "Keras 3 has no padding='full': pad with ZeroPadding1D/2D first, then use 'valid'.",
        "zh": "Keras 3 没有 padding='full'：先用 ZeroPadding1D/2D 补零，再用 'valid'。",
    },
    "keras1.note_value": {
        "en": "{value} is not a literal 'th' or 'tf': make sure it now holds "
        "'channels_first' or 'channels_last'.",
        "zh": "{value} 不是字面量 'th' 或 'tf'：请确认它现在的值是 'channels_first' 或 'channels_last'。",
    },
    "keras1.note_input_shape": {
        "en": "Keras 3 prefers keras.Input(shape=...) as the first layer to an input_shape "
        "argument.",
        "zh": "Keras 3 更推荐把 keras.Input(shape=...) 作为第一层，而不是使用 input_shape 参数。",
    },
    "keras1.note_positional": {
        "en": "“{call}” runs in Keras 3, but not as old tutorials mean it: the third number "
        "is **strides={s}**, not a {k}×{s} kernel. Keras 1's “Convolution2D({filters}, {k}, "
        "{s})” meant “kernel_size=({k}, {s})”; in Keras 3 write “Conv2D({filters}, ({k}, {s}))”.",
        "zh": "“{call}” 在 Keras 3 中可以运行，但含义与旧教程不同：第三个数是 **strides={s}**，"
        "而不是 {k}×{s} 的卷积核。Keras 1 的 “Convolution2D({filters}, {k}, {s})” 表示 "
        "“kernel_size=({k}, {s})”；在 Keras 3 中请写 “Conv2D({filters}, ({k}, {s}))”。",
    },
    "keras1.note_unrecognized": {
        "en": "Keras 3 refuses the old names in this call with: “Unrecognized keyword "
        "arguments passed to {layer}: {args}”. The translation above uses the new names.",
        "zh": "Keras 3 会拒绝这个调用里的旧参数名，报错为：“Unrecognized keyword arguments "
        "passed to {layer}: {args}”。上面的翻译已使用新名称。",
    },
    "keras1.note_missing": {
        "en": "{name} is missing: kernel_size needs one number per axis.",
        "zh": "缺少 {name}：kernel_size 每个轴都需要一个数。",
    },
    # Errors.
    "err.shape_ints": {
        "en": "{name} must be whole numbers separated by commas, like 1, 32, 32 or (8, 8) "
        "(got '{text}').",
        "zh": "{name} 必须是用逗号分隔的整数，例如 1, 32, 32 或 (8, 8)（当前为 '{text}'）。",
    },
    "err.shape_rank": {
        "en": "{layer} needs an input shape of {expected} numbers without the batch, "
        "{roles}; {shape} has {got}. Add or remove an axis, e.g. a channels axis of 1.",
        "zh": "{layer} 需要一个不含 batch、由 {expected} 个数组成的输入形状 {roles}；"
        "{shape} 有 {got} 个。请增加或删除一个轴，例如加一个大小为 1 的通道轴。",
    },
    "err.shape_tuple": {
        "en": "{name}={value} must be one int or {rank} numbers, one per axis of {layer}.",
        "zh": "{name}={value} 必须是一个整数，或者 {rank} 个数（{layer} 的每个轴一个）。",
    },
    "err.shape_positive": {
        "en": "Every number in {name} must be at least 1 (got {value}): an axis needs cells, "
        "a window needs width, a step needs length.",
        "zh": "{name} 中的每个数都至少为 1（当前为 {value}）：轴需要格子，窗口需要宽度，步长需要长度。",
    },
    "err.shape_too_big": {
        "en": "{name} {value} is more than this lab accepts ({most}). Try a smaller number.",
        "zh": "{name} 为 {value}，超过了本实验室接受的上限（{most}）。请换一个更小的数。",
    },
    "err.shape_weights": {
        "en": "This kernel would hold {weights} weights, more than this lab builds ({most}). "
        "Use fewer filters, a smaller kernel or fewer channels.",
        "zh": "这个卷积核会有 {weights} 个权重，超过了本实验室构建的上限（{most}）。请减少滤波器、缩小卷积核或减少通道。",
    },
    "err.shape_causal": {
        "en": "padding 'causal' exists only for Conv1D; {layer} takes 'valid' or 'same'.",
        "zh": "padding 'causal' 只适用于 Conv1D；{layer} 只能用 'valid' 或 'same'。",
    },
    "err.shape_too_short": {
        "en": "With padding 'valid' the window on {axis} spans d·(k−1)+1 = {d}·({k}−1)+1 = "
        "{span} cells, but that axis has {size}. Use padding 'same', a smaller kernel, or "
        "check which axis data_format reads as channels.",
        "zh": "padding 为 'valid' 时，{axis} 轴上的窗口跨度为 d·(k−1)+1 = {d}·({k}−1)+1 = {span} 个格子，"
        "但这个轴只有 {size} 个。请改用 padding 'same'、缩小卷积核，或检查 data_format 把哪个轴当作通道。",
    },
    "err.shape_none_channels": {
        "en": "{layer} needs to know its channels: axis {axis} of {shape} is what {data_format} "
        "reads as channels, and it is None. None is allowed only on the steps, rows and "
        "columns (any sentence length); give the channels as a number, e.g. the embedding size.",
        "zh": "{layer} 需要知道通道数：在 {data_format} 下，{shape} 的第 {axis} 个轴是通道，而它是 None。"
        "只有 steps、行和列可以是 None（任意句子长度）；请把通道写成一个数，例如词向量的维度。",
    },
    "err.shape_groups": {
        "en": "groups={groups} must divide both the input channels ({channels}) and the "
        "filters ({filters}): each group reads channels/groups channels and makes "
        "filters/groups filters. Pick a groups value that divides both, e.g. 1.",
        "zh": "groups={groups} 必须同时整除输入通道数（{channels}）和滤波器数（{filters}）："
        "每组读取 通道数/groups 个通道、产生 滤波器数/groups 个滤波器。请选择能同时整除两者的 groups，例如 1。",
    },
    "err.shape_no_argument": {
        "en": "{layer} has no {name} argument. groups exists only for Conv1D/Conv2D, "
        "output_padding only for the transposed layers.",
        "zh": "{layer} 没有 {name} 参数。groups 只用于 Conv1D/Conv2D，output_padding 只用于转置卷积层。",
    },
    "err.shape_output_padding": {
        "en": "output_padding {value} must be smaller than strides {strides} on every axis: "
        "it only picks one of the {strides} output lengths that a stride of {strides} "
        "leaves open. Use a number from 0 to strides − 1, or None.",
        "zh": "每个轴上的 output_padding {value} 都必须小于 strides {strides}：它只是在步长 {strides} "
        "留下的 {strides} 种输出长度中选一个。请使用 0 到 strides − 1 之间的数，或 None。",
    },
    "err.shape_negative": {
        "en": "{name} cannot be negative (got {value}): it adds cells, it cannot remove them.",
        "zh": "{name} 不能为负数（当前为 {value}）：它只能增加格子，不能删除格子。",
    },
    "err.shape_empty_output": {
        "en": "On {axis} this transposed layer would give 0 cells: with padding 'same', an even "
        "kernel {k} and output_padding {op}, a 1-cell input leaves nothing. Use output_padding "
        "None, an odd kernel, or a longer input.",
        "zh": "在 {axis} 轴上，这个转置卷积层会得到 0 个格子：padding 为 'same'、偶数卷积核 {k}、"
        "output_padding 为 {op} 时，长度为 1 的输入什么也留不下。请用 output_padding None、奇数卷积核或更长的输入。",
    },
    "err.paste_statement": {
        "en": "This is not part of a model: “{text}”. Paste only imports from keras, "
        "layer calls with literal arguments, model.add(...) lines or x = Layer(...)(x) lines.",
        "zh": "这不是模型的一部分：“{text}”。只能粘贴 keras 的 import、参数为字面量的层调用、"
        "model.add(...) 行或 x = Layer(...)(x) 行。",
    },
    "err.paste_call": {
        "en": "“{name}” is not a layer this lab builds, so the paste is refused. Use the Keras "
        "layers listed under the box (Conv1D, Dense, LSTM, …); nothing else is ever called.",
        "zh": "“{name}” 不是本实验室可以构建的层，所以这段代码被拒绝。请使用输入框下方列出的 Keras 层"
        "（Conv1D、Dense、LSTM 等）；其他任何东西都不会被调用。",
    },
    "err.paste_argument": {
        "en": "“{text}” is not a literal value. Write numbers, strings, True/False/None or "
        "tuples of them, e.g. kernel_size=3 instead of kernel_size=k.",
        "zh": "“{text}” 不是字面量。请写数字、字符串、True/False/None 或由它们组成的元组，"
        "例如用 kernel_size=3 代替 kernel_size=k。",
    },
    "err.paste_unknown": {
        "en": "Keras 3 takes no argument “{text}” here, so the paste is refused. Remove it, or "
        "look up its Keras 3 name in the Keras docs; set weights with layer.set_weights().",
        "zh": "Keras 3 在这里不接受参数 “{text}”，所以这段代码被拒绝。请删除它，或在 Keras 文档中查找它在 "
        "Keras 3 中的名称；权重请用 layer.set_weights() 设置。",
    },
    "err.paste_no_layers": {
        "en": "No layer found. Paste a keras.Sequential([...]), model.add(...) lines or a "
        "functional chain starting with keras.Input(shape=...).",
        "zh": "没有找到任何层。请粘贴 keras.Sequential([...])、model.add(...) 行，"
        "或以 keras.Input(shape=...) 开头的函数式代码。",
    },
    "err.paste_too_many": {
        "en": "More than {most} layers: paste a smaller model, or a part of it.",
        "zh": "超过 {most} 层：请粘贴更小的模型，或其中一部分。",
    },
    "err.paste_no_formula": {
        "en": "The lab's formulas cannot read {layer}'s arguments here, so Keras is not asked "
        "either. Check them against the Keras docs.",
        "zh": "本实验室的公式读不懂这里 {layer} 的参数，所以也不会交给 Keras。请对照 Keras 文档检查。",
    },
    "err.paste_input": {
        "en": "keras.Input needs shape=(...) with whole numbers or None (got {text}).",
        "zh": "keras.Input 需要 shape=(...)，其中是整数或 None（当前为 {text}）。",
    },
    "err.paste_undefined": {
        "en": "{layer} needs its input's last axis to be a number; it gets {shape}.",
        "zh": "{layer} 需要输入的最后一个轴是一个确定的数；它得到的是 {shape}。",
    },
    "err.paste_undefined_axis": {
        "en": "{layer} needs axis {axis} of its input to be a number; it gets {shape}.",
        "zh": "{layer} 需要输入的第 {axis} 个轴是一个确定的数；它得到的是 {shape}。",
    },
    "err.paste_no_input": {
        "en": "Keras cannot know the input's shape: start the model with "
        "keras.Input(shape=(...)), e.g. keras.Input(shape=(None, 300)) for sentences.",
        "zh": "Keras 无法知道输入的形状：请在模型开头加上 keras.Input(shape=(...))，"
        "例如句子可以用 keras.Input(shape=(None, 300))。",
    },
    "err.cli_missing": {
        "en": "Give {names}, or --model-file with model code.",
        "zh": "请给出 {names}，或者用 --model-file 给出模型代码。",
    },
    "err.cli_file": {
        "en": "Cannot read {path}: {reason}.",
        "zh": "无法读取 {path}：{reason}。",
    },
    "err.paste_weights": {
        "en": "Up to this layer the model holds more than {most} weights, more than this lab "
        "builds on a shared server. The layers above are checked; paste a smaller model.",
        "zh": "到这一层为止，模型的权重已超过 {most} 个，超出了本实验室在共享服务器上构建的上限。"
        "上面的层已经核对；请粘贴更小的模型。",
    },
    "err.pool_too_short": {
        "en": "The pooling window of {pool} does not fit on {axis}, which has {size} cell(s). "
        "Use padding='same', a smaller pool_size, or check which axis is the channels.",
        "zh": "大小为 {pool} 的池化窗口放不进 {axis} 轴，该轴只有 {size} 个格子。"
        "请使用 padding='same'、更小的 pool_size，或检查哪个轴是通道。",
    },
    "err.crop_too_much": {
        "en": "Cropping {before} + {after} cells from {axis}, which has {size}, leaves nothing. "
        "Crop fewer cells than the axis holds.",
        "zh": "从 {axis} 轴裁掉 {before} + {after} 个格子，而该轴只有 {size} 个，什么也剩不下。"
        "请裁掉少于该轴长度的格子。",
    },
    "err.reshape_size": {
        "en": "Reshape cannot turn {shape} into {target}: the sizes must multiply to the "
        "input's {total} values, with at most one -1 for what is left.",
        "zh": "Reshape 无法把 {shape} 变成 {target}：各维的乘积必须等于输入的 {total} 个值，"
        "并且最多只能有一个 -1 表示剩下的部分。",
    },
    "err.legacy_empty": {
        "en": "Paste a line of Keras 1 code, e.g. a Convolution2D(...) call.",
        "zh": "请粘贴一行 Keras 1 代码，例如一个 Convolution2D(...) 调用。",
    },
    "err.legacy_too_long": {
        "en": "That is {chars} characters; paste at most {most}, a few lines at a time.",
        "zh": "共有 {chars} 个字符；每次最多粘贴 {most} 个，一次几行即可。",
    },
    "err.legacy_syntax": {
        "en": "Line {line} is not Python that can be read ({reason}). Paste a complete call, "
        "with its closing bracket.",
        "zh": "第 {line} 行不是可以读取的 Python 代码（{reason}）。请粘贴完整的调用，包括右括号。",
    },
}
