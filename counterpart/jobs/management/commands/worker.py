"""``counterpart worker``: the background worker — django-tasks' ``db_worker``, under our name.

Runs the queued jobs (``counterpart.jobs``) one at a time until stopped (SIGTERM or Ctrl+C: the
running job is finished first; a second signal stops it at once). Options are db_worker's:
``--batch`` (run what is queued, then exit), ``--max-tasks N``, ``--interval SECONDS``,
``--no-reload``. See ``docs/deployment.md``.
"""

from django_tasks.backends.database.management.commands.db_worker import Command as DBWorker


class Command(DBWorker):
    help = "Run the background worker: imports, ingestion and briefs queued from the web or CLI."
