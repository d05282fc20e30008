"""The engine's per-sentence and per-article memory: made once, and bounded."""

from bot.remembered import Remembered


def test_a_value_is_made_once_and_the_memory_stays_within_its_bound() -> None:
    made: list[int] = []

    def square(n: int) -> int:
        made.append(n)
        return n * n

    kept = Remembered(square, limit=3)
    assert [kept[2], kept[2], kept[3]] == [4, 4, 9]
    assert made == [2, 3]
    for n in range(10):
        assert kept[n] == n * n
        assert len(kept) <= 3
    assert kept[9] == 81 and made.count(9) == 1


def test_a_kept_none_is_not_made_again() -> None:
    made: list[int] = []

    def nothing(n: int) -> None:
        made.append(n)

    kept = Remembered(nothing, limit=8)
    assert kept[1] is None and kept[1] is None
    assert made == [1]
