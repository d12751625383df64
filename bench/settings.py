"""The app's settings, with the benchmark's URLs (the app's plus a baseline view) as the root."""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
