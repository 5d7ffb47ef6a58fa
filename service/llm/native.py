"""The quirks of this machine's native llama.cpp build, worked around before a model loads.

Its own module so that the in-process provider and the model server load weights the same
way; it imports llama.cpp's bindings only when called.
"""

from __future__ import annotations

from typing import Any


def without_extra_buffer_types() -> None:
    """Load models without llama.cpp's "extra buffer types" (AMX and weight repacking).

    A native build of llama.cpp on a CPU that advertises AMX uses AMX tiles for matrix
    products; on this workplace's CPUs that dies with SIGILL at the first token. ``Llama()``
    has no option for it, so the default model parameters it starts from are wrapped once.
    Measured on 2 cores with the 1.5B model: 104 prompt tokens/s this way, against 48 for a
    portable AVX2 build.
    """
    import llama_cpp.llama_cpp as bindings

    original = bindings.llama_model_default_params
    if getattr(original, "_storycoach", False):
        return

    def defaults() -> Any:
        params = original()
        params.use_extra_bufts = False
        return params

    defaults._storycoach = True  # type: ignore[attr-defined]
    bindings.llama_model_default_params = defaults
