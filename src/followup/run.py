"""The run: load every file, prepare and render every item of every product, write each file atomically.

Input errors stop the run before anything is written: the files are validated when loaded
and the first item of each product is prepared before the first write, which catches a
template with an unknown field. An item failure (``ItemError``) skips that item only and is
reported; the others are written. Products run in ``PRODUCTS`` order, so email drafts come
first and are written even when a card or letter for the same person fails.

With ``jobs`` > 1 items are prepared and rendered in worker processes; the parent writes
their bytes in a fixed order and makes the combined files itself, so the output is
byte-identical to ``jobs=1``. The manifest (``followup.manifest``) makes re-runs skip what is
unchanged and keeps whatever a person edited or added. The core returns a ``Report``; the
CLI prints it and chooses the exit status.
"""

from __future__ import annotations

import pickle
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

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
    """A prepared value on its way from a worker to the parent (pickled once, in the worker)."""

    data: bytes


class _Unpicklable:
    """Stands for a prepared value that cannot cross processes: the parent prepares that item again."""

_WORLD: dict[str, Any] = {}


def _start_worker(specs: Sequence[Spec], files: Sequence[InterviewFile]) -> None:
    _WORLD.clear()
    _WORLD.update(specs=specs, files=files, renderers={})


@dataclass(frozen=True)
class _Task:
    product: int  # index into the specs
    file: int  # index into the files
    person: int  # index into that file's interviewers
    folder: Path
    render: bool  # render the item's own file (else prepare only, for the combined file)
    keep: bool  # send the prepared value back for the combined file


def _item(task: _Task, files: Sequence[InterviewFile]) -> Item:
    interview = files[task.file]
    return Item(interview=interview, person=interview.interviewers[task.person], index=task.person, folder=task.folder)


def _work(task: _Task) -> tuple[Any, bytes | None, Failure | None]:
    """In a worker: prepare (and render) one item with this process's own renderer."""
    renderers = _WORLD["renderers"]
    if task.product not in renderers:
        renderers[task.product] = _WORLD["specs"][task.product].build()
    result = _do(renderers[task.product], _item(task, _WORLD["files"]), task)
    prepared: Any = result[0]
    if task.keep and result[2] is None:
        try:
            prepared = _Pickled(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception:  # closures, open files, C objects: not for other processes
            prepared = _Unpicklable()
    return prepared, result[1], result[2]


def _do(renderer: Renderer, item: Item, task: _Task) -> tuple[Any, bytes | None, Failure | None]:
    try:
        prepared = renderer.prepare(item)
        data = renderer.render(prepared) if task.render else None
    except ItemError as error:
        return None, None, Failure(error.subject or item.subject, renderer.name, str(error))
    return (prepared if task.keep else None), data, None


# ---- the run ------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """One product's share of the run."""

    renderer: Renderer
    targets: list[tuple[Item, str, str, State]]  # item, file name in DIR, input hash, state
    combined: tuple[str, str, State] | None  # name, input hash, state (None: nothing to combine)
    by_folder: dict[Path, tuple[str, str]] | None = None


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

    ``renderers`` are renderer objects or ``Spec``s; only specs can run in ``jobs`` > 1 worker
    processes. ``force`` re-renders unchanged items; ``overwrite_edited`` also replaces files a
    person changed or added (without it they are kept and reported).
    """
    out_dir = Path(out_dir)
    root = out_dir.resolve()
    specs = [entry if isinstance(entry, Spec) else None for entry in renderers]
    built = [entry.build() if isinstance(entry, Spec) else entry for entry in renderers]
    manifest = Manifest(root)
    report = Report(products=[renderer.name for renderer in built])

    plans = [_plan(renderer, fingerprint(entry), selected, root, manifest) for entry, renderer in zip(renderers, built)]
    names = {MANIFEST} | {Path(name).name for plan in plans for _, name, _, _ in plan.targets}
    names |= {plan.combined[0] for plan in plans if plan.combined}
    manifest.clean_temporary(names)

    # input errors (a template field that does not exist...) surface before anything is written
    for plan in plans:
        for item, *_ in plan.targets[:1]:
            try:
                plan.renderer.prepare(item)
            except ItemError:
                pass

    files: list[InterviewFile] = []
    file_index: dict[int, int] = {}
    for item in selected:
        if id(item.interview) not in file_index:
            file_index[id(item.interview)] = len(files)
            files.append(item.interview)

    tasks: list[tuple[int, _Task]] = []
    combining: list[bool] = []
    for number, plan in enumerate(plans):
        combine = plan.combined is not None and _writable(plan.combined[2], overwrite_edited) and (
            plan.combined[2] is not State.CURRENT or force
        )
        combining.append(combine)
        for item, name, _, state in plan.targets:
            render = bool(name) and (state is not State.CURRENT or force) and _writable(state, overwrite_edited)
            if render or combine:
                tasks.append((number, _Task(number, file_index[id(item.interview)], item.index, item.folder, render, combine)))
            if not name:
                continue
            if state is State.CURRENT and not force:
                report.add(Outcome(plan.renderer.name, root / name, "unchanged", item))
            elif not _writable(state, overwrite_edited):
                report.kept.append(Kept(root / name, plan.renderer.name, state.value))
                report.add(Outcome(plan.renderer.name, root / name, "kept", item))
        if plan.combined and not combine:
            path = root / plan.combined[0]
            if plan.combined[2] is State.CURRENT:
                report.add(Outcome(plan.renderer.name, path, "unchanged", None))
            else:
                report.kept.append(Kept(path, plan.renderer.name, plan.combined[2].value))
                report.add(Outcome(plan.renderer.name, path, "kept", None))

    last_task = {number: position for position, (number, _) in enumerate(tasks)}
    total = len(tasks) + sum(combining)
    done = 0
    if progress:
        progress(0, total)
    results = _results([task for _, task in tasks], specs, built, files, jobs)
    collected: list[list[tuple[Item, Any]]] = [[] for _ in plans]
    try:
        for position, ((number, task), (prepared, data, failure)) in enumerate(zip(tasks, results)):
            plan = plans[number]
            item = _item(task, files)
            if failure is not None:
                report.failures.append(failure)
            else:
                if data is not None:
                    name, input_hash = _target(plan, item)
                    path = manifest.write(name, input_hash, data)
                    report.add(Outcome(plan.renderer.name, path, "written", item))
                if task.keep:
                    collected[number].append((item, prepared))
            done += 1
            if progress:
                progress(done, total)
            if combining[number] and last_task[number] == position:
                _combine(plan, collected[number], manifest, report)
                collected[number] = []
                done += 1
                if progress:
                    progress(done, total)
    finally:
        close = getattr(results, "close", None)
        if close:
            close()
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


def _target(plan: _Plan, item: Item) -> tuple[str, str]:
    """The file name and input hash of ``item`` in ``plan``."""
    if plan.by_folder is None:
        plan.by_folder = {target.folder: (name, input_hash) for target, name, input_hash, _ in plan.targets}
    return plan.by_folder[item.folder]


def _combine(plan: _Plan, collected: list[tuple[Item, Any]], manifest: Manifest, report: Report) -> None:
    """The product's combined print file, made in this process from every prepared item, in order."""
    if not collected or plan.combined is None:
        return
    prepared = [
        plan.renderer.prepare(item) if isinstance(value, _Unpicklable)
        else pickle.loads(value.data) if isinstance(value, _Pickled)
        else value
        for item, value in collected
    ]
    data = plan.renderer.combine(prepared)
    if data is not None:
        path = manifest.write(plan.combined[0], plan.combined[1], data)
        report.add(Outcome(plan.renderer.name, path, "written", None))


def _results(tasks: list[_Task], specs: list[Spec | None], built: list[Renderer], files: list[InterviewFile], jobs: int):
    """The results of ``tasks`` in order: in this process, or from ``jobs`` worker processes."""
    if jobs <= 1 or len(tasks) < MIN_PARALLEL or any(spec is None for spec in specs):
        return (_do(built[task.product], _item(task, files), task) for task in tasks)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts workers with the fonts and templates the parent already loaded (seconds saved per
    # worker); where there is no fork, spawn gives clean workers that load their own
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)),
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(specs, files),
    )
    chunk = max(1, min(16, len(tasks) // (jobs * 4)))
    return _Pooled(pool, pool.map(_work, tasks, chunksize=chunk))


class _Pooled:
    """Results from a process pool, and the pool to shut down when the run ends (or fails)."""

    def __init__(self, pool, results) -> None:
        self.pool, self.results = pool, results

    def __iter__(self):
        return iter(self.results)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


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
    tiles = [Tile(f"{o.item.person.name}\n{o.product} · {o.item.interview.company_of(o.item.person)}", o.path) for o in shown]  # type: ignore[union-attr]
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
            path = manifest.write(PREVIEW, input_hash, contact_sheet(tiles))
        finally:
            manifest.save()
        outcome = Outcome("preview", path, "written", None)
    report.add(outcome)
    return outcome
