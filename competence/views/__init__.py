"""The competence register's pages: the register, positions and their requirements
(``register``), a person's record (``records``), the training plan (``trainings``)."""
