"""Deterministic records that stand behind the totals the source articles publish.

The articles give totals (192 projects worth 98.238 billion yuan, 1.95 billion yuan of
Guangdong funds, 132 pipeline projects) but not the records behind them. This module makes
plausible records whose sums are exactly those totals, from a fixed seed, as plain specs; the
loader (loader.py) writes them. Everything made here is flagged ``is_sample``.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

SEED = 20230422
CONFERENCE = "HLJ-GD-2023-CONF"
CONFERENCE_DAY = datetime.date(2023, 4, 22)
PIPELINE_DAY = datetime.date(2023, 4, 7)  # publication date of seed-001

CONFERENCE_TOTAL = 98_238_000_000
ON_SITE_INDUSTRIAL_COUNT = 32
ON_SITE_INDUSTRIAL_TOTAL = 29_293_000_000
CONFERENCE_COUNT = 192
PIPELINE_COUNT = 132
PIPELINE_SIGNED_AT_CONFERENCE = 40
GUANGDONG_FUNDS_JAN_FEB = 1_950_000_000
SIZE_THRESHOLD = 10_000_000
# Other source provinces' funds in Jan–Feb 2023 (sample values): Beijing ranks 1st, Guangdong 2nd.
OTHER_SOURCE_FUNDS = {
    "110000": 2_360_000_000,
    "330000": 1_270_000_000,
    "320000": 1_080_000_000,
    "370000": 860_000_000,
    "310000": 640_000_000,
    "210000": 410_000_000,
}

HLJ_CITIES = [
    "230100", "230200", "230300", "230400", "230500", "230600", "230700",
    "230800", "230900", "231000", "231100", "231200", "232700",
]  # fmt: skip
# Harbin receives the most projects; the weights are a sample assumption.
CITY_WEIGHTS = [30, 8, 4, 4, 4, 10, 3, 7, 3, 8, 6, 8, 2]
GD_CITIES = ["440300", "440100", "440600", "441900", "442000", "440400", "441300", "440700"]
GD_CITY_WEIGHTS = [45, 20, 10, 8, 6, 5, 3, 3]
HARBIN_ZONES = ["哈尔滨新区", "哈尔滨经济技术开发区", "深圳（哈尔滨）产业园区"]


@dataclass(frozen=True)
class Field:
    """One of the six fields the conference projects cover (seed-000)."""

    code: str
    name_zh: str
    name_en: str
    industries_4567: tuple[str, ...]
    projects: tuple[tuple[str, str], ...]  # (name_zh, name_en) fragments
    org_words: tuple[str, ...]


FIELDS = [
    Field(
        "F-DIGITAL",
        "数字经济",
        "Digital economy",
        ("4567-4-01", "4567-5-02", "4567-7-01"),
        (
            ("数据中心", "data centre"),
            ("工业互联网平台", "industrial internet platform"),
            ("智慧城市", "smart city"),
            ("云计算中心", "cloud computing centre"),
            ("电子信息产业园", "electronic information park"),
        ),
        ("数字科技", "信息技术", "电子"),
    ),
    Field(
        "F-BIO",
        "生物经济",
        "Bio-economy",
        ("4567-4-02", "4567-6-04", "4567-6-03"),
        (
            ("生物医药产业化", "biopharmaceutical production"),
            ("基因检测中心", "genetic testing centre"),
            ("生物发酵", "bio-fermentation"),
            ("细胞治疗", "cell therapy"),
            ("绿色食品精深加工", "green food processing"),
        ),
        ("生物科技", "医药", "食品"),
    ),
    Field(
        "F-ICE-SNOW",
        "冰雪经济",
        "Ice-and-snow economy",
        ("4567-4-03", "4567-7-05"),
        (
            ("冰雪旅游度假区", "ice-and-snow resort"),
            ("冰雪装备制造", "winter sports equipment"),
            ("滑雪场提升", "ski resort upgrade"),
            ("冰雪文旅综合体", "ice-and-snow tourism complex"),
        ),
        ("文化旅游", "体育用品", "度假"),
    ),
    Field(
        "F-DESIGN",
        "创意设计",
        "Creative design",
        ("4567-4-04", "4567-7-07"),
        (
            ("工业设计中心", "industrial design centre"),
            ("文化创意产业园", "creative industries park"),
            ("数字创意", "digital creative studio"),
        ),
        ("设计", "文化传媒", "创意"),
    ),
    Field(
        "F-NORTH",
        "向北开放",
        "Opening to the north",
        ("4567-7-03",),
        (
            ("跨境物流园", "cross-border logistics park"),
            ("口岸物流枢纽", "port logistics hub"),
            ("边境仓储", "border warehousing"),
        ),
        ("供应链管理", "物流", "国际贸易"),
    ),
    Field(
        "F-RUSSIA",
        "对俄经贸合作",
        "Economic and trade cooperation with Russia",
        ("4567-7-03", "4567-6-06", "4567-6-03"),
        (
            ("对俄进出口加工", "processing for trade with Russia"),
            ("中俄商品交易中心", "Sino-Russian commodity trading centre"),
            ("对俄木材加工", "timber processing for Russia trade"),
        ),
        ("进出口", "贸易", "木业"),
    ),
]
FIELD_WEIGHTS = [30, 22, 14, 10, 12, 12]
NON_ONSITE_CATEGORIES = [
    ("industrial", 50), ("service", 35), ("agricultural", 20),
    ("tourism", 25), ("trade", 20), ("infrastructure", 10),
]  # fmt: skip
ORG_PREFIXES = [
    "华信",
    "创新",
    "天鸿",
    "中科",
    "粤海",
    "鹏程",
    "前海",
    "南山",
    "星河",
    "汇川",
    "瑞德",
    "博远",
    "嘉禾",
    "泰和",
    "鼎盛",
    "恒通",
    "联创",
    "聚能",
    "海纳",
    "宏图",
    "启明",
    "金桥",
    "远航",
    "盛世",
    "和信",
    "卓越",
    "光华",
    "新瑞",
    "高能",
    "云帆",
]
# Investors named in seed-000/001 that sign some of the conference projects.
NAMED_CONFERENCE_INVESTORS = [
    "beike", "seg", "united-aircraft", "tencent", "huawei", "vanke", "bgi", "nine-dragons",
    "citic-capital", "guangxin", "cr", "evoc", "gaofa", "zhongyi", "jierou", "lingshi",
]  # fmt: skip
CITY_NAMES = {
    "230100": "哈尔滨", "230200": "齐齐哈尔", "230300": "鸡西", "230400": "鹤岗",
    "230500": "双鸭山", "230600": "大庆", "230700": "伊春", "230800": "佳木斯",
    "230900": "七台河", "231000": "牡丹江", "231100": "黑河", "231200": "绥化",
    "232700": "大兴安岭",
    "440300": "深圳", "440100": "广州", "440600": "佛山", "441900": "东莞", "442000": "中山",
    "440400": "珠海", "441300": "惠州", "440700": "江门",
    "110000": "北京", "330000": "浙江", "320000": "江苏", "370000": "山东", "310000": "上海",
    "210000": "辽宁",
}  # fmt: skip


@dataclass
class OrgSpec:
    name_zh: str
    hq: str
    field_code: str


@dataclass
class ProjectSpec:
    code: str
    name_zh: str
    name_en: str
    category: str
    field_code: str
    industry_4567: str
    source: str  # region code
    destination: str
    history: list[tuple[str, datetime.date]]
    investors: list[str] = field(default_factory=list)  # fact keys or generated org names
    zone: str = ""
    project_type: str = "new"
    extends: str = ""
    contract_value: int | None = None
    planned_investment: int | None = None
    signed_date: datetime.date | None = None
    signed_event: str = ""
    signed_on_site: bool = False
    start_date: datetime.date | None = None
    operating_date: datetime.date | None = None
    status: str = "active"
    status_reason: str = ""
    expected_jobs: int | None = None


@dataclass
class FundsSpec:
    project: str
    month: datetime.date
    amount: int
    source: str


@dataclass
class FollowUpSpec:
    project: str
    date: datetime.date
    kind: str
    summary: str
    next_action: str
    due: datetime.date | None
    done: datetime.date | None


@dataclass
class SampleSet:
    organizations: list[OrgSpec]
    projects: list[ProjectSpec]
    funds: list[FundsSpec]
    follow_ups: list[FollowUpSpec]
    visited_by_harbin: list[str]  # generated org names: the 10 key enterprises (seed-001)
    tourism_events: list[dict]  # the 9 cities' promotions seed-001 counts but does not name


def allocate(rng: random.Random, total: int, n: int, unit: int, minimum: int) -> list[int]:
    """``n`` skewed amounts, multiples of ``unit``, each >= ``minimum``, summing to ``total``."""
    units, floor = total // unit, minimum // unit
    if total % unit or units < n * floor:
        raise ValueError(f"cannot split {total} into {n} multiples of {unit} >= {minimum}")
    weights = [rng.lognormvariate(0, 0.9) for _ in range(n)]
    spare = units - n * floor
    shares = [spare * w / sum(weights) for w in weights]
    amounts = [floor + int(s) for s in shares]
    by_remainder = sorted(range(n), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in by_remainder[: units - sum(amounts)]:
        amounts[i] += 1
    return [a * unit for a in amounts]


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


class Generator:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.organizations: dict[tuple[str, str], OrgSpec] = {}

    # ---------------------------------------------------------------- helpers
    def pick(self, options: list, weights: list[int] | None = None):
        return self.rng.choices(options, weights=weights)[0]

    def pick_field(self) -> Field:
        return self.pick(FIELDS, FIELD_WEIGHTS)

    def new_org(self, hq: str, f: Field) -> str:
        """A generated investor name, unique per headquarters."""
        while True:
            prefix, word = self.rng.choice(ORG_PREFIXES), self.rng.choice(f.org_words)
            name = f"{CITY_NAMES[hq]}{prefix}{word}有限公司"
            if (name, hq) not in self.organizations:
                self.organizations[(name, hq)] = OrgSpec(name, hq, f.code)
                return name

    def project_names(self, f: Field, city: str) -> tuple[str, str]:
        zh, en = self.rng.choice(f.projects)
        return f"{CITY_NAMES[city]}{zh}项目", f"{en.capitalize()} project, {city}"

    def destination(self) -> str:
        return self.pick(HLJ_CITIES, CITY_WEIGHTS)

    def zone_for(self, city: str) -> str:
        if city != "230100" or self.rng.random() < 0.4:
            return ""
        return self.rng.choice(HARBIN_ZONES)

    def base_project(self, code: str, f: Field, source: str, category: str) -> ProjectSpec:
        city = self.destination()
        name_zh, name_en = self.project_names(f, city)
        return ProjectSpec(
            code=code,
            name_zh=name_zh,
            name_en=name_en.replace(city, _english_city(city)),
            category=category,
            field_code=f.code,
            industry_4567=self.rng.choice(f.industries_4567),
            source=source,
            destination=city,
            zone=self.zone_for(city),
            history=[],
            expected_jobs=self.rng.randrange(20, 800, 10),
        )

    def lead_and_talks(self, before: datetime.date, talks_from: datetime.date) -> list:
        talks = random_day(self.rng, talks_from, before)
        lead = random_day(
            self.rng, talks - datetime.timedelta(days=150), talks - datetime.timedelta(days=7)
        )
        return [("lead", lead), ("negotiating", talks)]

    # ---------------------------------------------------------------- sets
    def conference(self, pipeline_codes: set[str]) -> list[ProjectSpec]:
        """The 192 projects signed on 2023-04-22; 32 on-site industrial ones sum to 29.293 bn."""
        onsite_values = allocate(
            self.rng, ON_SITE_INDUSTRIAL_TOTAL, ON_SITE_INDUSTRIAL_COUNT, 1_000_000, 100_000_000
        )
        other_count = CONFERENCE_COUNT - ON_SITE_INDUSTRIAL_COUNT
        other_values = allocate(
            self.rng,
            CONFERENCE_TOTAL - ON_SITE_INDUSTRIAL_TOTAL,
            other_count,
            1_000_000,
            20_000_000,
        )
        categories = [c for c, count in NON_ONSITE_CATEGORIES for _ in range(count)]
        self.rng.shuffle(categories)
        # Ten projects of other categories were signed on site too (sample assumption), so that
        # "on site" and "industrial" are both needed to select the 32.
        other_onsite = {
            index + ON_SITE_INDUSTRIAL_COUNT
            for index, category in enumerate(categories)
            if category != "industrial"
        }
        other_onsite = set(sorted(other_onsite)[-10:])
        projects = []
        for index in range(CONFERENCE_COUNT):
            code = f"HLJGD23-C{index + 1:03d}"
            onsite_industrial = index < ON_SITE_INDUSTRIAL_COUNT
            category = (
                "industrial" if onsite_industrial else categories[index - ON_SITE_INDUSTRIAL_COUNT]
            )
            source = self.pick(GD_CITIES, GD_CITY_WEIGHTS)
            spec = self.base_project(code, self.pick_field(), source, category)
            spec.contract_value = (onsite_values + other_values)[index]
            spec.planned_investment = spec.contract_value
            spec.signed_date = CONFERENCE_DAY
            spec.signed_event = CONFERENCE
            spec.signed_on_site = onsite_industrial or index in other_onsite
            if code in pipeline_codes:
                spec.history = self.lead_and_talks(
                    PIPELINE_DAY - datetime.timedelta(days=1), datetime.date(2023, 1, 5)
                )
            else:
                talks = random_day(
                    self.rng, PIPELINE_DAY + datetime.timedelta(days=1), datetime.date(2023, 4, 20)
                )
                lead = random_day(self.rng, datetime.date(2023, 3, 7), PIPELINE_DAY)
                spec.history = [("lead", lead), ("negotiating", talks)]
            spec.history.append(("signed", CONFERENCE_DAY))
            named = index % 6 == 0 and index // 6 < len(NAMED_CONFERENCE_INVESTORS)
            spec.investors = (
                [NAMED_CONFERENCE_INVESTORS[index // 6]]
                if named
                else [self.new_org(source, FIELDS_BY_CODE[spec.field_code])]
            )
            projects.append(spec)
        return projects

    def capital_increases(self, conference: list[ProjectSpec], bases: list[ProjectSpec]) -> None:
        """Three conference projects increase the capital of projects that had landed earlier.

        Their contract value is the total after the increase; only the increment counts, so the
        conference total is unchanged.
        """
        candidates = [
            p for p in conference[ON_SITE_INDUSTRIAL_COUNT:] if p.category == "industrial"
        ]
        for spec, base in zip(candidates[:3], bases, strict=True):
            spec.project_type = "capital_increase"
            spec.extends = base.code
            spec.investors = list(base.investors)
            spec.destination, spec.zone = base.destination, ""
            spec.name_zh = base.name_zh.replace("项目", "增资扩建项目")
            spec.name_en = base.name_en + ", capital increase"
            spec.contract_value += base.contract_value
            spec.planned_investment = spec.contract_value

    def landed_bases(self) -> list[ProjectSpec]:
        """Projects of the companies seed-000 says settled in Heilongjiang (figures are sample)."""
        bases = []
        for code, key, name_zh, name_en, city, category, value, signed in (
            (
                "HLJGD-B001",
                "xinghu",
                "肇东星湖生物科技项目",
                "Zhaodong Xinghu Technology project",
                "231200",
                "industrial",
                1_600_000_000,
                datetime.date(2019, 6, 18),
            ),
            (
                "HLJGD-B002",
                "migao",
                "米高钾肥项目",
                "Migao Potash Fertilizer project",
                "230100",
                "industrial",
                1_200_000_000,
                datetime.date(2020, 9, 8),
            ),
            (
                "HLJGD-B003",
                "keyou",
                "科友半导体项目",
                "Keyou Semiconductor project",
                "230100",
                "industrial",
                900_000_000,
                datetime.date(2021, 3, 26),
            ),
        ):
            start = signed + datetime.timedelta(days=120)
            operating = start + datetime.timedelta(days=400)
            bases.append(
                ProjectSpec(
                    code=code,
                    name_zh=name_zh,
                    name_en=name_en,
                    category=category,
                    field_code="F-BIO" if key == "xinghu" else "F-DIGITAL",
                    industry_4567={
                        "xinghu": "4567-4-02",
                        "migao": "4567-6-02",
                        "keyou": "4567-5-02",
                    }[key],
                    source="440000" if key != "keyou" else "440300",
                    destination=city,
                    investors=[key],
                    contract_value=value,
                    planned_investment=value,
                    signed_date=signed,
                    start_date=start,
                    operating_date=operating,
                    expected_jobs=500,
                    history=[
                        ("lead", signed - datetime.timedelta(days=200)),
                        ("negotiating", signed - datetime.timedelta(days=90)),
                        ("signed", signed),
                        ("started", start),
                        ("operating", operating),
                    ],
                )
            )
        return bases

    def pipeline_rest(self, count: int) -> list[ProjectSpec]:
        """Pipeline projects negotiating on 2023-04-07 that were not signed at the conference."""
        projects = []
        for index in range(count):
            f = self.pick_field()
            spec = self.base_project(
                f"HLJGD23-P{index + 1:03d}",
                f,
                self.pick(GD_CITIES, GD_CITY_WEIGHTS),
                self.rng.choice(["industrial", "service", "agricultural", "tourism"]),
            )
            spec.history = self.lead_and_talks(
                PIPELINE_DAY - datetime.timedelta(days=1), datetime.date(2022, 11, 1)
            )
            spec.planned_investment = self.rng.randrange(50, 3000) * 1_000_000
            spec.investors = [self.new_org(spec.source, f)]
            if index < 20:  # signed later in the year, not at an event
                signed = random_day(
                    self.rng, datetime.date(2023, 6, 1), datetime.date(2023, 12, 20)
                )
                spec.contract_value = spec.planned_investment
                spec.signed_date = signed
                spec.history.append(("signed", signed))
            elif index < 25:
                spec.status, spec.status_reason = "dropped", "投资方调整投资计划，项目终止。"
            elif index < 32:
                spec.status, spec.status_reason = "delayed", "用地手续办理中，洽谈暂缓。"
            projects.append(spec)
        return projects

    def leads(self, count: int) -> list[ProjectSpec]:
        """Leads from the spring visits, not yet well-formed on 2023-04-07."""
        projects = []
        for index in range(count):
            f = self.pick_field()
            spec = self.base_project(
                f"HLJGD23-L{index + 1:03d}", f, self.pick(GD_CITIES, GD_CITY_WEIGHTS), ""
            )
            spec.history = [("lead", random_day(self.rng, datetime.date(2023, 3, 7), PIPELINE_DAY))]
            if index % 3 == 0:
                spec.history.append(
                    (
                        "negotiating",
                        random_day(self.rng, datetime.date(2023, 5, 1), datetime.date(2023, 9, 30)),
                    )
                )
            if index % 4 == 0:  # some leads are not classified yet
                spec.industry_4567 = ""
            spec.investors = [self.new_org(spec.source, f)]
            projects.append(spec)
        return projects

    def funded(
        self, source: str, total: int, count: int, prefix: str, minimum_size: int = SIZE_THRESHOLD
    ) -> tuple[list[ProjectSpec], list[FundsSpec]]:
        """Started projects from ``source`` whose funds in Jan–Feb 2023 sum to ``total``."""
        amounts = allocate(self.rng, total, count * 2, 10_000, 10_000)
        projects, funds = [], []
        for index in range(count):
            f = self.pick_field()
            origin = self.pick(GD_CITIES, GD_CITY_WEIGHTS) if source == "440000" else source
            spec = self.base_project(f"{prefix}{index + 1:02d}", f, origin, "industrial")
            signed = random_day(self.rng, datetime.date(2021, 3, 1), datetime.date(2022, 6, 30))
            start = signed + datetime.timedelta(days=self.rng.randint(30, 150))
            jan, feb = amounts[2 * index], amounts[2 * index + 1]
            size = (
                max(minimum_size, (jan + feb) * self.rng.randint(3, 8))
                if minimum_size
                else self.rng.randrange(2, 9) * 1_000_000
            )
            spec.planned_investment = spec.contract_value = size
            spec.signed_date, spec.start_date = signed, start
            spec.history = [
                ("lead", signed - datetime.timedelta(days=180)),
                ("negotiating", signed - datetime.timedelta(days=60)),
                ("signed", signed),
                ("started", start),
            ]
            spec.investors = [self.new_org(origin if origin in CITY_NAMES else source, f)]
            projects.append(spec)
            funds += [
                FundsSpec(spec.code, datetime.date(2023, 1, 1), jan, origin),
                FundsSpec(spec.code, datetime.date(2023, 2, 1), feb, origin),
            ]
            # Funds outside the period, which the Jan–Feb figure must leave out.
            funds.append(
                FundsSpec(
                    spec.code,
                    datetime.date(2023, 3, 1),
                    self.rng.randrange(1, 50) * 1_000_000,
                    origin,
                )
            )
        return projects, funds

    def follow_ups(self, projects: list[ProjectSpec]) -> list[FollowUpSpec]:
        kinds = ["visit", "meeting", "call", "video", "email"]
        items = []
        for spec in projects:
            first = spec.history[0][1]
            for _ in range(self.rng.randint(1, 3)):
                day = random_day(self.rng, first, max(first, datetime.date(2023, 10, 31)))
                due = day + datetime.timedelta(days=self.rng.randint(7, 45))
                done = (
                    due - datetime.timedelta(days=self.rng.randint(0, 6))
                    if self.rng.random() < 0.6
                    else None
                )
                items.append(
                    FollowUpSpec(
                        spec.code,
                        day,
                        self.rng.choice(kinds),
                        "与投资方沟通项目进展。",
                        "跟进项目选址与合同条款。",
                        due,
                        done,
                    )
                )
        return items

    def harbin_visits(self) -> list[str]:
        f_cycle = [FIELDS[0], FIELDS[1], FIELDS[2]]
        return [self.new_org("440300", f_cycle[i % 3]) for i in range(10)]

    def tourism_promotions(self) -> list[dict]:
        """Promotions of the nine cities seed-001 counts among its 13 but does not name."""
        named = {"231200", "231100", "230400", "231000"}
        events = []
        for city in HLJ_CITIES:
            if city in named:
                continue
            events.append(
                {
                    "city": city,
                    "day": random_day(
                        self.rng, datetime.date(2023, 4, 5), datetime.date(2023, 4, 28)
                    ),
                }
            )
        return events

    def build(self) -> SampleSet:
        conference_codes = [f"HLJGD23-C{i + 1:03d}" for i in range(CONFERENCE_COUNT)]
        pipeline_codes = set(
            self.rng.sample(conference_codes[:22], 10)
            + self.rng.sample(conference_codes[40:180], 30)
        )
        bases = self.landed_bases()
        conference = self.conference(pipeline_codes)
        self.capital_increases(conference, bases)
        rest = self.pipeline_rest(PIPELINE_COUNT - PIPELINE_SIGNED_AT_CONFERENCE)
        leads = self.leads(48)
        funded, funds = self.funded("440000", GUANGDONG_FUNDS_JAN_FEB, 14, "HLJGD-F-GD")
        small, small_funds = self.funded("440000", 23_500_000, 4, "HLJGD-F-GDS", minimum_size=0)
        for region, total in OTHER_SOURCE_FUNDS.items():
            more, more_funds = self.funded(region, total, 5, f"HLJGD-F-{region[:2]}-")
            funded += more
            funds += more_funds
        visited = self.harbin_visits()
        return SampleSet(
            organizations=list(self.organizations.values()),
            projects=bases + conference + rest + leads + funded + small,
            funds=funds + small_funds,
            follow_ups=self.follow_ups(rest + leads),
            visited_by_harbin=visited,
            tourism_events=self.tourism_promotions(),
        )


FIELDS_BY_CODE = {f.code: f for f in FIELDS}


def _english_city(code: str) -> str:
    return {
        "230100": "Harbin", "230200": "Qiqihar", "230300": "Jixi", "230400": "Hegang",
        "230500": "Shuangyashan", "230600": "Daqing", "230700": "Yichun", "230800": "Jiamusi",
        "230900": "Qitaihe", "231000": "Mudanjiang", "231100": "Heihe", "231200": "Suihua",
        "232700": "Da Hinggan Ling",
    }[code]  # fmt: skip


def build(seed: int = SEED) -> SampleSet:
    return Generator(seed).build()


def money(amount: int | None) -> Decimal | None:
    return None if amount is None else Decimal(amount)
