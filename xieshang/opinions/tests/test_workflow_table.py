"""The 社情民意 workflows as tables: state × transition × role → allowed or refused."""

import pytest
from django.db import transaction

from xieshang.core.errors import DomainError
from xieshang.core.testing import fresh
from xieshang.opinions import services
from xieshang.opinions.models import Issue, Opinion, OpinionEvent
from xieshang.opinions.workflow import ISSUE_TRANSITIONS, TRANSITIONS

from .story import office, opinion_in, send

STATES = ["draft", "submitted", "returned", "kept", "used", "edited", "compiled", "sent"]
ROLES = ["owner", "co_author", "other_member", "office", "leader", "staff"]
OPERATIONS = ["submit", "use", "keep", "return", "edit", "compile"]
ALLOWED = {
    ("draft", "submit"): {"owner"},
    ("returned", "submit"): {"owner"},
    ("submitted", "use"): {"office"},
    ("submitted", "keep"): {"office"},
    ("submitted", "return"): {"office"},
    ("used", "edit"): {"office"},
    ("edited", "edit"): {"office"},
    ("used", "compile"): {"office"},
    ("edited", "compile"): {"office"},
}


def _actor(world, role):
    return {"owner": fresh(world.member_users[0]), "co_author": fresh(world.member_users[1]),
            "other_member": fresh(world.member_users[3]), "office": office(world),
            "leader": fresh(world.leader), "staff": fresh(world.staff)}[role]


def _call(world, operation, actor, o):
    if operation == "submit":
        return services.opinion_submit(actor=actor, opinion_id=o.pk)
    if operation in ("use", "keep", "return"):
        return services.opinion_check(actor=actor, opinion_id=o.pk, outcome=operation,
                                      note="理由")
    if operation == "edit":
        return services.opinion_edit(actor=actor, opinion_id=o.pk, title="关于某事的建议",
                                     text="正文")
    if operation == "compile":
        issue = services.issue_create(actor=office(world))
        return services.entry_add(actor=actor, issue_id=issue.pk, opinion_ids=[o.pk])
    raise ValueError(operation)


def _attempt(fn):
    with transaction.atomic():
        sid = transaction.savepoint()
        try:
            fn()
        except DomainError:
            transaction.savepoint_rollback(sid)
            return False
        transaction.savepoint_rollback(sid)
        return True


def test_every_transition_is_in_the_table():
    names = set(TRANSITIONS) - {"resubmit", "uncompile", "publish"}
    assert names == set(OPERATIONS)


@pytest.mark.parametrize("state", STATES)
def test_item_operations_follow_the_table(world, state):
    office(world), office(world, 2)
    o = opinion_in(world, state, co_author_ids=[world.members[1].pk])
    for operation in OPERATIONS:
        for role in ROLES:
            allowed = _attempt(lambda op=operation, r=role: _call(world, op, _actor(world, r), o))
            expected = role in ALLOWED.get((state, operation), set())
            assert allowed == expected, (state, operation, role)
    assert Opinion.objects.get(pk=o.pk).status == state


ISSUE_STATES = ["draft", "approved", "signed", "sent"]
ISSUE_ALLOWED = {
    ("draft", "approve"): {"office", "office2"},
    ("approved", "reopen"): {"office", "office2"},
    ("signed", "reopen"): {"office", "office2"},
    ("approved", "sign"): {"office2"},  # the compiler and editor (office) may not sign
    ("signed", "send"): {"office", "office2"},
}


def _issue_in(world, state):
    o = opinion_in(world, "compiled")
    issue = Issue.objects.get(entries__links__opinion=o)
    services.issue_set_recipients(actor=office(world), issue_id=issue.pk,
                                  recipients=[{"kind": "government", "name": "市政府办公室"}])
    if state in ("approved", "signed", "sent"):
        services.issue_approve(actor=office(world), issue_id=issue.pk)
    if state in ("signed", "sent"):
        services.issue_sign(actor=office(world, 2), issue_id=issue.pk)
    if state == "sent":
        services.issue_send(actor=office(world), issue_id=issue.pk)
    return Issue.objects.get(pk=issue.pk)


def _issue_call(name, actor, issue):
    fn = {"approve": services.issue_approve, "reopen": services.issue_reopen,
          "sign": services.issue_sign, "send": services.issue_send}[name]
    return fn(actor=actor, issue_id=issue.pk)


@pytest.mark.parametrize("state", ISSUE_STATES)
def test_issue_operations_follow_the_table(world, state):
    office(world), office(world, 2)
    issue = _issue_in(world, state)
    actors = {"office": office(world), "office2": office(world, 2),
              "owner": fresh(world.member_users[0]), "leader": fresh(world.leader)}
    for name in ISSUE_TRANSITIONS:
        for role, actor in actors.items():
            allowed = _attempt(lambda n=name, a=actor: _issue_call(n, a, issue))
            assert allowed == (role in ISSUE_ALLOWED.get((state, name), set())), \
                (state, name, role)


def test_sign_off_by_the_editor_is_allowed_when_the_committee_allows_it(world):
    from xieshang.opinions.services import opinion_config

    config = opinion_config(world.committee)
    config.signer_not_editor = False
    config.save()
    issue = _issue_in(world, "approved")
    services.issue_sign(actor=office(world), issue_id=issue.pk)
    assert Issue.objects.get(pk=issue.pk).signed_by_id == office(world).pk


def test_sending_an_issue_sends_its_items_and_writes_events(world):
    a = opinion_in(world, "edited")
    b = opinion_in(world, "used", title="关于规范校外培训收费的建议")
    issue = services.issue_create(actor=office(world))
    services.entry_add(actor=office(world), issue_id=issue.pk, opinion_ids=[a.pk, b.pk],
                       title="关于民生领域若干问题的情况反映", text="综合稿正文。")
    send(world, issue)
    assert set(Opinion.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) \
        == {"sent"}
    actions = list(OpinionEvent.objects.filter(opinion=a).values_list("action", flat=True))
    assert actions == ["create", "submit", "use", "edit", "compile", "publish"]
    issue_actions = list(OpinionEvent.objects.filter(issue=issue)
                         .values_list("action", flat=True))
    assert issue_actions == ["issue_create", "entry_add", "recipients", "approve", "sign",
                             "send"]
