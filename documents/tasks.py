"""Background tasks of document control."""

from documents.tasks_pdf import merge_manual, render_edition_for_build, run_build  # noqa: F401
