"""A deep link's first run on a fresh server lands here: see ``convlab.ui.frame.route``."""

from convlab import ui

ui.route()
