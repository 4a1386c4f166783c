"""The Hike screen and its widgets (field, rate control, plots, reveal, level select)."""
