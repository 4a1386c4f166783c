"""Import the other screens' modules ahead of time, one module per event-loop turn.

The main window shows with only its first screen built. Building another screen later means
importing its modules (the Lab alone pulls in about a hundred) and then constructing its
widgets. The imports do not depend on the user, so :class:`ModulePreloader` does them while
the app is idle; what is left when a screen is opened is its constructor.

A screen module is never imported in one go, which would block the event loop for as long
as all its imports take. Its imports are found in its compiled code (the ``IMPORT_NAME``
instructions at module level; imports inside functions are lazy on purpose and left alone),
and each is imported on its own turn, dependencies first, the way Python itself would reach
them. gdgame's own modules are followed this way; another package (``fsrs``, ``OpenGL``) is
imported as a whole, after its parent package. The compiled code is read through the
module's loader, so this works from a source checkout, a wheel and the frozen app alike.
A module that fails to import is skipped (the screen that needs it reports the error when
it is built).
"""

from __future__ import annotations

import dis
import importlib
import importlib.util
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("gdgame")
ROOT_PACKAGE = "gdgame"
GAP_MS = 15  # between two imports: input and paint events are handled in between
EXPAND_BUDGET_S = 0.010  # time one turn may spend reading code objects before it yields


def module_imports(code, package: str, root: str = ROOT_PACKAGE) -> list[tuple[str, bool]]:
    """The modules a module's top-level code imports, in order.

    Each entry is ``(name, maybe)``: ``maybe`` marks ``from package import name`` where the
    name may be a submodule or just an attribute (decided once the package is imported).
    """
    found: list[tuple[str, bool]] = []
    instructions = list(dis.get_instructions(code))
    for index, instruction in enumerate(instructions):
        if instruction.opname != "IMPORT_NAME" or index < 2:
            continue
        level = instructions[index - 2].argval
        fromlist = instructions[index - 1].argval or ()
        name = instruction.argval
        if isinstance(level, int) and level > 0:
            base = package.rsplit(".", level - 1)[0] if level > 1 else package
            name = f"{base}.{name}" if name else base
        found.append((name, False))
        if (name == root or name.startswith(root + ".")) and isinstance(fromlist, tuple):
            found.extend((f"{name}.{item}", True) for item in fromlist if item != "*")
    return found


class ModulePreloader(QObject):
    """Imports modules (and, for gdgame's own, their imports first) one per turn.

    ``start(modules, delay_ms)`` begins after ``delay_ms``; ``finished`` is emitted when
    everything is imported. ``timings`` maps each module this preloader imported to the
    milliseconds its turn took, in import order.
    """

    finished = Signal()

    def __init__(
        self, parent: QObject | None = None, gap_ms: int = GAP_MS, root: str = ROOT_PACKAGE
    ):
        super().__init__(parent)
        self.gap_ms = gap_ms
        self.root = root  # the package whose modules are followed (the others: imported whole)
        self.timings: dict[str, float] = {}
        self.failed: set[str] = set()
        self._stack: list[tuple[str, bool]] = []
        self._expanded: set[str] = set()
        self._specs: dict[str, object] = {}
        self._after: defaultdict[str, list[tuple[str, bool]]] = defaultdict(list)
        self._waiting: set[str] = set()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._step)

    def start(self, modules: Iterable[str], delay_ms: int = 0) -> None:
        self.queue(modules)
        self._timer.start(delay_ms)

    def queue(self, modules: Iterable[str]) -> None:
        """What to import, without starting the timer (for :meth:`import_next`)."""
        self._stack = [(name, False) for name in reversed(list(modules))]

    def import_next(self) -> bool:
        """One turn's work now, for a caller that runs its own turns: read code objects
        until a module is due and import it, or stop early to yield (True: more to come)."""
        self._step()
        return bool(self._stack)

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _step(self) -> None:
        """Read code objects until one module is due, import it, and yield to the loop."""
        self._timer.setInterval(self.gap_ms)
        deadline = time.perf_counter() + EXPAND_BUDGET_S
        while self._stack:
            name, maybe = self._stack[-1]
            if name in sys.modules and self._unexpanded(name):
                # Imported already, maybe by a light use of a lazy package (PEP 562
                # ``__getattr__``): what it names for type checkers is still to come.
                self._expand(name)
                if time.perf_counter() > deadline:
                    return
                continue
            if name in sys.modules or name in self.failed:
                self._stack.pop()
                self._release(name)
                continue
            parent = name.rpartition(".")[0]
            if parent and parent not in sys.modules and parent not in self.failed:
                waiting = parent in self._waiting  # for its own package to be imported
                if not waiting and parent not in self._ancestors():
                    self._stack.append((parent, False))  # Python imports the package first
                    continue
                # The package's own code imports this module (or should it not, it comes
                # back once the package is in): first import, on turns of their own, what
                # the module needs from elsewhere.
                if maybe or not self._is_ours(name) or name in self._expanded:
                    self._stack.pop()
                    self._after[parent].append((name, maybe))
                    self._waiting.add(name)
                    continue
            elif maybe and not self._is_module(name):
                self.failed.add(name)  # an attribute of its package, not a module
                self._stack.pop()
                continue
            if self._is_ours(name) and name not in self._expanded:
                self._expand(name)
                if time.perf_counter() > deadline:
                    return
                continue
            self._stack.pop()
            self._import(name)
            self._release(name)
            return
        self._timer.stop()
        self.finished.emit()

    def _expand(self, name: str) -> None:
        """Put the modules ``name`` imports on the stack (the first to be imported on top)."""
        self._expanded.add(name)
        ancestors = self._ancestors()  # a cycle back to one of them is left to Python
        needed = [
            (dep, maybe)
            for dep, maybe in self._imports_of(name)
            if dep not in ancestors and (dep not in sys.modules or self._unexpanded(dep))
        ]
        self._stack.extend(reversed(needed))

    def _release(self, package: str) -> None:
        """The package is in (or failed): its modules that waited for it come back."""
        back = self._after.pop(package, [])
        self._waiting.difference_update(entry for entry, _ in back)
        self._stack.extend(reversed(back))

    def _ancestors(self) -> set[str]:
        """The modules being expanded: each waits on the stack below the ones it imports."""
        return {entry for entry, _ in self._stack if entry in self._expanded}

    def _unexpanded(self, name: str) -> bool:
        """An imported module of ours whose names-for-later (a lazy package's) are unread."""
        return self._is_ours(name) and name not in self._expanded

    def _is_ours(self, name: str) -> bool:
        return name == self.root or name.startswith(self.root + ".")

    def _import(self, name: str) -> None:
        started = time.perf_counter()
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - the screen reports it when built
            self.failed.add(name)
            log.debug("preloading %s failed: %s", name, error)
        self.timings[name] = (time.perf_counter() - started) * 1000.0

    @staticmethod
    def _is_module(name: str) -> bool:
        try:
            return importlib.util.find_spec(name) is not None
        except (ImportError, ValueError, AttributeError):
            return False

    def _spec(self, name: str):
        """The module's spec, found without importing its package (None: not found)."""
        if name in self._specs:
            return self._specs[name]
        parent = name.rpartition(".")[0]
        spec = None
        try:
            if not parent or parent in sys.modules:
                spec = importlib.util.find_spec(name)
            else:
                parent_spec = self._spec(parent)
                locations = parent_spec.submodule_search_locations if parent_spec else None
                if locations is not None:
                    spec = _find_in(name, locations)
        except (ImportError, ValueError, AttributeError, OSError):
            spec = None
        self._specs[name] = spec
        return spec

    def _imports_of(self, name: str) -> list[tuple[str, bool]]:
        spec = self._spec(name)
        try:
            code = spec.loader.get_code(name) if spec is not None and spec.loader else None
        except (ImportError, ValueError, AttributeError, OSError, SyntaxError):
            return []
        if code is None:
            return []
        package = name if spec.submodule_search_locations is not None else name.rpartition(".")[0]
        return module_imports(code, package, self.root)


def _find_in(name: str, locations) -> object | None:
    """Ask the import system's finders for ``name`` inside a package not imported yet."""
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec = find_spec(name, locations)
        if spec is not None:
            return spec
    return None
