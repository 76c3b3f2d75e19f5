"""Rows for the admin tests, made directly through the ORM (one of every registered model)."""

import datetime
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from rest_framework.authtoken.models import Token

from counterpart.core.models import NotDuplicate
from counterpart.events.models import Event, EventKind, Participation, ParticipationRole
from counterpart.geo.models import Agreement, Pairing, Region, RegionLevel, Zone, ZoneKind
from counterpart.imports.models import ImportBatch, SavedMapping
from counterpart.indicators.models import Indicator, Observation, PeriodType, Unit
from counterpart.industries.models import Industry, IndustryMapping, MappingRelation, Taxonomy
from counterpart.organizations import uscc
from counterpart.organizations.models import (
    Contact,
    Organization,
    OrganizationAlias,
    OrganizationKind,
    Ranking,
    RankingList,
)
from counterpart.press.models import (
    FigureUnit,
    Metric,
    Proposal,
    ProposalKind,
    ReportedFigure,
    SourceDocument,
)
from counterpart.projects.choices import FollowUpKind, Stage
from counterpart.projects.models import (
    FollowUp,
    FundsInPlace,
    Project,
    TaskForce,
    TaskForceCity,
)


def credit_code(first17: str) -> str:
    """A credit code with a correct GB 32100 check character."""
    return first17 + uscc.check_character(first17)


def regions() -> dict[str, Region]:
    """Heilongjiang with Harbin, Guangdong with Shenzhen."""
    hlj = Region.objects.create(
        code="230000", name_zh="黑龙江省", name_en="Heilongjiang", level=RegionLevel.PROVINCE
    )
    gd = Region.objects.create(
        code="440000", name_zh="广东省", name_en="Guangdong", level=RegionLevel.PROVINCE
    )
    harbin = Region.objects.create(
        code="230100",
        name_zh="哈尔滨市",
        name_en="Harbin",
        level=RegionLevel.PREFECTURE,
        parent=hlj,
    )
    shenzhen = Region.objects.create(
        code="440300", name_zh="深圳市", name_en="Shenzhen", level=RegionLevel.PREFECTURE, parent=gd
    )
    return {"hlj": hlj, "gd": gd, "harbin": harbin, "shenzhen": shenzhen}


def organization(name_zh: str, region: Region | None = None, **kwargs) -> Organization:
    kwargs.setdefault("kind", OrganizationKind.ENTERPRISE)
    return Organization.objects.create(name_zh=name_zh, hq_region=region, **kwargs)


def one_of_everything(user=None) -> dict:
    """At least one row of each model that has an admin page."""
    r = regions()
    zone = Zone.objects.create(
        name_zh="深哈产业园", kind=ZoneKind.INDUSTRIAL_PARK, region=r["harbin"]
    )
    pairing = Pairing.objects.create(
        code="HRB-SZ", home_region=r["harbin"], partner_region=r["shenzhen"], since_year=2017
    )
    hlj_4567 = Taxonomy.objects.create(code="hlj-4567", name_zh="4567现代产业体系")
    gbt = Taxonomy.objects.create(code="gbt4754", name_zh="国民经济行业分类")
    industry = Industry.objects.create(taxonomy=hlj_4567, code="4.1", name_zh="数字经济")
    gbt_industry = Industry.objects.create(taxonomy=gbt, code="I", name_zh="信息传输业")
    IndustryMapping.objects.create(
        source=industry, target=gbt_industry, relation=MappingRelation.BROADER
    )
    org = organization(
        "比亚迪股份有限公司",
        r["shenzhen"],
        name_en="BYD",
        credit_code=credit_code("91440300192317458"),
    )
    org.industries.add(industry)
    OrganizationAlias.objects.create(organization=org, alias="比亚迪", language="zh")
    Ranking.objects.create(
        organization=org, ranking_list=RankingList.FORTUNE_GLOBAL_500, year=2023, position=212
    )
    contact = Contact.objects.create(organization=org, name="张三", title="经理")
    event = Event.objects.create(
        code="HLJ-GD-2023-CONF",
        kind=EventKind.CONFERENCE,
        title_zh="黑龙江—广东对口合作大会",
        start_date=datetime.date(2023, 6, 15),
        region=r["harbin"],
        pairing=pairing,
    )
    Participation.objects.create(
        event=event, organization=org, contact=contact, role=ParticipationRole.SIGNATORY
    )
    Agreement.objects.create(
        pairing=pairing,
        title_zh="对口合作协议",
        signed_date=datetime.date(2023, 6, 15),
        event=event,
    )
    task_force = TaskForce.objects.create(code="TF-HRB", name_zh="哈尔滨专班", lead_unit=org)
    TaskForceCity.objects.create(task_force=task_force, city=r["harbin"], officer=user)
    project = Project.objects.create(
        code="HLJ-2023-0001",
        name_zh="新能源汽车项目",
        stage=Stage.SIGNED,
        source_region=r["shenzhen"],
        destination_region=r["harbin"],
        zone=zone,
        contract_value=Decimal("1000000000.00"),
        signed_date=datetime.date(2023, 6, 15),
        signed_event=event,
        signed_on_site=True,
        task_force=task_force,
        officer=user,
    )
    project.investors.add(org)
    project.industries.add(industry)
    FundsInPlace.objects.create(
        project=project,
        month=datetime.date(2023, 9, 1),
        amount=Decimal("50000000.00"),
        source_region=r["gd"],
    )
    FollowUp.objects.create(
        project=project,
        organization=org,
        contact=contact,
        date=datetime.date(2023, 7, 1),
        kind=FollowUpKind.VISIT,
        officer=user,
        summary="回访",
        next_action="签订补充协议",
        next_action_due=datetime.date(2023, 8, 1),
    )
    indicator = Indicator.objects.create(code="trade-russia", name_zh="对俄贸易", unit=Unit.YUAN)
    document = SourceDocument.objects.create(
        title="合作大会签约192个项目",
        language="zh",
        reference="article-1",
        text="共签约项目192个，签约额982.38亿元。",
    )
    Observation.objects.create(
        indicator=indicator,
        region=r["hlj"],
        period_type=PeriodType.YEAR,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        value=Decimal("185470000000"),
        source_document=document,
    )
    ReportedFigure.objects.create(
        document=document,
        metric=Metric.SIGNED_COUNT,
        value=Decimal("192"),
        unit=FigureUnit.COUNT,
        quoted_span="签约项目192个",
        event=event,
    )
    Proposal.objects.create(
        document=document,
        kind=ProposalKind.ORGANIZATION,
        quoted_span="共签约项目192个",
        span_start=0,
        span_end=9,
        name=org.name_zh,
        organization=org,
    )
    Proposal.objects.create(
        document=document,
        kind=ProposalKind.EVENT,
        quoted_span="共签约项目192个",
        span_start=0,
        span_end=9,
        name="合作大会",
        data={"kind": "conference", "first": "2023-04-22"},
        event=event,
    )
    if user is not None:
        batch_user = user
    else:
        batch_user = get_user_model().objects.create_user("importer", password="x-Import-2023")
    ImportBatch.objects.create(
        user=batch_user, entity="projects", filename="项目.xlsx", data=b"PK", size=2
    )
    SavedMapping.objects.create(
        user=batch_user,
        entity="projects",
        fingerprint="0" * 64,
        headers=["编码"],
        mapping={"编码": "code"},
    )
    # django-axes' records of logins (its admin pages are part of ours).
    login = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "10.0.0.1",
        "username": "officer",
        "http_accept": "text/html",
        "path_info": "/login/",
        "attempt_time": timezone.now(),
    }
    AccessAttempt.objects.create(**login, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**login, locked_out=False)
    AccessLog.objects.create(**login)
    # An API token (Django REST Framework's; its admin page is how administrators revoke one).
    Token.objects.create(user=batch_user)
    NotDuplicate.objects.create(
        content_type=ContentType.objects.get_for_model(Organization),
        low_id=org.pk,
        high_id=org.pk + 1,
        user=user,
    )
    # A background job and the task queue's row behind it (django-tasks' admin shows it).
    from django_tasks.backends.database.models import DBTaskResult, get_date_max

    from counterpart.jobs.models import BackgroundJob, JobKind, JobStatus

    task = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="counterpart.jobs.tasks.run_job",
        backend_name="default",
        run_after=get_date_max(),  # django-tasks' "as soon as possible"
    )
    BackgroundJob.objects.create(
        owner=batch_user,
        kind=JobKind.BRIEF,
        title="简报",
        status=JobStatus.SUCCEEDED,
        task_id=str(task.id),
        output=b"%PDF-",
        output_name="brief.pdf",
        output_type="application/pdf",
    )
    return {**r, "org": org, "event": event, "project": project, "pairing": pairing}


def form_data(response) -> dict:
    """POST data for an admin add or change page: the form's current values, inline counts."""
    form = response.context["adminform"].form
    data: dict = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == []:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
    return data
