"""Selector/input pairs for the differential tests: the spec's examples plus seeded random ones.

Run as a script to print the generated cases: ``python tests/python/interop/selector_cases.py``.

Inputs cover structs, nested lists, fixed-size lists, strings and numbers, with nulls
at every level; selectors are random walks down the input's type (fields, ``[]``,
``[N]``, ``?``, ``!``, pipes, ``map``), with a few wrong turns to reach the errors
and absent results.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    array: pa.Array
    per_row: bool


POINT = pa.struct([("x", pa.int64()), ("y", pa.int64())])
POINTS = pa.array([[{"x": 1, "y": 2}, {"x": 3, "y": 4}], [], None, [{"x": 5, "y": None}]], pa.list_(POINT))
NESTED = pa.array([[[1, 2], [3]], [[4]], None], pa.list_(pa.list_(pa.int64())))
HOLES = pa.array([[[1, 2], [3]], [None], [], [None, [4]]], pa.list_(pa.list_(pa.int64())))
DEEP = pa.array([{"a": {"b": 1}}, {"a": None}, None], pa.struct([("a", pa.struct([("b", pa.int64())]))]))
LOCATIONS = pa.array([[{"location": {"x": 1}}], [{"location": None}], [], None],
                     pa.list_(pa.struct([("location", pa.struct([("x", pa.int64())]))])))
FSL = pa.array([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9]]], pa.list_(pa.list_(pa.int64(), 3)))


def spec_cases() -> list[Case]:
    """Every evaluation example of the spec (sections 3.7 and 10) that 0.33.1 can run."""
    rows = [
        (".x", POINTS), (".y", POINTS), (".y!", POINTS), (".z", POINTS), (".z?", POINTS), (".[0]", POINTS),
        (".[0]?", POINTS), (".[1]", NESTED), (".[1]!", NESTED), (".[]", NESTED), (".[0]", NESTED), (".[]", HOLES),
        (".location.x", LOCATIONS), (".location!.x", LOCATIONS), (".missing", LOCATIONS), (".location.missing", LOCATIONS),
        (".[0][1]", FSL), (".[0]?", FSL), (".[]", FSL),
    ]
    flat = [
        (".[]", POINTS), (".[0]", POINTS), ("map(.x)", POINTS), (".a.b", DEEP), (".a.b!", DEEP), (".x", pa.array([1, 2])),
        (".x?", pa.array([1, 2])), (".[]?", DEEP), ("frobnicate", DEEP), ('string_prefix("image/")', pa.array(["png", "", None])),
        ("pack", DEEP), ("[]", FSL.values), (".missing.x", DEEP), (".a.missing", DEEP),
    ]
    cases = [Case(f"spec-row-{i}", q, a, True) for i, (q, a) in enumerate(rows)]
    cases += [Case(f"spec-flat-{i}", q, a, False) for i, (q, a) in enumerate(flat)]
    return cases


# --- random inputs ---------------------------------------------------------------------------

LEAVES = [pa.int64(), pa.float64(), pa.string(), pa.int32(), pa.bool_()]


def random_type(rng: random.Random, depth: int) -> pa.DataType:
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(LEAVES)
    kind = rng.random()
    if kind < 0.45:
        names = rng.sample(["x", "y", "z", "p", "v"], rng.randint(1, 3))
        return pa.struct([(name, random_type(rng, depth - 1)) for name in names])
    if kind < 0.85:
        return pa.list_(random_type(rng, depth - 1))
    return pa.list_(rng.choice([pa.int64(), pa.float32()]), rng.choice([2, 3]))


def random_value(rng: random.Random, type_: pa.DataType, null_rate: float) -> object:
    if rng.random() < null_rate:
        return None
    if pa.types.is_struct(type_):
        return {type_.field(i).name: random_value(rng, type_.field(i).type, null_rate) for i in range(type_.num_fields)}
    if pa.types.is_fixed_size_list(type_):
        return [random_value(rng, type_.value_type, null_rate) for _ in range(type_.list_size)]
    if pa.types.is_list(type_):
        return [random_value(rng, type_.value_type, null_rate) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    if pa.types.is_string(type_):
        return rng.choice(["", "a", "png", "héllo"])
    if pa.types.is_boolean(type_):
        return rng.random() < 0.5
    if pa.types.is_floating(type_):
        return rng.choice([0.5, -1.25, 3.0])
    return rng.randint(-9, 9)


def random_array(rng: random.Random, per_row: bool) -> pa.Array:
    inner = random_type(rng, 3)
    type_ = pa.list_(inner) if per_row or rng.random() < 0.4 else inner
    null_rate = rng.choice([0.0, 0.15, 0.3])
    values = [random_value(rng, type_, null_rate) for _ in range(rng.randint(1, 6))]
    return pa.array(values, type_)


# --- random selectors ------------------------------------------------------------------------


def random_path(rng: random.Random, type_: pa.DataType, steps: int) -> str:
    """A walk down `type_`, mostly along real fields and lists, sometimes off the map."""
    parts: list[str] = []
    for _ in range(steps):
        wrong_turn = rng.random() < 0.12
        if pa.types.is_struct(type_) and not wrong_turn:
            field = type_.field(rng.randrange(type_.num_fields))
            if rng.random() < 0.08:
                parts.append(".missing")
                break
            parts.append("." + field.name)
            type_ = field.type
        elif (pa.types.is_list(type_) or pa.types.is_fixed_size_list(type_)) and not wrong_turn:
            if rng.random() < 0.6:
                parts.append("[]")
            else:
                parts.append(f"[{rng.choice([0, 0, 1, 5])}]")
            type_ = type_.value_type
        else:
            if wrong_turn or rng.random() < 0.3:
                parts.append(rng.choice([".x", "[]", "[0]"]))
            break
        if rng.random() < 0.25:
            parts.append(rng.choice(["?", "!", "!", "?!"]))
        if rng.random() < 0.15:
            parts.append(" | ")
    return "".join(parts).strip(" |") or "."


def random_query(rng: random.Random, array: pa.Array, per_row: bool) -> str:
    type_ = array.type.value_type if per_row else array.type
    query = random_path(rng, type_, rng.randint(1, 4))
    if not per_row and pa.types.is_list(type_) and rng.random() < 0.2:
        query = f"map({random_path(rng, type_.value_type, rng.randint(1, 3))})"
    if rng.random() < 0.03:
        query += " | frobnicate"
    return query


def generated_cases(seed: int = 20260, count: int = 400) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        per_row = rng.random() < 0.6
        array = random_array(rng, per_row)
        cases.append(Case(f"gen-{i}", random_query(rng, array, per_row), array, per_row))
    return cases


def all_cases() -> list[Case]:
    return spec_cases() + generated_cases()


if __name__ == "__main__":
    for case in all_cases():
        mode = "per_row" if case.per_row else "execute"
        print(f"{case.name:12} {mode:8} {case.query!r:40} {case.array.type}  {case.array.to_pylist()}")
