"""Messages of the word-vector sources: the sidebar's set picker, the Word vectors page, bad files."""

MESSAGES: dict[str, dict[str, str]] = {
    # Sidebar: choosing the active set.
    "label.vectors": {"en": "Active set", "zh": "当前词向量"},
    "help.vectors": {
        "en": "The vectors every page embeds with; `?vectors=` in the URL names it. Built-in sets "
        "are always here; sets you load on the Word vectors page join the list, and your own "
        "files stay in your session only.",
        "zh": "所有页面用来嵌入句子的词向量；网址中的 `?vectors=` 指定它。内置词向量始终可选；"
        "在“词向量”页面加载的词向量会加入列表，你自己的文件只留在你的会话中。",
    },
    "vectors.source": {
        "en": "Source: {source} · format {format}",
        "zh": "来源：{source} · 格式 {format}",
    },
    "vectors.more": {"en": "Other vectors, nearest words", "zh": "其他词向量、近邻词"},
    "vectors.unavailable": {
        "en": "This link asks for the word vectors '{name}', which this server does not have "
        "(someone's own file never leaves their session). Showing '{fallback}' instead.",
        "zh": "这个链接要求使用词向量“{name}”，但本服务器上没有（别人自己的文件只留在他们的会话中）。"
        "现在显示的是“{fallback}”。",
    },
    "vectors.needs_download": {
        "en": "This link uses the gensim-data set '{name}', which this server has not downloaded "
        "yet. Showing '{fallback}' for now: download it on the Word vectors page.",
        "zh": "这个链接使用 gensim-data 词向量“{name}”，本服务器还没有下载。"
        "暂时显示“{fallback}”：请在“词向量”页面下载它。",
    },
    "vectors.config_failed": {
        "en": "The vectors this deployment names in CONVLAB_VECTORS could not be loaded: {reason} "
        "Showing '{fallback}'.",
        "zh": "本部署在 CONVLAB_VECTORS 中指定的词向量无法加载：{reason} 现在显示“{fallback}”。",
    },
    "vectors.reading": {
        "en": "Reading {name}: {rows} rows of {dim} values, about {memory} MB in memory…",
        "zh": "正在读取 {name}：{rows} 行、每行 {dim} 个数，约占内存 {memory} MB…",
    },
    "vectors.reading_file": {"en": "Reading {name}…", "zh": "正在读取 {name}…"},
    "vectors.loaded": {
        "en": "Now using {name}: {words} words, D = {dim}.",
        "zh": "现在使用 {name}：{words} 个词，D = {dim}。",
    },
    # The Word vectors page.
    "nav.vectors": {"en": "Word vectors", "zh": "词向量"},
    "word_vectors.title": {
        "en": "Word vectors: choose, bring your own, explore",
        "zh": "词向量：选择、自带、探索",
    },
    "word_vectors.intro": {
        "en": "Every page embeds the sentence with the **active set** in the sidebar, so kernels "
        "become `(n, D, F)` and `(n, D, 1, F)` for that set's D. Load your own file or a "
        "gensim-data set here, then switch between sets on any page.",
        "zh": "每个页面都用侧栏中的**当前词向量**来嵌入句子，所以卷积核会随该词向量的 D 变成 "
        "`(n, D, F)` 和 `(n, D, 1, F)`。在这里加载你自己的文件或 gensim-data 词向量，"
        "之后在任何页面都可以切换。",
    },
    "vectors.active": {"en": "Active set: {name}", "zh": "当前词向量：{name}"},
    "vectors.metric_dim": {"en": "D (values per word)", "zh": "D（每个词的维数）"},
    "vectors.metric_words": {"en": "words", "zh": "词数"},
    "vectors.metric_distinct": {"en": "distinct vectors", "zh": "不同的向量"},
    "vectors.metric_format": {"en": "read from", "zh": "读取格式"},
    "vectors.meta": {"en": "Everything recorded about this set", "zh": "这组词向量的全部记录"},
    "vectors.own": {"en": "Your own vectors", "zh": "你自己的词向量"},
    "vectors.own_text": {
        "en": "word2vec binary or text, GloVe text (no header line) or fastText `.vec`, optionally "
        "gzipped; the format is detected. Only gensim's pickle-free `load_word2vec_format` reads "
        "it: `.kv`, `.model`, `.pkl` and object `.npy` files are pickles, and opening them would "
        "run code, so they are refused. The first {limit} rows are read; an uploaded set may "
        "take at most {upload} MB of memory once loaded (the upload cap, so a gzip that packs 100:1 "
        "cannot fill the server), one from a path or a download {budget} MB. Your file stays in your session: other visitors never see it.",
        "zh": "支持 word2vec 二进制或文本、GloVe 文本（没有首行）或 fastText `.vec`，可以是 gzip 压缩的；"
        "格式会自动识别。只用 gensim 不涉及 pickle 的 `load_word2vec_format` 读取：`.kv`、`.model`、"
        "`.pkl` 和对象数组 `.npy` 都是 pickle，打开它们会运行代码，所以一律拒绝。读取前 {limit} 行；"
        "上传的词向量加载后最多占用 {upload} MB 内存（即上传上限，这样压缩比 100:1 的 gzip 也无法占满服务器），"
        "来自路径或下载的最多 {budget} MB。你的文件只留在你的会话中，其他访问者看不到。",
    },
    "label.vec_limit": {"en": "Row limit", "zh": "行数上限"},
    "help.vec_limit": {
        "en": "How many rows (words) to read from a file or download. Files list frequent words "
        "first, so the first 100,000 cover most sentences. Each row costs 4·D + 176 bytes.",
        "zh": "从文件或下载中读取多少行（词）。文件通常先列出常用词，所以前 100,000 个已覆盖大多数句子。"
        "每行占用 4·D + 176 字节。",
    },
    "label.vec_upload": {
        "en": "Upload a vector file (at most {mb} MB)",
        "zh": "上传词向量文件（最多 {mb} MB）",
    },
    "help.vec_upload": {
        "en": "Uploads are capped by the server's maxUploadSize; for bigger files use a path "
        "on the machine running the app.",
        "zh": "上传大小受服务器 maxUploadSize 限制；更大的文件请使用运行本应用的机器上的路径。",
    },
    "label.vec_path": {"en": "…or a file path on this machine", "zh": "……或本机上的文件路径"},
    "help.vec_path": {
        "en": "A path on the computer running the app, e.g. ~/vectors/glove.6B.100d.txt. "
        "The command line takes the same with --vectors PATH.",
        "zh": "运行本应用的电脑上的路径，例如 ~/vectors/glove.6B.100d.txt。命令行用 --vectors PATH 也一样。",
    },
    "vectors.load_path": {"en": "Load this file", "zh": "加载这个文件"},
    "vectors.paths_off": {
        "en": "Loading files by path is off on this server: other machines can reach it, and a "
        "path box would let their users look around its disk. Upload the file instead "
        "(the deployment can turn paths on with CONVLAB_PATH_INPUT=on, or share chosen folders "
        "with CONVLAB_PATH_FOLDERS).",
        "zh": "本服务器关闭了按路径加载文件：其他机器可以访问它，路径框会让它们的用户查看服务器磁盘上的内容。"
        "请改为上传文件（部署方可用 CONVLAB_PATH_INPUT=on 打开路径，或用 CONVLAB_PATH_FOLDERS 共享指定文件夹）。",
    },
    "vectors.paths_from": {
        "en": "Paths are read from these folders only: {folders}",
        "zh": "只从这些文件夹读取路径：{folders}",
    },
    "vectors.online": {
        "en": "gensim-data sets (need internet once)",
        "zh": "gensim-data 词向量（需要联网一次）",
    },
    "vectors.online_text": {
        "en": "Downloaded once from gensim-data's releases into {folder}, checked against the "
        "published size and md5, then read like your own file. gensim's downloader is not used: "
        "it runs a Python file that comes with each download.",
        "zh": "从 gensim-data 的发布页下载一次，保存在 {folder}，核对公布的大小和 md5 后像你自己的文件一样读取。"
        "不使用 gensim 的下载器：它会运行随每个下载附带的 Python 文件。",
    },
    "col.set": {"en": "set", "zh": "词向量"},
    "col.dim": {"en": "D", "zh": "D"},
    "col.words": {"en": "words", "zh": "词数"},
    "col.download": {"en": "download (MB)", "zh": "下载量（MB）"},
    "col.licence": {"en": "licence", "zh": "许可证"},
    "col.on_disk": {"en": "on disk", "zh": "已下载"},
    "col.memory": {"en": "memory at the limit (MB)", "zh": "按上限所需内存（MB）"},
    "label.vec_online": {"en": "gensim-data set", "zh": "gensim-data 词向量"},
    "help.vec_online": {
        "en": "GloVe (Wikipedia + Gigaword), word2vec Google News or fastText wiki-news.",
        "zh": "GloVe（Wikipedia + Gigaword）、word2vec Google News 或 fastText wiki-news。",
    },
    "vectors.online_plan": {
        "en": "{name}: {size} MB to download once; the first {rows} of its {words} words take "
        "about {memory} MB of memory.",
        "zh": "{name}：需下载 {size} MB（仅一次）；读取其 {words} 个词中的前 {rows} 个，约占内存 {memory} MB。",
    },
    "vectors.offline": {
        "en": "Needs internet: {host} cannot be reached from this server right now. Sets already "
        "downloaded still work.",
        "zh": "需要联网：本服务器现在无法连接 {host}。已经下载的词向量仍然可以使用。",
    },
    "vectors.download": {"en": "Download and use", "zh": "下载并使用"},
    "vectors.use": {"en": "Use it", "zh": "使用它"},
    "vectors.downloading": {
        "en": "Downloading {name} ({size} MB)…",
        "zh": "正在下载 {name}（{size} MB）…",
    },
    "vectors.neighbours": {"en": "Nearest words", "zh": "最近的词"},
    "vectors.neighbours_text": {
        "en": "The words whose vectors point most nearly the same way (cosine similarity, gensim's "
        "`most_similar`) in the active set.",
        "zh": "在当前词向量中，方向最接近的词（余弦相似度，gensim 的 `most_similar`）。",
    },
    "label.word": {"en": "Word", "zh": "词"},
    "help.word": {
        "en": "Looked up as typed, then lowercased if only that form is in the set.",
        "zh": "先按输入原样查找，若词表中只有小写形式则改用小写。",
    },
    "label.topn": {"en": "How many", "zh": "显示几个"},
    "help.topn": {"en": "How many nearest words to list.", "zh": "列出多少个最近的词。"},
    "col.word": {"en": "word", "zh": "词"},
    "col.cosine": {"en": "cosine", "zh": "余弦"},
    "col.twin": {"en": "same vector", "zh": "向量相同"},
    "vectors.ties": {
        "en": "{count} other words share exactly the vector of '{word}' (for example {examples}): "
        "this table is pruned, so they all have cosine 1 and their order here is arbitrary, not "
        "a ranking. {shown} of them fill this list.",
        "zh": "另有 {count} 个词与“{word}”的向量完全相同（例如 {examples}）：这是剪枝后的词表，它们的余弦都是 1，"
        "在这里的先后顺序是任意的，并不是排名。本列表中有 {shown} 个是这样的词。",
    },
    "vectors.no_twins": {
        "en": "No other word has exactly the vector of '{word}'.",
        "zh": "没有其他词与“{word}”的向量完全相同。",
    },
    # Bad files: what is wrong, where, and what to do.
    "err.vec_unknown": {
        "en": "'{spec}' is neither a vector set nor an existing file. Built-in sets: {builtins}; "
        "gensim-data sets: {online}; or give the path of a vector file.",
        "zh": "“{spec}”既不是词向量名称，也不是存在的文件。内置词向量：{builtins}；"
        "gensim-data 词向量：{online}；或者给出词向量文件的路径。",
    },
    "err.vec_limit": {
        "en": "The row limit must be between 1 and {most} (got {limit}).",
        "zh": "行数上限必须在 1 到 {most} 之间（当前为 {limit}）。",
    },
    "err.vec_no_file": {
        "en": "There is no file at '{path}'. Check the path.",
        "zh": "路径“{path}”上没有文件。请检查路径。",
    },
    "err.vec_is_dir": {
        "en": "'{path}' is a folder, not a file. Give the path of the vector file inside it.",
        "zh": "“{path}”是文件夹，不是文件。请给出其中词向量文件的路径。",
    },
    "err.vec_not_regular": {
        "en": "'{path}' is not a regular file (a device, a pipe or a /proc file?). Give the path "
        "of a vector file.",
        "zh": "“{path}”不是普通文件（可能是设备、管道或 /proc 文件？）。请给出词向量文件的路径。",
    },
    "err.vec_not_here": {
        "en": "'{path}' is not readable here. This server reads word-vector files only from "
        "these folders: {folders}",
        "zh": "这里无法读取“{path}”。本服务器只从这些文件夹读取词向量文件：{folders}",
    },
    "err.vec_unreadable": {
        "en": "'{path}' could not be read ({reason}).",
        "zh": "无法读取“{path}”（{reason}）。",
    },
    "err.vec_empty": {
        "en": "'{name}' is empty: there are no vectors in it.",
        "zh": "“{name}”是空文件：里面没有向量。",
    },
    "err.vec_too_big": {
        "en": "'{name}' is {size} MB, more than the {most} MB allowed here. Use a smaller file "
        "(e.g. keep its first 100,000 lines) or a path on the machine running the app.",
        "zh": "“{name}”有 {size} MB，超过这里允许的 {most} MB。请使用更小的文件（例如只保留前 100,000 行），"
        "或使用运行本应用的机器上的路径。",
    },
    "err.vec_pickle_suffix": {
        "en": "'{name}' is a '{suffix}' file, a Python pickle (gensim's save() writes .kv and "
        ".model this way). Unpickling runs code stored in the file, so it is never opened here. "
        "Save the vectors as word2vec instead: kv.save_word2vec_format('vectors.txt').",
        "zh": "“{name}”是 '{suffix}' 文件，即 Python pickle（gensim 的 save() 就是这样写 .kv 和 .model 的）。"
        "反序列化 pickle 会运行文件里保存的代码，所以这里绝不打开它。"
        "请改存为 word2vec 格式：kv.save_word2vec_format('vectors.txt')。",
    },
    "err.vec_pickle": {
        "en": "'{name}' holds a Python pickle, whatever its name says. Unpickling runs code stored "
        "in the file, so it is never opened here. Save the vectors as word2vec text or binary.",
        "zh": "无论文件名是什么，“{name}”里装的是 Python pickle。反序列化 pickle 会运行文件里保存的代码，"
        "所以这里绝不打开它。请把词向量存为 word2vec 文本或二进制格式。",
    },
    "err.vec_npy_object": {
        "en": "'{name}' is a NumPy .npy file of Python objects, which NumPy stores as a pickle; "
        "loading it would run code, so it is refused. Save the vectors as word2vec text or binary.",
        "zh": "“{name}”是存放 Python 对象的 NumPy .npy 文件，NumPy 用 pickle 保存这类数组；"
        "加载它会运行代码，所以拒绝。请把词向量存为 word2vec 文本或二进制格式。",
    },
    "err.vec_npy": {
        "en": "'{name}' is a bare NumPy array: it has numbers but no words. Save the vectors with "
        "their words as word2vec text or binary.",
        "zh": "“{name}”是一个单纯的 NumPy 数组：只有数字，没有词。请把词和向量一起存为 word2vec 文本或二进制格式。",
    },
    "err.vec_zip": {
        "en": "'{name}' is a zip archive (.zip, .npz, .pt …). Unpack it and choose the vector "
        "file inside.",
        "zh": "“{name}”是 zip 压缩包（.zip、.npz、.pt …）。请解压后选择其中的词向量文件。",
    },
    "err.vec_fasttext_bin": {
        "en": "'{name}' is a fastText model (.bin), not word2vec. Use the .vec file fastText "
        "publishes next to it.",
        "zh": "“{name}”是 fastText 模型（.bin），不是 word2vec 格式。请使用 fastText 同时发布的 .vec 文件。",
    },
    "err.vec_bad_gzip": {
        "en": "'{name}' starts like a gzip file but does not decompress: it is damaged or incomplete.",
        "zh": "“{name}”看起来是 gzip 文件，但无法解压：文件已损坏或不完整。",
    },
    "err.vec_unknown_format": {
        "en": "'{name}' is not a word-vector file: its first line is neither a word2vec header "
        "('ROWS DIM') nor a word followed by numbers (GloVe). Binary garbage, a different format, "
        "or the wrong file?",
        "zh": "“{name}”不是词向量文件：第一行既不是 word2vec 的首行（“行数 维数”），也不是一个词后跟一串数字（GloVe）。"
        "是二进制乱码、其他格式，还是选错了文件？",
    },
    "err.vec_bad_header": {
        "en": "The header of '{name}' ('{header}') needs two positive numbers: rows and dimensions.",
        "zh": "“{name}”的首行（“{header}”）需要两个正整数：行数和维数。",
    },
    "err.vec_dim": {
        "en": "'{name}' has {dim} values per word; at most {most} are supported.",
        "zh": "“{name}”每个词有 {dim} 个数；最多支持 {most} 个。",
    },
    "err.vec_header_rows": {
        "en": "The header of '{name}' claims {rows} rows of {dim} values, but its {size} bytes "
        "can hold at most {most} such rows. The header's row count or dimension is wrong; fix "
        "its first line.",
        "zh": "“{name}”的首行声称有 {rows} 行、每行 {dim} 个数，但它的 {size} 字节最多只能容纳 {most} 行这样的数据。"
        "首行的行数或维数有误，请修正第一行。",
    },
    "err.vec_memory": {
        "en": "{rows} rows of {dim} values would take about {need} MB of memory, more than the "
        "{budget} MB one set may use here. Lower the row limit to at most {fit}.",
        "zh": "{rows} 行、每行 {dim} 个数大约需要 {need} MB 内存，超过这里一组词向量可用的 {budget} MB。"
        "请把行数上限降到 {fit} 以下。",
    },
    "err.vec_memory_failed": {
        "en": "The machine ran out of memory reading '{name}' (about {need} MB needed). Lower the "
        "row limit.",
        "zh": "读取“{name}”时内存不足（约需 {need} MB）。请降低行数上限。",
    },
    "err.vec_line_long": {
        "en": "Line {line} is longer than {most} bytes without ending: not a row of word vectors.",
        "zh": "第 {line} 行超过 {most} 字节仍未结束：不是词向量的一行。",
    },
    "err.vec_truncated": {
        "en": "'{name}' ends after {found} rows, but {rows} were expected from its header: the "
        "file is truncated (an incomplete download or copy?).",
        "zh": "“{name}”在 {found} 行之后就结束了，但按首行应有 {rows} 行：文件被截断了（下载或复制没有完成？）。",
    },
    "err.vec_cut_short": {
        "en": "'{name}' stops in the middle of line {line}: the file is truncated.",
        "zh": "“{name}”在第 {line} 行中间就结束了：文件被截断了。",
    },
    "err.vec_not_utf8": {
        "en": "Line {line} is not UTF-8 (byte {byte}); the file is probably Latin-1 or "
        "Windows-1252. Re-save it as UTF-8.",
        "zh": "第 {line} 行不是 UTF-8（字节 {byte}）；文件可能是 Latin-1 或 Windows-1252 编码。请另存为 UTF-8。",
    },
    "err.vec_not_utf8_binary": {
        "en": "The word of row {row} is not UTF-8 (read as Latin-1 it is '{word}'). Re-save the "
        "file with UTF-8 words.",
        "zh": "第 {row} 行的词不是 UTF-8（按 Latin-1 读是“{word}”）。请用 UTF-8 编码的词重新保存文件。",
    },
    "err.vec_dim_mismatch": {
        "en": "The header says {dim} values per word, but the first row has {got}. Fix the header "
        "or the rows (values are separated by single spaces).",
        "zh": "首行说每个词有 {dim} 个数，但第一行数据有 {got} 个。请修正首行或数据（数字之间用单个空格分隔）。",
    },
    "err.vec_row_values": {
        "en": "Line {line} has {got} values; every row needs {dim}, separated by single spaces.",
        "zh": "第 {line} 行有 {got} 个数；每一行都需要 {dim} 个，用单个空格分隔。",
    },
    "err.vec_blank_line": {
        "en": "Line {line} is empty, but more rows follow: remove the blank line.",
        "zh": "第 {line} 行是空行，但后面还有数据：请删除这个空行。",
    },
    "err.vec_no_word": {
        "en": "Line {line} starts with a space: its word is missing.",
        "zh": "第 {line} 行以空格开头：缺少词。",
    },
    "err.vec_not_number": {
        "en": "Line {line} has '{value}' where a number should be.",
        "zh": "第 {line} 行在应为数字的位置出现了“{value}”。",
    },
    "err.vec_duplicate": {
        "en": "The word '{word}' occurs twice (rows {first} and {second}); gensim would silently "
        "keep the first and leave a hole. Remove the repeat.",
        "zh": "词“{word}”出现了两次（第 {first} 和第 {second} 行）；gensim 会悄悄保留第一个并留下空位。请删除重复的行。",
    },
    "err.vec_misaligned": {
        "en": "Row {row} of '{name}' does not start with a word: the rows do not line up with the "
        "header's {dim} values per word. The header's dimension is wrong or the file is damaged.",
        "zh": "“{name}”的第 {row} 行不是以词开头：数据与首行声明的每词 {dim} 个数对不上。首行的维数有误，或者文件已损坏。",
    },
    "err.vec_not_finite": {
        "en": "{count} vectors hold NaN or infinity (the first is '{word}'); convolutions of them "
        "would be NaN too. Fix or remove those rows.",
        "zh": "有 {count} 个向量含有 NaN 或无穷大（第一个是“{word}”）；用它们做卷积结果也会是 NaN。请修正或删除这些行。",
    },
    "err.vec_word_missing": {
        "en": "'{word}' is not in the vocabulary of {name}.",
        "zh": "“{word}”不在 {name} 的词表中。",
    },
    "err.vec_word_zero": {
        "en": "'{word}' has a zero vector: it points nowhere, so no word is near it.",
        "zh": "“{word}”的向量全为零：没有方向，所以没有哪个词与它相近。",
    },
    # Downloads.
    "err.net_offline": {
        "en": "Needs internet: could not reach {host} ({reason}). Try again when online, or use a "
        "set that is already here.",
        "zh": "需要联网：无法连接 {host}（{reason}）。请联网后重试，或使用这里已有的词向量。",
    },
    "err.net_http": {
        "en": "The download server answered {status} for {url}.",
        "zh": "下载服务器对 {url} 返回了 {status}。",
    },
    "err.net_checksum": {
        "en": "The download of {name} is not the published file ({size} bytes, expected "
        "{expected}, or a different md5); it was discarded. Try again.",
        "zh": "{name} 的下载结果与公布的文件不符（{size} 字节，应为 {expected}，或 md5 不同）；已丢弃。请重试。",
    },
    "err.net_cache": {
        "en": "Could not write to the download folder {folder} ({reason}). Set CONVLAB_CACHE to a "
        "writable folder.",
        "zh": "无法写入下载文件夹 {folder}（{reason}）。请把 CONVLAB_CACHE 设为可写的文件夹。",
    },
}
