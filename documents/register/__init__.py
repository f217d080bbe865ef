"""The register of documents (the master list): its query and search, its
export, and its imports (a master list from Excel or CSV, a body or a set of
files from Word), with their views, forms and URLs.

Imports go one way: ``views`` → ``importing`` → ``query`` → ``search``; the
Word files themselves are read and written by ``documents.wordio``. This module
re-exports nothing: ``documents.models`` imports ``search.fold``, so importing
anything here that needs the models would be a loop.
"""
