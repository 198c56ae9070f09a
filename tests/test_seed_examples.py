"""The seed-example reader turns the scraped documentation's loose JSON into values."""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_examples import SEED_PATH, seed_json_examples


def read(tmp_path: Path, text: str) -> list[object]:
    seed = tmp_path / "seed.txt"
    seed.write_text(text, encoding="utf-8")
    return [example.value for example in seed_json_examples(seed)]


def test_a_comment_after_a_url_is_dropped_and_the_url_kept(tmp_path: Path) -> None:
    text = 'Media\n\n{\n  "url": "https://x.test/a.png", // the public URL\n  "n": 1\n}\n'
    assert read(tmp_path, text) == [{"url": "https://x.test/a.png", "n": 1}]


def test_placeholder_lines_and_the_commas_they_leave_are_dropped(tmp_path: Path) -> None:
    text = 'List\n\n[\n  {\n    "id": "1",\n    ...\n  }, // more\n  // ...\n]\n'
    assert read(tmp_path, text) == [[{"id": "1"}]]


def test_an_indented_opening_bracket_starts_a_block_and_its_heading_is_the_title(
    tmp_path: Path,
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text('Edit Request\n\n {\n  "a": {"b": 2}\n}\nprose\n', encoding="utf-8")
    [example] = seed_json_examples(seed)
    assert (example.title, example.line, example.value) == ("Edit Request", 3, {"a": {"b": 2}})


def test_a_block_that_is_not_json_is_an_error_naming_its_line(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"seed.txt:3: 'Broken' is not JSON"):
        read(tmp_path, 'Broken\n\n{\n  "a": nope\n}\n')


def test_a_trailing_comma_is_dropped_but_not_inside_a_string(tmp_path: Path) -> None:
    text = 'Note\n\n{\n  "a": "x, }",\n  "b": [1, 2,],\n}\n'
    assert read(tmp_path, text) == [{"a": "x, }", "b": [1, 2]}]


def test_the_seed_yields_its_examples_among_them_get_user() -> None:
    examples = seed_json_examples(SEED_PATH)
    assert len(examples) > 90
    get_user = next(e for e in examples if e.title == "Get User Response")
    assert get_user.value == {
        "data": {
            "id": "test_user_id",
            "name": "Test User",
            "email": "example@evocalize.com",
            "groups": [{"id": "seattle_office", "name": "Seattle Office", "role": "group_admin"}],
        }
    }
