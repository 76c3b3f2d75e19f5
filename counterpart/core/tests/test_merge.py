"""core.merge: every relation moves to the survivor, collisions keep the survivor's row, empty
fields are filled, the merge is one transaction and leaves change records."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from counterpart.core.changelog import change_context
from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.duplicates import mark_not_duplicates
from counterpart.core.merge import MergeRefused, merge, related_counts, relations
from counterpart.core.models import ChangeRecord, NotDuplicate
from counterpart.events.models import Event, EventKind, Participation, ParticipationRole
from counterpart.organizations.models import Contact, Organization, OrganizationAlias
from counterpart.projects.choices import FollowUpKind, ProjectType, Stage
from counterpart.projects.models import FollowUp, Project

from .admin_fixtures import credit_code, one_of_everything, organization, regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return get_user_model().objects.create_user("merger", password="x")


def label_of(model, key: str) -> str:
    return next(r.label for r in relations(model) if r.key == key)


def rows_of(relation, pk) -> int:
    f = relation.field
    if relation.kind == "fk":
        return relation.model._base_manager.filter(**{f.attname: pk}).count()
    through = f.remote_field.through
    name = f.m2m_reverse_field_name() if relation.kind == "m2m" else f.m2m_field_name()
    return through.objects.filter(**{through._meta.get_field(name).attname: pk}).count()


# ---------------------------------------------------------------------------- every relation


def test_every_relation_to_an_organization_moves(user):
    """Fails when a model gains a relation to Organization that the merge leaves behind (or that
    this test's rows do not cover: add a row for it here or in one_of_everything)."""
    rows = one_of_everything(user)
    duplicate = rows["org"]
    duplicate.operated_zones.add(*rows["harbin"].zones.all())
    organization("比亚迪汽车工业有限公司", rows["shenzhen"], parent=duplicate)
    survivor = organization("比亚迪", rows["shenzhen"])
    before = {r.key: rows_of(r, duplicate.pk) for r in relations(Organization)}
    missing = [key for key, n in before.items() if n == 0]
    assert not missing, f"no test row refers to the duplicate through {missing}"

    result = merge(survivor, [duplicate], user=user)

    for relation in relations(Organization):
        assert rows_of(relation, duplicate.pk) == 0, relation.key
        assert rows_of(relation, survivor.pk) >= before[relation.key], relation.key
        move = result.moves[relation.key]
        assert move.moved + move.kept == before[relation.key], relation.key
    assert not Organization.objects.filter(pk=duplicate.pk).exists()


def test_every_relation_to_a_project_moves(user):
    rows = one_of_everything(user)
    duplicate = rows["project"]
    later = Event.objects.create(
        code="HLJ-GD-2024-CONF",
        kind=EventKind.CONFERENCE,
        title_zh="2024年对口合作大会",
        start_date=datetime.date(2024, 6, 15),
        region=rows["harbin"],
    )
    duplicate.later_signing_events.add(later)
    Project.objects.create(
        code="HLJ-2024-0002",
        name_zh="新能源汽车项目二期",
        project_type=ProjectType.EXPANSION,
        extends=duplicate,
    )
    survivor = Project.objects.create(code="HLJ-2023-0099", name_zh="新能源汽车")
    before = {r.key: rows_of(r, duplicate.pk) for r in relations(Project)}
    missing = [key for key, n in before.items() if n == 0]
    assert not missing, f"no test row refers to the duplicate through {missing}"
    own_stages = list(survivor.stage_changes.values_list("pk", flat=True))

    result = merge(survivor, [duplicate], user=user)

    for relation in relations(Project):
        assert rows_of(relation, duplicate.pk) == 0, relation.key
    stage_key = "fk:projects.StageChange.project"
    for relation in relations(Project):
        if relation.key == stage_key:
            continue
        assert rows_of(relation, survivor.pk) >= before[relation.key], relation.key
    # The survivor keeps its own stage history; the duplicate's is not moved.
    assert list(survivor.stage_changes.values_list("pk", flat=True)) == own_stages
    assert result.moves[stage_key].dropped == before[stage_key]
    assert survivor.funds.count() == 1 and survivor.follow_ups.count() == 1
    assert list(survivor.investors.all()) == [rows["org"]]
    assert survivor.extensions.get().code == "HLJ-2024-0002"


# ---------------------------------------------------------------------------- collisions


def test_a_row_the_survivor_already_has_is_merged_into_the_survivors(user):
    r = regions()
    survivor = organization("腾讯科技（深圳）有限公司", r["shenzhen"])
    duplicate = organization("深圳市腾讯计算机系统有限公司", r["shenzhen"], name_en="Tencent")
    OrganizationAlias.objects.create(organization=survivor, alias="腾讯", language="zh")
    OrganizationAlias.objects.create(organization=duplicate, alias="腾讯", language="zh")
    OrganizationAlias.objects.create(organization=duplicate, alias="鹅厂", language="zh")
    event = Event.objects.create(
        code="E-1",
        kind=EventKind.CONFERENCE,
        title_zh="大会",
        start_date=datetime.date(2023, 6, 1),
        region=r["harbin"],
    )
    kept = Participation.objects.create(
        event=event, organization=survivor, role=ParticipationRole.SIGNATORY
    )
    Participation.objects.create(
        event=event, organization=duplicate, role=ParticipationRole.SIGNATORY, note="签约"
    )
    Participation.objects.create(
        event=event, organization=duplicate, role=ParticipationRole.SPEAKER
    )
    # Same person at both: the follow-up about the duplicate's follows to the survivor's.
    Contact.objects.create(organization=survivor, name="马化腾", title="董事长")
    theirs = Contact.objects.create(
        organization=duplicate, name="马化腾", title="董事长", phone="0755 1234567"
    )
    follow_up = FollowUp.objects.create(
        organization=duplicate,
        contact=theirs,
        date=datetime.date(2023, 7, 1),
        kind=FollowUpKind.VISIT,
        summary="回访",
    )

    result = merge(survivor, [duplicate], user=user)

    aliases = sorted(survivor.aliases.values_list("alias", flat=True))
    # 腾讯 once; 鹅厂 moved; the duplicate's own names kept as aliases (name_en filled instead).
    assert aliases == ["深圳市腾讯计算机系统有限公司", "腾讯", "鹅厂"]
    assert survivor.name_en == "Tencent"
    participations = Participation.objects.filter(event=event).order_by("role")
    assert [(p.organization_id, p.role) for p in participations] == [
        (survivor.pk, ParticipationRole.SIGNATORY),
        (survivor.pk, ParticipationRole.SPEAKER),
    ]
    kept.refresh_from_db()
    assert kept.note == "签约"  # its empty note filled from the duplicate's row
    contact = Contact.objects.get()
    assert contact.organization == survivor and contact.phone == "0755 1234567"
    follow_up.refresh_from_db()
    assert follow_up.organization == survivor and follow_up.contact == contact
    alias_move = result.moves["fk:organizations.OrganizationAlias.organization"]
    assert (alias_move.moved, alias_move.kept) == (1, 1)
    assert any("腾讯" in note for note in result.notes)


def test_a_project_listing_both_lists_the_survivor_once(user):
    survivor = Organization.objects.create(kind="enterprise", name_zh="甲有限公司")
    duplicate = Organization.objects.create(kind="enterprise", name_zh="甲公司")
    both = Project.objects.create(code="P-1", name_zh="两者")
    both.investors.add(survivor, duplicate)
    only = Project.objects.create(code="P-2", name_zh="仅副本")
    only.investors.add(duplicate)

    result = merge(survivor, [duplicate], user=user)

    assert list(both.investors.all()) == [survivor]
    assert list(only.investors.all()) == [survivor]
    move = result.moves["m2m:projects.Project.investors"]
    assert (move.moved, move.kept) == (1, 1)
    # The projects' own histories show the change of investors.
    record = ChangeRecord.objects.for_object(only).filter(changed_fields=["investors"]).first()
    assert record is not None


# ---------------------------------------------------------------------------- self-references


def test_a_survivor_that_was_the_duplicates_subsidiary_loses_the_parent(user):
    parent = Organization.objects.create(kind="enterprise", name_zh="集团")
    survivor = Organization.objects.create(kind="enterprise", name_zh="乙公司", parent=parent)
    merge(survivor, [parent], user=user)
    survivor.refresh_from_db()
    assert survivor.parent is None


def test_several_duplicates_one_the_parent_of_another(user):
    survivor = Organization.objects.create(kind="enterprise", name_zh="丙公司")
    first = Organization.objects.create(kind="enterprise", name_zh="丙有限公司")
    second = Organization.objects.create(kind="enterprise", name_zh="丙集团", parent=first)
    child = Organization.objects.create(kind="enterprise", name_zh="丙子公司", parent=second)
    result = merge(survivor, [first, second], user=user)
    assert Organization.objects.filter(name_zh__startswith="丙").count() == 2
    child.refresh_from_db()
    assert child.parent == survivor
    assert survivor.parent is None
    assert {m["id"] for m in result.merged} == {first.pk, second.pk}


def test_a_protected_reference_to_itself_is_refused_and_nothing_changes(user):
    base = Project.objects.create(code="B-1", name_zh="基础项目")
    expansion = Project.objects.create(
        code="B-2", name_zh="扩建项目", project_type=ProjectType.EXPANSION, extends=base
    )
    FollowUp.objects.create(
        project=base, date=datetime.date(2023, 1, 2), kind=FollowUpKind.CALL, summary="电话"
    )
    with pytest.raises(MergeRefused) as refusal:
        merge(expansion, [base], user=user)
    extends = str(Project._meta.get_field("extends").verbose_name)
    assert "基础项目" in refusal.value.message and extends in refusal.value.message
    assert Project.objects.filter(pk=base.pk).exists()
    assert FollowUp.objects.get().project == base
    assert not ChangeRecord.objects.filter(action=ChangeAction.MERGE).exists()


# ---------------------------------------------------------------------------- refusals


def test_objects_of_different_models_do_not_merge(user):
    r = regions()
    org = organization("丁公司", r["shenzhen"])
    with pytest.raises(MergeRefused):
        merge(org, [r["harbin"]], user=user)


def test_an_object_does_not_merge_into_itself(user):
    org = Organization.objects.create(kind="enterprise", name_zh="戊公司")
    with pytest.raises(MergeRefused):
        merge(org, [Organization.objects.get(pk=org.pk)], user=user)
    with pytest.raises(MergeRefused):
        merge(org, [], user=user)


# ---------------------------------------------------------------------------- empty fields


def test_empty_fields_are_filled_where_the_survivor_stays_valid(user):
    r = regions()
    survivor = Project.objects.create(code="F-1", name_zh="填空项目", stage=Stage.LEAD)
    duplicate = Project.objects.create(
        code="F-2",
        name_zh="填空项目（副本）",
        name_en="Fill-in project",
        stage=Stage.SIGNED,
        destination_region=r["harbin"],
        contract_value=Decimal("5000000.00"),
        signed_date=datetime.date(2023, 5, 1),
        notes="来自台账",
    )
    result = merge(survivor, [duplicate], user=user)
    survivor.refresh_from_db()
    filled = {fill.name for fill in result.filled}
    assert {"name_en", "destination_region", "contract_value", "notes"} <= filled
    assert survivor.destination_region == r["harbin"] and survivor.notes == "来自台账"
    # A lead has no signing date: that one is not filled.
    assert "signed_date" not in filled and survivor.signed_date is None
    assert survivor.name_zh == "填空项目"  # a value the survivor has is never replaced


def test_a_credit_code_moves_to_the_survivor(user):
    r = regions()
    code = credit_code("91440300192317458")
    survivor = organization("己公司", r["shenzhen"])
    duplicate = organization("己有限公司", r["shenzhen"], credit_code=code)
    result = merge(survivor, [duplicate], user=user)
    survivor.refresh_from_db()
    assert survivor.credit_code == code
    assert [f.name for f in result.filled] == ["credit_code"]


# ---------------------------------------------------------------------------- records


def test_the_merge_is_recorded_with_the_user_and_channel(user):
    survivor = Organization.objects.create(kind="enterprise", name_zh="庚公司")
    duplicate = Organization.objects.create(kind="enterprise", name_zh="庚有限公司", name_en="Geng")
    Contact.objects.create(organization=duplicate, name="张三")
    with change_context(user=user, channel=Channel.UI) as context:
        result = merge(survivor, [duplicate])
    record = ChangeRecord.objects.for_object(survivor).get(action=ChangeAction.MERGE)
    assert record == result.record
    assert record.user == user and record.channel == Channel.UI
    assert record.after["merged"] == [{"id": duplicate.pk, "name": "庚有限公司"}]
    assert record.changed_fields == ["name_en"] and record.after["name_en"] == "Geng"
    contacts = label_of(Organization, "fk:organizations.Contact.organization")
    assert record.after["relations"][contacts]["moved"] == 1
    request_records = ChangeRecord.objects.filter(request_id=context.request_id)
    actions = set(request_records.values_list("action", flat=True))
    assert actions == {ChangeAction.UPDATE, ChangeAction.DELETE, ChangeAction.CREATE, "merge"}
    assert set(request_records.values_list("user", flat=True)) == {user.pk}


def test_the_user_argument_attributes_writes_made_outside_a_request(user):
    survivor = Organization.objects.create(kind="enterprise", name_zh="辛公司")
    duplicate = Organization.objects.create(kind="enterprise", name_zh="辛有限公司")
    merge(survivor, [duplicate], user=user)
    record = ChangeRecord.objects.get(action=ChangeAction.MERGE)
    assert record.user == user and record.channel == Channel.SYSTEM
    deletion = ChangeRecord.objects.get(action=ChangeAction.DELETE, object_id=str(duplicate.pk))
    assert deletion.user == user and deletion.request_id == record.request_id


def test_a_dry_run_reports_the_same_and_changes_nothing(user):
    survivor = Organization.objects.create(kind="enterprise", name_zh="壬公司")
    duplicate = Organization.objects.create(
        kind="enterprise", name_zh="壬有限公司", website="https://r.cn"
    )
    Contact.objects.create(organization=duplicate, name="李四")
    records = ChangeRecord.objects.count()
    plan = merge(survivor, [duplicate], user=user, dry_run=True)
    assert plan.record is None
    assert ChangeRecord.objects.count() == records
    assert Organization.objects.filter(pk=duplicate.pk).exists()
    assert Contact.objects.get().organization == duplicate
    survivor.refresh_from_db()
    assert survivor.website == ""
    done = merge(survivor, [duplicate], user=user)
    assert [(m.label, m.moved, m.kept) for m in plan.changes] == [
        (m.label, m.moved, m.kept) for m in done.changes
    ]
    assert [f.name for f in plan.filled] == [f.name for f in done.filled] == ["website"]
    assert plan.notes == done.notes


def test_pairs_marked_not_duplicates_follow_the_survivor(user):
    survivor = Organization.objects.create(kind="enterprise", name_zh="癸公司")
    duplicate = Organization.objects.create(kind="enterprise", name_zh="癸有限公司")
    other = Organization.objects.create(kind="enterprise", name_zh="另一家")
    mark_not_duplicates(duplicate, other, user)
    mark_not_duplicates(duplicate, survivor, user)
    merge(survivor, [duplicate], user=user)
    content_type = ContentType.objects.get_for_model(Organization)
    pairs = set(
        NotDuplicate.objects.filter(content_type=content_type).values_list("low_id", "high_id")
    )
    assert pairs == {tuple(sorted((survivor.pk, other.pk)))}


def test_related_counts_one_query_per_relation(django_assert_max_num_queries):
    rows = one_of_everything()
    org = rows["org"]
    with django_assert_max_num_queries(len(relations(Organization))):
        counts = related_counts([org])
    assert (
        counts[org.pk][label_of(Organization, "fk:organizations.OrganizationAlias.organization")]
        == 1
    )
