"""Messages of the trained text CNN: data, training, saved models, and what the filters learned."""

MESSAGES: dict[str, dict[str, str]] = {
    # Navigation and page heads.
    "nav.train": {"en": "Train a text CNN", "zh": "训练文本 CNN"},
    "nav.filters": {"en": "What the filters learned", "zh": "滤波器学到了什么"},
    "train.title": {
        "en": "Train Kim's sentence CNN on real reviews",
        "zh": "用真实影评训练 Kim 的句子 CNN",
    },
    "train.intro": {
        "en": "With random weights the lesson shows the mechanics; a trained model shows why text "
        "CNNs work. This is Kim (2014), *Convolutional Neural Networks for Sentence "
        "Classification*: word vectors, `Conv1D` with several kernel sizes and relu, max pooling "
        "over time, dropout 0.5 and a dense softmax, trained with Adam on a fixed split. Nothing "
        "trains until you press **Train**; a finished fit is kept for these exact settings.",
        "zh": "随机权重只能展示计算过程；训练好的模型才能说明文本 CNN 为什么有效。这里是 Kim (2014) 的"
        "《Convolutional Neural Networks for Sentence Classification》：词向量、多种卷积核大小的 `Conv1D`"
        " 加 relu、时间维最大池化、0.5 的 dropout 和 softmax 全连接层，用 Adam 在固定划分上训练。"
        "按下**训练**之前不会开始训练；训练好的结果会按这组设置保存下来。",
    },
    "filters.title": {
        "en": "What the filters learned: n-gram detectors",
        "zh": "滤波器学到了什么：n-gram 检测器",
    },
    "filters.intro": {
        "en": "After Jacovi, Sar Shalom & Goldberg (2018): every filter scores each n-gram and max "
        "pooling keeps the best one per sentence. A filter's **class** is where its dense weights "
        "point (the argmax), its **weight** how hard it pushes toward that class, and its top "
        "n-grams across the data show what it detects.",
        "zh": "参考 Jacovi、Sar Shalom 和 Goldberg (2018)：每个滤波器给每个 n-gram 打分，最大池化为每个句子"
        "保留得分最高的一个。滤波器的**类别**是它的全连接权重所指向的类别（argmax），**权重**表示它把"
        "结果推向该类别的力度，它在整个数据上得分最高的 n-gram 说明它在检测什么。",
    },
    # Train page: data.
    "train.data": {"en": "Data", "zh": "数据"},
    "train.data_mr": {
        "en": "MR movie reviews (Pang & Lee 2005)",
        "zh": "MR 影评数据（Pang & Lee 2005）",
    },
    "train.data_upload": {"en": "Upload a CSV/TSV", "zh": "上传 CSV/TSV"},
    "label.cnn_data": {"en": "Sentences to learn from", "zh": "用于学习的句子"},
    "help.cnn_data": {
        "en": "MR: 5,331 positive and 5,331 negative review snippets, read from a local folder "
        "or downloaded once. Or your own table with a text column and a label column.",
        "zh": "MR：5331 条正面和 5331 条负面影评片段，从本地文件夹读取或下载一次。也可以上传自己的表格，"
        "需要一个文本列和一个标签列。",
    },
    "label.cnn_rows": {"en": "Rows used, at most", "zh": "最多使用的行数"},
    "help.cnn_rows": {
        "en": "Train on a fixed random sample of this many rows: smaller is faster, for a quick "
        "demo or a small server. The same number always picks the same rows.",
        "zh": "只用这么多行的固定随机样本来训练：越小越快，适合快速演示或小服务器。同一个数字总是选中同样的行。",
    },
    "label.cnn_table_file": {"en": "CSV or TSV file", "zh": "CSV 或 TSV 文件"},
    "help.cnn_table_file": {
        "en": "A header row, then one example per row. UTF-8 is expected; other files are read "
        "as latin-1. Tab-separated files are recognised by a .tsv name or tabs in the header.",
        "zh": "第一行是表头，之后每行一个样本。应为 UTF-8，其他编码按 latin-1 读取。"
        "以 .tsv 结尾或表头含制表符的文件按制表符分隔读取。",
    },
    "train.upload_prompt": {
        "en": "Upload a CSV or TSV with a text column and a label column.",
        "zh": "请上传包含文本列和标签列的 CSV 或 TSV。",
    },
    "train.upload_kept": {
        "en": "Using {name}, uploaded earlier in this session.",
        "zh": "正在使用本次会话中之前上传的 {name}。",
    },
    "label.cnn_text_col": {"en": "Text column", "zh": "文本列"},
    "help.cnn_text_col": {
        "en": "The column holding the sentences.",
        "zh": "存放句子的列。",
    },
    "label.cnn_label_col": {"en": "Label column", "zh": "标签列"},
    "help.cnn_label_col": {
        "en": "The column holding each sentence's class. Any values work: they are numbered "
        "0, 1, ... in sorted order, and the mapping is shown below.",
        "zh": "存放每个句子类别的列。任何取值都可以：按排序编号为 0、1、……，对应关系显示在下方。",
    },
    "train.mr_folder": {"en": "MR read from {folder}.", "zh": "MR 读取自 {folder}。"},
    "train.mr_missing": {
        "en": "MR is not on this server yet. Download it once (about 0.5 MB; it is checked "
        "and cached), or upload your own CSV/TSV.",
        "zh": "这台服务器上还没有 MR。可以下载一次（约 0.5 MB，会校验并缓存），或者上传自己的 CSV/TSV。",
    },
    "train.mr_download": {"en": "Download MR", "zh": "下载 MR"},
    "train.mr_download_help": {
        "en": "Fetches rt-polaritydata.tar.gz from Cornell, checks its line counts and sha256 "
        "sums, and keeps it on disk. Needs the internet; gives up after a few seconds.",
        "zh": "从康奈尔大学下载 rt-polaritydata.tar.gz，检查行数和 sha256 校验和，并保存在磁盘上。"
        "需要联网；几秒内无响应就放弃。",
    },
    "train.mr_downloading": {"en": "Downloading {url}…", "zh": "正在下载 {url}…"},
    "train.latin1": {
        "en": "The file is not valid UTF-8, so it was read as latin-1. Check that accented "
        "letters in the table below look right.",
        "zh": "文件不是有效的 UTF-8，因此按 latin-1 读取。请检查下表中的重音字母是否正确。",
    },
    "train.dropped": {
        "en": "{rows} rows without a text or a label were skipped.",
        "zh": "跳过了 {rows} 行缺少文本或标签的数据。",
    },
    "train.truncated": {
        "en": "The file has more rows than the {most} this app reads: the last {rows} were "
        "left out.",
        "zh": "文件的行数超过了本应用读取的上限 {most} 行：最后 {rows} 行没有读取。",
    },
    "train.sampled": {
        "en": "Using a fixed random sample of {rows} of the {total} rows.",
        "zh": "正在使用 {total} 行中固定随机抽取的 {rows} 行。",
    },
    "col.class": {"en": "class", "zh": "类别编号"},
    "col.label": {"en": "label", "zh": "标签"},
    "col.rows": {"en": "rows", "zh": "行数"},
    "train.mapping": {
        "en": "Labels become class numbers 0, 1, ... in sorted order (numbers in numeric order).",
        "zh": "标签按排序后的顺序编号为 0、1、……（数字按数值大小排序）。",
    },
    "train.n_train": {"en": "training rows", "zh": "训练集"},
    "train.n_val": {"en": "validation rows", "zh": "验证集"},
    "train.n_test": {"en": "test rows", "zh": "测试集"},
    "train.split_caption": {
        "en": "A fixed split (seed {seed}): 10% for testing, then 10% of the rest to decide "
        "when to stop. The model's seed does not change it, so every fit is tested on the same rows.",
        "zh": "固定划分（种子 {seed}）：10% 用于测试，其余部分的 10% 用来决定何时停止训练。"
        "模型的种子不会改变划分，所以每次训练都在相同的行上测试。",
    },
    # Train page: the model.
    "train.model": {"en": "Model", "zh": "模型"},
    "label.cnn_vectors": {"en": "Word vectors for this model", "zh": "这个模型使用的词向量"},
    "help.cnn_vectors": {
        "en": "Where the embedding starts. GloVe 6B 50d has a distinct vector for every word; "
        "md300 is pruned (50,000 words share 4,963 vectors), so some opposites start identical.",
        "zh": "词嵌入从哪里开始。GloVe 6B 50d 每个词都有独立的向量；md300 经过剪枝"
        "（50000 个词共享 4963 个向量），所以有些反义词一开始完全相同。",
    },
    "train.vectors_glove50": {"en": "GloVe 6B 50d (default)", "zh": "GloVe 6B 50d（默认）"},
    "train.vectors_md300": {"en": "md300 (pruned, 300-d)", "zh": "md300（剪枝，300 维）"},
    "train.vectors_active": {"en": "the sidebar's set: {name}", "zh": "侧边栏中的词向量：{name}"},
    "label.cnn_variant": {"en": "Variant (Kim 2014)", "zh": "变体（Kim 2014）"},
    "help.cnn_variant": {
        "en": "rand: random vectors, trained. static: pretrained vectors, frozen. non-static: "
        "pretrained vectors, fine-tuned with the rest of the network.",
        "zh": "rand：随机向量，参与训练。static：预训练向量，保持不变。non-static：预训练向量，与网络其余部分一起微调。",
    },
    "label.cnn_scale": {"en": "Pretrained scale", "zh": "预训练向量的尺度"},
    "help.cnn_scale": {
        "en": "Rescaled multiplies the whole pretrained table by one number so that its spread "
        "matches the random start (uniform ±0.25). With raw norms (about 5 for GloVe, 12 for "
        "md300) Adam's small steps barely move the vectors. Not used by rand.",
        "zh": "rescaled 把整张预训练向量表乘以同一个数，使其分布范围与随机初始化（±0.25 均匀分布）一致。"
        "保持原始范数（GloVe 约 5，md300 约 12）时，Adam 的小步长几乎移动不了这些向量。rand 不使用此项。",
    },
    "train.scale_rescaled": {"en": "rescaled", "zh": "rescaled 缩放"},
    "train.scale_raw": {"en": "raw", "zh": "raw 原始"},
    "label.cnn_kernel_sizes": {"en": "Kernel sizes", "zh": "卷积核大小"},
    "help.cnn_kernel_sizes": {
        "en": "One Conv1D per size, side by side: 3,4,5 detects trigrams, 4-grams and 5-grams, "
        "as in Kim (2014). Whole numbers from 1 to 10, comma-separated.",
        "zh": "每个大小一个 Conv1D，并排使用：3,4,5 检测三元、四元和五元词组，与 Kim (2014) 相同。"
        "1 到 10 的整数，用逗号分隔。",
    },
    "label.cnn_filters": {"en": "Filters per size", "zh": "每种大小的滤波器数"},
    "help.cnn_filters": {
        "en": "Kim used 100 per kernel size. Fewer train faster and are easier to read through "
        "on the filters page.",
        "zh": "Kim 每种卷积核大小用 100 个。更少的滤波器训练更快，在滤波器页面上也更容易逐个查看。",
    },
    "label.cnn_epochs": {"en": "Epochs, at most", "zh": "最多训练轮数"},
    "help.cnn_epochs": {
        "en": "Passes over the training rows. Training stops earlier when validation accuracy "
        "has not improved for 2 epochs, and keeps the best epoch's weights.",
        "zh": "遍历训练集的次数。验证集准确率连续 2 轮没有提高时提前停止，并保留最好一轮的权重。",
    },
    "label.cnn_seed": {"en": "Model seed", "zh": "模型种子"},
    "help.cnn_seed": {
        "en": "Fixes the starting weights, the vectors of unknown words, dropout and the batch "
        "order: the same seed trains the same model.",
        "zh": "固定初始权重、未知词的向量、dropout 和批次顺序：同一个种子训练出同一个模型。",
    },
    "train.why_defaults": {"en": "Why these defaults?", "zh": "为什么是这些默认值？"},
    "train.default_best": {
        "en": "The default, **{default}**, is the most accurate setting measured: {accuracy} on "
        "MR's test rows after {seconds} s of training.",
        "zh": "默认设置 **{default}** 是实测中最准确的：训练 {seconds} 秒后，在 MR 测试集上达到 {accuracy}。",
    },
    "train.default_faster": {
        "en": "The default, **{default}**, reaches {accuracy} on MR's test rows after {seconds} s "
        "of training. The most accurate setting measured, **{best}**, reaches {best_accuracy} "
        "({gap} points more) but trains {speedup}× as long: the default keeps a class demo short.",
        "zh": "默认设置 **{default}** 训练 {seconds} 秒后，在 MR 测试集上达到 {accuracy}。实测最准确的设置 "
        "**{best}** 达到 {best_accuracy}（高 {gap} 个百分点），但训练时间是 {speedup} 倍：默认设置让课堂演示保持简短。",
    },
    "train.default_behind": {
        "en": "The default, **{default}**, reaches {accuracy} on MR's test rows after {seconds} s "
        "of training; in the last measurement **{best}** did better, {best_accuracy} in "
        "{best_seconds} s, so consider choosing it.",
        "zh": "默认设置 **{default}** 训练 {seconds} 秒后，在 MR 测试集上达到 {accuracy}；最近一次实测中 "
        "**{best}** 更好：{best_seconds} 秒达到 {best_accuracy}，可以考虑改用它。",
    },
    "train.cross_validation": {
        "en": "Which sentences are held out moves the score more than most settings do. "
        "Cross-validated on all ten tenths of MR (each sentence a test row once), the default "
        "scores {mean} on average (± {sd} points across folds, {low} to {high}); the fixed split "
        "used here is one of those folds ({fixed}). So compare settings on one split, as this "
        "page does.",
        "zh": "留出哪些句子做测试，对分数的影响比大多数设置都大。在 MR 的全部十折上交叉验证（每个句子恰好"
        "当一次测试数据），默认设置的平均准确率为 {mean}（各折相差 ± {sd} 个百分点，从 {low} 到 "
        "{high}）；本页的固定划分就是其中一折（{fixed}）。所以要在同一个划分上比较设置，本页正是这样做的。",
    },
    "train.bench_intro": {
        "en": "MR test accuracy and training time, mean ± sd over {seeds} seeds, measured by "
        "`bench/train_mr.py` on {machine}:",
        "zh": "MR 测试集准确率和训练时间，{seeds} 个种子的均值 ± 标准差，由 `bench/train_mr.py` 在 "
        "{machine} 上测得：",
    },
    "train.column_setting": {"en": "setting", "zh": "设置"},
    "train.column_accuracy": {"en": "MR test accuracy (%)", "zh": "MR 测试集准确率 (%)"},
    "train.column_seconds": {"en": "training time (s)", "zh": "训练时间 (秒)"},
    "train.column_ratio": {"en": "time / control", "zh": "时间 / 对照"},
    "train.column_epochs": {"en": "epochs", "zh": "轮数"},
    "train.bench_missing": {
        "en": "Run `python bench/train_mr.py` to measure the table behind these defaults.",
        "zh": "运行 `python bench/train_mr.py` 可以测出这些默认值背后的表格。",
    },
    # Train page: training.
    "train.not_trained": {
        "en": "No model has been trained with these settings yet.",
        "zh": "还没有用这组设置训练过模型。",
    },
    "train.button": {"en": "Train", "zh": "训练"},
    "train.button_help": {
        "en": "Train now, with a progress bar and live curves. The result is kept for these "
        "settings, for everyone using this server.",
        "zh": "立即训练，显示进度条和实时曲线。结果会按这组设置保存，供这台服务器的所有用户使用。",
    },
    "train.replica_only": {
        "en": "This server runs {replicas} copies of the app, and a trained model stays in the "
        "copy that trained it: a classmate whose browser reached another copy sees the Train "
        "button, not this model. To share a model, download it (.keras) and load it below.",
        "zh": "这台服务器运行着 {replicas} 个应用副本，训练好的模型只保存在训练它的那个副本里："
        "浏览器连到其他副本的同学看到的是“训练”按钮，而不是这个模型。要分享模型，请下载它（.keras），"
        "再在下方加载。",
    },
    "train.waiting": {
        "en": "Another model is training on this server; yours starts when it is done…",
        "zh": "这台服务器上正在训练另一个模型；它结束后开始训练你的模型…",
    },
    "train.starting": {"en": "Preparing the data…", "zh": "正在准备数据…"},
    "train.progress_batch": {
        "en": "Epoch {epoch}/{epochs}, batch {batch}/{steps} · training accuracy {accuracy}",
        "zh": "第 {epoch}/{epochs} 轮，第 {batch}/{steps} 批 · 训练准确率 {accuracy}",
    },
    "train.progress_epoch": {
        "en": "Epoch {epoch}/{epochs} done · accuracy {accuracy} (validation {val_accuracy}) · "
        "loss {loss} (validation {val_loss})",
        "zh": "第 {epoch}/{epochs} 轮完成 · 准确率 {accuracy}（验证集 {val_accuracy}）· "
        "损失 {loss}（验证集 {val_loss}）",
    },
    "train.axis_epoch": {"en": "epoch", "zh": "轮次"},
    "train.axis_accuracy": {"en": "accuracy", "zh": "准确率"},
    "train.axis_loss": {"en": "loss", "zh": "损失"},
    "train.axis_split": {"en": "rows", "zh": "数据"},
    "train.split_train": {"en": "training", "zh": "训练集"},
    "train.split_val": {"en": "validation", "zh": "验证集"},
    # Train page: results.
    "train.results": {"en": "Results", "zh": "结果"},
    "train.test_accuracy": {"en": "test accuracy", "zh": "测试集准确率"},
    "train.val_accuracy": {"en": "validation accuracy", "zh": "验证集准确率"},
    "train.val_help": {
        "en": "At epoch {best} of {epochs}, whose weights were kept.",
        "zh": "在第 {best} 轮（共 {epochs} 轮），保留的是这一轮的权重。",
    },
    "train.seconds": {"en": "training time", "zh": "训练时间"},
    "train.params": {"en": "parameters", "zh": "参数个数"},
    "train.coverage": {
        "en": "The word vectors know {types} of the data's distinct words and {tokens} of its "
        "running words; the model's vocabulary has {vocab} entries.",
        "zh": "词向量覆盖了数据中 {types} 的不同词和 {tokens} 的词次；模型词表共有 {vocab} 项。",
    },
    "train.curves_caption": {
        "en": "Training stopped after {epochs} epochs; the weights of epoch {best}, the best on "
        "validation rows, were kept.",
        "zh": "训练在 {epochs} 轮后停止；保留的是验证集上最好的第 {best} 轮的权重。",
    },
    "train.confusion": {"en": "Confusion matrix on the test rows", "zh": "测试集上的混淆矩阵"},
    "train.axis_true": {"en": "true class", "zh": "真实类别"},
    "train.axis_predicted": {"en": "predicted class", "zh": "预测类别"},
    "train.download_confusion": {"en": "Confusion matrix (CSV)", "zh": "混淆矩阵（CSV）"},
    "train.download_confusion_help": {
        "en": "Test rows counted by true class (rows) and predicted class (columns).",
        "zh": "按真实类别（行）和预测类别（列）统计的测试集行数。",
    },
    "train.download_history": {"en": "Learning curves (CSV)", "zh": "学习曲线（CSV）"},
    "train.download_history_help": {
        "en": "Loss and accuracy of every epoch, on training and validation rows.",
        "zh": "每一轮在训练集和验证集上的损失和准确率。",
    },
    "train.download_model": {"en": "Model (.keras)", "zh": "模型（.keras）"},
    "train.download_model_help": {
        "en": "The trained model with its vocabulary, to load here again or in Keras "
        "(keras.saving.load_model). Share it with a class to skip training.",
        "zh": "训练好的模型及其词表，可以在这里重新加载，也可以在 Keras 中加载（keras.saving.load_model）。"
        "分享给学生就不必再训练。",
    },
    "train.to_filters": {"en": "See what its filters learned", "zh": "看看它的滤波器学到了什么"},
    # Train page: loading a saved model.
    "train.load": {"en": "Load a saved model", "zh": "加载保存的模型"},
    "label.cnn_model_file": {"en": "A .keras file saved here", "zh": "在这里保存的 .keras 文件"},
    "help.cnn_model_file": {
        "en": "Loaded in Keras safe mode: files with Lambda layers, classes from outside Keras, "
        "or no Conv1D layer are refused. It becomes the model of the filters page.",
        "zh": "以 Keras 安全模式加载：包含 Lambda 层、Keras 以外的类或没有 Conv1D 层的文件会被拒绝。"
        "加载后它将成为滤波器页面使用的模型。",
    },
    "train.loading_model": {"en": "Checking and loading the model…", "zh": "正在检查并加载模型…"},
    "train.loaded": {
        "en": "Loaded {name}: classes {classes}, {words} words of {dim} dimensions, kernel "
        "sizes {sizes}, {filters} filters in all.",
        "zh": "已加载 {name}：类别 {classes}，{words} 个 {dim} 维的词，卷积核大小 {sizes}，共 {filters} 个滤波器。",
    },
    # Filters page.
    "filters.to_train": {"en": "Go to the training page", "zh": "前往训练页面"},
    "label.cnn_model": {"en": "Model", "zh": "模型"},
    "help.cnn_model": {
        "en": "The model trained with the training page's current settings, or a .keras file "
        "loaded there.",
        "zh": "用训练页面当前设置训练的模型，或在那里加载的 .keras 文件。",
    },
    "filters.model_fit": {"en": "trained with the current settings", "zh": "用当前设置训练的模型"},
    "filters.model_upload": {"en": "loaded from a file", "zh": "从文件加载的模型"},
    "filters.no_fit": {
        "en": "No model has been trained with the current settings yet. Train one first (the "
        "defaults take well under a minute on MR).",
        "zh": "还没有用当前设置训练过模型。请先训练一个（在 MR 上用默认设置不到一分钟）。",
    },
    "filters.no_upload": {
        "en": "No model file has been loaded in this session. Load a .keras file on the "
        "training page.",
        "zh": "本次会话还没有加载模型文件。请在训练页面加载 .keras 文件。",
    },
    "filters.no_data": {
        "en": "There is no data to look at: choose MR or upload a table on the training page.",
        "zh": "没有可以查看的数据：请在训练页面选择 MR 或上传表格。",
    },
    "filters.using_fit": {
        "en": "Model: {name} on {vectors}, test accuracy {accuracy}.",
        "zh": "模型：{name}，词向量 {vectors}，测试集准确率 {accuracy}。",
    },
    "filters.using_upload": {"en": "Model loaded from {name}.", "zh": "模型加载自 {name}。"},
    "filters.class_names": {
        "en": "The data's classes ({data}) are named differently from the model's ({model}); "
        "they are matched by number.",
        "zh": "数据的类别（{data}）和模型的类别（{model}）名称不同；按编号对应。",
    },
    "label.cnn_min_count": {"en": "Words seen at least", "zh": "词至少出现的次数"},
    "help.cnn_min_count": {
        "en": "Only n-grams whose words all occur at least this often in the data are listed. "
        "1 lists everything the model pooled.",
        "zh": "只列出所有词在数据中都至少出现这么多次的 n-gram。设为 1 则列出模型池化得到的全部 n-gram。",
    },
    "filters.min_count_why": {
        "en": "Why a minimum of {min_count}: a word seen once belongs to one sentence, and the "
        "model can fit it to that sentence's label, so raw top lists fill up with names, typos "
        "and the few Spanish lines of MR. Frequent words show what a filter detects in general.",
        "zh": "为什么最少 {min_count} 次：只出现一次的词只属于一个句子，模型可以把它拟合到该句子的标签上，"
        "所以未经筛选的排行榜会被人名、拼写错误和 MR 中少量的西班牙语句子占满。高频词才能显示滤波器一般在检测什么。",
    },
    "label.cnn_top": {"en": "Top n-grams per filter", "zh": "每个滤波器显示的 n-gram 数"},
    "help.cnn_top": {
        "en": "How many of a filter's best distinct n-grams to list.",
        "zh": "列出滤波器得分最高的多少个不同 n-gram。",
    },
    "label.cnn_purity": {"en": "Purity threshold", "zh": "纯度阈值"},
    "help.cnn_purity": {
        "en": "Purity is the share of sentences whose best n-gram for the filter scores above "
        "this share of the filter's top score, and whose label is the filter's class.",
        "zh": "纯度是：在该滤波器上最佳 n-gram 得分高于其最高得分这一比例的句子中，标签与滤波器类别一致的比例。",
    },
    "filters.mining": {
        "en": "Scoring every n-gram of {sentences} sentences for {filters} filters…",
        "zh": "正在为 {filters} 个滤波器给 {sentences} 个句子的每个 n-gram 打分…",
    },
    "filters.all": {
        "en": "All {filters} filters, most important first",
        "zh": "全部 {filters} 个滤波器，按重要性排序",
    },
    "filters.all_caption": {
        "en": "Importance is the size of a filter's weight toward its class. Purity counts the "
        "sentences scoring above {share} of the filter's top score. ∅ marks padding after the "
        "last word: the model's windows run past the end of short sentences.",
        "zh": "重要性是滤波器指向其类别的权重大小。纯度统计得分高于该滤波器最高得分 {share} 的句子。"
        "∅ 表示最后一个词之后的填充：模型的窗口会越过短句子的结尾。",
    },
    "filters.col_filter": {"en": "filter", "zh": "滤波器"},
    "filters.col_class": {"en": "class", "zh": "类别"},
    "filters.col_weight": {"en": "weight", "zh": "权重"},
    "filters.col_weight_help": {
        "en": "Dense weight toward the filter's class minus the mean toward the others: each "
        "unit of pooled activation adds this to that class's log-odds.",
        "zh": "指向该滤波器类别的全连接权重减去指向其他类别的平均权重：池化激活每增加 1，该类别的对数几率就增加这么多。",
    },
    "filters.col_purity": {"en": "purity", "zh": "纯度"},
    "filters.col_above": {"en": "sentences above", "zh": "高于阈值的句子"},
    "filters.col_top": {"en": "top n-grams", "zh": "得分最高的 n-gram"},
    "filters.download_all": {"en": "All filters (CSV)", "zh": "全部滤波器（CSV）"},
    "filters.download_all_help": {
        "en": "Every filter with its class, weight, purity and top {top} n-grams.",
        "zh": "每个滤波器的类别、权重、纯度和得分最高的 {top} 个 n-gram。",
    },
    "filters.one": {"en": "One filter up close", "zh": "仔细看一个滤波器"},
    "label.cnn_filter": {"en": "Filter", "zh": "滤波器"},
    "help.cnn_filter": {
        "en": "Filters in order of importance; n3·f7 is filter 7 of the 3-word convolution.",
        "zh": "按重要性排序的滤波器；n3·f7 表示三词卷积的第 7 个滤波器。",
    },
    "filters.pick_label": {
        "en": "#{rank} {name} · {cls} · weight {weight}",
        "zh": "#{rank} {name} · {cls} · 权重 {weight}",
    },
    "filters.kernel_size": {"en": "kernel size n", "zh": "卷积核大小 n"},
    "filters.purity_help": {
        "en": "{above} sentences score above {share} of this filter's top score.",
        "zh": "有 {above} 个句子的得分高于该滤波器最高得分的 {share}。",
    },
    "filters.no_hits": {
        "en": "No n-gram of this filter has only words seen at least {min_count} times. Lower "
        "the minimum.",
        "zh": "这个滤波器没有所有词都至少出现 {min_count} 次的 n-gram。请降低最少次数。",
    },
    "filters.slot": {"en": "slot {slot}", "zh": "位置 {slot}"},
    "filters.bias": {"en": "bias", "zh": "偏置"},
    "filters.axis_term": {"en": "term", "zh": "项"},
    "filters.slots_check": {
        "en": "Each row is one top n-gram taken apart: word · kernel slot for every slot, plus "
        "the bias. Each row's sum is its activation (largest difference {gap}).",
        "zh": "每一行是一个高分 n-gram 的分解：每个位置上的 词向量 · 卷积核切片，加上偏置。"
        "每行之和就是它的激活值（最大差值 {gap}）。",
    },
    "filters.col_activation": {"en": "activation", "zh": "激活值"},
    "filters.col_sentence": {"en": "sentence", "zh": "句子"},
    "filters.download_hits": {
        "en": "This filter's n-grams (CSV)",
        "zh": "这个滤波器的 n-gram（CSV）",
    },
    "filters.download_hits_help": {
        "en": "The top n-grams with activation, label, sentence and slot contributions.",
        "zh": "得分最高的 n-gram 及其激活值、标签、句子和各位置的贡献。",
    },
    # Filters page: one sentence.
    "filters.sentence": {"en": "Your sentence through the model", "zh": "你的句子在模型中的表现"},
    "label.cnn_sentence": {"en": "Type a sentence", "zh": "输入一个句子"},
    "help.cnn_sentence": {
        "en": "Tokenized like the training data. Words the model never saw share one "
        "unknown-word vector. Press Ctrl+Enter to apply.",
        "zh": "按训练数据的方式切分。模型没见过的词共用一个未知词向量。按 Ctrl+Enter 应用。",
    },
    "filters.cut": {
        "en": "The model reads at most {length} tokens (its longest training sentence); the "
        "last {dropped} were left out.",
        "zh": "模型最多读取 {length} 个词元（它最长的训练句子）；最后 {dropped} 个没有读取。",
    },
    "filters.prediction": {"en": "prediction", "zh": "预测"},
    "filters.probability": {"en": "probability (Keras)", "zh": "概率（Keras）"},
    "filters.unknown": {"en": "words unknown to the model", "zh": "模型不认识的词"},
    "filters.logit_check": {
        "en": "Bias {bias} + the filters' contributions {total} = {margin}, the predicted "
        "class's logit minus the mean of the others (with two classes: its log-odds). The "
        "probabilities rebuilt from these arrays differ from Keras's by at most {gap}.",
        "zh": "偏置 {bias} + 各滤波器的贡献 {total} = {margin}，即预测类别的 logit 减去其他类别的平均值"
        "（两个类别时就是它的对数几率）。用这些数组重建的概率与 Keras 的结果最多相差 {gap}。",
    },
    "filters.highlight": {
        "en": "**{name}** ({cls}, {value}): {sentence}",
        "zh": "**{name}**（{cls}，{value}）：{sentence}",
    },
    "filters.contribution": {
        "en": "contribution to the logit of {cls}",
        "zh": "对 {cls} 的 logit 的贡献",
    },
    "filters.bars_caption": {
        "en": "Every filter's pooled activation × its weight toward {cls}, sorted. Red bars "
        "push toward {cls}, blue ones away; hover for the filter and its winning n-gram.",
        "zh": "每个滤波器的池化激活 × 它指向 {cls} 的权重，已排序。红色条把结果推向 {cls}，蓝色条推离；"
        "鼠标悬停可以看到滤波器和它得分最高的 n-gram。",
    },
    "filters.download_sentence": {
        "en": "Per-filter contributions (CSV)",
        "zh": "各滤波器的贡献（CSV）",
    },
    "filters.download_sentence_help": {
        "en": "Each filter's pooled activation, winning n-gram and contribution for this sentence.",
        "zh": "这个句子上每个滤波器的池化激活、得分最高的 n-gram 和贡献。",
    },
    # Errors: data.
    "err.mr_missing": {
        "en": "No MR files in {folder}: expected rt-polarity.pos and rt-polarity.neg.",
        "zh": "{folder} 中没有 MR 文件：需要 rt-polarity.pos 和 rt-polarity.neg。",
    },
    "err.mr_offline": {
        "en": "Could not download MR from {url} ({reason}). You seem to be offline: "
        "upload a CSV/TSV instead, or put rt-polarity.pos and .neg in a local folder.",
        "zh": "无法从 {url} 下载 MR（{reason}）。看起来没有联网：请改为上传 CSV/TSV，"
        "或把 rt-polarity.pos 和 .neg 放到本地文件夹。",
    },
    "err.mr_corrupt": {
        "en": "The file downloaded from {url} is not MR v1.0: its line counts or sha256 sums "
        "differ. Nothing was saved; try again later.",
        "zh": "从 {url} 下载的文件不是 MR v1.0：行数或 sha256 校验和不符。没有保存任何内容，请稍后再试。",
    },
    "err.corpus_path": {
        "en": "{path} is neither a CSV/TSV file nor a folder with rt-polarity.pos and .neg.",
        "zh": "{path} 既不是 CSV/TSV 文件，也不是包含 rt-polarity.pos 和 .neg 的文件夹。",
    },
    "err.corpus_empty": {
        "en": "The file is empty. Upload a CSV or TSV with a text and a label column.",
        "zh": "文件是空的。请上传包含文本列和标签列的 CSV 或 TSV。",
    },
    "err.corpus_binary": {
        "en": "This looks like a binary file, not a CSV or TSV. Export your table as CSV "
        "(UTF-8) and upload that.",
        "zh": "这看起来是二进制文件，而不是 CSV 或 TSV。请把表格导出为 CSV（UTF-8）后再上传。",
    },
    "err.corpus_parse": {
        "en": "{name} could not be read as CSV/TSV: {reason}",
        "zh": "无法把 {name} 读取为 CSV/TSV：{reason}",
    },
    "err.corpus_wide": {
        "en": "{name} has a row of {columns} columns; at most {most} are read. Keep the text and "
        "label columns, and check that the separator is a comma or a tab.",
        "zh": "{name} 有一行包含 {columns} 列；最多读取 {most} 列。请保留文本列和标签列，"
        "并检查分隔符是逗号还是制表符。",
    },
    "err.corpus_line_long": {
        "en": "{name}: line {line} is longer than {most} bytes, so it is not read. Is this a "
        "table with one row per line?",
        "zh": "{name}：第 {line} 行超过 {most} 字节，因此不予读取。这是每行一条记录的表格吗？",
    },
    "err.corpus_memory": {
        "en": "{name} would take more than {most} MB in memory by row {rows}. Upload fewer or "
        "shorter rows.",
        "zh": "{name} 读到第 {rows} 行时就会占用超过 {most} MB 内存。请上传更少或更短的行。",
    },
    "err.corpus_columns": {
        "en": "{name} has only one column ({found}). It needs a text column and a label "
        "column, separated by commas or tabs.",
        "zh": "{name} 只有一列（{found}）。需要一个文本列和一个标签列，用逗号或制表符分隔。",
    },
    "err.corpus_column": {
        "en": "There is no column named '{column}'. The columns are: {found}.",
        "zh": "没有名为 '{column}' 的列。现有的列是：{found}。",
    },
    "err.corpus_same_column": {
        "en": "'{column}' cannot be both the text and the label. Pick two different columns.",
        "zh": "'{column}' 不能同时作为文本和标签。请选择两个不同的列。",
    },
    "err.corpus_numeric_text": {
        "en": "The text column '{column}' holds numbers, not sentences. Were the text and "
        "label columns swapped?",
        "zh": "文本列 '{column}' 里是数字而不是句子。文本列和标签列是不是选反了？",
    },
    "err.corpus_many_classes": {
        "en": "The label column '{column}' has {classes} different values; at most {most} "
        "classes are supported. Is it really the label column?",
        "zh": "标签列 '{column}' 有 {classes} 个不同的值；最多支持 {most} 个类别。它真的是标签列吗？",
    },
    "err.corpus_no_rows": {
        "en": "No row has both a text and a label.",
        "zh": "没有一行同时有文本和标签。",
    },
    "err.corpus_few_rows": {
        "en": "Only {rows} rows have a text and a label; training needs at least {least}.",
        "zh": "只有 {rows} 行同时有文本和标签；训练至少需要 {least} 行。",
    },
    "err.corpus_one_class": {
        "en": "Every row has the label '{label}': a classifier needs at least two classes.",
        "zh": "每一行的标签都是 '{label}'：分类器至少需要两个类别。",
    },
    # Errors: settings.
    "err.kernel_sizes": {
        "en": "Kernel sizes must be whole numbers from 1 to {most} separated by commas, "
        "at most 6 of them (got '{text}').",
        "zh": "卷积核大小必须是 1 到 {most} 之间的整数，用逗号分隔，最多 6 个（当前为 '{text}'）。",
    },
    "err.cnn_filters": {
        "en": "Filters per kernel size must be between 1 and {most} (got {filters}).",
        "zh": "每种卷积核大小的滤波器个数必须在 1 到 {most} 之间（当前为 {filters}）。",
    },
    "err.epochs": {
        "en": "Epochs must be between 1 and {most} (got {epochs}).",
        "zh": "训练轮数必须在 1 到 {most} 之间（当前为 {epochs}）。",
    },
    "err.min_count": {
        "en": "The minimum word count must be at least 1 (got {min_count}).",
        "zh": "最少出现次数至少为 1（当前为 {min_count}）。",
    },
    "err.top": {
        "en": "The number of n-grams per filter must be at least 1 (got {top}).",
        "zh": "每个滤波器的 n-gram 数至少为 1（当前为 {top}）。",
    },
    "err.class_mismatch": {
        "en": "The data has {data} classes but the model {model}: use the data the model was "
        "trained on, or data with the same classes.",
        "zh": "数据有 {data} 个类别，而模型有 {model} 个：请使用训练该模型时的数据，或类别相同的数据。",
    },
    # Errors: saved models.
    "err.model_path": {
        "en": "No model file at {path}.",
        "zh": "{path} 处没有模型文件。",
    },
    "err.model_not_keras": {
        "en": "This is not a Keras model file (.keras): it should be a zip with config.json "
        "and model.weights.h5.",
        "zh": "这不是 Keras 模型文件（.keras）：它应当是包含 config.json 和 model.weights.h5 的 zip。",
    },
    "err.model_no_conv1d": {
        "en": "Refused: the model has no Conv1D layer, so there are no n-gram filters to show.",
        "zh": "已拒绝：模型没有 Conv1D 层，因此没有可展示的 n-gram 滤波器。",
    },
    "err.model_unreadable": {
        "en": "Keras could not load this model in safe mode: {reason}",
        "zh": "Keras 无法在安全模式下加载这个模型：{reason}",
    },
    "err.model_no_vocab": {
        "en": "This model was not saved by convlab: it has no vocabulary (convlab.json), "
        "so its inputs cannot be matched to words.",
        "zh": "这个模型不是由 convlab 保存的：它没有词表（convlab.json），无法把输入对应到词。",
    },
    "err.model_layout": {
        "en": "The model's layers do not form a Kim text CNN (embedding, Conv1D with relu, "
        "max pooling, dense), so its filters cannot be explained here.",
        "zh": "模型的层不构成 Kim 文本 CNN（词嵌入、带 relu 的 Conv1D、最大池化、全连接），"
        "因此这里无法解释它的滤波器。",
    },
}
