"""Answering "does commit A contain commit B?" quickly, for many questions.

``HEAD``'s first-parent chain is numbered from 0 (``HEAD``) down to the root.
Every commit gets the number of the *oldest* chain commit that contains it (for
commits merged from a branch, the merge that brought them in). Since each chain
commit contains all older ones, the chain commits containing a commit are
exactly those numbered at or below its number, so for a target on the chain the
question is one comparison. A target off the chain (a commit of a merged branch)
is walked back to the chain once and cached.
"""

from __future__ import annotations

from collections.abc import Sequence


class Ancestry:
    """Reachability between commits given as indices, children before parents."""

    def __init__(self, parents: Sequence[Sequence[int]]) -> None:
        self._parents = parents
        self._chain: dict[int, int] = {}  # commit -> position on the first-parent chain
        at = 0 if parents else None
        while at is not None and at not in self._chain:
            self._chain[at] = len(self._chain)
            at = parents[at][0] if parents[at] else None
        self._merged_at = [-1] * len(parents)
        for commit, pos in sorted(self._chain.items(), key=lambda kv: -kv[1]):  # oldest first
            self._merged_at[commit] = pos
            stack = list(parents[commit][1:])
            while stack:
                c = stack.pop()
                if self._merged_at[c] < 0:  # else an older chain commit already has it
                    self._merged_at[c] = pos
                    stack.extend(parents[c])
        self._side: dict[int, tuple[set[int], int]] = {}

    def contains(self, target: int, commit: int) -> bool:
        """Whether ``commit`` is ``target`` or one of its ancestors."""
        pos = self._chain.get(target)
        if pos is None:
            side, pos = self._off_chain(target)
            if commit in side:
                return True
        return 0 <= pos <= self._merged_at[commit]

    def _off_chain(self, target: int) -> tuple[set[int], int]:
        """The ancestors of ``target`` off the chain, and the newest chain position
        it reaches (-1 if none)."""
        cached = self._side.get(target)
        if cached is None:
            seen, reach, stack = {target}, -1, [target]
            while stack:
                for p in self._parents[stack.pop()]:
                    pos = self._chain.get(p)
                    if pos is not None:
                        reach = pos if reach < 0 else min(reach, pos)
                    elif p not in seen:
                        seen.add(p)
                        stack.append(p)
            cached = self._side[target] = (seen, reach)
        return cached
