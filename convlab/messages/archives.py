"""Messages about archives (zip files such as .keras) refused before anything reads them."""

MESSAGES: dict[str, dict[str, str]] = {
    "err.zip_bad": {
        "en": "'{name}' is not a readable zip file (damaged, cut short, or with a member whose "
        "data does not match its size or checksum). Save it again and upload the new file.",
        "zh": "“{name}”不是可读取的 zip 文件（已损坏、不完整，或某个成员的数据与其大小或校验和不符）。"
        "请重新保存后上传新文件。",
    },
    "err.zip_members": {
        "en": "'{name}' holds {members} members; at most {most} are accepted here.",
        "zh": "“{name}”包含 {members} 个成员；这里最多接受 {most} 个。",
    },
    "err.zip_method": {
        "en": "'{name}': the member '{member}' is encrypted or compressed in a way this app does "
        "not read. Save the file again without a password, with ordinary zip compression.",
        "zh": "“{name}”：成员“{member}”已加密，或使用了本应用不读取的压缩方式。"
        "请不设密码、用普通 zip 压缩重新保存。",
    },
    "err.zip_member_big": {
        "en": "'{name}': the member '{member}' is {size} MB once unpacked, more than the {most} MB "
        "allowed here. Use a smaller file.",
        "zh": "“{name}”：成员“{member}”解压后有 {size} MB，超过这里允许的 {most} MB。请使用更小的文件。",
    },
    "err.zip_ratio": {
        "en": "'{name}': the member '{member}' unpacks to {ratio} times its packed size (at most "
        "{most} is accepted). Such a file is built to fill memory, so it is not read.",
        "zh": "“{name}”：成员“{member}”解压后是压缩大小的 {ratio} 倍（最多接受 {most} 倍）。"
        "这样的文件是为占满内存而构造的，因此不予读取。",
    },
    "err.zip_total": {
        "en": "'{name}' unpacks to {size} MB, more than the {most} MB allowed here. Use a smaller "
        "file.",
        "zh": "“{name}”解压后有 {size} MB，超过这里允许的 {most} MB。请使用更小的文件。",
    },
}
