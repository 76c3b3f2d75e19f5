"""The vendored front-end assets are complete, licensed and load nothing from outside.

No network and no npm: these read scripts/vendor_assets.json and counterpart/static/vendor/ as
committed (`python scripts/vendor_assets.py` regenerates the directory).
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MANIFEST_PATH = ROOT / "scripts" / "vendor_assets.json"
VENDOR = ROOT / "counterpart" / "static" / "vendor"

# Licences that may ship inside an Apache-2.0 product. 0BSD (htmx 2.x, tslib) is ISC without
# even the notice requirement.
ALLOWED_LICENSES = {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "OFL-1.1", "0BSD"}

REMOTE = r"""(?:https?:)?//"""
# url(...) in CSS, or url( built in JS: only the start of the argument matters, so data: URIs
# that contain an SVG namespace URL are fine.
URL_CALL = re.compile(rf"""url\(\s*['"]?\s*(?P<url>{REMOTE}[^'")\s]*)""", re.IGNORECASE)
IMPORT = re.compile(rf"""@import\s+(?:url\(\s*)?['"]?\s*(?P<url>{REMOTE}[^'")\s;]*)""", re.I)
SRC_ATTR = re.compile(rf"""\bsrc\s*=\s*\\?['"]\s*(?P<url>{REMOTE}[^'"\s]*)""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+?)\1\s*\)""")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
LICENCE_NAME = re.compile(r"^(LICENSE|LICENCE|COPYING)(\.(md|txt))?$", re.IGNORECASE)
TEMPLATES = ROOT / "counterpart"
STATIC_VENDOR = re.compile(r"""\{%\s*static\s+['"]vendor/(?P<path>[^'"]+)['"]\s*%\}""")

# Words each licence's text contains: a licence file must be the licence it is listed as.
LICENCE_WORDS = {
    "0BSD": "Permission to use",
    "Apache-2.0": "Apache License",
    "BSD-2-Clause": "Redistribution and use",
    "BSD-3-Clause": "Redistribution and use",
    "ISC": "Permission to use",
    "MIT": "Permission is hereby granted",
    "OFL-1.1": "SIL OPEN FONT LICENSE",
}

# Vendored files whose own header names the package's version: (package, file, text).
VERSION_BANNERS = [
    ("bootstrap", "bootstrap/bootstrap.min.css", "Bootstrap  v{version} "),
    ("bootstrap", "bootstrap/bootstrap.bundle.min.js", "Bootstrap v{version} "),
    ("htmx.org", "htmx/htmx.min.js", 'version:"{version}"'),
    ("tom-select", "tom-select/tom-select.complete.min.js", "Tom Select v{version}\n"),
    ("tom-select", "tom-select/tom-select.bootstrap5.css", "tom-select.css (v{version})"),
]


def manifest():
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def packages():
    return manifest()["packages"]


def package_id(package):
    return package["name"]


def listed_files(package):
    """Paths under vendor/ that the manifest names for one package."""
    dest = package["dest"]
    names = list(package["files"].values())
    for entry in [package, *package.get("bundles", [])]:
        names += entry["license_files"].values()
    if "fontsource" in package:
        names.append(package["fontsource"]["css"])
    return [f"{dest}/{name}" for name in names]


def font_packages():
    return [package for package in packages() if "fontsource" in package]


def vendored_text_files():
    return sorted(
        path for path in VENDOR.rglob("*") if path.is_file() and path.suffix in {".css", ".js"}
    )


def test_vendor_directory_and_readme_exist():
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert "python scripts/vendor_assets.py" in readme
    for package in packages():
        assert f"`{package['name']}` | {package['version']} | {package['license']} |" in readme


@pytest.mark.parametrize("package", packages(), ids=package_id)
def test_every_listed_file_is_vendored(package):
    missing = [rel for rel in listed_files(package) if not (VENDOR / rel).is_file()]
    assert not missing, f"missing from counterpart/static/vendor/: {missing}"
    empty = [rel for rel in listed_files(package) if (VENDOR / rel).stat().st_size == 0]
    assert not empty, f"empty files: {empty}"


@pytest.mark.parametrize("package", packages(), ids=package_id)
def test_each_package_carries_its_licence(package):
    assert package["license_files"], f"{package['name']} lists no licence file"
    licences = [name for name in package["license_files"].values() if LICENCE_NAME.match(name)]
    assert licences, f"{package['name']}: no LICENSE among {list(package['license_files'])}"
    for name in licences:
        text = (VENDOR / package["dest"] / name).read_text(encoding="utf-8")
        assert len(text) > 100, f"{package['dest']}/{name} is not a licence text"
    for bundle in package.get("bundles", []):
        assert bundle["license_files"], f"{bundle['name']} (inside {package['name']})"


def entries():
    """(package, entry) for each vendored package and each package compiled into one."""
    return [(p, entry) for p in packages() for entry in [p, *p.get("bundles", [])]]


@pytest.mark.parametrize("entry", entries(), ids=lambda pair: pair[1]["name"])
def test_licence_files_hold_the_licence_listed(entry):
    """One of the licence files of a package (or of a package compiled into one) is the licence
    it is listed under; the others are notices or the licences of parts. A package without a
    licence file (@orchidjs/sifter states its licence in its README) says so in the manifest."""
    package, item = entry
    words = LICENCE_WORDS[item["license"]]
    texts = {
        name: (VENDOR / package["dest"] / name).read_text(encoding="utf-8")
        for name in item["license_files"].values()
    }
    assert any(words in text for text in texts.values()), (
        f"{item['name']}: none of {sorted(texts)} is a {item['license']} text"
    )
    if not any(LICENCE_NAME.match(Path(src).name) for src in item["license_files"]):
        assert item.get("license_note"), f"{item['name']}: say where its licence is stated"


def test_tom_select_and_what_it_compiles_in_are_pinned():
    """The searchable selects (web/app.js): the complete build (its plugins included) and its
    Bootstrap 5 theme, with the two packages the build contains, all Apache-2.0."""
    by_name = {package["name"]: package for package in packages()}
    tom = by_name["tom-select"]
    assert tom["license"] == "Apache-2.0"
    assert tom["version"].startswith("2.")
    assert set(tom["files"].values()) == {
        "tom-select.complete.min.js",
        "tom-select.bootstrap5.css",
    }
    bundled = {bundle["name"]: bundle["license"] for bundle in tom["bundles"]}
    assert bundled == {
        "@orchidjs/sifter": "Apache-2.0",
        "@orchidjs/unicode-variants": "Apache-2.0",
    }
    script = (VENDOR / "tom-select" / "tom-select.complete.min.js").read_text(encoding="utf-8")
    for plugin in ("remove_button", "clear_button"):
        assert f'"{plugin}"' in script, f"the build lacks the {plugin} plugin"


@pytest.mark.parametrize(
    ("name", "rel", "banner"), VERSION_BANNERS, ids=[rel for _, rel, _ in VERSION_BANNERS]
)
def test_vendored_files_are_the_pinned_versions(name, rel, banner):
    version = {package["name"]: package["version"] for package in packages()}[name]
    head = (VENDOR / rel).read_text(encoding="utf-8")[:50_000]
    assert banner.format(version=version) in head, f"{rel} is not {name} {version}"


def test_templates_load_only_vendored_files_that_exist():
    loaded = {}
    for template in TEMPLATES.rglob("templates/**/*.html"):
        for match in STATIC_VENDOR.finditer(template.read_text(encoding="utf-8")):
            loaded.setdefault(match["path"], []).append(template.relative_to(ROOT).as_posix())
    assert "tom-select/tom-select.complete.min.js" in loaded
    assert "tom-select/tom-select.bootstrap5.css" in loaded
    missing = {path: where for path, where in loaded.items() if not (VENDOR / path).is_file()}
    assert not missing, f"templates load vendor files that are not there: {missing}"


def test_every_licence_is_compatible_with_apache_2():
    entries = [entry for package in packages() for entry in [package, *package.get("bundles", [])]]
    refused = {entry["name"]: entry["license"] for entry in entries}
    refused = {name: lic for name, lic in refused.items() if lic not in ALLOWED_LICENSES}
    assert not refused, f"licences outside the allow-list: {refused}"


def test_versions_are_exact_and_destinations_distinct():
    for package in packages():
        for entry in [package, *package.get("bundles", [])]:
            assert re.fullmatch(r"\d+\.\d+\.\d+", entry["version"]), entry["name"]
            assert entry["integrity"].startswith("sha512-"), entry["name"]
    dests = [package["dest"] for package in packages()]
    assert len(dests) == len(set(dests))


def test_nothing_unlisted_in_the_vendor_directory():
    expected = {"README.md"}
    for package in packages():
        expected.update(listed_files(package))
    for package in font_packages():
        font_dir = package["fontsource"]["font_dir"]
        expected.update(
            f"{package['dest']}/{font_dir}/{path.name}"
            for path in (VENDOR / package["dest"] / font_dir).iterdir()
        )
    present = {path.relative_to(VENDOR).as_posix() for path in VENDOR.rglob("*") if path.is_file()}
    assert present == expected


def test_there_are_css_and_js_files_to_scan():
    names = {path.name for path in vendored_text_files()}
    assert {
        "bootstrap.min.css",
        "bootstrap.bundle.min.js",
        "htmx.min.js",
        "tom-select.complete.min.js",
        "tom-select.bootstrap5.css",
    } <= names


@pytest.mark.parametrize(
    "path", vendored_text_files(), ids=lambda p: p.relative_to(VENDOR).as_posix()
)
def test_no_remote_fetches(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".css":
        text = COMMENT.sub("", text)
    found = [m["url"] for pattern in (URL_CALL, IMPORT, SRC_ATTR) for m in pattern.finditer(text)]
    assert not found, f"{path.relative_to(VENDOR)} fetches {found[:5]}"


@pytest.mark.parametrize(
    "path", vendored_text_files(), ids=lambda p: p.relative_to(VENDOR).as_posix()
)
def test_no_source_map_references(path):
    # ManifestStaticFilesStorage would look for the .map files, which are not vendored.
    assert "sourceMappingURL=" not in path.read_text(encoding="utf-8")


def test_remote_url_patterns_catch_what_they_should():
    assert URL_CALL.search("src: url(https://cdn.example/f.woff2)")
    assert URL_CALL.search("background:url( '//cdn.example/x.png')")
    assert IMPORT.search('@import "https://fonts.example/css";')
    assert IMPORT.search("@import url(http://x/y.css);")
    assert SRC_ATTR.search('<img src="https://x/y.png">')
    assert SRC_ATTR.search('"<script src=\\"//x/y.js\\">"')
    assert not URL_CALL.search(
        """url("data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'")"""
    )
    assert not URL_CALL.search("url(files/a.woff2)")
    assert not SRC_ATTR.search("img.src=e")


@pytest.mark.parametrize("package", font_packages(), ids=package_id)
def test_font_css_targets_exist_and_cover_the_weights(package):
    spec = package["fontsource"]
    css_path = VENDOR / package["dest"] / spec["css"]
    css = COMMENT.sub("", css_path.read_text(encoding="utf-8"))
    faces = re.findall(r"@font-face\s*\{([^}]*)\}", css)
    assert faces
    urls = [m["url"] for m in CSS_URL.finditer(css)]
    assert len(urls) == len(faces), "one woff2 source per @font-face rule"
    for url in urls:
        assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|/)", url, re.IGNORECASE), url
        assert url.endswith(".woff2"), url
        target = (css_path.parent / url).resolve()
        assert target.is_relative_to(css_path.parent.resolve()), url
        assert target.is_file(), f"{spec['css']} points at missing {url}"
    fonts = {path.name for path in (css_path.parent / spec["font_dir"]).iterdir()}
    assert fonts == {Path(url).name for url in urls}, "woff2 files that no rule uses"
    for body in faces:
        assert f"font-family: '{spec['family']}'" in body
        assert f"font-style: {spec['style']}" in body
        assert "unicode-range:" in body
    weights = {int(w) for w in re.findall(r"font-weight:\s*(\d+)", css)}
    assert weights == set(spec["weights"])


def test_font_covers_chinese_and_latin():
    for package in font_packages():
        css = (VENDOR / package["dest"] / package["fontsource"]["css"]).read_text(encoding="utf-8")
        ranges = []
        for value in re.findall(r"unicode-range:\s*([^;]+);", css):
            for part in value.split(","):
                low, _, high = part.strip().removeprefix("U+").removeprefix("u+").partition("-")
                ranges.append((int(low, 16), int(high or low, 16)))
        for char in "A中国黑龙江广东签约，。":
            assert any(low <= ord(char) <= high for low, high in ranges), char
