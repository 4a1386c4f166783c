"""The order of play: the hand-made levels, then endless levels; what is unlocked (no Qt)."""

from __future__ import annotations

from gdgame.game.levels import Level, load_levels

ENDLESS_PREFIX = "endless-"
WINS_FOR_ENDLESS = 6
"""Campaign levels to win before endless mode opens."""


def endless_id(depth: int) -> str:
    return f"{ENDLESS_PREFIX}{depth}"


def endless_depth(level_id: str) -> int | None:
    """The depth of an endless level id such as ``endless-3``, else None."""
    if not level_id.startswith(ENDLESS_PREFIX):
        return None
    tail = level_id[len(ENDLESS_PREFIX) :]
    if not (tail.isascii() and tail.isdecimal()):  # isdigit() also accepts '²'
        return None
    return int(tail) if int(tail) >= 1 else None


class Campaign:
    """The hand-made levels in order, plus generated endless levels on demand."""

    def __init__(self, levels: list[Level] | None = None):
        self.levels = list(levels) if levels is not None else load_levels()
        self._by_id = {level.id: level for level in self.levels}
        self._endless: dict[int, Level] = {}

    @property
    def ids(self) -> list[str]:
        return [level.id for level in self.levels]

    @property
    def first(self) -> Level:
        return self.levels[0]

    def __contains__(self, level_id: str) -> bool:
        return level_id in self._by_id or endless_depth(level_id) is not None

    def get(self, level_id: str) -> Level:
        if level_id in self._by_id:
            return self._by_id[level_id]
        depth = endless_depth(level_id)
        if depth is None:
            raise KeyError(f"unknown level {level_id!r}")
        if depth not in self._endless:
            from gdgame.game.endless import endless_level

            self._endless[depth] = endless_level(depth)
        return self._endless[depth]

    def is_ready(self, level_id: str) -> bool:
        """Whether ``get`` can answer at once (endless levels take a moment to generate)."""
        depth = endless_depth(level_id)
        return level_id in self._by_id or (depth is not None and depth in self._endless)

    def remember(self, level: Level) -> None:
        """Keep an endless level generated elsewhere (e.g. in a worker thread)."""
        depth = endless_depth(level.id)
        if depth is None:
            raise ValueError(f"{level.id!r} is not an endless level")
        self._endless[depth] = level

    def next_id(self, level_id: str) -> str | None:
        """The level after ``level_id``: the next hand-made one, then endless levels."""
        depth = endless_depth(level_id)
        if depth is not None:
            return endless_id(depth + 1)
        index = self.ids.index(level_id)
        if index + 1 < len(self.levels):
            return self.levels[index + 1].id
        return endless_id(1)

    def is_unlocked(self, level_id: str, unlocked: set[str]) -> bool:
        if level_id == self.first.id or level_id in unlocked:
            return True
        if level_id == endless_id(1):
            return self.endless_open(unlocked)
        return False

    def endless_open(self, unlocked: set[str]) -> bool:
        won_or_open = sum(1 for level_id in self.ids if level_id in unlocked)
        return won_or_open > WINS_FOR_ENDLESS
