from datetime import date

from xieshang.core.web import to_date, to_int, to_ints


def test_numbers_and_dates_from_a_request():
    assert to_int("12") == 12 and to_int("x") is None and to_int(None, 0) == 0
    assert to_ints(["3", "", "a", "7"]) == [3, 7]
    assert to_int(str(2**63 - 1)) == 2**63 - 1 and to_int(str(2**63)) is None
    assert to_ints(["99999999999999999999", "5"]) == [5]
    assert to_date(" 2024-05-01 ") == date(2024, 5, 1)
    assert to_date("2024-13-01") is None and to_date(None) is None
