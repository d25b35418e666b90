"""The demonstration served by `make demo`: the local settings with debug off, so that a
visitor meets the site's own error pages (404, 500…), never Django's technical page. WhiteNoise
still serves the static files straight from the apps' folders (`dev`), and the demo's public
media are served by the application (`DEMO`), as debug did."""

import os

os.environ.setdefault("DEBUG", "0")

from .dev import *  # noqa: F403

DEBUG = False
DEMO = True
