"""Every write of notifications: a user's choice, and sending what is due (as a background task).

Sending is a sweep, not a hook: every NOTIFY_INTERVAL seconds (Celery beat, or the embedded periodic loop) mails
what has become due — tasks assigned in the last two days, tasks due within three days, tasks
overdue (up to 30 days) — to the assignee, or to the candidates of a task nobody has claimed.
Each (task, person, kind) is claimed in the database before its mail goes out, so two sweeps
never send it twice; a mail that fails to go is released and tried again by the next sweep.
A sweep also covers bulk work (a year opened for 10,000 employees) without touching it.
"""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import selectors
from .models import NotificationKind, NotificationPreference, SentNotification

logger = logging.getLogger("kinerja.notifications")


@transaction.atomic
def preference_set(*, actor: User, email_enabled: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=actor, defaults={"email_enabled": email_enabled})
    return preference


def _message(notice: selectors.Notice) -> EmailMessage:
    task, user = notice.task, notice.user
    values = {"task": task.name, "subject": task.subject.name, "process": task.instance.definition.name,
              "name": user.get_full_name() or user.username,
              "due": timezone.localtime(task.due_at).strftime("%d-%m-%Y %H:%M") if task.due_at else ""}
    subject = {
        NotificationKind.ASSIGNED: _("New task: %(task)s"),
        NotificationKind.DUE_SOON: _("Task due in three days: %(task)s"),
        NotificationKind.OVERDUE: _("Task overdue: %(task)s"),
    }[notice.kind] % values
    lines = [_("Hello %(name)s,") % values, ""]
    lines.append({
        NotificationKind.ASSIGNED: _('You have a new task "%(task)s" for %(subject)s (%(process)s).'),
        NotificationKind.DUE_SOON: _('Your task "%(task)s" for %(subject)s (%(process)s) is due on %(due)s.'),
        NotificationKind.OVERDUE: _('Your task "%(task)s" for %(subject)s (%(process)s) was due on %(due)s '
                                    "and is still open."),
    }[notice.kind] % values)
    if notice.kind == NotificationKind.ASSIGNED and task.due_at:
        lines.append(_("It is due on %(due)s.") % values)
    lines += ["", _("Open Kinerja to complete it."), "",
              _("You can turn these e-mails off in your account (setEmailNotifications).")]
    return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])


def mails_send(messages: list[EmailMessage]) -> int:
    """Send the messages over one connection, in order; returns how many went. A failure (the
    SMTP server down) is logged and stops there: the caller releases the rest for a later sweep."""
    sent = 0
    try:
        connection = get_connection()
        for message in messages:
            message.connection = connection
            message.send()
            sent += 1
    except Exception:
        logger.exception("sending e-mails failed after %d of %d", sent, len(messages))
    return sent


def notifications_send_due(*, now: dt.datetime | None = None, limit: int = 2000) -> int:
    """Send what has become due; returns how many mails went out."""
    notices = selectors.due_notices(now or timezone.now(), limit=limit)
    claimed = []
    for notice in notices:
        try:
            with transaction.atomic():
                SentNotification.objects.create(task=notice.task, user=notice.user, kind=notice.kind)
            claimed.append(notice)
        except IntegrityError:  # another sweep has it
            continue
    if not claimed:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        messages = [_message(n) for n in claimed]
    sent = mails_send(messages)
    if sent < len(claimed):
        for notice in claimed[sent:]:  # release what did not go, for the next sweep
            SentNotification.objects.filter(task=notice.task, user=notice.user, kind=notice.kind).delete()
    return sent
