"""Archives from strangers: refused from their directory, or read only up to their caps."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

from convlab.archives import Archive, Limits
from convlab.errors import InputError
from convlab.textcnn import model_file
from tests import bombs
from tests.apptest import REPO

LIMITS = Limits(members=4, total=10 * bombs.MIB, ratio=100, sizes={"small.json": 1000})
MOST = 50 * bombs.MIB


def refused(raw: bytes, limits: Limits = LIMITS) -> InputError:
    with pytest.raises(InputError) as err:
        Archive(raw, limits, "up.zip")
    return err.value


def test_a_zip_within_the_limits_reads_back_every_member() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("small.json", '{"a": 1}')
        archive.writestr("data.bin", bytes(range(256)) * 4000)
    with Archive(out.getvalue(), LIMITS, "up.zip") as archive:
        assert archive.names == {"small.json", "data.bin"}
        assert archive.read("small.json") == b'{"a": 1}'
        assert archive.read("data.bin") == bytes(range(256)) * 4000


def test_too_many_members_are_refused_from_the_end_record() -> None:
    err = refused(bombs.many_members(5))
    assert (err.key, err.params["members"], err.params["most"]) == ("err.zip_members", "5", 4)


def test_a_member_declared_over_its_cap_is_refused_unread() -> None:
    err = refused(bombs.zip_of(bombs.zeros("small.json", 1)))
    assert err.key == "err.zip_member_big"
    assert (err.params["member"], err.params["size"], err.params["most"]) == (
        "small.json",
        "1.0",
        "0.0",
    )
    err = refused(bombs.zip_of(bombs.zeros("big.bin", 2048)))  # 2 GiB declared, 2 MB on disk
    assert (err.key, err.params["size"]) == ("err.zip_member_big", "2,048.0")


def test_members_that_pack_too_well_are_refused() -> None:
    err = refused(bombs.zip_of(bombs.zeros("a.bin", 4)))
    assert err.key == "err.zip_ratio" and int(err.params["ratio"].replace(",", "")) > 100


def test_the_total_counts_every_member() -> None:
    generous = Limits(members=4, total=10 * bombs.MIB, ratio=10_000)
    members = [bombs.zeros(name, 4) for name in "abc"]
    assert refused(bombs.zip_of(*members), generous).key == "err.zip_total"
    with Archive(bombs.zip_of(*members[:2]), generous, "up.zip") as archive:
        assert archive.read("a") == bytes(4 * bombs.MIB)


def test_a_member_holding_more_than_it_declares_stops_at_the_declared_size() -> None:
    raw = bombs.zip_of(bombs.zeros("small.json", 100, declared=900))  # 100 MiB of data
    with Archive(raw, LIMITS, "up.zip") as archive, pytest.raises(InputError) as err:
        archive.read("small.json")
    assert err.value.key == "err.zip_bad"  # zipfile stops at 900 bytes: the CRC then fails


def test_duplicate_names_and_encrypted_members_are_refused() -> None:
    twice = bombs.zip_of(bombs.text("a", b"1"), bombs.text("a", b"2"))
    assert refused(twice).key == "err.zip_bad"
    encrypted = bytearray(bombs.zip_of(bombs.text("a", b"1")))
    central = encrypted.rindex(b"PK\x01\x02")
    encrypted[central + 8] |= 1  # the directory's flag bits: encrypted
    assert refused(bytes(encrypted)).key == "err.zip_method"


def test_not_a_zip() -> None:
    for raw in (b"", b"PK\x03\x04 cut short", b"hello" * 100):
        assert refused(raw).key == "err.zip_bad"


@pytest.mark.parametrize(
    ("member", "mib", "key"),
    [
        ("model.weights.h5", 2048, "err.zip_member_big"),  # the 2 GiB weights
        ("convlab.json", 1229, "err.zip_member_big"),  # the 1.2 GiB convlab.json
        ("config.json", 1229, "err.zip_member_big"),
        ("model.weights.h5", 40, "err.zip_ratio"),  # under the cap, but 1,000 : 1
    ],
)
def test_keras_bombs_are_refused_before_keras(member: str, mib: int, key: str) -> None:
    with pytest.raises(InputError) as err:
        model_file.read(bombs.keras_bomb(member, mib), "bomb.keras", most=MOST)
    assert err.value.key == key and err.value.params["name"] == "bomb.keras"


def test_a_keras_file_with_a_lying_member_is_refused() -> None:
    raw = bombs.keras_bomb("convlab.json", 100, declared=1000)
    with pytest.raises(InputError) as err:
        model_file.read(raw, "bomb.keras", most=MOST)
    assert err.value.key == "err.zip_bad"


def test_a_refused_model_file_never_imports_tensorflow() -> None:
    """The checks are pure: a bomb costs neither the seconds nor the 600 MB of importing TF."""
    code = (
        "import sys\n"
        "from convlab.errors import InputError\n"
        "from convlab.textcnn import model_file\n"
        "from tests import bombs\n"
        "try:\n"
        "    model_file.read(bombs.keras_bomb('model.weights.h5', 64), 'b.keras', most=2**25)\n"
        "except InputError as err:\n"
        "    print(err.key, 'tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.split() == ["err.zip_member_big", "False", "False"]
