"""Writes the sample data set: facts from data/facts.toml and the generated records behind them.

Every write goes through ``full_clean()`` and the change log, in one transaction, by natural
key, so loading twice changes nothing.
"""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from counterpart.core.choices import MoneyBasis
from counterpart.core.upsert import UpsertStats, upsert
from counterpart.events.models import Event, EventKind, Participation
from counterpart.geo.models import Agreement, Pairing, Region, Zone
from counterpart.indicators.models import Indicator, Observation, PeriodType
from counterpart.industries.models import Industry, IndustryMapping, MappingRelation, Taxonomy
from counterpart.organizations.models import (
    Contact,
    Organization,
    OrganizationAlias,
    OrganizationKind,
    Ranking,
)
from counterpart.press.models import FigureStatus, ReportedFigure, SourceDocument
from counterpart.press.text import read_article
from counterpart.projects.models import FollowUp, FundsInPlace, Project, TaskForce, TaskForceCity
from counterpart.projects.services import create_with_history
from counterpart.users.choices import Role

from . import generator

FACTS_FILE = Path(__file__).parent / "data" / "facts.toml"
ADMIN_USERNAME = "admin"
# Printed by `make run`; exists only where settings.SAMPLE_USERS_ALLOWED (development).
SAMPLE_PASSWORD = "counterpart-sample-2023"
FIELDS_TAXONOMY = "hlj-gd-2023-fields"
# One user of each role besides the administrator and the task-force officers (officer-230100 …),
# created only where settings.SAMPLE_USERS_ALLOWED: (username, display name, role, city code).
SAMPLE_USERS = (
    ("staff", "商务厅工作人员", Role.DEPARTMENT_STAFF, ""),
    ("harbin", "哈尔滨市商务局", Role.CITY_STAFF, "230100"),
    ("viewer", "只读用户", Role.VIEWER, ""),
)
OFFICER_NAMES = [
    "王丽",
    "李强",
    "张敏",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄欣",
    "周涛",
    "吴婷",
    "徐鹏",
    "孙悦",
    "马超",
]


class SampleDataError(Exception):
    """The sample data cannot be loaded (missing reference data, bad facts file)."""


class SampleLoader:
    def __init__(self, seeds_dir: Path | None = None, stats: UpsertStats | None = None):
        self.facts = tomllib.loads(FACTS_FILE.read_text(encoding="utf-8"))
        self.seeds_dir = seeds_dir or settings.SHARED_DIR / "seeds"
        self.stats = stats if stats is not None else UpsertStats()
        self.regions = {r.code: r for r in Region.objects.all()}
        self.orgs: dict[str, Organization] = {}
        self.events: dict[str, Event] = {}
        self.documents: dict[str, SourceDocument] = {}
        self.indicators: dict[str, Indicator] = {}
        # The rows with figures the sample loads: verified as they are loaded.
        self.verifiable: list[Project | FundsInPlace | Observation] = []
        self.projects: dict[str, Project] = {}
        self.officers: dict[str, object] = {}
        self.task_forces: dict[str, TaskForce] = {}
        self.task_force_cities: dict[int, TaskForceCity] = {}
        self.zones: dict[tuple[int, str], Zone] = {}

    # ---------------------------------------------------------------- lookups
    def region(self, code: str) -> Region:
        try:
            return self.regions[code]
        except KeyError:
            raise SampleDataError(
                f"Region {code} is missing: run `counterpart load-refdata` first."
            ) from None

    def pairing(self, code: str) -> Pairing:
        pairing = Pairing.objects.filter(code=code).first()
        if pairing is None:
            raise SampleDataError(f"Pairing {code} is missing: run `counterpart load-refdata`.")
        return pairing

    def industry(self, taxonomy: str, code: str) -> Industry:
        industry = Industry.objects.filter(taxonomy__code=taxonomy, code=code).first()
        if industry is None:
            raise SampleDataError(f"Industry {taxonomy}/{code} is missing: run load-refdata.")
        return industry

    def put(self, model, lookup: dict, values: dict, m2m: dict | None = None):
        return upsert(model, lookup, values, m2m=m2m, stats=self.stats)[0]

    # ---------------------------------------------------------------- load
    @transaction.atomic
    def load(self, sample: generator.SampleSet | None = None) -> UpsertStats:
        if "230000" not in self.regions or not Pairing.objects.exists():
            raise SampleDataError(
                "Reference data is missing: run `counterpart load-refdata` first."
            )
        sample = sample or generator.build()
        self.load_users()
        self.load_documents()
        self.load_organizations()
        self.load_contacts()
        self.load_zones()
        self.load_events()
        self.load_agreements()
        self.load_indicators()
        self.load_task_forces()
        self.load_fields_taxonomy()
        self.load_generated_organizations(sample)
        self.load_projects(sample.projects)
        self.load_funds(sample.funds)
        self.load_follow_ups(sample.follow_ups)
        self.load_harbin_visits(sample.visited_by_harbin)
        self.load_tourism_promotions(sample.tourism_events)
        self.load_figures()
        self.verify_figures()
        return self.stats

    def load_users(self) -> None:
        User = get_user_model()
        # One hash for every sample user: hashing is deliberately slow.
        password = make_password(SAMPLE_PASSWORD if settings.SAMPLE_USERS_ALLOWED else None)
        if (
            settings.SAMPLE_USERS_ALLOWED
            and not User.objects.filter(username=ADMIN_USERNAME).exists()
        ):
            User.objects.create(
                username=ADMIN_USERNAME,
                email="admin@example.invalid",
                password=password,
                display_name="管理员",
                role=Role.ADMINISTRATOR,
            )
        if settings.SAMPLE_USERS_ALLOWED:
            for username, name, role, city in SAMPLE_USERS:
                if not User.objects.filter(username=username).exists():
                    User.objects.create(
                        username=username,
                        display_name=name,
                        password=password,
                        role=role,
                        city=self.region(city) if city else None,
                    )
        for index, code in enumerate(generator.HLJ_CITIES):
            self.officers[code] = User.objects.filter(username=f"officer-{code}").first() or (
                User.objects.create(
                    username=f"officer-{code}",
                    display_name=OFFICER_NAMES[index],
                    password=password,
                )
            )

    def load_documents(self) -> None:
        for doc in self.facts["documents"]:
            values = {
                "title": doc["title"],
                "language": doc["language"],
                "published_date": doc.get("published_date"),
                "publisher": doc.get("publisher", ""),
                "notes": doc.get("note", ""),
            }
            seed = self.seeds_dir / doc["seed_file"]
            if seed.is_file():
                article = read_article(seed.read_bytes(), seed.name, doc["language"])
                values["text"] = article.text
                values["content_start"] = article.content_start
                values["content_end"] = (
                    article.content_end if article.content_end < len(article.text) else None
                )
            self.documents[doc["reference"]] = self.put(
                SourceDocument, {"reference": doc["reference"]}, values
            )

    def load_organizations(self) -> None:
        for org in self.facts["organizations"]:
            values = {
                "kind": OrganizationKind(org["kind"]),
                "name_en": org.get("name_en", ""),
                "credit_code": org.get("credit_code"),
                "parent": self.orgs.get(org.get("parent", "")),
                "notes": "; ".join(filter(None, [f"Source: {org['source']}", org.get("note")])),
            }
            instance = self.put(
                Organization,
                {"name_zh": org["name_zh"], "hq_region": self.region(org["hq"])},
                values,
            )
            self.orgs[org["key"]] = instance
            for alias, language in org.get("aliases", []):
                self.put(
                    OrganizationAlias,
                    {"organization": instance, "alias": alias},
                    {"language": language},
                )
            for ranking in org.get("rankings", []):
                ranking_list, year, *list_name = ranking
                self.put(
                    Ranking,
                    {
                        "organization": instance,
                        "ranking_list": ranking_list,
                        "list_name": list_name[0] if list_name else "",
                        "year": year,
                    },
                    {"source": org["source"]},
                )

    def load_contacts(self) -> None:
        for contact in self.facts["contacts"]:
            self.put(
                Contact,
                {
                    "organization": self.orgs[contact["org"]],
                    "name": contact["name"],
                    "title": contact["title"],
                },
                {"name_en": contact.get("name_en", ""), "notes": f"Source: {contact['source']}"},
            )

    def load_zones(self) -> None:
        for zone in self.facts["zones"]:
            self.put(
                Zone,
                {"region": self.region(zone["region"]), "name_zh": zone["name_zh"]},
                {
                    "name_en": zone["name_en"],
                    "kind": zone["kind"],
                    "operator": self.orgs[zone["operator"]],
                },
            )

    def load_events(self) -> None:
        for event in self.facts["events"]:
            values = {
                "kind": EventKind(event["kind"]),
                "title_zh": event["title_zh"],
                "title_en": event.get("title_en", ""),
                "theme_zh": event.get("theme_zh", ""),
                "theme_en": event.get("theme_en", ""),
                "start_date": event["start_date"],
                "end_date": event.get("end_date"),
                "date_precision": event.get("date_precision", "day"),
                "part_of_day": event.get("part_of_day", ""),
                "region": self.region(event["region"]),
                "venue": event.get("venue", ""),
                "organizer_region": self.region(event["organizer"]),
                "pairing": self.pairing(event["pairing"]) if event.get("pairing") else None,
                "parent": self.events.get(event.get("parent", "")),
                "attendance": event.get("attendance"),
                "description": "\n".join(
                    filter(None, [event.get("description"), f"Source: {event['source']}"])
                ),
            }
            instance = self.put(Event, {"code": event["code"]}, values)
            self.events[event["code"]] = instance
            speakers = dict(event.get("speakers", []))
            for org_key, role in event.get("participants", []):
                organization = self.orgs[org_key]
                contact = None
                if org_key in speakers:
                    contact = Contact.objects.get(organization=organization, name=speakers[org_key])
                self.put(
                    Participation,
                    {"event": instance, "organization": organization, "role": role},
                    {"contact": contact},
                )

    def load_agreements(self) -> None:
        for agreement in self.facts["agreements"]:
            self.put(
                Agreement,
                {
                    "pairing": self.pairing(agreement["pairing"]),
                    "title_zh": agreement["title_zh"],
                    "signed_date": agreement["signed_date"],
                },
                {
                    "title_en": agreement["title_en"],
                    "date_precision": agreement["date_precision"],
                    "event": self.events[agreement["event"]],
                    "source": agreement["source"],
                },
            )

    def load_indicators(self) -> None:
        for indicator in self.facts["indicators"]:
            self.indicators[indicator["code"]] = self.put(
                Indicator,
                {"code": indicator["code"]},
                {
                    "name_zh": indicator["name_zh"],
                    "name_en": indicator["name_en"],
                    "unit": indicator["unit"],
                },
            )
        for obs in self.facts["observations"]:
            year = obs["year"]
            observation = self.put(
                Observation,
                {
                    "indicator": self.indicators[obs["indicator"]],
                    "region": self.region(obs["region"]),
                    "period_start": datetime.date(year, 1, 1),
                    "period_end": datetime.date(year, 12, 31),
                },
                {
                    "period_type": PeriodType.YEAR,
                    "value": Decimal(obs["value"]),
                    "basis": MoneyBasis.ESTIMATED if obs["is_sample"] else MoneyBasis.CONFIRMED,
                    "is_sample": obs["is_sample"],
                    "source_document": self.documents.get(obs.get("source", "")),
                    "note": obs.get("note", ""),
                },
            )
            self.verifiable.append(observation)

    def load_task_forces(self) -> None:
        for tf in self.facts["task_forces"]:
            officers = [self.officers[code] for code in tf["cities"]]
            task_force = self.put(
                TaskForce,
                {"code": tf["code"]},
                {
                    "name_zh": tf["name_zh"],
                    "name_en": tf["name_en"],
                    "lead_unit": self.orgs["hlj-commerce"],
                    "established": datetime.date(2023, 3, 1),
                    "notes": "Source: seed-001 (5 task forces); the cities each covers are sample.",
                },
                m2m={"members": officers},
            )
            self.task_forces[tf["code"]] = task_force
            for code in tf["cities"]:
                self.put(
                    TaskForceCity,
                    {"city": self.region(code)},
                    {"task_force": task_force, "officer": self.officers[code]},
                )
                officer = self.officers[code]
                if officer.role != Role.TASK_FORCE_OFFICER or officer.task_force_id is None:
                    # An officer works for the task force that covers their city.
                    officer.role, officer.task_force = Role.TASK_FORCE_OFFICER, task_force
                    officer.save(update_fields=["role", "task_force"])

    def load_fields_taxonomy(self) -> None:
        taxonomy = self.put(
            Taxonomy,
            {"code": FIELDS_TAXONOMY},
            {
                "name_zh": "2023年龙粤产业合作大会签约领域",
                "name_en": "Fields of the 2023 Heilongjiang-Guangdong conference",
                "owner_region": self.region("230000"),
                "description": "The six fields seed-000 says the signed projects cover.",
                "source": "seed-000",
            },
        )
        for order, f in enumerate(generator.FIELDS):
            industry = self.put(
                Industry,
                {"taxonomy": taxonomy, "code": f.code},
                {"name_zh": f.name_zh, "name_en": f.name_en, "sort_order": order},
            )
            primary = self.industry("hlj-4567", f.industries_4567[0])
            equivalent = primary.code.startswith("4567-4-")
            self.put(
                IndustryMapping,
                {"source": industry, "target": primary},
                {
                    "relation": MappingRelation.EQUIVALENT
                    if equivalent
                    else MappingRelation.RELATED,
                    "note": "Counterpart editorial mapping.",
                },
            )

    def load_generated_organizations(self, sample: generator.SampleSet) -> None:
        for spec in sample.organizations:
            self.orgs[spec.name_zh] = self.put(
                Organization,
                {"name_zh": spec.name_zh, "hq_region": self.region(spec.hq)},
                {"kind": OrganizationKind.ENTERPRISE, "is_sample": True},
            )

    # ---------------------------------------------------------------- projects
    def project_values(self, spec: generator.ProjectSpec) -> dict:
        city = self.region(spec.destination)
        task_force_city = self.task_force_cities.get(city.pk)
        zone = self.zones[(city.pk, spec.zone)] if spec.zone else None
        return {
            "name_zh": spec.name_zh,
            "name_en": spec.name_en,
            "project_type": spec.project_type,
            "extends": self.projects[spec.extends] if spec.extends else None,
            "status": spec.status,
            "status_reason": spec.status_reason,
            "source_region": self.region(spec.source),
            "destination_region": city,
            "zone": zone,
            "category": spec.category,
            "contract_value": generator.money(spec.contract_value),
            "contract_value_basis": MoneyBasis.CONFIRMED
            if spec.contract_value
            else MoneyBasis.ESTIMATED,
            "planned_investment": generator.money(spec.planned_investment),
            "signed_date": spec.signed_date,
            "signed_event": self.events[spec.signed_event] if spec.signed_event else None,
            "signed_on_site": spec.signed_on_site,
            "start_date": spec.start_date,
            "operating_date": spec.operating_date,
            "task_force": task_force_city.task_force if task_force_city else None,
            "officer": task_force_city.officer if task_force_city else None,
            "expected_jobs": spec.expected_jobs,
            "is_sample": True,
        }

    def project_relations(self, spec: generator.ProjectSpec) -> dict:
        industries = [self.industry(FIELDS_TAXONOMY, spec.field_code)]
        if spec.industry_4567:
            industries.append(self.industry("hlj-4567", spec.industry_4567))
        return {
            "investors": [self.orgs[key] for key in spec.investors],
            "industries": industries,
        }

    def load_projects(self, specs: list[generator.ProjectSpec]) -> None:
        self.task_force_cities = {
            tfc.city_id: tfc
            for tfc in TaskForceCity.objects.select_related("task_force", "officer")
        }
        self.zones = {(z.region_id, z.name_zh): z for z in Zone.objects.all()}
        for spec in specs:
            values = self.project_values(spec)
            relations = self.project_relations(spec)
            final_stage = spec.history[-1][0]
            if Project.objects.filter(code=spec.code).exists():
                project = self.put(
                    Project, {"code": spec.code}, {**values, "stage": final_stage}, relations
                )
            else:
                project = self.create_with_history(spec, values, relations)
            self.projects[spec.code] = project
            self.verifiable.append(project)

    def create_with_history(self, spec, values: dict, relations: dict) -> Project:
        project = create_with_history(
            Project(code=spec.code, **values), spec.history, relations, note="sample data"
        )
        self.stats.add(Project, "created")
        return project

    def load_funds(self, specs: list[generator.FundsSpec]) -> None:
        for spec in specs:
            funds = self.put(
                FundsInPlace,
                {
                    "project": self.projects[spec.project],
                    "month": spec.month,
                    "source_region": self.region(spec.source),
                },
                {
                    "amount": Decimal(spec.amount),
                    "amount_basis": MoneyBasis.CONFIRMED,
                    "is_sample": True,
                },
            )
            self.verifiable.append(funds)

    def load_follow_ups(self, specs: list[generator.FollowUpSpec]) -> None:
        for spec in specs:
            project = self.projects[spec.project]
            self.put(
                FollowUp,
                {
                    "project": project,
                    "date": spec.date,
                    "kind": spec.kind,
                    "next_action_due": spec.due,
                },
                {
                    "officer": project.officer,
                    "summary": spec.summary,
                    "next_action": spec.next_action,
                    "next_action_done": spec.done,
                    "is_sample": True,
                },
            )

    def load_harbin_visits(self, names: list[str]) -> None:
        forum = self.events["HRB-SZ-2023-03-FORUM"]
        for name in names:
            self.put(
                Participation,
                {"event": forum, "organization": self.orgs[name], "role": "visited"},
                {"note": "sample: one of the 10 key enterprises seed-001 counts"},
            )

    def load_tourism_promotions(self, items: list[dict]) -> None:
        for item in items:
            home = self.region(item["city"])
            pairing = Pairing.objects.get(home_region=home, parent__isnull=False)
            self.put(
                Event,
                {"code": f"S-{item['city']}-2023-04-TOURISM"},
                {
                    "kind": EventKind.PROMOTION,
                    "title_zh": f"{home.name_zh}文旅招商推介会（{pairing.partner_region.name_zh}）",
                    "title_en": (
                        f"{home.name_en} tourism promotion in {pairing.partner_region.name_en}"
                    ),
                    "start_date": item["day"],
                    "region": pairing.partner_region,
                    "organizer_region": home,
                    "pairing": pairing,
                    "is_sample": True,
                    "description": "Sample: one of the 13 cities' promotions seed-001 counts.",
                },
            )

    def verify_figures(self) -> None:
        """The sample's figures are published facts and the records behind them: they are
        loaded verified (``docs/decisions/0009``), so that official reports reproduce every seed
        figure. Verified "by" the sample's department-staff user where sample users exist
        (development), else by nobody (``verified_by`` empty); the time is the loading's. The
        change record is the loader's own (its channel and user), not the staff user's. Rows
        already verified are left as they are: loading twice changes nothing."""
        staff = get_user_model().objects.filter(username=SAMPLE_USERS[0][0]).first()
        if staff is not None and staff.role != Role.DEPARTMENT_STAFF:
            staff = None
        now = timezone.now()
        for row in self.verifiable:
            if row.verified_at is None:
                row.verified_at, row.verified_by = now, staff
                row.save(update_fields=["verified_at", "verified_by"])

    def load_figures(self) -> None:
        for figure in self.facts["figures"]:
            document = self.documents[figure["document"]]
            start = document.text.find(figure["quote"]) if document.text else -1
            period = figure.get("period", [None, None])
            values = {
                "value": Decimal(figure["value"]),
                "unit": figure["unit"],
                "qualifier": figure.get("qualifier", "exact"),
                "span_start": start if start >= 0 else None,
                "span_end": start + len(figure["quote"]) if start >= 0 else None,
                "event": self.events.get(figure.get("event", "")),
                "region": self.regions.get(figure.get("region", "")),
                "source_region": self.regions.get(figure.get("source_region", "")),
                "indicator": self.indicators.get(figure.get("indicator", "")),
                "period_start": period[0],
                "period_end": period[1],
                "subset": figure.get("subset", {}),
                "scope_note": figure.get("scope_note", ""),
                "status": FigureStatus.CONFIRMED,
            }
            self.put(
                ReportedFigure,
                {"document": document, "metric": figure["metric"], "quoted_span": figure["quote"]},
                values,
            )
