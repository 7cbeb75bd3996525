"""The pickle disassembler (src/lib/pickle) against Python's own pickle machinery, on a corpus
generated here with the standard library at test time:

1. `disassemblePickle` lists the same opcodes as `pickletools.genops` (name, position and argument),
   and where genops raises on a truncated or corrupt file, the TypeScript side stops at the same
   opcode.
2. Its verdict on what loading does matches CPython's C unpickler: for every case it either stops
   at the same byte with the same exception type and message as `pickle.loads`, or both reach the
   same first import (so the safety report applies), or both load the data.

Nothing here ever loads an untrusted pickle with an importing unpickler: the C unpickler runs with
`find_class` overridden to raise instead of importing, so no global can be fetched and nothing can
be called (REDUCE on plain data only raises TypeError). The payloads such as os.system are
generated with pickle.dumps, which never calls them.
"""

from __future__ import annotations

import base64
import collections
import datetime
import decimal
import io
import json
import os
import pickle
import pickletools
import random
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TSX = ROOT / "node_modules" / ".bin" / "tsx"


# ---------- the corpus ----------


class Point:
    """A plain class, pickled by reference."""

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    """A class with __slots__ (state as a (None, slots) pair)."""

    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = "two"


class KeywordNew:
    """A class whose __new__ takes keyword-only arguments (NEWOBJ_EX at protocol 4+)."""

    def __new__(cls, *, size):
        obj = super().__new__(cls)
        obj.size = size
        return obj

    def __getnewargs_ex__(self):
        return (), {"size": self.size}


class Hostile:
    """__reduce__ names os.system: pickling records the call, never makes it."""

    def __reduce__(self):
        return (os.system, ("echo pwned",))


class EvalPayload:
    def __reduce__(self):
        return (eval, ("__import__('os').getcwd()",))


def objects() -> list[object]:
    recursive_list: list = [1]
    recursive_list.append(recursive_list)
    recursive_dict: dict = {"name": "loop"}
    recursive_dict["self"] = recursive_dict
    shared = [1, 2]
    return [
        0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -(2**31), 2**31, 2**63, -(2**63) - 1,
        2**64, 10**30, -(10**30), 2**2000, -(2**2000), 2**40000,
        0.0, -0.0, 1.5, 0.1, 1e16, 1e-5, 1e308, 5e-324, float("inf"), float("-inf"), float("nan"),
        True, False, None,
        b"", b"abc", b"\x00\xff" * 10, bytes(300), bytearray(b"xyz"), bytearray(300),
        "", "hello", "café", "日本語", "😀 emoji", "a\nb\\c'\"", "x" * 300, "\ud800 lone", "\x00\x7f",
        (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((1, 2), (3, (4, 5))),
        [], [1, "two", 3.0], {"a": 1, "b": [1, 2]}, {1: "x", (2, 3): None},
        set(), {1, 2, 3}, frozenset(), frozenset({"a", "b"}),
        [shared, shared], recursive_list, recursive_dict,
        Point(1, 2), [Point(3, 4), Point(5, 6)], Slotted(), KeywordNew(size=3),
        Hostile(), EvalPayload(), [Hostile()],
        collections.OrderedDict(a=1), datetime.date(2024, 6, 1), decimal.Decimal("1.25"), 3 + 4j,
        len, os.path.join, Point,
        {"weights": [[0.5, -0.25], [1.0, 2.0]], "classes": ["Adelie", "Gentoo"], "version": 3},
    ]


def dumped() -> list[bytes]:
    out = []
    for obj in objects():
        for protocol in range(0, pickle.HIGHEST_PROTOCOL + 1):
            try:
                out.append(pickle.dumps(obj, protocol=protocol))
            except (pickle.PicklingError, TypeError, AttributeError, ValueError):
                pass  # e.g. KeywordNew below protocol 2
    # Protocol 5 out-of-band buffers: NEXT_BUFFER, and READONLY_BUFFER for a bytes buffer.
    out.append(pickle.dumps(pickle.PickleBuffer(b"abc"), protocol=5, buffer_callback=lambda b: False))
    out.append(pickle.dumps(pickle.PickleBuffer(bytearray(b"abc")), protocol=5, buffer_callback=lambda b: False))
    return out


def handmade() -> list[bytes]:
    """Hostile and odd streams no pickler writes."""
    return [
        b"\x80\x04\x95\x1f\x00\x00\x00\x00\x00\x00\x00\x8c\x05posix\x8c\x06system\x93\x8c\x02id\x85R.",
        b"(S'echo pwned'\nios\nsystem\n.",
        b"(cos\nsystem\nS'id'\no.",
        b"cbuiltins\neval\n(S'1+1'\ntR.",
        b"\x80\x02\x82\x01.", b"\x80\x02\x83\x01\x00.", b"\x80\x02\x84\x01\x00\x00\x00.", b"\x80\x02\x82\x00.",
        b"Pabc\n.", b"K\x01Q.",
        b"S'a\\x41\\n\\101\\q'\n.", b"S\"x'y\"\n.", b"S'unterminated\n.", b"Snoquotes\n.", b"S'\xe9'\n.",
        b"V\\u00e9\\U0001F600 plain\n.", b"Vbad \\u12\n.", b"V\xe9\n.",
        b"I00\n.", b"I01\n.", b"I-5\n.", b"I 12 \n.", b"I1_000\n.", b"I0x10\n.", b"I010\n.", b"Iabc\n.", b"I\n.",
        b"L123L\n.", b"L-9\n.", b"Lxyz\n.", b"F1.5\n.", b"Finf\n.", b"Fnan\n.", b"F-0\n.", b"F1e5\n.", b"F 2.5 \n.",
        b"F1_0.5\n.", b"Fx\n.", b"G\x3f\xf8\x00\x00\x00\x00\x00\x00.",
        b"\x8b\xff\xff\xff\xff.", b"T\xff\xff\xff\xffabc.", b"X\xff\xff\xff\xffabc.", b"\x8d\xff\xff\xff\xff\xff\xff\xff\x7f.",
        b"X\x02\x00\x00\x00\xc3(.", b"X\x03\x00\x00\x00\xed\xa0\x80.", b"\x8c\x02\xff\xfe.",
        b"(((((((((K\x01.", b"(K\x01K\x02K\x03t.", b"K\x011.", b"1.", b"0.", b"2.", b"(0.", b"(2.",
        b"]K\x01a.", b"K\x01K\x02a.", b"]K\x01K\x02s.", b"}]K\x01s.", b"}K\x01]s.", b"}(K\x01u.", b"](K\x01K\x02e.",
        b"K\x01(e.", b"\x8f(K\x01\x90.", b"](K\x01\x90.", b"\x8f(]\x90.", b"(]\x91.", b"(K\x01d.", b"(]K\x01d.",
        b"K\x01N\x86b.", b"K\x01}b.", b"K\x01K\x02b.", b"K\x01N}\x86b.",
        b"K\x01)R.", b"K\x01K\x02R.", b")K\x01\x81.", b"K\x01)\x81.", b"K\x01)}\x92.", b"(K\x01o.", b"(o.",
        b"\x80\x05\x97.", b"\x80\x05K\x01\x98.", b"\x80\x05C\x01a\x98.", b"\x80\x06.", b"\x80\x09K\x01.",
        b"g5\n.", b"h\x05.", b"j\x05\x00\x00\x00.", b"K\x01p0\ng0\n.", b"K\x01q\x00h\x00.", b"p0\n.", b"K\x01p-1\n.",
        b"K\x01r\xff\xff\xff\xff.", b"K\x01\x94h\x00.", b"\x94.", b"gx\n.",
        b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01.", b"\x80\x04\x95\x02\x00\x00\x00\x00\x00\x00\x00K\x01.",
        b"\x80\x04\x95\xff\xff\xff\xff\xff\xff\xff\x7fK\x01.",
        b"cos\n\n.", b"c\nsystem\n.", b"cos\nsys\\x74em\n.", b"cos", b"(cos\n\n.",
        b"K\x01", b"", b".", b"K\x01K\x02.", b"N.extra bytes", b"(.",
    ]


def truncations(data: list[bytes]) -> list[bytes]:
    out = []
    for blob in data:
        out.extend(blob[:cut] for cut in range(len(blob)))
    return out


def corruptions(data: list[bytes], count: int, rng: random.Random) -> list[bytes]:
    out = []
    for _ in range(count):
        blob = bytearray(rng.choice(data))
        if not blob:
            continue
        for _ in range(rng.randint(1, 3)):
            blob[rng.randrange(len(blob))] = rng.randrange(256)
        out.append(bytes(blob))
    return out


def non_pickles(rng: random.Random) -> list[bytes]:
    texts = [
        b"hello world\n",
        b"species,island,bill_length_mm\nAdelie,Torgersen,39.1\n",
        b'{"instance": {"beak_length_mm": 39.1}}',
        b"# A README\n\nSome text.\n",
        "naïve café\n".encode(),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00",
    ]
    randoms = [bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) for _ in range(300)]
    return texts + randoms


def corpus() -> list[bytes]:
    rng = random.Random(20261202)
    base = dumped() + handmade()
    small = [blob for blob in base if len(blob) <= 160]
    return base + truncations(rng.sample(small, 40)) + corruptions(base, 600, rng) + non_pickles(rng)


# ---------- the Python side ----------


def genops_json(data: bytes) -> tuple[list[list], int | None]:
    """genops' (name, pos, arg) list, and where the opcode it raised on starts (None if it did not)."""
    ops = []
    stream = io.BytesIO(data)
    end = 0
    try:
        for opcode, arg, pos in pickletools.genops(stream):
            ops.append([opcode.name, pos, arg])
            end = stream.tell()  # genops is lazy: the stream sits just after this opcode
    except Exception:  # noqa: BLE001 - genops raises ValueError, UnicodeDecodeError, ...
        return ops, end
    return ops, None


def same_arg(ours, theirs) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if "bool" in ours:
        return isinstance(theirs, bool) and theirs == ours["bool"]
    if "int" in ours:
        return isinstance(theirs, int) and not isinstance(theirs, bool) and str(theirs) == ours["int"]
    if "hugeInt" in ours:
        return isinstance(theirs, int) and len(pickle.encode_long(theirs)) == ours["hugeInt"]
    if "float" in ours:
        return isinstance(theirs, float) and repr(theirs) == ours["float"]
    if "str" in ours:
        return isinstance(theirs, str) and theirs == ours["str"] and not ours.get("truncated", False)
    if "bytes" in ours:
        return isinstance(theirs, (bytes, bytearray)) and bytes(theirs).hex() == ours["bytes"]
    return False


class ImportAttempt(Exception):
    """Raised by the restricted unpickler where the real one would import a global."""


class NoImportUnpickler(pickle.Unpickler):
    """CPython's C unpickler with imports replaced by an exception: nothing can be fetched or called."""

    def find_class(self, module, name):
        raise ImportAttempt(f"{module}.{name}")


def load_outcome(data: bytes) -> tuple[str, str, str]:
    """('loads'|'runs-code'|'refuses', exception type, message) as the C unpickler behaves."""
    try:
        NoImportUnpickler(io.BytesIO(data)).load()
    except ImportAttempt as e:
        return "runs-code", "", str(e)
    except Exception as e:  # noqa: BLE001 - every exception the unpickler raises is a verdict
        return "refuses", type(e).__name__, str(e)
    return "loads", "", ""


def stop_byte(data: bytes) -> int:
    """The opcode where the C unpickler stops: the longest prefix that merely runs out of input."""
    for cut in range(len(data), -1, -1):
        try:
            NoImportUnpickler(io.BytesIO(data[:cut])).load()
        except EOFError:
            return cut
        except Exception:  # noqa: BLE001
            continue
    return 0


def run_typescript(cases: list[bytes]) -> dict:
    payload = json.dumps({"cases": [base64.b64encode(c).decode() for c in cases]})
    done = subprocess.run(
        [str(TSX), "scripts/pickle-reference-json.ts"],
        input=payload,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    return json.loads(done.stdout)


CASES = corpus()
TS = run_typescript(CASES)
ALL_CASES = CASES + [base64.b64decode(TS["onnx"])]


def test_the_corpus_is_large_and_covers_every_protocol_and_the_hostile_opcodes():
    assert len(ALL_CASES) > 1500
    names = {op.name for blob in dumped() + handmade() for op, _, _ in safe_genops(blob)}
    for name in ["PROTO", "FRAME", "STACK_GLOBAL", "REDUCE", "NEWOBJ", "NEWOBJ_EX", "INST", "OBJ",
                 "BUILD", "LONG4", "BINUNICODE", "BYTEARRAY8", "NEXT_BUFFER",
                 "READONLY_BUFFER", "MEMOIZE", "FROZENSET", "ADDITEMS", "EXT1", "PERSID", "STRING"]:
        assert name in names, name
    assert {blob[1] for blob in dumped() if blob[:1] == b"\x80"} == {2, 3, 4, 5}


def safe_genops(blob: bytes):
    try:
        yield from pickletools.genops(blob)
    except Exception:  # noqa: BLE001
        return


def test_opcodes_match_pickletools_genops():
    mismatches = []
    compared = 0
    for data, ours in zip(ALL_CASES, TS["results"]):
        theirs, failed_at = genops_json(data)
        compared += len(theirs)
        ours_ops = ours["ops"]
        if [o[:2] for o in ours_ops] != [t[:2] for t in theirs] or not all(
            same_arg(o[2], t[2]) for o, t in zip(ours_ops, theirs)
        ):
            mismatches.append((data[:80], ours_ops[:12], [[t[0], t[1], repr(t[2])[:60]] for t in theirs][:12]))
            continue
        ours_error = ours["error"]
        if failed_at is None:
            if ours_error is not None:
                mismatches.append((data[:80], "genops finished, we stopped", ours_error))
        elif ours_error is None or ours_error["offset"] != failed_at:
            mismatches.append((data[:80], f"genops raised at {failed_at}", ours_error))
    print(f"pickle: {len(ALL_CASES)} files, {compared} opcodes compared with pickletools.genops, "
          f"{len(mismatches)} disagreements")
    for mismatch in mismatches[:40]:
        print("  ", mismatch)
    assert mismatches[:10] == []


def test_the_load_verdict_matches_the_c_unpickler():
    mismatches = []
    positions = 0
    for data, ours in zip(ALL_CASES, TS["results"]):
        outcome, exception, message = load_outcome(data)
        load = ours["load"]
        if load["outcome"] != outcome:
            mismatches.append((data[:60], (outcome, exception, message), load))
            continue
        if outcome == "refuses" and (load["exception"], load["message"]) != (exception, message):
            mismatches.append((data[:60], (exception, message), load))
            continue
        # The prefix oracle is exact where no FRAME precedes the stop (the C unpickler checks a
        # whole frame is present before running any opcode in it).
        if outcome != "loads" and not any(op[0] == "FRAME" for op in ours["ops"]):
            positions += 1
            expected = stop_byte(data)
            if load["offset"] != expected:
                mismatches.append((data[:60], f"stops at {expected}", load))
    print(f"pickle.loads verdicts: {len(ALL_CASES)} files, {positions} stop positions compared, "
          f"{len(mismatches)} disagreements")
    for mismatch in mismatches[:40]:
        print("  ", mismatch)
    assert mismatches[:10] == []


def test_the_named_non_pickles_are_refused_before_any_import():
    checks = {
        b"": ("EOFError", "Ran out of input", 0),
        b"hello world\n": ("UnpicklingError", "Memo value not found at index 101", 0),
        base64.b64decode(TS["onnx"]): ("UnpicklingError", "invalid load key, '\\x08'.", 0),
    }
    for data, (exception, message, offset) in checks.items():
        load = TS["results"][ALL_CASES.index(data)]["load"]
        got = (load["outcome"], load.get("exception"), load.get("message"), load["offset"])
        assert got == ("refuses", exception, message, offset)
