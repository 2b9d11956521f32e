"""Messages of the Your model page: sources, inputs, the shape table, activations, refusals."""

MESSAGES: dict[str, dict[str, str]] = {
    "section.yours": {"en": "Your model", "zh": "你的模型"},
    "nav.your_model": {"en": "Your Conv1D model", "zh": "你的 Conv1D 模型"},
    "your_model.title": {
        "en": "Your model: every Conv1D layer, its shapes and its activations",
        "zh": "你的模型：每个 Conv1D 层、它的形状与激活",
    },
    "your_model.intro": {
        "en": "Bring a Keras 3 model (`.keras`), or start from an example. Every layer's output "
        "shape is shown with what each axis means; every Conv1D gets its kernel, its new_steps "
        "formula and a heatmap whose rows are labelled by the span of the input they read.",
        "zh": "带来一个 Keras 3 模型（`.keras`），或从示例开始。每层的输出形状都标明各轴的含义；"
        "每个 Conv1D 都给出卷积核、new_steps 公式，以及一张热图，其每一行都标注了它读取的输入范围。",
    },
    # Sources.
    "label.own_source": {"en": "Model", "zh": "模型"},
    "help.own_source": {
        "en": "An example shipped with convlab, a .keras file you upload, or the model trained "
        "on the Train page with its current settings.",
        "zh": "convlab 自带的示例、你上传的 .keras 文件，或在训练页面用当前设置训练的模型。",
    },
    "own.source.text_example": {"en": "Example: text CNN", "zh": "示例：文本 CNN"},
    "own.source.signal_example": {"en": "Example: signal CNN", "zh": "示例：信号 CNN"},
    "own.source.upload": {"en": "Upload a .keras file", "zh": "上传 .keras 文件"},
    "own.source.fit": {"en": "Trained on the Train page", "zh": "训练页面训练的模型"},
    "own.source.path": {"en": "A file on this server", "zh": "本服务器上的文件"},
    "label.own_path": {"en": "Model file on the server", "zh": "服务器上的模型文件"},
    "help.own_path": {
        "en": "A .keras or .h5 file name inside the folder the server allows "
        "($CONVLAB_MODEL_DIR); nothing outside it can be opened.",
        "zh": "服务器允许的文件夹（$CONVLAB_MODEL_DIR）中的 .keras 或 .h5 文件名；文件夹以外的文件无法打开。",
    },
    "own.path_prompt": {
        "en": "Type the name of a model file in the server's model folder.",
        "zh": "请输入服务器模型文件夹中的模型文件名。",
    },
    "own.path_off": {
        "en": "This server allows no model files by path: its administrator can set {env} to a "
        "folder of models. Upload the file instead.",
        "zh": "这个服务器不允许按路径打开模型文件：管理员可以把 {env} 设为一个模型文件夹。请改为上传文件。",
    },
    "own.path_outside": {
        "en": "Refused: '{path}' is not a file inside the server's model folder.",
        "zh": "已拒绝：'{path}' 不是服务器模型文件夹中的文件。",
    },
    "label.own_model_file": {"en": "Your model file", "zh": "你的模型文件"},
    "help.own_model_file": {
        "en": "A Keras 3 .keras file (or a legacy .h5), at most 50 MB. It is checked before "
        "Keras reads it and loaded in safe mode: Lambda layers and classes from outside Keras "
        "are refused.",
        "zh": "Keras 3 的 .keras 文件（或旧版 .h5），最大 50 MB。Keras 读取前会先检查，并以安全模式加载："
        "Lambda 层和 Keras 以外的类会被拒绝。",
    },
    "own.upload_prompt": {
        "en": "Upload a model file to see its layers.",
        "zh": "上传一个模型文件即可查看它的各层。",
    },
    "own.no_fit": {
        "en": "No model has been trained with the Train page's current settings yet: train one "
        "there, then come back.",
        "zh": "还没有用训练页面的当前设置训练过模型：请先去那里训练，再回来。",
    },
    "own.loaded": {
        "en": "**{name}**: {layers} layers, {convs} Conv1D, input {shape}, {params} parameters.",
        "zh": "**{name}**：{layers} 层，{convs} 个 Conv1D，输入 {shape}，{params} 个参数。",
    },
    "spinner.own_load": {
        "en": "Checking and loading the model…",
        "zh": "正在检查并加载模型……",
    },
    # Shape table.
    "own.shapes": {"en": "Every layer's output, axis by axis", "zh": "每层的输出，逐轴说明"},
    "own.col.layer": {"en": "layer", "zh": "层"},
    "own.col.class": {"en": "class", "zh": "类"},
    "own.col.output_shape": {"en": "output shape", "zh": "输出形状"},
    "own.col.axes": {"en": "axes", "zh": "各轴含义"},
    "own.col.params": {"en": "parameters", "zh": "参数"},
    "own.col.kernel": {"en": "kernel (k, in, filters)", "zh": "卷积核 (k, 输入通道, 滤波器)"},
    "own.col.formula": {"en": "new_steps", "zh": "new_steps"},
    "own.col.params_formula": {"en": "parameters", "zh": "参数"},
    "own.col.data_format": {"en": "data_format", "zh": "data_format"},
    "own.col.field": {"en": "receptive field (steps)", "zh": "感受野（步）"},
    "own.col.jump": {"en": "jump (steps)", "zh": "步距（步）"},
    "own.col.agrees": {"en": "Keras agrees", "zh": "与 Keras 一致"},
    "own.col.filter": {"en": "filter", "zh": "滤波器"},
    "own.col.rank": {"en": "rank", "zh": "名次"},
    "own.col.span": {"en": "span", "zh": "范围"},
    "own.col.activation": {"en": "activation", "zh": "激活值"},
    "own.col.ngram": {"en": "winning n-gram", "zh": "获胜 n-gram"},
    "own.col.position": {"en": "position", "zh": "位置"},
    "own.col.id": {"en": "token id", "zh": "词元 id"},
    "own.col.token": {"en": "token", "zh": "词元"},
    "own.col.oov": {"en": "not in the vocabulary", "zh": "不在词表中"},
    "own.axis.batch": {"en": "batch", "zh": "batch 批"},
    "own.axis.steps": {"en": "steps", "zh": "steps 步"},
    "own.axis.channels": {"en": "channels", "zh": "channels 通道"},
    "own.axis.filters": {"en": "filters", "zh": "filters 滤波器"},
    "own.axis.features": {"en": "features", "zh": "features 特征"},
    "own.axis.text": {"en": "text (one string)", "zh": "文本（一个字符串）"},
    "own.axis.unknown": {"en": "?", "zh": "?"},
    "own.convs": {"en": "Each Conv1D, its numbers derived", "zh": "每个 Conv1D 的数字推导"},
    "own.convs_caption": {
        "en": "Rebuilt from each layer's config with the Shape lab's arithmetic, for this "
        "input's {length} steps, and compared with what Keras built. The receptive field is "
        "how many input steps one row reads; the jump, how far apart two rows' spans start.",
        "zh": "按每层的配置、用形状实验室的算法，针对当前输入的 {length} 步重新推导，并与 Keras "
        "实际构建的结果比较。感受野是一行读取的输入步数；步距是相邻两行的读取范围起点相隔多远。",
    },
    "own.no_conv1d": {
        "en": "This model has no Conv1D layer: the shape table above is all there is to show.",
        "zh": "这个模型没有 Conv1D 层：上面的形状表就是可展示的全部内容。",
    },
    # Input.
    "own.input": {"en": "The input", "zh": "输入"},
    "label.own_input": {"en": "Input", "zh": "输入"},
    "help.own_input": {
        "en": "A sentence for a text model; for a numeric model a generated signal, a .npy "
        "array or a CSV (rows are steps, columns are channels).",
        "zh": "文本模型用一句话；数值模型可用生成的信号、.npy 数组或 CSV（行是步，列是通道）。",
    },
    "own.input.sentence": {"en": "sentence", "zh": "句子"},
    "own.input.signal": {"en": "generated signal", "zh": "生成的信号"},
    "own.input.npy": {"en": ".npy file", "zh": ".npy 文件"},
    "own.input.csv": {"en": "CSV file", "zh": "CSV 文件"},
    "own.signal.sine": {"en": "sine", "zh": "正弦波 (sine)"},
    "own.signal.square": {"en": "square", "zh": "方波 (square)"},
    "own.signal.noise": {"en": "noise", "zh": "噪声 (noise)"},
    "own.signal.step": {"en": "step", "zh": "阶跃 (step)"},
    "label.own_sentence": {"en": "Sentence", "zh": "句子"},
    "help.own_sentence": {
        "en": "Tokenised by the model's own TextVectorization, or by convlab's vocabulary "
        "stored in its own .keras files.",
        "zh": "用模型自带的 TextVectorization 分词，或用 convlab 保存在自己 .keras 文件中的词表。",
    },
    "label.own_signal": {"en": "Signal", "zh": "信号"},
    "help.own_signal": {
        "en": "An example signal with one row per step and the model's channels, from the seed.",
        "zh": "由种子生成的示例信号：每步一行，通道数与模型一致。",
    },
    "label.own_steps": {"en": "Steps", "zh": "步数"},
    "help.own_steps": {
        "en": "Length of the generated signal when the model accepts any length.",
        "zh": "模型接受任意长度时，生成信号的长度。",
    },
    "label.own_seed": {"en": "Seed", "zh": "种子"},
    "help.own_seed": {
        "en": "Fixes the signal's frequencies, phases, noise and step position.",
        "zh": "固定信号的频率、相位、噪声和阶跃位置。",
    },
    "label.own_npy_file": {"en": "A .npy array", "zh": ".npy 数组"},
    "help.own_npy_file": {
        "en": "Read with allow_pickle=False: object arrays are refused. (steps, channels), "
        "or with a batch axis of 1.",
        "zh": "以 allow_pickle=False 读取：对象数组会被拒绝。形状为 (步, 通道)，或带一个大小为 1 的 batch 轴。",
    },
    "label.own_csv_file": {"en": "A CSV of numbers", "zh": "数字 CSV"},
    "help.own_csv_file": {
        "en": "One row per step, one column per channel; a header row is skipped.",
        "zh": "每步一行，每个通道一列；表头行会被跳过。",
    },
    "own.input_prompt": {
        "en": "Upload the input file to run the model.",
        "zh": "上传输入文件即可运行模型。",
    },
    "own.tokens": {
        "en": "Token ids as the model reads them (∅ is padding, id 0). A word the vocabulary "
        "does not have is shown as typed, ticked as not in the vocabulary: the model reads "
        "only its out-of-vocabulary id.",
        "zh": "模型读到的词元 id（∅ 表示填充，id 0）。词表中没有的词按输入原样显示，并标为“不在词表中”："
        "模型读到的只是它的词表外 id。",
    },
    "label.own_transpose": {"en": "Use it transposed", "zh": "转置后使用"},
    "help.own_transpose": {
        "en": "Swap the two axes, so rows become steps and columns channels.",
        "zh": "交换两个轴，让行成为步、列成为通道。",
    },
    "own.transposed_used": {
        "en": "Transposed: {shape}.",
        "zh": "已转置：{shape}。",
    },
    # Activations.
    "own.activations": {"en": "Activations, layer by layer", "zh": "逐层激活"},
    "own.layer_caption": {
        "en": "{cls} · output {shape} · rows are steps labelled by the input span they read, "
        "columns are {what}.",
        "zh": "{cls} · 输出 {shape} · 行是步，标注为它读取的输入范围；列是{what}。",
    },
    "own.rows_cut": {
        "en": "The first {shown} of {rows} rows; the downloads hold every row.",
        "zh": "这里只画出 {rows} 行中的前 {shown} 行；下载文件包含全部行。",
    },
    "own.top": {"en": "Top-activating spans per filter", "zh": "每个滤波器激活最高的范围"},
    "label.own_top": {"en": "Spans per filter", "zh": "每个滤波器的范围数"},
    "help.own_top": {
        "en": "How many of each filter's highest rows to list, best first.",
        "zh": "列出每个滤波器激活最高的几行，最高的在前。",
    },
    "own.download_csv": {"en": "This layer (CSV)", "zh": "本层（CSV）"},
    "help.own_download_csv": {
        "en": "One row per step, with its span, one column per filter.",
        "zh": "每步一行（含读取范围），每个滤波器一列。",
    },
    "own.download_npz": {"en": "All layers (.npz)", "zh": "全部层（.npz）"},
    "help.own_download_npz": {
        "en": "Every shown layer's (steps, channels) array, and the row spans, in one NumPy file.",
        "zh": "所有展示层的 (步, 通道) 数组及每行的范围，存在一个 NumPy 文件中。",
    },
    "own.winners": {
        "en": "Winning n-gram of each filter of {layer}, over the model's embedding",
        "zh": "{layer} 每个滤波器的获胜 n-gram（基于模型的词嵌入）",
    },
    "own.winners_caption": {
        "en": "As on the filters page: each filter's best window of this sentence, with what "
        "each word adds (E[word] · W[slot]).",
        "zh": "与滤波器页面相同：每个滤波器在这句话中得分最高的窗口，以及每个词的贡献（E[词] · W[位置]）。",
    },
    "own.untraced": {
        "en": "Rows of {layer} are numbered, not labelled: a layer on the way ({cls}) moves "
        "steps in a way convlab does not trace.",
        "zh": "{layer} 的行只编号而不标注：途中有一层（{cls}）以 convlab 不追踪的方式改变了步。",
    },
    # Code.
    "own.code": {"en": "The same arrays in your notebook", "zh": "在你的笔记本里得到相同的数组"},
    "own.channels_first_cpu": {
        "en": "This TensorFlow cannot run {layers} here: data_format='channels_first' "
        "convolution has no kernel on this CPU (TensorFlow runs only channels_last on CPU "
        "unless its oneDNN kernels are on). The shapes above still hold. To see activations, "
        "rebuild the model with channels_last layers (and (steps, channels) input), or run "
        "convlab where oneDNN is on.",
        "zh": "这里的 TensorFlow 无法运行 {layers}：data_format='channels_first' 的卷积在这台 CPU "
        "上没有可用的内核（除非开启 oneDNN 内核，TensorFlow 在 CPU 上只运行 channels_last）。"
        "上面的形状依然成立。要查看激活值，请用 channels_last 的层（以及 (步, 通道) 的输入）重建模型，"
        "或在开启 oneDNN 的环境中运行 convlab。",
    },
    "own.code_nested": {
        "en": "Not in the code below: {layers}. They sit in a model nested more than one level "
        "deep, or fed by several layers, where the code's recipe (call the nested model's "
        "layers on the one outer layer that feeds it) does not reach; the page calls them on "
        "what the outer model feeds them (same weights) to show them.",
        "zh": "下面的代码不含：{layers}。它们位于嵌套超过一层的模型中，或其输入来自多个层，"
        "代码的做法（在唯一一个为嵌套模型提供输入的外层层上调用它的各层）到达不了；"
        "本页把它们在外层模型传给它们的输入上再调用一次（权重相同）来显示。",
    },
    "own.code_caption": {
        "en": "Keras 3 has no learning phase: build one model from the same inputs to the layers "
        "you want and call it with training=False. The old code below, from Keras 2, needed "
        "K.function and K.learning_phase(), which Keras 3 removed.",
        "zh": "Keras 3 没有 learning phase：从相同的输入到想看的层建一个模型，再用 training=False 调用它。"
        "下面是 Keras 2 的旧写法，需要 K.function 和 K.learning_phase()，Keras 3 已将其移除。",
    },
    "own.download_input": {"en": "The input (input.npy)", "zh": "输入（input.npy）"},
    "help.own_download_input": {
        "en": "The array the page ran, with its batch axis: the code above loads it.",
        "zh": "页面运行时使用的数组（含 batch 轴）：上面的代码会加载它。",
    },
    # Refusals and bad input.
    "own.too_big": {
        "en": "Refused: the model file is {size} MB; at most {most} MB is accepted.",
        "zh": "已拒绝：模型文件为 {size} MB；最多接受 {most} MB。",
    },
    "own.not_json": {
        "en": "Refused: the model's {member} is not a JSON model config.",
        "zh": "已拒绝：模型的 {member} 不是 JSON 格式的模型配置。",
    },
    "own.no_config": {
        "en": "Refused: this zip has no config.json, so it is not a Keras 3 .keras model.",
        "zh": "已拒绝：这个 zip 没有 config.json，所以不是 Keras 3 的 .keras 模型。",
    },
    "own.not_model_file": {
        "en": "Refused: this is neither a .keras zip nor a legacy HDF5 (.h5) model.",
        "zh": "已拒绝：这既不是 .keras zip，也不是旧版 HDF5（.h5）模型。",
    },
    "own.h5_unreadable": {
        "en": "Refused: h5py cannot read this .h5 file.",
        "zh": "已拒绝：h5py 无法读取这个 .h5 文件。",
    },
    "own.h5_no_config": {
        "en": "Refused: this .h5 file has no model_config (weights only?), so there is no model "
        "to check.",
        "zh": "已拒绝：这个 .h5 文件没有 model_config（只有权重？），因此没有可检查的模型。",
    },
    "own.not_model": {
        "en": "Refused: the file holds a '{name}', not a Functional or Sequential Keras model.",
        "zh": "已拒绝：文件中是 '{name}'，不是 Functional 或 Sequential 的 Keras 模型。",
    },
    "own.inputs": {
        "en": "Refused: the model has {count} inputs ({names}). Supported: one input, either "
        "text (a string into TextVectorization), token ids (into an Embedding), or a signal "
        "of (steps, channels).",
        "zh": "已拒绝：模型有 {count} 个输入（{names}）。支持的情形：一个输入，可以是文本（字符串进入 "
        "TextVectorization）、词元 id（进入 Embedding）或 (步, 通道) 的信号。",
    },
    "own.unreadable": {
        "en": "Keras could not load this model in safe mode: {reason}",
        "zh": "Keras 无法在安全模式下加载这个模型：{reason}",
    },
    "own.no_file": {"en": "No model file at {path}.", "zh": "{path} 处没有模型文件。"},
    "own.no_input_file": {"en": "No input file at {path}.", "zh": "{path} 处没有输入文件。"},
    "own.example_missing": {
        "en": "The example '{name}' is missing: rebuild it with tools/build_own_examples.py.",
        "zh": "示例 '{name}' 不存在：请用 tools/build_own_examples.py 重新生成。",
    },
    "own.example_altered": {
        "en": "The example '{name}' does not match its checksum in examples.json, so it is not "
        "loaded.",
        "zh": "示例 '{name}' 与 examples.json 中的校验和不符，因此不予加载。",
    },
    "own.no_vocabulary": {
        "en": "This model takes token ids and carries no vocabulary (no TextVectorization, no "
        "convlab.json), so a sentence cannot be turned into ids: give the ids as a .npy file.",
        "zh": "这个模型接受词元 id，但没有词表（没有 TextVectorization，也没有 convlab.json），"
        "无法把句子转成 id：请以 .npy 文件提供 id。",
    },
    "own.not_text": {
        "en": "This model takes numbers of shape {want}, not text: choose a signal, a .npy or a "
        "CSV.",
        "zh": "这个模型接受形状为 {want} 的数字，而不是文本：请选择信号、.npy 或 CSV。",
    },
    "own.needs_sentence": {
        "en": "This model reads text through its own TextVectorization: give it a sentence.",
        "zh": "这个模型通过自带的 TextVectorization 读取文本：请给它一句话。",
    },
    "own.empty_sentence": {
        "en": "The sentence has no words to tokenise.",
        "zh": "这句话里没有可以分词的词。",
    },
    "own.input_too_big": {
        "en": "The input file is over {most} MB.",
        "zh": "输入文件超过 {most} MB。",
    },
    "own.npy_bad": {
        "en": "This .npy cannot be used ({reason}): it must be a numeric array saved without "
        "pickle.",
        "zh": "这个 .npy 无法使用（{reason}）：它必须是不经 pickle 保存的数值数组。",
    },
    "own.csv_bad": {
        "en": "This CSV cannot be used: every cell must be a number (one header row is allowed).",
        "zh": "这个 CSV 无法使用：每个单元格都必须是数字（允许一行表头）。",
    },
    "own.shape_rank": {
        "en": "The model takes {want} (batch first), but the input is {got}: the number of axes "
        "differs.",
        "zh": "模型接受 {want}（第一个是 batch），但输入是 {got}：轴的个数不同。",
    },
    "own.shape_mismatch": {
        "en": "The model takes {want} (batch first), but the input is {got}.",
        "zh": "模型接受 {want}（第一个是 batch），但输入是 {got}。",
    },
    "own.transposed_first": {
        "en": "The model takes {want}, but the input is {got}: it looks transposed. You probably "
        "meant {fixed}: {channels} channel(s) of {steps} steps, not {steps} channels of "
        "{channels} step(s). This model's Conv1D layers read (channels, steps) "
        "(data_format='channels_first'), Mathematica's order too.",
        "zh": "模型接受 {want}，但输入是 {got}：看起来被转置了。你大概想要的是 {fixed}：{channels} 个通道、"
        "每个通道 {steps} 步，而不是 {steps} 个通道、每个通道 {channels} 步。这个模型的 Conv1D 层按 "
        "(通道, 步) 读取（data_format='channels_first'），与 Mathematica 的顺序相同。",
    },
    "own.transposed": {
        "en": "The model takes {want}, but the input is {got}: it looks transposed. You probably "
        "meant {fixed}: {steps} steps of {channels} channel(s), not {channels} step(s) of "
        "{steps} channels. Keras reads (steps, channels); Mathematica's order is (channels, "
        "steps).",
        "zh": "模型接受 {want}，但输入是 {got}：看起来被转置了。你大概想要的是 {fixed}：{steps} 步、每步 "
        "{channels} 个通道，而不是 {channels} 步、每步 {steps} 个通道。Keras 的顺序是 (步, 通道)；"
        "Mathematica 的顺序是 (通道, 步)。",
    },
    "own.too_many_steps": {
        "en": "The input has {steps} steps; at most {most} are accepted.",
        "zh": "输入有 {steps} 步；最多接受 {most} 步。",
    },
    "own.ids_bad": {
        "en": "This model takes token ids: the array must hold non-negative whole numbers.",
        "zh": "这个模型接受词元 id：数组必须是非负整数。",
    },
    "own.not_finite": {
        "en": "The input holds NaN or infinite values.",
        "zh": "输入中有 NaN 或无穷大的值。",
    },
    "own.too_short": {
        "en": "The input is too short for layer '{layer}': it would get {rows} steps. Give at "
        "least {need} steps.",
        "zh": "输入对层 '{layer}' 来说太短：它只会得到 {rows} 步。请至少提供 {need} 步。",
    },
    "own.bad_layer": {
        "en": "No shown layer is called '{layer}'; the shown layers are: {names}.",
        "zh": "没有名为 '{layer}' 的展示层；展示的层有：{names}。",
    },
}
