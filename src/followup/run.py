"""The run: load every file, prepare and render every item of every product, write each file atomically.

Input errors stop the run before anything is written: the files are validated when loaded
and every item of every product is prepared (merged and fitted) before the first write,
which catches a template with an unknown field or a character no font has. The prepared
items wait in a spool file on disk, not in memory, so a batch of a thousand interviewers
needs no more memory than a panel of four. An item failure (``ItemError``) skips that item only and is
reported; the others are written. Products run in ``PRODUCTS`` order, so email drafts come
first and are written even when a card or letter for the same person fails.

With ``jobs`` > 1 items are prepared and rendered in worker processes; the parent writes
their bytes in a fixed order and makes the combined files itself, so the output is
byte-identical to ``jobs=1``. The manifest (``followup.manifest``) makes re-runs skip what is
unchanged and keeps whatever a person edited or added. The core returns a ``Report``; the
CLI prints it and chooses the exit status.
"""

from __future__ import annotations

import os
import pickle
import sys
import unicodedata
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from followup import __version__
from followup.errors import ExitStatus, ItemError, UsageError
from followup.loading import load_interview
from followup.manifest import MANIFEST, Manifest, State, content_hash as _hash, digest
from followup.model import InterviewFile
from followup.output import Slugs, inside
from followup.render.base import Common, Item, Renderer


@dataclass
class Failure:
    """One item that could not be made, and why."""

    subject: str
    product: str
    message: str


@dataclass
class Kept:
    """A file followup would have written but left alone, because a person edited or added it."""

    path: Path
    product: str
    reason: str  # "edited" (changed since followup wrote it) or "foreign" (not written by followup)


@dataclass
class Outcome:
    """One file of the run: what happened to it."""

    product: str
    path: Path
    status: str  # "written", "unchanged", "kept"
    item: Item | None  # None for a combined file


@dataclass
class Report:
    """What a run wrote, what it skipped as unchanged, what it kept, and what failed."""

    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    products: list[str] = field(default_factory=list)

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.ITEMS_FAILED if self.failures else ExitStatus.OK

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        if outcome.status == "written":
            self.written.append(outcome.path)
        elif outcome.status == "unchanged":
            self.unchanged.append(outcome.path)


@dataclass(frozen=True)
class Spec:
    """How to make one product's renderer: the command name, the shared options and its own options.

    A spec (unlike a renderer) crosses process boundaries, so workers build their own renderer.
    """

    name: str
    common: Common = field(default_factory=Common)
    options: tuple[tuple[str, Any], ...] = ()

    def build(self) -> Renderer:
        from followup.render import renderer_module

        return renderer_module(self.name).renderer(self.common, **dict(self.options))

    def fingerprint(self) -> str:
        return _hash({"name": self.name, "common": self.common, "options": dict(self.options)})


# ---- loading and selecting ----------------------------------------------------------------------


def load_all(paths: Iterable[str | Path], interviewers: str | Path | None = None) -> list[InterviewFile]:
    """Load and validate every interview file (a batch CSV gives several); the first bad one stops everything."""
    from followup.loading import load_batch

    loaded: list[InterviewFile] = []
    for path in paths:
        if Path(path).suffix.lower() == ".csv":
            if interviewers is not None:
                raise UsageError(f"{path}: a batch CSV names its own interviewers; --interviewers goes with a YAML, TOML or JSON file")
            loaded.extend(load_batch(path))
        else:
            loaded.append(load_interview(path, interviewers))
    return loaded


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().strip()


def items(files: Sequence[InterviewFile], out_dir: Path, only: Sequence[str] = ()) -> list[Item]:
    """Every interviewer of every file (or those named in ``only``) with a unique output folder.

    The folder is ``DIR/<company>/<interviewer>``; when the files are for more than one
    candidate (a career adviser's batch) it is ``DIR/<candidate>/<company>/<interviewer>``.
    """
    wanted = {_key(name) for name in only}
    candidates = {_key(interview.candidate.name) for interview in files}
    by_candidate = len(candidates) > 1
    candidate_slugs, candidate_of = Slugs(), {}
    companies: dict[str, Slugs] = {}
    company_slugs: dict[tuple[str, str], str] = {}
    people: dict[tuple[str, str], Slugs] = {}
    result = []
    for interview in files:
        root: tuple[str, ...] = ()
        if by_candidate:
            key = _key(interview.candidate.name)
            if key not in candidate_of:
                candidate_of[key] = candidate_slugs.unique(interview.candidate.name, "candidate")
            root = (candidate_of[key],)
        for index, person in enumerate(interview.interviewers):
            if wanted and _key(person.name) not in wanted:
                continue
            company = interview.company_of(person)
            if (root, company) not in company_slugs:
                company_slugs[(root, company)] = companies.setdefault(root, Slugs()).unique(company, "company")
            company_slug = company_slugs[(root, company)]
            slugs = people.setdefault((root, company_slug), Slugs())
            folder = inside(out_dir, *root, company_slug, slugs.unique(person.name, "interviewer"))
            result.append(Item(interview=interview, person=person, index=index, folder=folder))
    missing = wanted - {_key(item.person.name) for item in result}
    if missing:
        names = sorted({person.name for interview in files for person in interview.interviewers})
        raise UsageError(f"no interviewer called {sorted(missing)[0]!r}; the panel is: {', '.join(names)}")
    return result


def wants(item: Item, renderer: Renderer) -> bool:
    """Does this interviewer's ``send:`` list (if any) include the product?"""
    return item.person.send is None or renderer.product in item.person.send


# ---- content hashes: what each file is made from -------------------------------------------------


def fingerprint(renderer: Renderer | Spec) -> str:
    """What a product's output depends on besides the item: its options and followup's version."""
    if isinstance(renderer, Spec):
        return renderer.fingerprint()
    own = getattr(renderer, "fingerprint", None)
    if isinstance(own, str):
        return own
    return _hash({"name": renderer.name, "state": {k: v for k, v in vars(renderer).items() if not k.startswith("_")}})


def item_hash(item: Item, out_dir: Path) -> str:
    """What one interviewer's files depend on: the file's shared parts, this person, their place and folder."""
    interview = item.interview
    return _hash(
        {
            "candidate": interview.candidate,
            "interview": interview.interview,
            "message": interview.message,
            "person": item.person,
            "index": item.index,
            "folder": item.folder.relative_to(out_dir.resolve()).as_posix(),
        }
    )


# ---- workers ------------------------------------------------------------------------------------

MIN_PARALLEL = 8  # fewer tasks than this run in this process: starting workers would cost more


@dataclass(frozen=True)
class _Pickled:
    """A prepared value, pickled where it was made, on its way to the spool."""

    data: bytes


@dataclass(frozen=True)
class _Spooled:
    """Where a prepared value waits for phase two: a stretch of the run's spool file."""

    offset: int
    length: int


class _Unpicklable:
    """Stands for a prepared value that cannot be pickled: whoever needs it prepares it again."""


# where workers can be forked, they inherit the parent's open files (and the fonts it loaded)
FORK = sys.platform.startswith("linux")


@dataclass(frozen=True)
class _Place:
    """How a process reaches the spool: the inherited descriptor (forked workers) or the path (spawned ones)."""

    descriptor: int
    path: str | None


class _Spool:
    """Prepared values on disk between the two phases, so a batch's memory does not grow with its size.

    A temporary file in the system's temporary folder, never the output folder: phase one appends
    each pickled value, phase two reads each back when it is drawn. Where workers are forked the
    file is unlinked at once, so not even a killed run leaves it behind; spawned workers open it
    by its path, and it is removed when the run ends.
    """

    def __init__(self) -> None:
        import tempfile

        descriptor, name = tempfile.mkstemp(prefix="followup-", suffix=".spool")
        if FORK:
            os.unlink(name)
        self.place = _Place(descriptor, None if FORK else name)
        self._end = 0

    def put(self, value: Any) -> Any:
        """The spooled place of ``value`` (a ``_Pickled`` or ``_Unpicklable`` from ``_prepare``)."""
        if not isinstance(value, _Pickled):
            return value
        os.lseek(self.place.descriptor, self._end, os.SEEK_SET)
        view = memoryview(value.data)
        while view:
            view = view[os.write(self.place.descriptor, view) :]
        spooled = _Spooled(self._end, len(value.data))
        self._end += spooled.length
        return spooled

    def close(self) -> None:
        os.close(self.place.descriptor)
        if self.place.path is not None:
            Path(self.place.path).unlink(missing_ok=True)


def _read(spooled: _Spooled) -> Any:
    """One prepared value back from the spool, through this process's way to it."""
    place: _Place = _WORLD["spool"]
    descriptor = place.descriptor
    if not _WORLD["own_spool"]:
        if "spool_descriptor" not in _WORLD:
            _WORLD["spool_descriptor"] = os.open(place.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        descriptor = _WORLD["spool_descriptor"]
    if hasattr(os, "pread"):  # forked workers share the descriptor's offset: read without moving it
        return pickle.loads(os.pread(descriptor, spooled.length, spooled.offset))
    os.lseek(descriptor, spooled.offset, os.SEEK_SET)  # no fork here (Windows): the descriptor is this process's own
    chunks, wanted = [], spooled.length
    while wanted:
        chunk = os.read(descriptor, wanted)
        if not chunk:
            raise EOFError("the run's spool file ended early")
        chunks.append(chunk)
        wanted -= len(chunk)
    return pickle.loads(b"".join(chunks))


_WORLD: dict[str, Any] = {}


def _start_worker(specs: Sequence[Spec | None], built: Sequence[Renderer] | None, files: Sequence[InterviewFile], spool: _Place) -> None:
    _WORLD.clear()
    # the parent (built renderers) holds the spool open; a spawned worker opens its own by path
    _WORLD.update(specs=specs, files=files, renderers=dict(enumerate(built)) if built is not None else {}, spool=spool, own_spool=built is not None or spool.path is None)


@dataclass(frozen=True)
class _Task:
    product: int  # index into the products of the run
    file: int  # index into the files
    person: int  # index into that file's interviewers
    folder: Path


def _renderer(number: int) -> Renderer:
    renderers = _WORLD["renderers"]
    if number not in renderers:
        renderers[number] = _WORLD["specs"][number].build()
    return renderers[number]


def _item(task: _Task, files: Sequence[InterviewFile]) -> Item:
    interview = files[task.file]
    return Item(interview=interview, person=interview.interviewers[task.person], index=task.person, folder=task.folder)


def _prepare(task: _Task) -> tuple[Any, Failure | None]:
    """Phase one: merge and fit one item (an input error raises and stops the run; an item failure is returned)."""
    renderer = _renderer(task.product)
    item = _item(task, _WORLD["files"])
    try:
        prepared = renderer.prepare(item)
    except ItemError as error:
        return None, Failure(error.subject or item.subject, renderer.name, str(error))
    try:
        return _Pickled(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)), None
    except Exception:  # closures, open files, C objects: not for the spool
        return _Unpicklable(), None


def _unpack(prepared: Any, renderer: Renderer, item: Item) -> Any:
    if isinstance(prepared, _Spooled):
        return _read(prepared)
    if isinstance(prepared, _Unpicklable):
        return renderer.prepare(item)
    return prepared


class _Members(SequenceABC):
    """One product's prepared items for its combined file, read from the spool one at a time as drawn."""

    def __init__(self, renderer: Renderer, members: list[tuple[Item, Any]]) -> None:
        self._renderer = renderer
        self._members = members

    def __len__(self) -> int:
        return len(self._members)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._unpack(member) for member in self._members[index]]
        return self._unpack(self._members[index])

    def _unpack(self, member: tuple[Item, Any]) -> Any:
        item, value = member
        return _unpack(value, self._renderer, item)


def _render(job: tuple[_Task, Any]) -> tuple[bytes | None, Failure | None]:
    """Phase two: the bytes of one item's own file."""
    task, prepared = job
    renderer = _renderer(task.product)
    item = _item(task, _WORLD["files"])
    try:
        return renderer.render(_unpack(prepared, renderer, item)), None
    except ItemError as error:
        return None, Failure(error.subject or item.subject, renderer.name, str(error))


class _Workers:
    """Runs a function over tasks in order: in this process, or in ``jobs`` worker processes.

    Workers get a bounded number of chunks ahead of the one the parent is waiting for, so
    results that arrive early do not pile up in memory while the parent writes.
    """

    def __init__(self, jobs: int, size: int, specs: Sequence[Spec | None], built: Sequence[Renderer], files: Sequence[InterviewFile], spool: _Place) -> None:
        self.pool = None
        self.jobs = jobs
        if jobs <= 1 or size < MIN_PARALLEL or any(spec is None for spec in specs):
            _start_worker(specs, built, files, spool)  # this process is the only worker
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork starts workers with the fonts and templates the parent already loaded (seconds saved per
        # worker); where there is no fork, spawn gives clean workers that load their own
        method = "fork" if FORK else "spawn"
        self.pool = ProcessPoolExecutor(
            max_workers=min(jobs, size),
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(specs, None, files, spool),
        )
        _start_worker(specs, built, files, spool)  # the parent also reads the spool, for the combined files

    def map(self, function: Callable, tasks: Sequence[Any]) -> Iterator[Any]:
        if self.pool is None or len(tasks) < 2:
            yield from map(function, tasks)
            return
        from collections import deque

        size = max(1, min(16, len(tasks) // (self.jobs * 4)))
        chunks = (tasks[start : start + size] for start in range(0, len(tasks), size))
        waiting: deque = deque()
        for chunk in chunks:
            waiting.append(self.pool.submit(_each, function, chunk))
            if len(waiting) > self.jobs * 2:
                yield from waiting.popleft().result()
        while waiting:
            yield from waiting.popleft().result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        _WORLD.clear()


def _each(function: Callable, chunk: Sequence[Any]) -> list[Any]:
    """A worker's share: ``function`` over one chunk of tasks."""
    return [function(task) for task in chunk]


# ---- the run ------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """One product's share of the run."""

    renderer: Renderer
    targets: list[tuple[Item, str, str, State]]  # item, file name in DIR, input hash, state
    combined: tuple[str, str, State] | None  # name, input hash, state (None: nothing to combine)


def run(
    renderers: Sequence[Renderer | Spec],
    selected: Sequence[Item],
    out_dir: Path,
    *,
    jobs: int = 1,
    force: bool = False,
    overwrite_edited: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Render every wanted item of every product into ``out_dir`` and report what happened.

    Two phases: every item is prepared (merged and fitted) before anything is written, so an
    input error stops the run with nothing written; then each item's file is rendered and
    written in a fixed order (emails first), and each combined file after its product.
    ``renderers`` are renderer objects or ``Spec``s; only specs run in ``jobs`` > 1 worker
    processes. ``force`` re-renders unchanged items; ``overwrite_edited`` also replaces files a
    person changed or added (without it they are kept and reported).
    """
    out_dir = Path(out_dir)
    root = out_dir.resolve()
    if root.exists() and not root.is_dir():
        raise UsageError(f"the output folder {out_dir} is a file: choose another with -o DIR")
    specs = [entry if isinstance(entry, Spec) else None for entry in renderers]
    built = [entry.build() if isinstance(entry, Spec) else entry for entry in renderers]
    manifest = Manifest(root)
    report = Report(products=[renderer.name for renderer in built])
    plans = [_plan(renderer, fingerprint(entry), selected, root, manifest) for entry, renderer in zip(renderers, built)]

    files: list[InterviewFile] = []
    file_index: dict[int, int] = {}
    for item in selected:
        if id(item.interview) not in file_index:
            file_index[id(item.interview)] = len(files)
            files.append(item.interview)

    # what to do: an item is prepared when its own file or its product's combined file is to be written
    jobs_of: list[tuple[int, _Task, Item, str, str, bool]] = []  # product, task, item, name, input hash, render?
    combining: list[bool] = []
    for number, plan in enumerate(plans):
        combine = plan.combined is not None and _writable(plan.combined[2], overwrite_edited) and (
            plan.combined[2] is not State.CURRENT or force
        )
        combining.append(combine)
        for item, name, input_hash, state in plan.targets:
            render = bool(name) and (state is not State.CURRENT or force) and _writable(state, overwrite_edited)
            if render or combine:
                task = _Task(number, file_index[id(item.interview)], item.index, item.folder)
                jobs_of.append((number, task, item, name, input_hash, render))
            if name and state is State.CURRENT and not force:
                report.add(Outcome(plan.renderer.name, root / name, "unchanged", item))
            elif name and not _writable(state, overwrite_edited):
                report.kept.append(Kept(root / name, plan.renderer.name, state.value))
                report.add(Outcome(plan.renderer.name, root / name, "kept", item))
        if plan.combined and not combine:
            path = root / plan.combined[0]
            if plan.combined[2] is State.CURRENT:
                report.add(Outcome(plan.renderer.name, path, "unchanged", None))
            else:
                report.kept.append(Kept(path, plan.renderer.name, plan.combined[2].value))
                report.add(Outcome(plan.renderer.name, path, "kept", None))

    renders = sum(1 for job in jobs_of if job[5])
    total, done = len(jobs_of) + renders + sum(combining), 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    if progress:
        progress(0, total)
    spool = _Spool()
    workers = None
    try:
        workers = _Workers(jobs, len(jobs_of), specs, built, files, spool.place)
        # phase one: prepare everything into the spool; an input error raises here, before anything is written
        prepared: list[tuple[Any, Failure | None]] = []
        for value, failure in workers.map(_prepare, [job[1] for job in jobs_of]):
            prepared.append((spool.put(value), failure))
            step()
        report.failures.extend(failure for _, failure in prepared if failure is not None)
        names = {MANIFEST} | {Path(name).name for plan in plans for _, name, _, _ in plan.targets if name}
        manifest.clean_temporary(names | {plan.combined[0] for plan in plans if plan.combined})

        # phase two: render and write in order; each combined file once its product is done
        to_render = [(job, value) for job, (value, failure) in zip(jobs_of, prepared) if job[5] and failure is None]
        last = {job[0]: position for position, job in enumerate(jobs_of)}
        rendered = iter(zip(to_render, workers.map(_render, [(job[1], value) for job, value in to_render])))
        pending = next(rendered, None)
        for position, (job, (value, failure)) in enumerate(zip(jobs_of, prepared)):
            number, task, item, name, input_hash, render = job
            plan = plans[number]
            if pending is not None and pending[0][0] is job:
                data, render_failure = pending[1]
                pending = next(rendered, None)
                if render_failure is not None:
                    report.failures.append(render_failure)
                elif data is not None:
                    path = manifest.write(name, input_hash, data)
                    report.add(Outcome(plan.renderer.name, path, "written", item))
                step()
            if combining[number] and last[number] == position:
                members = [
                    (other[2], other_value)
                    for other, (other_value, other_failure) in zip(jobs_of, prepared)
                    if other[0] == number and other_failure is None
                ]
                _combine(plan, members, manifest, report)
                step()
    finally:
        if workers is not None:
            workers.close()
        spool.close()
        manifest.save()
    return report


def _writable(state: State, overwrite_edited: bool) -> bool:
    return overwrite_edited or state not in (State.EDITED, State.FOREIGN)


def _plan(renderer: Renderer, product_hash: str, selected: Sequence[Item], root: Path, manifest: Manifest) -> _Plan:
    """Which items the product makes, each file's input hash, and what is on disk for it now."""
    targets = []
    for item in selected:
        if not wants(item, renderer):
            continue
        input_hash = _hash([product_hash, item_hash(item, root), __version__])
        if renderer.item_file:
            name = (item.folder.relative_to(root) / renderer.item_file).as_posix()
            targets.append((item, name, input_hash, manifest.state(name, input_hash)))
        else:
            targets.append((item, "", input_hash, State.ABSENT))
    combined = None
    if renderer.combined_file and targets:
        input_hash = _hash([product_hash, [target[2] for target in targets]])
        combined = (renderer.combined_file, input_hash, manifest.state(renderer.combined_file, input_hash))
    return _Plan(renderer, targets, combined)


def _combine(plan: _Plan, members: list[tuple[Item, Any]], manifest: Manifest, report: Report) -> None:
    """The product's combined print file, made in this process from every prepared item, in order.

    The items come from the spool one at a time and the file is streamed to disk as it is made,
    so its size does not weigh on memory."""
    if not members or plan.combined is None:
        return
    path = manifest.write_stream(plan.combined[0], plan.combined[1], lambda target: plan.renderer.combine(_Members(plan.renderer, members), target))
    if path is not None:
        report.add(Outcome(plan.renderer.name, path, "written", None))


PREVIEW = "preview.png"


def write_preview(report: Report, out_dir: Path, *, force: bool = False, overwrite_edited: bool = False) -> Outcome | None:
    """``DIR/preview.png``: every item file of the run (written or unchanged) on one contact sheet, by interviewer."""
    from followup.preview import Tile, contact_sheet

    root = Path(out_dir).resolve()
    order = {name: number for number, name in enumerate(report.products)}
    shown = [o for o in report.outcomes if o.item is not None and o.status in ("written", "unchanged") and o.path.is_file()]
    people: dict[Path, int] = {}
    for outcome in shown:
        people.setdefault(outcome.item.folder, len(people))  # type: ignore[union-attr]
    shown.sort(key=lambda o: (people[o.item.folder], order.get(o.product, 0)))  # type: ignore[union-attr]
    if not shown:
        return None
    products = sorted({o.product for o in shown}, key=lambda name: order.get(name, 0))
    rows: dict[Path, list[Tile | None]] = {}
    for o in shown:
        item = o.item
        row = rows.setdefault(item.folder, [None] * len(products))  # type: ignore[union-attr]
        row[products.index(o.product)] = Tile(f"{item.person.name}\n{o.product} · {item.interview.company_of(item.person)}", o.path)  # type: ignore[union-attr]
    grid = [tile for row in rows.values() for tile in row]
    tiles = [tile for tile in grid if tile is not None]
    manifest = Manifest(root)
    input_hash = _hash([__version__, [(tile.label, tile.path.relative_to(root).as_posix(), digest(tile.path.read_bytes())) for tile in tiles]])
    state = manifest.state(PREVIEW, input_hash)
    if state is State.CURRENT and not force:
        outcome = Outcome("preview", root / PREVIEW, "unchanged", None)
    elif not _writable(state, overwrite_edited):
        report.kept.append(Kept(root / PREVIEW, "preview", state.value))
        outcome = Outcome("preview", root / PREVIEW, "kept", None)
    else:
        manifest.clean_temporary({PREVIEW, MANIFEST})
        try:
            path = manifest.write(PREVIEW, input_hash, contact_sheet(grid, group=len(products)))
        finally:
            manifest.save()
        outcome = Outcome("preview", path, "written", None)
    report.add(outcome)
    return outcome
