"""The situation room web app (``flareup serve``): FastAPI routes and templates over
:mod:`flareup.report.pages`. Needs the ``web`` extra (fastapi, uvicorn, python-multipart)."""

from __future__ import annotations

from flareup.web.app import check_token, create_app

__all__ = ["check_token", "create_app"]
