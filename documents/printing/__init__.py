"""Printed output of document control: an edition's PDF, the manual, the master
list and the acknowledgement report, with their tasks, views and URLs.

Imports go one way: ``views`` → ``services`` (requests a build) → ``tasks`` →
``manual`` (the steps of a build) → ``editions`` (an edition's cached, signed PDF)
→ ``pdf`` (the layout) → ``documents.models``. ``verification`` checks an
uploaded PDF's signature against the register.
"""
