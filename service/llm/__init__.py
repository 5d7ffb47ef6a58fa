"""The model gateway: the only package that imports litellm (and, through it, llama.cpp).

``LITELLM_LOCAL_MODEL_COST_MAP`` is set here, before any submodule imports litellm, so that
importing it never reaches for the network. Nothing heavy is imported by this file: callers
import ``service.llm.gateway`` when they need a model, and ``service.llm.completion`` for the
plain result types (which is all that most tests load).
"""

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
