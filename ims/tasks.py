import socket

from celery import shared_task
from django.utils import timezone

from ims.models import Heartbeat
from ims.notifications import digest


@shared_task
def record_heartbeat(name: str = "worker") -> str:
    """Write down that a worker ran a task now; the home page of the secretariat
    warns when this is old (background work stopped)."""
    Heartbeat.objects.update_or_create(
        name=name, defaults={"last_seen": timezone.now(), "hostname": socket.gethostname()}
    )
    return name


@shared_task
def send_digests(frequency: str) -> int:
    """This period's summaries of "Việc của tôi" for those who chose ``frequency``."""
    return digest.send_digests(frequency=frequency)
