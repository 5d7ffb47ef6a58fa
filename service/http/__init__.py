"""The HTTP layer the JSON API (``service.api``) and the pages (``service.web``) share.

Neither surface imports the other: both build on this package for who is calling, what is
injected, how a route commits, how big a body may be and how an error is answered. The app
factory that puts them together is ``service.app``.
"""
