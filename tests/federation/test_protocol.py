"""The HMAC input normalisation and the README's test vector (for other houses' systems)."""

import pytest

from federation import crypto
from tests.federation.factories import SHARED_KEY

VECTOR = "6fdc2529611692e295b53508c0c4412888412eaec446830e346e41e3cda09fbe"


def test_the_readme_test_vector_holds():
    assert crypto.digest(crypto.parse_key(SHARED_KEY), "111222333") == VECTOR


@pytest.mark.parametrize("typed", ["111222333", "111 222 333", "111.222.333", "111-222-333"])
def test_spaces_dots_and_dashes_do_not_change_the_hash(typed):
    assert crypto.digest(crypto.parse_key(SHARED_KEY), typed) == VECTOR


def test_an_eight_digit_bsn_gets_a_leading_zero():
    assert crypto.normalise_bsn("12345672") == "012345672"


@pytest.mark.parametrize("bad", ["", "123456789", "12345", "1234567890", "١١١٢٢٢٣٣٣", "abc"])
def test_what_is_no_bsn_is_never_hashed(bad):
    with pytest.raises(crypto.InvalidBSN):
        crypto.normalise_bsn(bad)


def test_a_shared_key_is_base64_of_at_least_32_bytes():
    assert len(crypto.parse_key(crypto.new_key())) == 32
    for bad in ["kort", "!!!", "QUJD"]:
        with pytest.raises(ValueError):
            crypto.parse_key(bad)


def test_sealed_secrets_read_back_and_never_hold_the_plain_text():
    sealed = crypto.seal("abc.geheim")
    assert "geheim" not in sealed
    assert crypto.unseal(sealed) == "abc.geheim"
    assert crypto.unseal("kapot") == ""
