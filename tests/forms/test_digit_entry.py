"""The typed-number rules behind the large ID, phone and card boxes (no Qt)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from forms import identity
from forms.digit_entry import KINDS, accepts_key, entry_state, grouped

TODAY = dt.date(2026, 12, 3)
VALID_ID = identity.make_id_number("330122", dt.date(1958, 3, 12), 123)


def test_an_id_number_is_grouped_6_8_4_and_counted() -> None:
    state = entry_state("id_number", VALID_ID, TODAY)
    assert state.grouped == f"{VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}"
    assert (state.count, state.complete, state.problem) == (18, True, None)
    assert state.acceptable
    half = entry_state("id_number", VALID_ID[:12], TODAY)
    assert half.grouped == f"{VALID_ID[:6]} {VALID_ID[6:12]}"
    assert (half.count, half.complete) == (12, False)


def test_a_wrong_check_character_is_found_at_the_18th() -> None:
    wrong = VALID_ID[:17] + ("1" if VALID_ID[17] != "1" else "2")
    assert entry_state("id_number", wrong[:17], TODAY).problem is None
    problem = entry_state("id_number", wrong, TODAY).problem
    assert problem is not None
    assert (problem.code, problem.first, problem.last, problem.warning) == (
        "id_checksum", 18, 18, False)
    assert not entry_state("id_number", wrong, TODAY).acceptable


def test_an_impossible_birth_date_is_found_once_digits_7_to_14_are_in() -> None:
    body = "330122" + "19581332"  # month 13
    assert entry_state("id_number", body[:13], TODAY).problem is None
    problem = entry_state("id_number", body, TODAY).problem
    assert problem is not None
    assert (problem.code, problem.first, problem.last) == (
        "id_birth_date", 7, 14)
    future = entry_state("id_number", "330122" + "20270101", TODAY).problem
    assert future is not None
    assert future.code == "id_birth_date"


def test_x_only_as_the_last_character_of_an_id() -> None:
    kind = KINDS["id_number"]
    assert not accepts_key(kind, "3301", "X")
    assert accepts_key(kind, VALID_ID[:17], "X")
    assert not accepts_key(kind, VALID_ID, "1")  # full
    problem = entry_state("id_number", "3301X2", TODAY).problem
    assert problem is not None
    assert (problem.code, problem.first) == ("id_format", 5)


def test_a_mobile_number_is_grouped_3_4_4_and_its_prefix_checked() -> None:
    state = entry_state("phone", "13905791234", TODAY)
    assert (state.grouped, state.count, state.problem) == ("139 0579 1234", 11, None)
    first = entry_state("phone", "2", TODAY).problem
    assert first is not None
    assert (first.code, first.first) == ("phone_prefix", 1)
    second = entry_state("phone", "12", TODAY).problem
    assert second is not None
    assert (second.code, second.first) == ("phone_prefix", 2)


def test_a_card_number_is_grouped_by_four_and_luhn_is_only_a_warning() -> None:
    card = identity.make_bank_card("621785610012")
    state = entry_state("bank_card", card, TODAY)
    assert state.grouped == " ".join(card[i:i + 4] for i in range(0, 19, 4))
    assert state.problem is None
    assert state.acceptable
    bad = card[:18] + str((int(card[18]) + 1) % 10)
    warned = entry_state("bank_card", bad, TODAY)
    assert warned.problem is not None
    assert warned.problem.warning
    assert warned.acceptable  # old cards fail Luhn: the villager may go on
    assert not entry_state("bank_card", card[:11], TODAY).complete


def test_full_width_digits_and_spaces_are_cleaned() -> None:
    state = entry_state("phone", "１３９ ０５７９ １２３４", TODAY)
    assert state.typed == "13905791234"


@given(st.dates(dt.date(1900, 1, 1), TODAY), st.integers(0, 999),
       st.sampled_from(["330122", "110101", "440305"]))
def test_no_prefix_of_a_valid_id_number_is_called_wrong(born: dt.date, seq: int,
                                                        region: str) -> None:
    number = identity.make_id_number(region, born, seq)
    for end in range(19):
        state = entry_state("id_number", number[:end], TODAY)
        assert state.problem is None, (number[:end], state.problem)
        assert state.grouped.replace(" ", "") == number[:end]
        assert state.count == end


@given(st.text(alphabet="0123456789X ", max_size=30))
def test_grouping_keeps_every_character(text: str) -> None:
    cleaned = text.replace(" ", "")
    assert grouped(cleaned, (6, 8, 4)).replace(" ", "") == cleaned
