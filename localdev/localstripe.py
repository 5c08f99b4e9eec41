"""localstripe, with its state where the local stack says.

localstripe keeps every object in one pickle at a fixed path,
/tmp/localstripe.pickle, rewritten in place on every change: two localstripes on
one machine (make run, a test run, a fresh clone's CI) overwrite each other's
state, and one starting while another writes reads a truncated file and dies
(EOFError). Here the pickle lives in the stack's own folder
(COMMERCE_LOCALSTRIPE_STATE), is replaced atomically, and an unreadable one is
set aside instead of stopping the start.

Usage: python -m localdev.localstripe --port <port>
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any


def state_file() -> Path:
    folder = Path(os.environ["COMMERCE_LOCALSTRIPE_STATE"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "localstripe.pickle"


def load(store: Any) -> None:
    path = state_file()
    try:
        with open(path, "rb") as f:
            old = pickle.load(f)
    except FileNotFoundError:
        return
    except (EOFError, pickle.UnpicklingError, AttributeError, ValueError) as error:
        aside = path.with_suffix(".unreadable")
        os.replace(path, aside)
        print(f"localstripe state {path} was unreadable ({error!r}); moved to {aside}, starting empty", flush=True)
        return
    store.clear()
    store.update(old)


def dump(store: Any) -> None:
    path = state_file()
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as f:
        pickle.dump(store, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)


def main() -> None:
    from localstripe import resources, server

    resources.Store.try_load_from_disk = load  # type: ignore[method-assign]
    resources.Store.dump_to_disk = dump  # type: ignore[method-assign]
    sys.argv = ["localstripe", *sys.argv[1:]]
    server.start()


if __name__ == "__main__":
    main()
