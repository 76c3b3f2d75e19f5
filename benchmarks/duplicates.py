"""Benchmark the likely-duplicate search on generated organisations and projects.

    .venv/bin/python benchmarks/duplicates.py                    # 10,000 organisations
    .venv/bin/python benchmarks/duplicates.py --organizations 50000 --projects 20000

Builds a temporary SQLite database with the reference data, inserts ``--organizations``
organisations named as Chinese companies are (city + trade name + trade + legal form, an English
name and an alias for some) and ``--projects`` projects of them, plants known duplicates
(another legal form, a bracketed 控股, a typo, the name without its city, an English legal form),
then times ``organizations.duplicates.find_duplicates()`` and ``projects.duplicates
.find_duplicates()`` and prints the seconds, the pairs found and how many planted pairs were found.
"""

import argparse
import io
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TRADE_NAMES = list("华信博远鼎盛天鸿聚能恒通汇川嘉禾星河泰和卓越启明金桥前海粤海云帆光华联创")
TRADES = [
    "电子",
    "物流",
    "食品",
    "医药",
    "数字科技",
    "生物科技",
    "木业",
    "贸易",
    "文化传媒",
    "设计",
]
FORMS = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司"]
TYPOS = {"华": "化", "信": "新", "远": "源", "盛": "胜", "通": "同", "禾": "和", "河": "和"}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=10_000, help="default 10,000")
    parser.add_argument("--projects", type=int, default=10_000, help="default 10,000")
    parser.add_argument("--planted", type=int, default=200, help="duplicates planted (200)")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def setup(directory: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "counterpart.settings.development"
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    for command in ("migrate", "load_refdata"):
        call_command(command, verbosity=0, stdout=io.StringIO())


def english_name(rng: random.Random) -> str:
    word = "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(3))
    return f"{word.title()} {rng.choice(['Technology', 'Trading', 'Foods'])} Co., Ltd."


def short_form(name: str) -> str:
    for trade in TRADES:
        if trade in name:
            return name[: name.index(trade)]
    return name


def variant(name: str, city: str, rng: random.Random) -> str:
    """The same company as another ledger writes it."""
    base = name
    for form in sorted(FORMS, key=len, reverse=True):
        if base.endswith(form):
            base = base.removesuffix(form)
            break
    kind = rng.randrange(4)
    if kind == 0:
        return base + rng.choice([f for f in FORMS if not name.endswith(f)])
    if kind == 1:
        return base + "（控股）有限公司"
    if kind == 2:
        # A typo in the trade's characters (the trade name after the city stays).
        rest = base[len(city) + 2 :]
        position = next((i for i, c in enumerate(rest) if c in TYPOS), None)
        if position is None:
            return base + "有限责任公司"
        rest = rest[:position] + TYPOS[rest[position]] + rest[position + 1 :]
        return base[: len(city) + 2] + rest + "有限公司"
    return base.removeprefix(city) + "有限公司"  # without the city


def build(args) -> set[tuple[int, int]]:
    from counterpart.geo.models import Region, RegionLevel
    from counterpart.organizations.models import Organization, OrganizationAlias
    from counterpart.projects.models import Project

    rng = random.Random(args.seed)
    cities = list(
        Region.objects.filter(level=RegionLevel.PREFECTURE).values_list("pk", "name_zh")[:120]
    )
    rows, names = [], set()
    while len(rows) < args.organizations:
        region, city = rng.choice(cities)
        city = city.removesuffix("市")
        trade_name = "".join(rng.sample(TRADE_NAMES, 2))
        trade = rng.choice(TRADES)
        if (city, trade_name, trade) in names:
            continue  # one company of a name in a city (another legal form would be the same)
        names.add((city, trade_name, trade))
        name = city + trade_name + trade + rng.choice(FORMS)
        rows.append(
            Organization(
                kind="enterprise",
                name_zh=name,
                name_en=english_name(rng) if rng.random() < 0.1 else "",
                hq_region_id=region,
            )
        )
    originals = Organization.objects.bulk_create(rows, batch_size=2000)
    planted: list[Organization] = []
    sources, taken = [], set()
    city_names = dict(cities)
    for source in rng.sample(originals, len(originals)):
        if len(planted) == args.planted:
            break
        city = city_names[source.hq_region_id].removesuffix("市")
        name = variant(source.name_zh, city, rng)
        if name in taken:
            continue  # one organisation without a region per name
        taken.add(name)
        sources.append(source)
        planted.append(Organization(kind="enterprise", name_zh=name, hq_region_id=None))
    planted = Organization.objects.bulk_create(planted)
    pairs = {tuple(sorted((a.pk, b.pk))) for a, b in zip(sources, planted, strict=True)}
    OrganizationAlias.objects.bulk_create(
        # The short form: city and trade name (深圳华信).
        OrganizationAlias(organization=o, alias=short_form(o.name_zh), language="zh")
        for o in rng.sample(originals, len(originals) // 20)
    )
    projects = []
    for i in range(args.projects):
        region, city = rng.choice(cities)
        trade_name = "".join(rng.sample(TRADE_NAMES, 2))
        projects.append(
            Project(
                code=f"B-{i:06d}",
                name_zh=f"{city}{trade_name}{rng.choice(TRADES)}产业园项目",
                destination_region_id=region,
            )
        )
    projects = Project.objects.bulk_create(projects, batch_size=2000)
    through = Project.investors.through
    through.objects.bulk_create(
        through(project_id=p.pk, organization_id=rng.choice(originals).pk) for p in projects
    )
    return pairs


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        setup(Path(directory))
        print(f"database with reference data: {time.perf_counter() - started:.1f} s")
        planted = build(args)
        from counterpart.organizations import duplicates as organizations
        from counterpart.projects import duplicates as projects

        started = time.perf_counter()
        found = organizations.find_duplicates()
        seconds = time.perf_counter() - started
        keys = {(c.low_id, c.high_id) for c in found}
        print(
            f"organisations: {args.organizations + args.planted:,} in {seconds:.2f} s, "
            f"{len(found):,} pairs, {len(planted & keys)}/{len(planted)} planted pairs found"
        )
        started = time.perf_counter()
        found = projects.find_duplicates()
        seconds = time.perf_counter() - started
        print(f"projects: {args.projects:,} in {seconds:.2f} s, {len(found):,} pairs")
        print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
