"""Selector: parsing, canonical text, execution, piping, pickling, and robustness on random input."""

from __future__ import annotations

import pickle

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrflow import Selector

POINT = pa.struct([("x", pa.int64()), ("y", pa.int64())])
# The spec's worked example: a list of points with an empty and a null row.
POINTS = pa.array([[{"x": 1, "y": 2}, {"x": 3, "y": 4}], [], None, [{"x": 5, "y": None}]], pa.list_(POINT))


@pytest.mark.parametrize(("query", "text"), [
    (".a.b.c", ".a.b.c"), (".a | .b | .c", ".a | .b | .c"), (". | .a.b", ". | .a.b"), ("..a.b", ".a.b"),
    (".[0]", "[0]"), ("[]", "[]"), (". [0]", "[0]"), ('f("a";"b")', 'f("a"; "b")'), ("[007]", "[7]"),
    (".foo-bar", ".foo-bar"), (".a?.b!", ".a?.b!"), ("map(.x .y)", "map(.x.y)"), ("pack()", "pack()"),
])
def test_canonical_text(query: str, text: str) -> None:
    selector = Selector(query)
    assert str(selector) == text
    assert str(Selector(text)) == text


def test_repr_quotes_the_text() -> None:
    assert repr(Selector(".x")) == 'Selector(".x")'
    assert repr(Selector('f("a\tb")')) == 'Selector("f(\\"a\\\\tb\\")")'


@pytest.mark.parametrize(("query", "message"), [
    ("", "unexpected end of input"),
    ("._x", "unexpected symbol `_x`"),
    (".[-1]", "unexpected character `-` at line 1, column 3"),
    (".foo.[0]", "unexpected symbol `.`"),
    ("foo?", "unexpected symbol `?`"),
    ("frobnicate query", "unexpected symbol `query`"),
    ("pack(.x, .y)", "unexpected character `,` at line 1, column 8"),
    ("[1a]", "expected `]` but found `a`"),
    ('"abc', "unterminated string at line 1, column 2"),
])
def test_parse_errors(query: str, message: str) -> None:
    with pytest.raises(ValueError, match="^Failed to parse selector: " + message.replace("[", r"\[").replace("?", r"\?")):
        Selector(query)


def test_query_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="argument 'query'"):
        Selector(3)  # type: ignore[arg-type]


def test_execute_per_row_worked_examples() -> None:
    assert Selector(".x").execute_per_row(POINTS).to_pylist() == [[1, 3], [], None, [5]]
    assert Selector(".y!").execute_per_row(POINTS).to_pylist() == [[2, 4], [], None, None]
    assert Selector(".x").execute_per_row(POINTS).type == pa.list_(pa.field("item", pa.int64()))
    assert Selector(".z").execute_per_row(POINTS) is None
    assert Selector(".[0]?").execute_per_row(POINTS) is None
    assert Selector("map(.x)").execute(POINTS).to_pylist() == [[1, 3], [], None, [5]]


def test_execute_is_flat() -> None:
    assert Selector(".[].x").execute(POINTS).to_pylist() == [1, 3, 5]
    assert Selector(".[0]").execute(POINTS).to_pylist() == [{"x": 1, "y": 2}, None, None, {"x": 5, "y": None}]
    assert Selector(".[] | .y!").execute(POINTS).to_pylist() == [2, 4, None]


def test_execution_errors() -> None:
    with pytest.raises(RuntimeError, match=r"^Selector execution failed: Invalid argument error: cannot access field `\.x` on unexpected type Int64$"):
        Selector(".x").execute(pa.array([1, 2]))
    assert Selector(".x?").execute(pa.array([1, 2])) is None
    with pytest.raises(RuntimeError, match="^Selector execution failed: Unknown function: `frobnicate`$"):
        Selector("frobnicate").execute(pa.array([1]))


def test_execute_per_row_needs_a_list_array() -> None:
    with pytest.raises(TypeError, match=r"^expected a ListArray, got LargeList\(Field \{ data_type: Int64, nullable: true \}\)$"):
        Selector(".").execute_per_row(pa.array([[1]], pa.large_list(pa.int64())))
    with pytest.raises(TypeError, match="^argument 'source': Expected instance of pyarrow.lib.Array, got builtins.list$"):
        Selector(".").execute([1])
    with pytest.raises(TypeError, match="got pyarrow.lib.ChunkedArray"):
        Selector(".").execute_per_row(pa.chunked_array([[[1]]]))


def test_pipe_to_callables_and_selectors() -> None:
    doubled = Selector(".x").pipe(lambda values: pc.multiply(values, 2))
    assert doubled.execute_per_row(POINTS).to_pylist() == [[2, 6], [], None, [10]]
    assert str(doubled) == ".x | <function>"
    assert Selector(".x").pipe(lambda values: None).execute(POINTS.values) is None
    chained = Selector("[]").pipe(Selector(".x"))
    assert str(chained) == "[] | .x"
    assert chained.execute_per_row(pa.array([POINTS.to_pylist()], pa.list_(POINTS.type))).to_pylist() == [[1, 3, 5]]
    # rerun-sdk says "pipe() argument must be a callable or a Selector".
    with pytest.raises(TypeError, match="^Selector.pipe\\(\\): argument 'func' must be a callable or Selector, not str$"):
        Selector(".x").pipe("x")  # type: ignore[arg-type]


def test_pipe_leaves_the_original_unchanged() -> None:
    base = Selector(".x")
    base.pipe(Selector(".y"))
    assert str(base) == ".x"


def test_callable_errors_are_wrapped() -> None:
    def boom(values: pa.Array) -> pa.Array:
        raise KeyError("boom")

    with pytest.raises(RuntimeError, match="^Selector execution failed: Python callback failed: KeyError: 'boom'$"):
        Selector(".x").pipe(boom).execute(POINTS.values)
    with pytest.raises(RuntimeError, match="Failed to convert callback result to Arrow: TypeError: Expected instance of pyarrow.lib.Array, got builtins.list"):
        Selector(".x").pipe(lambda values: [1]).execute(POINTS.values)


def test_callable_sees_the_flat_values() -> None:
    seen: list[pa.Array] = []
    Selector(".x").pipe(lambda values: seen.append(values) or values).execute_per_row(POINTS)
    assert seen[0].to_pylist() == [1, 3, 5]


# rerun-sdk 0.33.1 silently builds rows out of a longer result (and crashes on
# a shorter one); rrflow needs one value per input for per-row results.
def test_callable_changing_the_length_per_row_is_an_error() -> None:
    first = Selector(".x").pipe(lambda values: values.slice(0, 1))
    assert first.execute(POINTS.values).to_pylist() == [1]
    with pytest.raises(RuntimeError, match="a piped function returned 1 values for 3 inputs"):
        first.execute_per_row(POINTS)


def test_pickling() -> None:
    for selector in (Selector(".a[0]"), Selector(".a").pipe(Selector(".x | [0]"))):
        restored = pickle.loads(pickle.dumps(selector))
        assert str(restored) == str(selector)
    with pytest.raises(TypeError, match="^Cannot pickle Selector containing a Python callable from .pipe\\(\\)"):
        pickle.dumps(Selector(".a").pipe(lambda values: values))


# --- robustness: random queries and random nested arrays --------------------------------------

QUERY_ALPHABET = st.sampled_from(list(".[]|?!()\";\\ \n\t0123456789xyzab_-é,@") + [".x", ".y", "[]", "[0]", "map(", "f(", '"s"'])
queries = st.lists(QUERY_ALPHABET, max_size=24).map("".join)


def leaf_types() -> st.SearchStrategy[pa.DataType]:
    return st.sampled_from([pa.int64(), pa.float64(), pa.string(), pa.bool_(), pa.null(), pa.int8()])


def nested_types() -> st.SearchStrategy[pa.DataType]:
    return st.recursive(
        leaf_types(),
        lambda inner: st.one_of(
            inner.map(pa.list_),
            inner.map(lambda t: pa.list_(t, 2)),
            st.lists(st.tuples(st.sampled_from(["x", "y", "z"]), inner), min_size=1, max_size=3,
                     unique_by=lambda f: f[0]).map(pa.struct),
        ),
        max_leaves=6,
    )


def values_of(type_: pa.DataType) -> st.SearchStrategy[object]:
    if pa.types.is_null(type_):
        return st.none()
    if pa.types.is_struct(type_):
        fields = {type_.field(i).name: values_of(type_.field(i).type) for i in range(type_.num_fields)}
        return st.one_of(st.none(), st.fixed_dictionaries(fields))
    if pa.types.is_fixed_size_list(type_):
        return st.one_of(st.none(), st.lists(values_of(type_.value_type), min_size=type_.list_size, max_size=type_.list_size))
    if pa.types.is_list(type_):
        return st.one_of(st.none(), st.lists(values_of(type_.value_type), max_size=3))
    leaf = {pa.int64(): st.integers(-5, 5), pa.int8(): st.integers(-5, 5), pa.float64(): st.floats(allow_nan=False),
            pa.string(): st.text(max_size=3), pa.bool_(): st.booleans()}[type_]
    return st.one_of(st.none(), leaf)


@st.composite
def arrays(draw: st.DrawFn) -> pa.Array:
    type_ = draw(nested_types())
    values = draw(st.lists(values_of(type_), max_size=5))
    array = pa.array(values, type_)
    if draw(st.booleans()) and len(array) > 1:
        array = array.slice(1)
    return array


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries)
def test_random_queries_parse_or_raise_value_error(query: str) -> None:
    try:
        selector = Selector(query)
    except ValueError as error:
        assert str(error).startswith("Failed to parse selector: ")
        return
    assert str(Selector(str(selector))) == str(selector)


SELECTOR_POOL = [".", ".x", ".y", ".x.y", "[]", "[0]", "[1]", "[]!", ".x!", "[].x", "[][]", ".x[]", "[]?",
                 ".x?", "[0]?!", "map(.x)", "map([])", ".z | [] | .x!", "[] | [0]!", "[]? | .y"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arrays(), st.sampled_from(SELECTOR_POOL), st.booleans())
def test_random_arrays_never_crash(array: pa.Array, query: str, per_row: bool) -> None:
    selector = Selector(query)
    try:
        result = selector.execute_per_row(array) if per_row else selector.execute(array)
    except RuntimeError as error:
        assert str(error).startswith("Selector execution failed: ")
        return
    except TypeError as error:
        assert per_row and str(error).startswith("expected a ListArray, got ")
        return
    if result is None:
        return
    result.validate(full=True)
    if per_row:
        assert len(result) == len(array)
        assert pa.types.is_list(result.type)
