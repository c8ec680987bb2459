"""The route planner's own process: no Qt here, only the core.

The solver's search holds the GIL for seconds at a time, so a thread would
freeze the window; the Dispatch window starts :func:`run` in a child process
(multiprocessing's "spawn" context, as on Windows) instead.  The child makes its
own engine from the database URL (password included: the parent resolved it
from the keyring, which the child may not reach) and plans through an in-process
api on it (``Local``, as the logged-in user), and reports through a queue:

* ``("progress", fraction)`` a few times a second (elapsed / time limit, 0 to 1);
* ``("changes", Changes)`` what the plan committed, when it committed anything;
* ``("done", PlanResult)`` at the end (frozen dataclasses pickle as they are);
* ``("refused", error)`` for a ``DomainError`` (see :func:`portable`), or
  ``("crashed", traceback text)`` for anything else.

``stop`` is a multiprocessing Event the solver's ``should_stop`` reads: when
it is set, the search ends and the best plan found so far is written.
"""

from __future__ import annotations

import traceback
from datetime import date

from core.errors import DomainError, ValidationError


def portable(exc: DomainError) -> tuple:
    """A DomainError as plain tuples: its own pickling loses the template and the values
    (``args`` holds only the English message)."""
    if isinstance(exc, ValidationError) and len(exc.field_errors) > 1:
        return ("fields", {k: portable(v) for k, v in exc.field_errors.items()})
    return ("error", exc.template, {k: portable(v) if isinstance(v, DomainError) else v
                                    for k, v in exc.params.items()})


def rebuilt(shape: tuple) -> DomainError:
    """The DomainError that :func:`portable` flattened (same message in every language)."""
    if shape[0] == "fields":
        return ValidationError({k: rebuilt(v) for k, v in shape[1].items()})
    _, template, params = shape
    return DomainError(template, **{k: rebuilt(v) if isinstance(v, tuple) and v
                                    and v[0] in ("error", "fields") else v
                                    for k, v in params.items()})


def run(url: str, actor, day: date, seconds: float, vehicle_ids, queue, stop) -> None:
    """Plan ``day`` as ``actor`` (the child's entry point)."""
    try:
        from core.api.proxy import Local
        from core.db import make_engine

        engine = make_engine(url)
        try:
            api = Local(engine, actor, lambda changes: queue.put(("changes", changes)))
            result = api.dispatch.plan(
                day=day, vehicle_ids=vehicle_ids, seconds=seconds,
                progress=lambda fraction: queue.put(("progress", fraction)),
                should_stop=stop.is_set)
        finally:
            engine.dispose()
    except DomainError as exc:
        queue.put(("refused", portable(exc)))
    except BaseException:  # noqa: BLE001 - reported to the window, which shows it
        queue.put(("crashed", traceback.format_exc()))
    else:
        queue.put(("done", result))
