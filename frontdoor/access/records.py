"""One way to read a record about a child (../shared/SECURITY.md 1-4 and 9; docs/adr/0016).

A restricted record protects a child whose family works for the council, or a child in the
public eye. The first build asked every reader to remember the restriction, and four forgot.
Here nothing has to remember, because the check sits below every reader:

- **Every model that holds something about a child is an `AboutAChild`** and names its paths
  to the child (`child_paths`). `tests/test_records.py` walks the models and fails if a model
  that reaches `people.Person` (or a family contact) is not one, so a new model cannot forget.
- **Every row of such a model is checked as it leaves the database** (`from_db`, which Django
  calls for querysets, `select_related`, related managers, prefetches and lazy foreign keys
  alike). While someone is reading (the request's signed-in user, an email's recipient), a
  row about a child that reader may not open comes out *concealed*: every free-text field
  blank, dates of birth gone, the name "Restricted record", and it cannot be saved. So a list,
  a queue, an API list, an export or a drill-down shows a placeholder, whichever query made it.
- **Opening one record goes through `open_record`**: role and agency scope (the app's own
  `visible_*` queryset), the restriction, and the view logged in the same breath. A concealed
  record is a 404, exactly as a record that does not exist, so an id says nothing.
- **Writes are checked too**: saving a row that points at a child hidden from the reader is
  refused (`HiddenRecord`, a 404) before anything is written, and the request's transaction
  rolls back. Actions look their targets up with `get_openable` first so that a hidden id gets
  the same answer as an unknown one.

Who may open what: a restricted child opens only for a live allow-list grant or a live
break-glass. The information governance lead keeps the allow-lists and answers "who viewed this
child", so restricted *identities* are not hidden from that role (which reads no case records).

Outside any reading (management commands, the task worker, migrations) rows come out whole:
the census and the sweep must see every child. Code inside a request that must match against
every child (person matching, police imports) says so with `as_the_system()` and conceals
what it hands back with `conceal_for`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, reduce
from operator import or_
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.db import models, transaction
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from frontdoor.access.models import User

RESTRICTED_PLACEHOLDER = "Restricted record"

M = TypeVar("M", bound=models.Model)


class HiddenRecord(Http404):
    """A record about a child this reader may not open. It answers exactly as a missing record
    does (a 404), so that a caller cannot tell "restricted" from "does not exist"."""

    def __init__(self) -> None:
        super().__init__("No such record.")


# --- Who is reading ----------------------------------------------------------------------------


class Reading:
    """Who is reading, for one request, one email or one block of code, with what they may not
    open worked out once (lazily: a page that loads no child record asks nothing)."""

    def __init__(self, reader: Callable[[], User | AnonymousUser | None], *, system: bool = False):
        self._reader = reader
        self.system = system
        self._hidden_people: frozenset[uuid.UUID] | None = None
        self._hidden_pks: dict[type[models.Model], frozenset[Any]] = {}
        self._for: object = None

    @property
    def user(self) -> User | AnonymousUser | None:
        return self._reader()

    def _fresh(self) -> None:
        # The API's token sign-in sets `request.user` after the reading started: work out the
        # hidden set again if the reader has changed since.
        user = self.user
        key = getattr(user, "pk", None)
        if key != self._for:
            self._for = key
            self._hidden_people = None
            self._hidden_pks = {}

    def forget(self) -> None:
        """Work the hidden sets out again (after a grant or a break-glass in this request)."""
        self._for = object()

    def stale(self) -> bool:
        return getattr(self.user, "pk", None) != self._for

    def hidden_people(self) -> frozenset[uuid.UUID]:
        if self.system:
            return frozenset()
        self._fresh()
        if self._hidden_people is None:
            from frontdoor.access.queries import hidden_person_ids

            self._hidden_people = hidden_person_ids(self.user)
        return self._hidden_people

    def hidden_pks(self, model: type[models.Model]) -> frozenset[Any]:
        """The keys of `model`'s rows about a hidden child: one small query per model and
        reading, and only when some child is hidden (restricted records are few)."""
        people = self.hidden_people()
        if not people:
            return frozenset()
        if model not in self._hidden_pks:
            paths = child_paths(model)
            about = reduce(or_, (Q(**{f"{p or 'pk'}__in": people}) for p in paths))
            self._hidden_pks[model] = frozenset(
                model._base_manager.filter(about).values_list("pk", flat=True).distinct()
            )
        return self._hidden_pks[model]


_reading: ContextVar[Reading | None] = ContextVar("frontdoor_reading", default=None)


def current_reading() -> Reading | None:
    return _reading.get()


@contextmanager
def _within(reading: Reading) -> Iterator[Reading]:
    token = _reading.set(reading)
    try:
        yield reading
    finally:
        _reading.reset(token)


@contextmanager
def reading_for_request(request: HttpRequest) -> Iterator[Reading]:
    """For the whole of a request: the reader is whoever `request.user` is when a child's record
    is first loaded (the API's token sign-in sets it inside the view)."""
    with _within(Reading(lambda: getattr(request, "user", None))) as reading:
        yield reading


@contextmanager
def reading_as(user: User | AnonymousUser) -> Iterator[Reading]:
    """Read as `user`: an email rendered for its recipient, a reader called outside a request
    (tests, commands). Inside a request for the same user, the request's reading is kept."""
    current = current_reading()
    if current is not None and not current.system and getattr(current.user, "pk", 0) == user.pk:
        yield current
        return
    with _within(Reading(lambda: user)) as reading:
        yield reading


@contextmanager
def as_the_system() -> Iterator[Reading]:
    """Rows come out whole inside this block, in a request too: for matching a name against
    every child, or an import that must link a police report to the restricted child it is
    about. What the block hands back to a person must go through `conceal_for`."""
    with _within(Reading(lambda: None, system=True)) as reading:
        yield reading


class Middleware:
    """Every request reads as its signed-in user (see `reading_for_request`)."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        with reading_for_request(request):
            return self.get_response(request)


# --- Lists: which rows are hidden, asked in the same statement ------------------------------------

HIDDEN = "frontdoor_hidden_from_reader"
# The rows being built by a list's statement, so that they are settled together.
_loading: ContextVar[list[models.Model] | None] = ContextVar("frontdoor_loading", default=None)


def _worth_annotating(queryset: QuerySet[Any], reading: Reading | None) -> bool:
    from django.db.models.query import ModelIterable

    if reading is None or reading.system:
        return False
    if not reading.hidden_people():
        return False  # nobody is hidden from this reader: nothing to ask
    query = queryset.query
    return (
        queryset._iterable_class is ModelIterable
        and not query.combinator
        and HIDDEN not in query.annotations
    )


def _hidden_expression(
    model: type[models.Model], reading: Reading
) -> Exists | ExpressionWrapper[Q]:
    """Is the row about a child hidden from the reader? The hidden children are worked out once
    per reading (one small query: restricted records are few) and named here, rather than
    asking the restrictions, grants and break-glass again inside every statement: building
    that subquery was most of the CPU a child's record cost (docs/reliability.md).

    A row whose every path to its child is a column of its own (a person, a contact's
    `person_id`) is asked that column directly (`person_id IN (…)`): the same answer as the
    subquery (a row with no child is not hidden either way), without a subquery to build and
    compile for every statement (docs/adr/0038). Any other path keeps the subquery, whose
    joins cannot repeat the list's rows."""
    people = sorted(reading.hidden_people())
    paths = child_paths(model)
    about = reduce(or_, (Q(**{f"{p or 'pk'}__in": people}) for p in paths))
    if all(_own_column(model, p) for p in paths):
        return ExpressionWrapper(about, output_field=models.BooleanField())
    return Exists(model._base_manager.filter(about, pk=OuterRef("pk")))


def _own_column(model: type[models.Model], path: str) -> bool:
    """Is `path` the row's own key ("") or one of its own foreign key columns?"""
    if path == "":
        return True
    if "__" in path:
        return False
    field = model._meta.get_field(path)
    return bool(field.concrete and (field.many_to_one or field.one_to_one))


def _settle(rows: list[models.Model], loaded: list[models.Model], reading: Reading) -> None:
    """Conceal the hidden rows of a list and everything loaded with them. A row's own child
    was asked in the statement; what was loaded along the row's path to its child is about
    the same child; anything else loaded with it is checked on its own keys."""
    settled: set[int] = set()
    for row in rows:
        if getattr(row, HIDDEN, False):
            _conceal_all(row, settled)
        else:
            _settle_along(row, _path_prefixes(type(row)), "", settled)
    for instance in loaded:
        if id(instance) not in settled:
            settled.add(id(instance))
            if isinstance(instance, AboutAChild) and is_hidden(instance, reading):
                conceal(instance)


@cache  # a model's paths are declared on its class: worked out once, not once per row
def _path_prefixes(model: type[models.Model]) -> frozenset[str]:
    prefixes: set[str] = set()
    for path in getattr(model, "child_paths", ()):
        parts = path.split("__") if path else []
        prefixes |= {"__".join(parts[: n + 1]) for n in range(len(parts))}
    return frozenset(prefixes)


def _conceal_all(instance: models.Model, settled: set[int]) -> None:
    if id(instance) in settled:
        return
    settled.add(id(instance))
    if isinstance(instance, AboutAChild):
        conceal(instance)
    for related in instance._state.fields_cache.values():
        if isinstance(related, models.Model):
            _conceal_all(related, settled)


def _settle_along(
    instance: models.Model, on_path: frozenset[str], here: str, settled: set[int]
) -> None:
    settled.add(id(instance))
    for name, related in instance._state.fields_cache.items():
        if not isinstance(related, models.Model) or id(related) in settled:
            continue
        where = f"{here}__{name}" if here else name
        if where in on_path:
            _settle_along(related, on_path, where, settled)
        elif isinstance(related, AboutAChild) and is_hidden(related):
            _conceal_all(related, settled)
        else:
            _settle_along(related, frozenset(), where, settled)


# --- What a record about a child declares --------------------------------------------------------


class ChildRecords(QuerySet[M]):
    """Every queryset of a record about a child. `read_as(user)` makes it read as `user`
    whenever it is evaluated (with its prefetches), in a request or not: the `visible_*`
    readers return one, so a list is concealed for its user even outside a request."""

    _read_as: Any = None

    def read_as(self, user: User | AnonymousUser) -> ChildRecords[M]:
        clone: ChildRecords[M] = self.all()
        clone._read_as = user
        return clone

    def _clone(self) -> ChildRecords[M]:
        clone: ChildRecords[M] = super()._clone()  # type: ignore[misc]
        clone._read_as = self._read_as
        return clone

    def _fetch_all(self) -> None:
        if self._result_cache is not None:
            super()._fetch_all()
            return
        if self._read_as is None:
            self._fetch_as(current_reading())
            return
        with reading_as(self._read_as) as reading:
            self._fetch_as(reading)

    def _fetch_as(self, reading: Reading | None) -> None:
        """Evaluate, asking in the same statement which rows are about a hidden child (an
        EXISTS per row), so a list costs no extra query; rows loaded alongside (by
        `select_related` or a prefetch) are settled afterwards (`_settle`)."""
        if not _worth_annotating(self, reading):
            super()._fetch_all()
            return
        assert reading is not None
        asked = self.annotate(**{HIDDEN: _hidden_expression(self.model, reading)})
        asked._read_as = None
        token = _loading.set([])
        try:
            super(ChildRecords, asked)._fetch_all()
            loaded = _loading.get() or []
        finally:
            _loading.reset(token)
        _settle(asked._result_cache or [], loaded, reading)
        self._result_cache = asked._result_cache
        self._prefetch_done = asked._prefetch_done

    def update(self, **kwargs: Any) -> int:
        # A compare-and-set `update(person=…)` writes as surely as `save()`: the same check.
        refuse_hidden_references(self.model, kwargs)
        return super().update(**kwargs)

    def bulk_create(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> list[M]:
        objs = list(objs)
        for obj in objs:
            refuse_hidden_write(obj)
        return super().bulk_create(objs, *args, **kwargs)

    def iterator(self, chunk_size: int | None = None) -> Iterator[M]:
        if self._read_as is None:
            yield from super().iterator(chunk_size)
            return
        with reading_as(self._read_as):
            yield from super().iterator(chunk_size)


class AboutAChild(models.Model):
    """A model that holds something about a child.

    `child_paths` are ORM paths from the model to `people.Person` ("" for a person itself).
    Several paths (a relationship's two people, a pair of possible duplicates) mean the row is
    hidden if any of them is. `kept_when_concealed` names text fields that identify nobody and
    that a placeholder still needs (a code, a reference built from an id)."""

    child_paths: ClassVar[tuple[str, ...]] = ()
    kept_when_concealed: ClassVar[frozenset[str]] = frozenset()
    # The field a placeholder shows "Restricted record" in, if any.
    placeholder_field: ClassVar[str | None] = None
    objects = ChildRecords.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        refuse_hidden_write(self)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        refuse_hidden_write(self)
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(  # type: ignore[override]
        cls, db: str | None, field_names: Any, values: Any
    ) -> Any:
        instance = super().from_db(db, field_names, values)
        loading = _loading.get()
        if loading is not None:
            loading.append(instance)  # settled with the rest of the list (`_settle`)
            return instance
        reading = current_reading()
        if reading is not None and is_hidden(instance, reading):
            conceal(instance)
        return instance

    @property
    def is_restricted_placeholder(self) -> bool:
        return bool(getattr(self, "_concealed", False))


def child_paths(model: type[models.Model]) -> tuple[str, ...]:
    paths = getattr(model, "child_paths", None)
    if not paths:
        raise TypeError(f"{model._meta.label} does not say which child it is about")
    return tuple(paths)


def is_hidden(instance: models.Model, reading: Reading | None = None) -> bool:
    """Is this row about a child the reader may not open? Answered from the row's own keys
    and the reading's small hidden sets: no query per row."""
    reading = reading or current_reading()
    if reading is None or reading.system or not reading.hidden_people():
        return False
    return any(_hidden_along(instance, path, reading) for path in child_paths(type(instance)))


def _hidden_along(instance: models.Model, path: str, reading: Reading) -> bool:
    model = type(instance)
    if path == "":
        return instance.pk in reading.hidden_people()
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    forward = field.concrete and (field.many_to_one or field.one_to_one)
    attname = getattr(field, "attname", "")
    if not forward or attname in instance.get_deferred_fields():
        # A path that starts backwards (a family contact's children), or a key not loaded.
        return instance.pk in reading.hidden_pks(model)
    value = getattr(instance, attname)
    if value is None:
        return False
    if not rest:
        return value in reading.hidden_people()
    return value in reading.hidden_pks(field.related_model)  # type: ignore[arg-type]


def _refuse_save(*args: Any, **kwargs: Any) -> None:
    raise HiddenRecord()


def conceal(instance: models.Model) -> models.Model:
    """Blank, in memory only, everything in the row that could say who the child is or what
    happened to them. The row keeps its keys, states, codes, clocks and times (so a queue can
    still say a restricted child is waiting and how urgently) and can never be saved."""
    model = type(instance)
    kept: frozenset[str] = getattr(model, "kept_when_concealed", frozenset())
    deferred = instance.get_deferred_fields()
    for field in model._meta.concrete_fields:
        name = field.attname
        if field.primary_key or field.is_relation or name in kept or name in deferred:
            continue
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            setattr(instance, name, "" if not field.null else None)
        elif isinstance(field, models.JSONField):
            value = getattr(instance, name)
            setattr(instance, name, [] if isinstance(value, list) else {})
        elif isinstance(field, models.DateField) and "birth" in name:
            setattr(instance, name, None)
    placeholder = getattr(model, "placeholder_field", None)
    if placeholder:
        setattr(instance, placeholder, RESTRICTED_PLACEHOLDER)
    instance._concealed = True  # type: ignore[attr-defined]
    instance.save = _refuse_save  # type: ignore[method-assign]
    instance.delete = _refuse_save  # type: ignore[method-assign,assignment]
    return instance


def is_concealed(instance: object) -> bool:
    return bool(getattr(instance, "_concealed", False))


def conceal_for(user: User | AnonymousUser, rows: Iterable[M]) -> list[M]:
    """Rows loaded whole (inside `as_the_system`, or outside any reading) made fit to show
    `user`: the ones about a child hidden from them concealed, with what they hold."""
    rows = list(rows)
    if not rows:
        return rows
    with reading_as(user) as reading:
        for row in rows:
            _conceal_deep(row, reading, set())
    return rows


def _conceal_deep(instance: models.Model, reading: Reading, seen: set[int]) -> None:
    if id(instance) in seen:
        return
    seen.add(id(instance))
    if isinstance(instance, AboutAChild) and not is_concealed(instance) and is_hidden(instance):
        conceal(instance)
    for related in instance._state.fields_cache.values():
        if isinstance(related, models.Model):
            _conceal_deep(related, reading, seen)


def refuse_hidden_write(instance: models.Model) -> None:
    """A request may not write a row about a child hidden from its reader, nor point a row at
    one: refused before anything is written, the same 404 as a record that does not exist."""
    if is_concealed(instance):
        raise HiddenRecord()
    reading = current_reading()
    if reading is not None and is_hidden(instance, reading):
        raise HiddenRecord()


def refuse_hidden_references(model: type[models.Model], values: dict[str, Any]) -> None:
    """An update that would point rows at a child hidden from the reader is refused."""
    reading = current_reading()
    if reading is None or reading.system or not reading.hidden_people():
        return
    for name, value in values.items():
        if isinstance(value, models.Model):
            if is_concealed(value) or (isinstance(value, AboutAChild) and is_hidden(value)):
                raise HiddenRecord()
            continue
        field = model._meta.get_field(name.removesuffix("_id"))
        target = field.related_model if field.is_relation else None
        if value is None or not isinstance(target, type) or not issubclass(target, AboutAChild):
            continue
        if target._meta.label == "people.Person":
            hidden = value in reading.hidden_people()
        else:
            hidden = value in reading.hidden_pks(target)
        if hidden:
            raise HiddenRecord()


# --- Opening one record --------------------------------------------------------------------------


def parse_id(pk: str | uuid.UUID) -> uuid.UUID:
    """An id from a URL or a body; anything that is not a UUID is a 404, like an unknown one."""
    if isinstance(pk, uuid.UUID):
        return pk
    try:
        return uuid.UUID(str(pk))
    except ValueError as exc:
        raise Http404 from exc


def get_openable(
    user: User | AnonymousUser, queryset: QuerySet[M], pk: Any, *, key: str = "pk"
) -> M:
    """The record `queryset` holds at `pk`, if `user` may open it; otherwise the model's own
    DoesNotExist, exactly as for an id that matches nothing. For actions and forms that take an
    id (a person to link, a worker's child) without showing the record, so nothing is logged."""
    try:
        value = parse_id(pk) if key == "pk" else pk
    except Http404 as exc:
        raise queryset.model.DoesNotExist from exc  # type: ignore[attr-defined]
    with reading_as(user):
        found = queryset.filter(**{key: value}).first()
    if found is None or is_concealed(found):
        raise queryset.model.DoesNotExist  # type: ignore[attr-defined]
    return found


def open_record(
    user: User,
    queryset: QuerySet[M],
    pk: str | uuid.UUID,
    *,
    path: str = "",
    logged_as: Callable[[M], dict[str, Any]] | None = None,
    kind: str = "",
    log: bool = True,
    key: str = "pk",
) -> M:
    """Open one record about a child for `user`: the only way a page or an API operation gets
    one. `queryset` is the app's `visible_*(user)` (role and agency scope); a record outside it,
    a restricted child not on the user's allow-list (and with no live break-glass) and an id
    that matches nothing all give the same 404. The view is logged before the record is
    returned, in its own transaction: if the log cannot be written, nothing is shown. An
    action that only needs its target (`log=False`) logs nothing: the page that showed the
    record did."""
    from frontdoor.audit.actions import record_view
    from frontdoor.audit.models import ViewKind

    with reading_as(user):
        found = queryset.filter(**{key: parse_id(pk)}).first()
    if found is None or is_concealed(found):
        raise HiddenRecord()
    if not log:
        return found
    logged = logged_as(found) if logged_as is not None else {"person": _child_of(found)}
    with transaction.atomic():
        record_view(user=user, kind=kind or ViewKind.CHILD_RECORD, path=path, **logged)
    return found


def _child_of(instance: models.Model) -> Any:
    """The person a single-child record is about, for the view log."""
    path = child_paths(type(instance))[0]
    if path == "":
        return instance
    target: Any = instance
    for part in path.split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target
