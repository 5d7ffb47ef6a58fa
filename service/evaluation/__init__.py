"""Running evaluations: the case files, what a run produced, its figures and report, the
baselines and gate it is held to, and the rubric engine's own meta-evaluation and calibration.

Moved out of ``service.quality``, which is the rubric engine alone; dependencies point down,
from this package to the quality package, never back.
"""
