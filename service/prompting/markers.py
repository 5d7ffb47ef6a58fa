"""Neutralising the markers a prompt's structure rests on, wherever they appear in data.

A rendered prompt has three kinds of structure a passage of data must never take over:

- **fences**: ``<<<TAG`` and ``>>>TAG`` around data (``fencing.py``). Any cluster of three or
  more angle brackets is removed, counting the look-alikes a reader (or a model) takes for
  one (fullwidth and small forms, single angle quotes, mathematical angle brackets, the
  doubles U+00AB and U+226A, the triple U+22D8, the HTML entities ``&lt;`` and ``&#60;``),
  through spaces and invisible characters between them on one line.
  Mixed directions count too: ``<<>>><`` would leave ``<<<`` if only ``>>>`` went.
- **roles**: a ``[system]``, ``[user]`` or ``[assistant]`` line starts a chat message in a
  template. Templates are split into roles before data is inserted (``rendering.py``), so
  data cannot start one; data that looks like a marker (any case, spaces or invisible
  characters inside, look-alike brackets) is still shown as ``(system)``, so a model does
  not read it as one either.
- **chat-template tokens**: the embedded model's prompt is tokenized with special tokens on
  (llama.cpp's chat handler), so ``<|im_start|>system`` inside a story would open a real
  system turn. ``<|...|>`` (also with the fullwidth bar U+FF5C, as some models spell it), Gemma's
  ``<start_of_turn>``, Llama 2's ``[INST]``, ``<<SYS>>`` and ``</s>`` are removed.

Normal text is left byte for byte as it was: only these markers change. Each removal can
join what was around it into a new marker (``<|im_st>>>art|>``), so the passes repeat until
nothing changes.
"""

from __future__ import annotations

import re

ROLES = ("system", "user", "assistant")
"""The chat roles a template's ``[role]`` lines may name."""

_ANGLE_WEIGHT = {
    **dict.fromkeys("<>", 1),
    # Fullwidth and small forms (NFKC maps these to < and >), and arrow-like look-alikes.
    **dict.fromkeys("\uff1c\uff1e\ufe64\ufe65", 1),
    **dict.fromkeys("\u2039\u203a\u2329\u232a\u3008\u3009\u27e8\u27e9", 1),
    **dict.fromkeys("\u276e\u276f\u276c\u276d\u02c2\u02c3\u1438\u1433\u2a79\u2a7a", 1),
    # Doubles and a triple: one character, several brackets to the eye.
    **dict.fromkeys("\u00ab\u00bb\u226a\u226b\u300a\u300b\u27ea\u27eb\u2aa1\u2aa2", 2),
    **dict.fromkeys("\u22d8\u22d9", 3),
}
_ENTITY = r"&(?:lt|gt|#0*6[02]|#x0*3[ce]);"
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
"""Characters that show as nothing (zero-width spaces and joiners, soft hyphen, direction
marks, variation selectors...): placed between brackets, they hide a marker from a plain
string match but not from a reader."""
_SPACE = r"[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"
"""Whitespace within a line: a marker is read along a line, and a Markdown quote's empty
lines (``>`` on its own) must stay."""
_GAP = rf"(?:{_SPACE}|[{_INVISIBLE}])*"
_ANGLE = rf"(?:[{''.join(_ANGLE_WEIGHT)}]|{_ENTITY})"
_ANGLE_CLUSTER = re.compile(rf"{_ANGLE}(?:{_GAP}{_ANGLE})*", re.IGNORECASE)
_ANGLE_ONE = re.compile(_ANGLE, re.IGNORECASE)

_BAR = "[|\uff5c\u01c0\u2223\u2502\uffe8\u2758]"
_LT = "[<\uff1c\ufe64]"
_GT = "[>\uff1e\ufe65]"
_TOKEN = re.compile(
    rf"{_LT}{_GAP}{_BAR}[^\s<>]{{0,64}}?{_BAR}{_GAP}{_GT}"  # <|im_start|>, <|endoftext|>
    rf"|{_LT}{_GAP}/?{_GAP}s{_GAP}{_GT}"  # <s>, </s>
    rf"|{_LT}{_GAP}(?:start|end)_of_turn{_GAP}{_GT}"  # Gemma
    rf"|\[{_GAP}/?{_GAP}INST{_GAP}\]"  # Llama 2, Mistral
    rf"|{_LT}{_GAP}{_LT}{_GAP}/?{_GAP}SYS{_GAP}{_GT}{_GAP}{_GT}",
    re.IGNORECASE,
)

_OPEN = "[\\[\uff3b\ufe47\u3010\u3014\u27e6\u301a]"
_CLOSE = "[\\]\uff3d\ufe48\u3011\u3015\u27e7\u301b]"


def _spelled(word: str) -> str:
    """``word`` as a pattern that lets invisible characters sit between its letters."""
    return f"[{_INVISIBLE}]*".join(re.escape(letter) for letter in word)


_ROLE = re.compile(
    rf"{_OPEN}({_GAP}(?:{'|'.join(_spelled(r) for r in ROLES)}){_GAP}){_CLOSE}", re.IGNORECASE
)


def _angles(cluster: re.Match[str]) -> str:
    found = _ANGLE_ONE.findall(cluster.group())
    count = sum(_ANGLE_WEIGHT.get(a, 1) for a in found)
    return "" if count >= 3 else cluster.group()


def _one_pass(text: str) -> str:
    text = _ANGLE_CLUSTER.sub(_angles, text)
    text = _TOKEN.sub("", text)
    return _ROLE.sub(lambda m: f"({m.group(1)})", text)


def neutralise_markers(text: str) -> str:
    """``text`` with no fence marker, role marker or chat-template token left in it."""
    while True:
        cleaned = _one_pass(text)
        if cleaned == text:
            return text
        text = cleaned
