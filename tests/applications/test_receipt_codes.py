from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from kiosk.services import receipt_codes


def test_code_is_nine_readable_characters_derived_from_the_id() -> None:
    application_id = "0b6f2c1e-5d4a-4b7e-9f00-1234567890ab"
    code = receipt_codes.receipt_code_for(application_id)
    assert len(code) == 9
    assert set(code) <= set(receipt_codes.ALPHABET)
    assert code == receipt_codes.receipt_code_for(application_id)
    assert receipt_codes.is_valid(code)
    assert receipt_codes.display(code) == f"{code[:3]}-{code[3:6]}-{code[6:]}"


@given(st.uuids(version=4), st.integers(min_value=0, max_value=8), st.integers(1, 31))
def test_every_single_wrong_character_is_caught(application_id: uuid.UUID, position: int,
                                               shift: int) -> None:
    code = receipt_codes.receipt_code_for(str(application_id))
    alphabet = receipt_codes.ALPHABET
    wrong = alphabet[(alphabet.index(code[position]) + shift) % 32]
    typo = code[:position] + wrong + code[position + 1:]
    assert not receipt_codes.is_valid(typo)


def test_typing_variants_are_read_as_the_same_code() -> None:
    code = receipt_codes.receipt_code_for(str(uuid.uuid4()))
    spoken = receipt_codes.display(code).lower().replace("0", "o").replace("1", "l")
    assert receipt_codes.normalize(spoken) == code
    assert receipt_codes.normalize(f"https://province.example/vt/q?code={code}") == code
    assert receipt_codes.is_valid("  " + receipt_codes.display(code) + " ")
    assert not receipt_codes.is_valid(code[:-2])
