"""Seeded randomness that lives in the game state.

The stream is plain data: a seed, how many blocks have been drawn, and the unread rest of
the current block. Each block of uniform floats comes from a numpy ``Generator`` seeded with
``(seed, block)``, so the stream is exactly reproducible, cheap to copy (the block is an
immutable tuple) and serialises to JSON without loss. The rules never call ``random``, the
clock or I/O: every draw goes through here.
"""

from __future__ import annotations

import numpy as np

BLOCK = 256


class Stream:
    __slots__ = ("seed", "block", "buf", "pos")

    def __init__(self, seed: int, block: int = 0, buf: tuple = (), pos: int = 0):
        self.seed = int(seed)
        self.block = block
        self.buf = buf
        self.pos = pos

    def _refill(self) -> None:
        gen = np.random.Generator(np.random.PCG64([self.seed & 0xFFFFFFFFFFFFFFFF, self.block]))
        self.buf = tuple(gen.random(BLOCK).tolist())
        self.block += 1
        self.pos = 0

    def random(self) -> float:
        if self.pos >= len(self.buf):
            self._refill()
        x = self.buf[self.pos]
        self.pos += 1
        return x

    def chance(self, p: float) -> bool:
        """True with probability p (always draws, so the stream advances either way)."""
        return self.random() < p

    def uniform(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * self.random()

    def choice_index(self, weights: list[float]) -> int:
        total = sum(weights)
        x = self.random() * total
        acc = 0.0
        for i, w in enumerate(weights):
            acc += w
            if x < acc:
                return i
        return len(weights) - 1

    def clone(self) -> "Stream":
        return Stream(self.seed, self.block, self.buf, self.pos)

    def to_dict(self) -> dict:
        return {"seed": self.seed, "block": self.block, "pos": self.pos, "buf": list(self.buf)}

    @classmethod
    def from_dict(cls, d: dict) -> "Stream":
        return cls(d["seed"], d["block"], tuple(d["buf"]), d["pos"])


def derive_seed(seed: int, index: int) -> int:
    """The seed of game ``index`` in a batch started from ``seed`` (stable across versions)."""
    ss = np.random.SeedSequence([int(seed) & 0xFFFFFFFFFFFFFFFF, index])
    return int(ss.generate_state(1, dtype=np.uint32)[0])
