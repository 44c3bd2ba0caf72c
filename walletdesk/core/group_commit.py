"""Group commit: concurrent requests in one process share one transaction.

A thread that submits work while no other is leading becomes the leader: it takes what is queued
(its own item first) and runs the batch function on it; the others wait for their results. When
the leader is done it hands the lead to the oldest waiting thread, so no request serves more than
one batch. Nothing waits on a timer: alone, a request is a batch of one, at once; under load the
batches grow by themselves with the requests that arrived while the previous batch ran.

The batch function returns one `Done` per item, holding a result or the exception to raise in
that item's thread.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Done:
    value: Any = None
    error: BaseException | None = None

    def unwrap(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


class _Slot[T]:
    __slots__ = ("done", "item", "lead", "woken")

    def __init__(self, item: T) -> None:
        self.item = item
        self.done: Done | None = None
        self.lead = False
        self.woken = threading.Event()


class GroupCommit[T]:
    def __init__(self, run_batch: Callable[[list[T]], list[Done]], *, max_batch: int) -> None:
        self._run_batch = run_batch
        self._max_batch = max(1, max_batch)
        self._lock = threading.Lock()
        self._queue: list[_Slot[T]] = []
        self._leading = False

    def submit(self, item: T) -> Any:
        """Run `item` in the next batch and return its result (or raise its error)."""
        slot = _Slot(item)
        with self._lock:
            self._queue.append(slot)
            if not self._leading:
                self._leading = slot.lead = True
        if not slot.lead:
            slot.woken.wait()
        if slot.done is None:  # woken to lead: its own item is at the head of the queue
            self._lead()
        assert slot.done is not None  # the leader finished every slot it took
        return slot.done.unwrap()

    def _lead(self) -> None:
        with self._lock:
            batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch :]
        try:
            results = self._run_batch([slot.item for slot in batch])
            if len(results) != len(batch):
                raise RuntimeError("the batch function returned a result per item")
        except BaseException as error:  # every waiting thread must be released
            results = [Done(error=error)] * len(batch)
        for slot, done in zip(batch, results, strict=True):
            slot.done = done
        with self._lock:
            if self._queue:
                self._queue[0].lead = True
            else:
                self._leading = False
            waiting = [s for s in batch if not s.lead] + self._queue[:1]
        for slot in waiting:
            slot.woken.set()
