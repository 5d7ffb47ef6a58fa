"""Server-rendered pages (Jinja2) and their static assets.

They build on ``service.http`` and never import the JSON API package; the actions on a page
call the API over HTTP from the browser. The app factory (``service.app``) puts both together.
"""
