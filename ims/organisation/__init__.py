"""The organisation's own pages, kept by the secretariat: its name and logo, its
departments, units, positions and people (``/org/``)."""
