"""Vendor the web UI's front-end assets into counterpart/static/vendor/ from the npm registry.

    python scripts/vendor_assets.py           # (re)write counterpart/static/vendor/
    python scripts/vendor_assets.py --check   # exit 1 if the committed files differ

The pinned manifest is scripts/vendor_assets.json. The script installs exactly those versions
into a temporary directory with npm (no lifecycle scripts), checks each package's version,
tarball integrity and package.json licence against the manifest (and the licence against the
allow-list), copies the listed files and licence files, strips source-map comments, builds the
web-font CSS and rewrites vendor/README.md. It owns the whole vendor/ directory: anything there
that the manifest does not produce is removed. Running it twice gives identical files. The
vendored files are committed, so nothing else needs npm.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "scripts" / "vendor_assets.json"
VENDOR = ROOT / "counterpart" / "static" / "vendor"
COMMAND = "python scripts/vendor_assets.py"

# Licences whose terms let the files ship inside an Apache-2.0 product. 0BSD is ISC without
# even the notice requirement (htmx 2.x and tslib use it).
ALLOWED_LICENSES = frozenset(
    {"0BSD", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MIT", "OFL-1.1"}
)

NPM_INSTALL = ["npm", "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund"]

# `//# sourceMappingURL=x.map` and `/*# sourceMappingURL=x.map */` lines (also the old `@` form).
SOURCE_MAP_LINE = re.compile(
    rb"^[ \t]*(?://[#@][ \t]*sourceMappingURL=[^\r\n]*|/\*[#@][ \t]*sourceMappingURL=[^\r\n]*?\*/)"
    rb"[ \t]*(?:\r?\n|\Z)",
    re.MULTILINE,
)
FONT_FACE = re.compile(r"/\*\s*(?P<label>[^*]+?)\s*\*/\s*@font-face\s*\{(?P<body>[^}]*)\}")
DECLARATION = re.compile(r"\s*(?P<name>[a-z-]+)\s*:\s*(?P<value>[^;]+?)\s*(?:;|$)")
WOFF2_URL = re.compile(r"""url\(\s*(['"]?)(?:\./)?files/(?P<file>[^'")/]+\.woff2)\1\s*\)""")
NUMBERED_SUBSET = re.compile(r"^\[\d+\]$")


class VendorError(Exception):
    """Something in the manifest, the registry or the packages is not as pinned."""


@dataclass
class Output:
    """The vendored tree as bytes by relative path, plus what the README reports."""

    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, rel: str, data: bytes) -> None:
        if rel in self.files:
            raise VendorError(f"two manifest entries write vendor/{rel}")
        self.files[rel] = data

    def size(self, prefix: str = "") -> int:
        return sum(len(data) for rel, data in self.files.items() if rel.startswith(prefix))


# --- manifest -----------------------------------------------------------------------------


def load_manifest(path: Path = MANIFEST) -> dict:
    manifest = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    dests = set()
    for package in manifest["packages"]:
        name = package.get("name", "?")
        for key in ("name", "version", "license", "integrity", "dest", "files", "license_files"):
            if key not in package:
                problems.append(f"{name}: missing '{key}'")
        if not re.fullmatch(r"\d+\.\d+\.\d+", package.get("version", "")):
            problems.append(f"{name}: version {package.get('version')!r} is not an exact x.y.z")
        if not package.get("license_files"):
            problems.append(f"{name}: no licence file listed")
        dest = package.get("dest", "")
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", dest) or dest in dests:
            problems.append(f"{name}: destination {dest!r} is not a unique plain directory name")
        dests.add(dest)
        for entry in [package, *package.get("bundles", [])]:
            if entry.get("license") not in ALLOWED_LICENSES:
                problems.append(
                    f"{entry.get('name')}: licence {entry.get('license')!r} is not in the "
                    f"allow-list {sorted(ALLOWED_LICENSES)}"
                )
    if problems:
        raise VendorError("manifest problems:\n  " + "\n  ".join(problems))
    return manifest


def pinned(manifest: dict) -> list[dict]:
    """Every package npm must install: the vendored ones and the ones bundled into them."""
    return [
        entry
        for package in manifest["packages"]
        for entry in [package, *package.get("bundles", [])]
    ]


# --- npm ----------------------------------------------------------------------------------


def npm_install(manifest: dict, workdir: Path) -> Path:
    (workdir / "package.json").write_text(
        json.dumps({"name": "counterpart-vendor-assets", "private": True}) + "\n",
        encoding="utf-8",
    )
    specs = [f"{entry['name']}@{entry['version']}" for entry in pinned(manifest)]
    env = {**os.environ, "npm_config_update_notifier": "false"}
    print("$", " ".join([*NPM_INSTALL, *specs]), flush=True)
    try:
        subprocess.run([*NPM_INSTALL, *specs], cwd=workdir, env=env, check=True)
    except FileNotFoundError as error:
        raise VendorError("npm is not on PATH; it is needed only to refresh the assets") from error
    except subprocess.CalledProcessError as error:
        raise VendorError(f"npm install failed (exit {error.returncode})") from error
    return workdir / "node_modules"


def verify_installed(manifest: dict, modules: Path) -> None:
    """Fail unless each pinned package is installed at its version, integrity and licence."""
    lock_path = modules / ".package-lock.json"
    if not lock_path.is_file():
        raise VendorError(f"npm left no {lock_path.name}; cannot check tarball integrity")
    lock = json.loads(lock_path.read_text(encoding="utf-8"))["packages"]
    problems = []
    for entry in pinned(manifest):
        name = entry["name"]
        package_json = modules / name / "package.json"
        if not package_json.is_file():
            problems.append(f"{name}: not installed")
            continue
        meta = json.loads(package_json.read_text(encoding="utf-8"))
        if meta.get("version") != entry["version"]:
            problems.append(f"{name}: installed {meta.get('version')}, pinned {entry['version']}")
        license_field = meta.get("license", meta.get("licenses"))
        if license_field != entry["license"]:
            problems.append(
                f"{name}: package.json licence is {license_field!r}, "
                f"the manifest says {entry['license']!r}"
            )
        integrity = lock.get(f"node_modules/{name}", {}).get("integrity")
        if integrity != entry["integrity"]:
            problems.append(f"{name}: integrity {integrity!r} is not the pinned one")
    if problems:
        raise VendorError(
            "installed packages do not match the manifest:\n  " + "\n  ".join(problems)
        )


# --- building the tree --------------------------------------------------------------------


def strip_source_maps(rel: str, data: bytes) -> bytes:
    if not rel.endswith((".js", ".css")):
        return data
    data = SOURCE_MAP_LINE.sub(b"", data)
    if b"sourceMappingURL=" in data:
        raise VendorError(f"vendor/{rel} still names a source map after stripping")
    return data


def read_package_file(modules: Path, package: str, rel: str) -> bytes:
    path = modules / package / rel
    if not path.is_file():
        raise VendorError(f"{package} has no file {rel}")
    return path.read_bytes()


def font_faces(css: str, font_id: str) -> list[dict]:
    """The @font-face rules of a fontsource CSS file with their subset, weight and style."""
    label = re.compile(rf"^{re.escape(font_id)}-(?P<subset>.+)-(?P<weight>\d+)-(?P<style>\w+)$")
    faces = []
    for match in FONT_FACE.finditer(css):
        named = label.match(match["label"])
        if not named:
            raise VendorError(f"unexpected @font-face label {match['label']!r}")
        declarations = {d["name"]: d["value"] for d in DECLARATION.finditer(match["body"])}
        faces.append({**named.groupdict(), "label": match["label"], **declarations})
    return faces


def wanted_subset(subset: str, wanted: list[str]) -> bool:
    return subset in wanted or ("[numbered]" in wanted and bool(NUMBERED_SUBSET.match(subset)))


def build_font(package: dict, modules: Path, out: Output) -> dict:
    spec = package["fontsource"]
    name, dest = package["name"], package["dest"]
    metadata = json.loads(read_package_file(modules, name, "metadata.json"))
    if metadata["family"] != spec["family"]:
        raise VendorError(f"{name} is family {metadata['family']!r}, not {spec['family']!r}")
    blocks = [
        f"/* {spec['family']} ({name} {package['version']}, {package['license']}; see LICENSE).\n"
        f" * Weights {', '.join(map(str, spec['weights']))}, {spec['style']} style, woff2 only;\n"
        f" * subsets: {', '.join(spec['subsets'])}. Generated by {COMMAND}: do not edit. */"
    ]
    files = []
    for weight in spec["weights"]:
        css = read_package_file(modules, name, f"{weight}.css").decode("utf-8")
        faces = [
            face
            for face in font_faces(css, metadata["id"])
            if face["style"] == spec["style"] and wanted_subset(face["subset"], spec["subsets"])
        ]
        found = {face["subset"] for face in faces}
        missing = [s for s in spec["subsets"] if s != "[numbered]" and s not in found]
        if "[numbered]" in spec["subsets"] and not any(NUMBERED_SUBSET.match(s) for s in found):
            missing.append("[numbered]")
        if missing:
            raise VendorError(f"{name} {weight}.css has no {spec['style']} subset {missing}")
        for face in faces:
            woff2 = WOFF2_URL.search(face.get("src", ""))
            checks = {
                "font-family": face.get("font-family", "").strip("'\"") == spec["family"],
                "font-weight": face.get("font-weight") == str(weight) == face["weight"],
                "font-style": face.get("font-style") == spec["style"],
                "unicode-range": bool(face.get("unicode-range")),
                "woff2 src": woff2 is not None,
            }
            wrong = [key for key, ok in checks.items() if not ok]
            if wrong:
                raise VendorError(f"{name} {face['label']}: unexpected {', '.join(wrong)}")
            target = f"{spec['font_dir']}/{woff2['file']}"
            out.add(f"{dest}/{target}", read_package_file(modules, name, f"files/{woff2['file']}"))
            files.append(target)
            blocks.append(
                "\n".join(
                    [
                        f"/* {face['label']} */",
                        "@font-face {",
                        f"  font-family: '{spec['family']}';",
                        f"  font-style: {spec['style']};",
                        f"  font-display: {face.get('font-display', 'swap')};",
                        f"  font-weight: {weight};",
                        f"  src: url({target}) format('woff2');",
                        f"  unicode-range: {face['unicode-range']};",
                        "}",
                    ]
                )
            )
    out.add(f"{dest}/{spec['css']}", ("\n\n".join(blocks) + "\n").encode("utf-8"))
    return {"css": spec["css"], "fonts": files}


def build(manifest: dict, modules: Path) -> Output:
    out = Output()
    for package in manifest["packages"]:
        name, dest = package["name"], package["dest"]
        for src, target in package["files"].items():
            rel = f"{dest}/{target}"
            out.add(rel, strip_source_maps(rel, read_package_file(modules, name, src)))
        for entry in [package, *package.get("bundles", [])]:
            for src, target in entry["license_files"].items():
                out.add(f"{dest}/{target}", read_package_file(modules, entry["name"], src))
        if "fontsource" in package:
            build_font(package, modules, out)
    out.add("README.md", readme(manifest, out).encode("utf-8"))
    return out


# --- README -------------------------------------------------------------------------------


def kib(size: int) -> str:
    return f"{size / 1024:,.1f} KiB"


def readme(manifest: dict, out: Output) -> str:
    lines = [
        "# Vendored front-end assets",
        "",
        "Everything in this directory is generated from `scripts/vendor_assets.json` (exact",
        "versions, tarball integrity, licences) by the command below, which needs `npm` and the",
        "npm registry; serving the UI needs neither, and nothing is loaded from a CDN. Do not",
        "edit these files by hand: the script owns the whole directory and removes anything it",
        "does not produce.",
        "",
        "```sh",
        COMMAND,
        f"{COMMAND} --check   # fails if the committed files are not what it produces",
        "```",
        "",
        "| package | version | licence | files | size |",
        "|---|---|---|---|---|",
    ]
    for package in manifest["packages"]:
        dest = package["dest"]
        if "fontsource" in package:
            spec = package["fontsource"]
            fonts = [rel for rel in out.files if rel.startswith(f"{dest}/{spec['font_dir']}/")]
            shown = [
                f"`{dest}/{spec['css']}`",
                f"{len(fonts)} × `{dest}/{spec['font_dir']}/*.woff2`",
            ]
        else:
            shown = [f"`{dest}/{target}`" for target in package["files"].values()]
        own = package["license_files"].values()
        shown.append("licence: " + ", ".join(f"`{dest}/{t}`" for t in own))
        lines.append(
            f"| `{package['name']}` | {package['version']} | {package['license']} | "
            f"{'<br>'.join(shown)} | {kib(out.size(dest + '/'))} |"
        )
    bundles = [(p, b) for p in manifest["packages"] for b in p.get("bundles", [])]
    if bundles:
        lines += [
            "",
            "Compiled into the files above, with their licences kept beside them:",
            "",
            "| inside | package | version | licence | licence file |",
            "|---|---|---|---|---|",
        ]
        for package, bundle in bundles:
            files = ", ".join(f"`{package['dest']}/{t}`" for t in bundle["license_files"].values())
            if bundle.get("license_note"):
                files += f" ({bundle['license_note']})"
            lines.append(
                f"| `{package['name']}` | `{bundle['name']}` | {bundle['version']} | "
                f"{bundle['license']} | {files} |"
            )
    for package in manifest["packages"]:
        if "fontsource" not in package:
            continue
        spec, dest = package["fontsource"], package["dest"]
        fonts = [rel for rel in out.files if rel.startswith(f"{dest}/{spec['font_dir']}/")]
        font_bytes = sum(len(out.files[rel]) for rel in fonts)
        lines += [
            "",
            f"## Web font: {spec['family']}",
            "",
            f"`{dest}/{spec['css']}` declares `font-family: '{spec['family']}'` for weights "
            f"{' and '.join(map(str, spec['weights']))} ({spec['style']} style),",
            "one `@font-face` rule per `unicode-range` slice, so a browser downloads only the",
            "slices whose characters a page shows. Slices kept: the numbered ones, which cover",
            "Simplified Chinese (CJK ideographs and punctuation, full-width forms, pinyin), and",
            "`latin`; cyrillic, vietnamese and latin-ext are left out. Use it as",
            f"`font-family: '{spec['family']}', system-ui, sans-serif;`.",
            "",
            f"Total: {len(fonts)} woff2 files, {font_bytes:,} bytes ({kib(font_bytes)}); with the "
            f"CSS and licence {out.size(dest + '/'):,} bytes.",
        ]
    lines += [
        "",
        "## In templates",
        "",
        "```django",
        "{% load static %}",
    ]
    for package in manifest["packages"]:
        dest = package["dest"]
        targets = list(package["files"].values())
        if "fontsource" in package:
            targets.append(package["fontsource"]["css"])
        for target in targets:
            if target.endswith(".css"):
                lines.append(
                    f'<link rel="stylesheet" href="{{% static \'vendor/{dest}/{target}\' %}}">'
                )
            elif target.endswith(".js"):
                lines.append(f"<script src=\"{{% static 'vendor/{dest}/{target}' %}}\"></script>")
    lines.append("```")
    if manifest.get("skipped"):
        lines += ["", "## Considered and left out", ""]
        for skipped in manifest["skipped"]:
            lines.append(
                f"- `{skipped['name']}` {skipped['version']} ({skipped['license']}): "
                f"{skipped['reason']}."
            )
    return "\n".join(lines) + "\n"


# --- writing ------------------------------------------------------------------------------


def current_files(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def differences(out: Output, root: Path) -> list[tuple[str, str]]:
    """(kind, path) for each file that is missing, stale or changed under root."""
    existing = current_files(root)
    changes = [("missing", rel) for rel in sorted(set(out.files) - set(existing))]
    changes += [("stale", rel) for rel in sorted(set(existing) - set(out.files))]
    changes += [
        ("changed", rel)
        for rel in sorted(set(out.files) & set(existing))
        if existing[rel].read_bytes() != out.files[rel]
    ]
    return changes


def write(out: Output, root: Path) -> list[tuple[str, str]]:
    changes = differences(out, root)
    existing = current_files(root)
    for rel in set(existing) - set(out.files):
        existing[rel].unlink()
    for rel, data in sorted(out.files.items()):
        path = root / rel
        if rel in existing and existing[rel].read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files, write nothing"
    )
    args = parser.parse_args(argv)
    try:
        manifest = load_manifest()
        with tempfile.TemporaryDirectory(prefix="vendor-assets-") as tmp:
            modules = npm_install(manifest, Path(tmp))
            verify_installed(manifest, modules)
            out = build(manifest, modules)
    except VendorError as error:
        print(f"vendor_assets: {error}", file=sys.stderr)
        return 1
    shown = VENDOR.relative_to(ROOT)
    if args.check:
        changes = differences(out, VENDOR)
        for kind, rel in changes:
            print(f"{kind:8} {rel}")
        print(f"{shown}: {'differs' if changes else 'up to date'} ({len(out.files)} files)")
        return 1 if changes else 0
    changes = write(out, VENDOR)
    done = {"missing": "added", "stale": "removed", "changed": "updated"}
    for kind, rel in changes:
        print(f"{done[kind]:8} {rel}")
    print(f"{shown}: {len(out.files)} files, {out.size():,} bytes, {len(changes)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
