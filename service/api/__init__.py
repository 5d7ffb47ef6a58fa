"""The JSON API (``/api``, the OpenAI-compatible ``/v1``, sign-in): routes over ``service.http``.

It never imports the pages; the app factory (``service.app``) puts both in one app.
"""
