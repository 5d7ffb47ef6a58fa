"""What several test modules share: flows over the API, browser sign-in, servers in processes.

A test module imports its helpers from here (or from a helper module beside its tests, such
as ``tests/factories.py``), never from another ``test_*.py`` module: importing a test module
runs its tests' module-level code, and pytest may collect its tests twice under two names.
``tests/test_layers.py`` checks it.
"""
