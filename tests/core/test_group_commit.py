"""Group commit: requests arriving together share a batch; each gets its own answer."""

import threading
import time

import pytest

from walletdesk.core.group_commit import Done, GroupCommit


class Recorder:
    """A batch function that records its batches; the first batch can be held open."""

    def __init__(self, hold_first: bool = False) -> None:
        self.batches: list[list[int]] = []
        self.threads: list[str] = []
        self.first_started = threading.Event()
        self.release = threading.Event()
        if not hold_first:
            self.release.set()

    def __call__(self, items: list[int]) -> list[Done]:
        self.batches.append(list(items))
        self.threads.append(threading.current_thread().name)
        if len(self.batches) == 1:
            self.first_started.set()
            self.release.wait(10)
        return [Done(error=ValueError(i)) if i < 0 else Done(value=i * 10) for i in items]


def submit_in_threads(group: GroupCommit, items: list[int]) -> tuple[dict, list]:
    answers: dict[int, object] = {}
    threads = []
    for item in items:

        def run(item=item) -> None:
            try:
                answers[item] = group.submit(item)
            except ValueError as error:
                answers[item] = error

        thread = threading.Thread(target=run, name=f"t{item}")
        thread.start()
        threads.append(thread)
    return answers, threads


def wait_queued(group: GroupCommit, count: int) -> None:
    deadline = time.monotonic() + 10
    while len(group._queue) < count:  # the threads are queued behind the held batch
        assert time.monotonic() < deadline, "the threads never queued"
        time.sleep(0.001)


def test_a_request_alone_is_a_batch_of_one_run_in_its_own_thread():
    recorder = Recorder()
    group = GroupCommit(recorder, max_batch=8)
    assert group.submit(3) == 30
    assert recorder.batches == [[3]]
    assert recorder.threads == [threading.current_thread().name]


def test_requests_arriving_while_a_batch_runs_share_the_next_batch():
    recorder = Recorder(hold_first=True)
    group = GroupCommit(recorder, max_batch=8)
    first, first_threads = submit_in_threads(group, [1])
    assert recorder.first_started.wait(10)
    later, later_threads = submit_in_threads(group, [2, 3, 4, 5])
    wait_queued(group, 4)
    recorder.release.set()
    for thread in first_threads + later_threads:
        thread.join(10)
    assert recorder.batches[0] == [1]
    assert sorted(recorder.batches[1]) == [2, 3, 4, 5]
    assert len(recorder.batches) == 2
    assert first == {1: 10}
    assert later == {2: 20, 3: 30, 4: 40, 5: 50}
    # the next batch is led by one of its own requests, not by the first request's thread
    assert recorder.threads[1] in {"t2", "t3", "t4", "t5"}


def test_batches_are_capped_and_every_request_is_answered():
    recorder = Recorder(hold_first=True)
    group = GroupCommit(recorder, max_batch=3)
    _, first_threads = submit_in_threads(group, [0])
    assert recorder.first_started.wait(10)
    later, later_threads = submit_in_threads(group, list(range(1, 8)))
    wait_queued(group, 7)
    recorder.release.set()
    for thread in first_threads + later_threads:
        thread.join(10)
    assert [len(b) for b in recorder.batches] == [1, 3, 3, 1]
    assert later == {i: i * 10 for i in range(1, 8)}


def test_an_error_for_one_item_is_raised_only_in_its_own_thread():
    recorder = Recorder(hold_first=True)
    group = GroupCommit(recorder, max_batch=8)
    _, first_threads = submit_in_threads(group, [9])
    assert recorder.first_started.wait(10)
    later, later_threads = submit_in_threads(group, [2, -1, 4])
    wait_queued(group, 3)
    recorder.release.set()
    for thread in first_threads + later_threads:
        thread.join(10)
    assert later[2] == 20 and later[4] == 40
    assert isinstance(later[-1], ValueError)


def test_a_failing_batch_function_fails_its_batch_and_the_group_keeps_working():
    calls = []

    def explode_once(items):
        calls.append(items)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return [Done(value="ok") for _ in items]

    group = GroupCommit(explode_once, max_batch=8)
    with pytest.raises(RuntimeError, match="went away"):
        group.submit(1)
    assert group.submit(2) == "ok"


def test_a_wrong_number_of_results_is_an_error_not_a_hang():
    group = GroupCommit(lambda items: [], max_batch=8)
    with pytest.raises(RuntimeError, match="a result per item"):
        group.submit(1)
